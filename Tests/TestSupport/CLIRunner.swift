import Foundation

/// Runs the built `segq` executable as a child process, the way a user or
/// a script would. The binary is found beside the test bundle (SwiftPM
/// builds products and tests into the same folder) or at `$SEGQ_BINARY`.
public enum CLIRunner {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// Standard output and error: interleaved as written when run `merged`,
    /// otherwise output then error.
        public var combined: String
    }

    public static var binaryURL: URL? {
        if let path = ProcessInfo.processInfo.environment["SEGQ_BINARY"] {
            return URL(fileURLWithPath: path)
        }
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent()) }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        candidates.append(Bundle.main.bundleURL)
        for dir in candidates {
            var url = dir
            for _ in 0..<4 {
                let binary = url.appendingPathComponent("segq")
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: binary.path, isDirectory: &isDir), !isDir.boolValue {
                    return binary
                }
                url = url.deletingLastPathComponent()
            }
        }
        return nil
    }

    /// The repository root (for samples and fixtures).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `segq args…` with `stdin` as standard input, in `directory`.
    /// With `merged`, standard error goes into the same pipe as standard
    /// output (like `2>&1`), so `combined` keeps the exact write order and
    /// `stdout`/`stderr` both hold everything.
    public static func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:],
                           directory: URL? = nil, merged: Bool = false) throws -> Result {
        guard let binary = binaryURL else {
            throw NSError(domain: "CLIRunner", code: 1,
                          userInfo: [NSLocalizedDescriptionKey: "segq binary not found; build it first"])
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? repositoryRoot
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "SEGQ_STORE")
        env["SEGQ_HISTORY"] = "/dev/null"
        for (k, v) in environment { env[k] = v }
        process.environment = env

        // Output goes to temporary files, read after exit: no pipe can
        // fill up and block the child, and merged output keeps write order.
        let dir = FileManager.default.temporaryDirectory
        let outURL = dir.appendingPathComponent("segq-cli-\(UUID().uuidString).out")
        let errURL = merged ? outURL : dir.appendingPathComponent("segq-cli-\(UUID().uuidString).err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = merged ? outHandle : try FileHandle(forWritingTo: errURL)
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = outHandle
        process.standardError = errHandle
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        try? outHandle.close()
        if !merged { try? errHandle.close() }
        let out = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
        let err = merged ? out : String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        return Result(status: process.terminationStatus, stdout: out, stderr: err, combined: merged ? out : out + err)
    }

    /// Splits a shell-like command line: words separated by spaces, with
    /// single quotes (literal) and double quotes (backslash escapes `"` and `\`).
    public static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for ch in line {
            if escaped { current.append(ch); escaped = false; continue }
            if let q = quote {
                if ch == q { quote = nil } else if q == "\"" && ch == "\\" { escaped = true } else { current.append(ch) }
                continue
            }
            switch ch {
            case "'", "\"": quote = ch; inWord = true
            case "\\": escaped = true; inWord = true
            case " ", "\t":
                if inWord { words.append(current); current = ""; inWord = false }
            default: current.append(ch); inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
