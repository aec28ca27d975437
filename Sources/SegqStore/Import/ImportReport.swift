/// One rejected record: where it is and what is wrong with it.
public struct ImportProblem: Hashable, Sendable, CustomStringConvertible {
    /// The file's path as given to the reader, or nil for in-memory input.
    public var file: String?
    /// 1-based physical line where the record starts.
    public var line: Int
    public var message: String

    public init(file: String? = nil, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message` (or `line N: message` without a file).
    public var description: String {
        if let file { return "\(file):\(line): \(message)" }
        return "line \(line): \(message)"
    }
}

/// The outcome of reading one or more files: how many friends were
/// accepted and every problem found. A strict import that has any problem
/// accepts nothing; the caller applies that rule (see `strictened`).
public struct ImportReport: Hashable, Sendable {
    public var accepted: Int
    public var problems: [ImportProblem]

    public init(accepted: Int = 0, problems: [ImportProblem] = []) {
        self.accepted = accepted
        self.problems = problems
    }

    public var isClean: Bool { problems.isEmpty }

    /// Adds another file's report to this one.
    public mutating func merge(_ other: ImportReport) {
        accepted += other.accepted
        problems += other.problems
    }

    /// The report of a strict import: unchanged when clean, otherwise the
    /// same problems with nothing accepted.
    public func strictened() -> ImportReport {
        isClean ? self : ImportReport(accepted: 0, problems: problems)
    }
}

/// Whether an import keeps the good records of a file with bad ones.
public enum ImportStrictness: Hashable, Sendable {
    /// Keep every good record, report the bad ones.
    case lenient
    /// Any problem means nothing is imported.
    case strict
}

/// A file that cannot be read at all (as opposed to bad records in it).
public enum ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case readFailed(path: String, reason: String)
    case unsupportedFormat(path: String)
    /// Writing friends out (the generator, exports) failed.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "cannot open \(path): \(reason)"
        case .readFailed(let path, let reason): return "cannot read \(path): \(reason)"
        case .unsupportedFormat(let path):
            return "\(path): unsupported file type (expected .jsonl, .ndjson or .csv)"
        case .writeFailed(let path, let reason): return "cannot write \(path): \(reason)"
        }
    }
}
