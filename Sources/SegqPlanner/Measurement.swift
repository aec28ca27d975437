import SegqBasics

/// What one plan node did in an analyzed run.
public struct NodeMeasurement: Hashable, Sendable {
    /// Rows the node yielded.
    public var actualRows: Int
    /// Wall time spent in the node, children included.
    public var nanoseconds: UInt64

    public init(actualRows: Int, nanoseconds: UInt64) {
        self.actualRows = actualRows
        self.nanoseconds = nanoseconds
    }
}

/// Per-node measurements of an analyzed run, keyed by `PlanNode.id`. A node
/// without a measurement was skipped: an earlier condition of its group
/// left no rows, or earlier groups already covered every friend.
public struct PlanMeasurements: Hashable, Sendable {
    public var nodes: [Int: NodeMeasurement] = [:]
    /// Wall time of the whole evaluation.
    public var totalNanoseconds: UInt64 = 0

    public init() {}
}

/// Number formatting for plans and reports (ASCII only, locale-independent).
enum Format {
    /// `2000` → `2,000`.
    static func count(_ n: Int) -> String {
        NumberText.grouped(n)
    }

    /// Elapsed time in µs below 10 ms, else in ms with one decimal.
    static func duration(_ nanoseconds: UInt64) -> String {
        let micros = nanoseconds / 1_000
        if micros < 10_000 { return "\(count(Int(micros))) µs" }
        let tenths = (nanoseconds + 50_000) / 100_000
        return "\(count(Int(tenths / 10))).\(tenths % 10) ms"
    }
}
