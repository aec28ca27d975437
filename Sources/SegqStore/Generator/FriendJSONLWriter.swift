import Foundation
import SegqSyntax

/// Writes friends as JSON Lines in the form the importer reads
/// (docs/data-formats.md): keys in a fixed order, properties sorted by name,
/// absent values left out, times as RFC 3339 UTC.
public enum FriendJSONLWriter {
    /// One friend as one line of JSON (without the newline).
    public static func line(_ f: Friend) -> String { record(f).serialized() }

    /// One friend as the JSON object of its line.
    public static func record(_ f: Friend) -> JSONValue {
        var members: [(String, JSONValue)] = [("id", .string(f.id))]
        if let name = f.name { members.append(("name", .string(name))) }
        members.append(("added_at", .string(RFC3339.format(f.addedAt))))
        if !f.tags.isEmpty { members.append(("tags", .array(f.tags.map(JSONValue.string)))) }
        if let s = f.shopify {
            var o: [(String, JSONValue)] = []
            if let id = s.id { o.append(("id", .string(id))) }
            if !s.tags.isEmpty { o.append(("tags", .array(s.tags.map(JSONValue.string)))) }
            o.append(("purchases", .int(s.purchases)))
            if let t = s.lastPurchaseAt { o.append(("last_purchase_at", .string(RFC3339.format(t)))) }
            if let t = s.abandonedCartAt { o.append(("abandoned_cart_at", .string(RFC3339.format(t)))) }
            members.append(("shopify", .object(o)))
        }
        if let h = f.hubspot { members.append(("hubspot", crm(h, listKey: "segments"))) }
        if let k = f.klaviyo { members.append(("klaviyo", crm(k, listKey: "lists"))) }
        return .object(members)
    }

    private static func crm(_ d: CRMData, listKey: String) -> JSONValue {
        var o: [(String, JSONValue)] = []
        if let id = d.id { o.append(("id", .string(id))) }
        if !d.lists.isEmpty { o.append((listKey, .array(d.lists.map(JSONValue.string)))) }
        if !d.properties.isEmpty {
            o.append(("properties", .object(d.properties.keys.sorted().compactMap { key in
                guard let v = d.properties[key] else { return nil }
                switch v {
                case .string(let s): return (key, .string(s))
                case .number(let x): return (key, .double(x))
                case .bool(let b): return (key, .bool(b))
                }
            })))
        }
        return .object(o)
    }

    /// Writes `friends` to `url` as JSON Lines, one friend a line, in
    /// buffered chunks (the whole file is never held in memory). The file
    /// is created or truncated; a device such as `/dev/stdout` is written as is.
    public static func write(_ friends: some Sequence<Friend>, to url: URL) throws {
        let path = url.path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw ImportError.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        func flush() throws {
            try buffer.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return }
                var offset = 0
                while offset < raw.count {
                    let n = Foundation.write(fd, base + offset, raw.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw ImportError.writeFailed(path: path, reason: String(cString: strerror(errno)))
                    }
                    offset += n
                }
            }
            buffer.removeAll(keepingCapacity: true)
        }
        for f in friends {
            buffer.append(contentsOf: line(f).utf8)
            buffer.append(0x0A)
            if buffer.count >= 1 << 20 { try flush() }
        }
        if !buffer.isEmpty { try flush() }
    }
}

extension FriendGenerator {
    /// Writes `count` friends generated from `seed` to `url` as JSON Lines.
    public static func writeJSONL(count: Int, seed: UInt64, to url: URL,
                                  now: Int64 = FriendGenerator.defaultNow) throws {
        var generator = FriendGenerator(seed: seed, now: now)
        try FriendJSONLWriter.write((0 ..< max(0, count)).lazy.map { _ in generator.next() }, to: url)
    }
}
