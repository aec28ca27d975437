import SegqBasics
import SegqSyntax
import SegqNormalForm
import SegqSemantics

/// Where a query names a tag or a saved segment, found from its syntax
/// tree (never by searching the text): the string literals compared with
/// the top-level `tag` or `segment` field.
public struct QueryReferences {
    /// A top-level set field whose values other objects are named by.
    public enum NamedField: String, Sendable {
        case tag, segment
    }

    /// One literal naming a value of the field.
    public struct Reference: Hashable, Sendable {
        public var value: String
        public var span: Span
        /// True for `contains`/`starts with`/`ends with`: the literal is a
        /// pattern that may match the name, not the name itself.
        public var isPattern: Bool
        /// For `tag.K = "V"`: the key `K`; `value` is then the whole tag `K:V`
        /// and the literal spells only `V`.
        public var key: String? = nil
    }

    public let references: [Reference]

    public init(_ parsed: ParseResult, field: NamedField) {
        var found: [Reference] = []
        QueryReferences.collect(parsed.tree, field: field, into: &found)
        references = found
    }

    /// The exact names referred to.
    public var names: Set<String> { Set(references.filter { !$0.isPattern }.map(\.value)) }

    /// Whether the query refers to `name` exactly, or by a pattern that
    /// matches it (case-insensitive, as the text tests are).
    public func uses(_ name: String) -> (exact: Bool, pattern: Bool) {
        var exact = false, pattern = false
        let folded = CaseFolding.fold(name)
        for r in references {
            if !r.isPattern { exact = exact || r.value == name; continue }
            let p = CaseFolding.fold(r.value)
            pattern = pattern || folded.contains(p) || folded.hasPrefix(p) || folded.hasSuffix(p)
        }
        return (exact, pattern)
    }

    /// `text` with every exact reference to `old` replaced by the literal
    /// `new` (spans rewritten from the end, so earlier offsets stay valid);
    /// nil when nothing refers to `old`.
    public static func rename(in parsed: ParseResult, field: NamedField, from old: String, to new: String) -> String? {
        let targets = QueryReferences(parsed, field: field).references
            .filter { !$0.isPattern && $0.value == old }
            .sorted { $0.span.offset > $1.span.offset }
        guard !targets.isEmpty else { return nil }
        var bytes = parsed.source.bytes
        for t in targets {
            let start = t.span.offset, end = t.span.offset + t.span.length
            guard start >= 0, end <= bytes.count else { continue }
            // `tag.K = "V"` keeps its key: the literal becomes the new tag's value.
            var written = new
            if let key = t.key {
                guard let split = TagKeys.split(new), split.key == key else { continue }
                written = split.value
            }
            let replacement = Array(QueryPrinter.stringText(written).utf8)
            bytes.replaceSubrange(start..<end, with: replacement)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func collect(_ expr: Expr, field: NamedField, into found: inout [Reference]) {
        switch expr {
        case .or(let items, _), .and(let items, _):
            for item in items { collect(item, field: field, into: &found) }
        case .not(let inner, _), .parenthesized(let inner, _):
            collect(inner, field: field, into: &found)
        case .error:
            break
        case .condition(let condition):
            let path = condition.field.segments
            guard let segment = path.first, !segment.quoted, segment.name.lowercased() == field.rawValue,
                  let test = condition.test else { return }
            // `tag.Department = "Sales"` names the tag `Department:Sales`.
            var key: String?
            if path.count == 2, field == .tag { key = path[1].name } else if path.count != 1 { return }
            func add(_ value: ValueSyntax, pattern: Bool) {
                if case .string(let s) = value.kind {
                    if let key {
                        guard !pattern else { return }
                        found.append(Reference(value: TagKeys.tag(key: key, value: s), span: value.span,
                                               isPattern: false, key: key))
                    } else {
                        found.append(Reference(value: s, span: value.span, isPattern: pattern))
                    }
                }
            }
            switch test {
            case .compare(_, let v): add(v, pattern: false)
            case .in(_, let values), .all(let values): for v in values { add(v, pattern: false) }
            case .between(_, let a, let b): add(a, pattern: false); add(b, pattern: false)
            case .text(_, _, let v): add(v, pattern: true)
            case .isNull, .isEmpty, .within: break
            }
        }
    }
}
