import Crypto

/// The hash that identifies an approved query: SHA-256 (swift-crypto) of
/// the canonical text's UTF-8 bytes, as 64 lower-case hex digits. A
/// proposal cannot be swapped between review and save without it changing.
public enum ApprovalHash {
    public static func hex(_ text: String) -> String {
        let digest = SHA256.hash(data: Array(text.utf8))
        var out = ""
        out.reserveCapacity(64)
        for byte in digest {
            out += byte < 0x10 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }
        return out
    }
}
