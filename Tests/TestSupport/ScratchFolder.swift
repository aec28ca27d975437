import Foundation

/// A folder of its own under the temporary directory (`segq-PURPOSE-PID-N`),
/// removed with everything in it when the value goes.
public final class ScratchFolder {
    public let url: URL

    public init(_ purpose: String) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("segq-\(purpose)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` as UTF-8 to `name` in the folder; its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try text.write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }

    /// Writes `bytes` to `name` in the folder; its path.
    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) -> String {
        FileManager.default.createFile(atPath: path(name), contents: Data(bytes))
        return path(name)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
