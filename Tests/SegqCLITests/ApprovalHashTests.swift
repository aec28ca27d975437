import Testing
import Segq

@Test func approvalHashMatchesKnownVectors() {
    #expect(ApprovalHash.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(ApprovalHash.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(ApprovalHash.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(ApprovalHash.hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    // FIPS 180-2 long message: one million `a`.
    #expect(ApprovalHash.hex(String(repeating: "a", count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    // Lengths around the 55/56/64-byte padding boundaries.
    for (n, prefix) in [(55, "eb2c86e932179f4b"), (56, "a5fc6e203a4c2b65"), (63, "94e419fabac7f930"),
                        (64, "a0fab1377f49a759"), (119, "68297a9eb141ce16")] {
        #expect(ApprovalHash.hex(String(repeating: "b", count: n)).hasPrefix(prefix))
    }
}
