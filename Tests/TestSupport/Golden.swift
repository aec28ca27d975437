import Foundation

/// Golden-file cases: `<dir>/<case>.segq` holds the input, `<case>.<ext>`
/// the expected output. Expectations are (re)written only when the
/// environment variable `SEGQ_RECORD=1` asks; CI never records.
public struct GoldenCase: CustomStringConvertible, Sendable {
    public let name: String
    public let inputURL: URL
    public let directory: URL
    /// Set on the stand-in case `Golden.cases` returns when a folder holds
    /// fewer cases than its walker expects: `Golden.check` fails with it.
    public let shortfall: String?

    public var description: String { name }

    public var input: String {
        (try? String(contentsOf: inputURL, encoding: .utf8)) ?? ""
    }

    public func expectedURL(_ ext: String) -> URL {
        directory.appendingPathComponent(name + "." + ext)
    }
}

public enum Golden {
    public static var isRecording: Bool {
        ProcessInfo.processInfo.environment["SEGQ_RECORD"] == "1"
    }

    /// The `Golden/<phase>` folder beside the calling test file.
    public static func directory(_ phase: String, file: String = #filePath) -> URL {
        URL(fileURLWithPath: file).deletingLastPathComponent()
            .appendingPathComponent("Golden").appendingPathComponent(phase)
    }

    /// Every `.segq` case in a golden folder, sorted by name. A folder with
    /// fewer than `minimum` cases (moved, emptied, misspelt) adds a stand-in
    /// case whose check fails, so a walker never passes on nothing.
    public static func cases(_ phase: String, minimum: Int, file: String = #filePath) -> [GoldenCase] {
        let dir = directory(phase, file: file)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        let found = names.filter { $0.hasSuffix(".segq") }.sorted().map {
            GoldenCase(name: String($0.dropLast(5)), inputURL: dir.appendingPathComponent($0), directory: dir,
                       shortfall: nil)
        }
        guard found.count < minimum else { return found }
        let message = "\(dir.path) holds \(found.count) golden cases; its walker expects at least \(minimum)"
        return found + [GoldenCase(name: "missing-golden-cases", inputURL: dir.appendingPathComponent("missing.segq"),
                                   directory: dir, shortfall: message)]
    }

    /// Compares `actual` with the stored expectation; records it when asked.
    /// Returns nil when they match, else a message describing the mismatch.
    public static func check(_ actual: String, against golden: GoldenCase, ext: String) -> String? {
        if let shortfall = golden.shortfall { return shortfall }
        let url = golden.expectedURL(ext)
        if isRecording {
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return "missing expectation \(url.lastPathComponent); run with SEGQ_RECORD=1 to record it"
        }
        if expected == actual { return nil }
        return "golden mismatch for \(golden.name).\(ext)\n--- expected\n\(expected)\n--- actual\n\(actual)"
    }
}
