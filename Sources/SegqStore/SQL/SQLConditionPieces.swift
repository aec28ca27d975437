import SegqSyntax
import SegqSemantics

/// Pieces of a condition that both SQL compilers (SQLite, PostgreSQL)
/// build alike. Strings are bound in NFC, the form the stores hold.
extension SQLDialect {
    /// A bound parameter; a string in NFC.
    public func parameter(_ value: Scalar) -> SQLFragment {
        if case .string(let s) = value { return .parameter(.string(UnicodeNormalization.nfc(s))) }
        return .parameter(value)
    }

    /// The values of `values` of one kind, without repeats (first
    /// occurrence kept); strings in NFC.
    public func distinct(_ values: [Scalar], of kind: ScalarKind) -> [Scalar] {
        var seen: Set<Scalar> = []
        var out: [Scalar] = []
        for v in values where v.kind == kind {
            let key: Scalar
            if case .string(let s) = v { key = .string(UnicodeNormalization.nfc(s)) } else { key = v }
            if seen.insert(key).inserted { out.append(key) }
        }
        return out
    }

    /// `expr` between the bounds given, each bound parameter inclusive or not.
    public func range(_ expr: SQLFragment, _ lower: Scalar?, _ lowerInclusive: Bool,
                      _ upper: Scalar?, _ upperInclusive: Bool) -> SQLFragment {
        var parts: [SQLFragment] = []
        if let lower { parts.append(expr + (lowerInclusive ? " >= " : " > ") + parameter(lower)) }
        if let upper { parts.append(expr + (upperInclusive ? " <= " : " < ") + parameter(upper)) }
        return SQLFragment.joined(parts, separator: " AND ")
    }

    /// A text test on a folded expression against a non-empty folded needle.
    public func textMatch(_ text: SQLFragment, _ match: TextMatch, _ key: String) -> SQLFragment {
        let needle = SQLFragment.parameter(.string(key))
        switch match {
        case .contains: return contains(text, needle)
        case .startsWith: return hasPrefix(text, needle)
        case .endsWith: return hasSuffix(text, needle, length: .parameter(.int(Int64(key.utf8.count))))
        }
    }
}
