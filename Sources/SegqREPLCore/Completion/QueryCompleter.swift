/// Tab completion inside query text: what the grammar allows at the cursor
/// (Grammar/README.md "Grammar" and "Tests by type"), filled in with names from the store.
///
/// - Where a condition starts: `not`, `(`, the top-level fields and the
///   integrations the store has (`shop` → `shopify.`), and after a dot the
///   fields and properties of that integration.
/// - After a field: the tests its type allows (`=`, `in (`, `starts with`, `is null`, …).
/// - After `tag.`: the keys of the store's key/value tags (`tag.Department`),
///   and after `tag.Department =` the values that key takes.
/// - Where a value goes: the field's known values quoted (`tag = "` → tag
///   names, `segment = ` → segment names, lists, property values),
///   `true`/`false` for bool fields, `today`/`yesterday`/`now` for times.
/// - After a finished condition: `and`, `or`, and `)` inside parentheses.
///
/// A candidate carries what should follow it: a finished word ends in a
/// space, an integration name in `.`, `in (` in its parenthesis. Matching
/// ignores case. Offsets are UTF-8 bytes.
struct QueryCompleter {
    let fields: [FieldInfo]
    /// Known values of a field (canonical path).
    let values: (String) -> [String]

    /// At most this many values are asked for one field.
    static let valueLimit = 500

    init(engine: REPLEngine) {
        self.fields = engine.fields()
        self.values = { [engine] path in engine.values(of: path, limit: Self.valueLimit) }
    }

    init(fields: [FieldInfo], values: @escaping (String) -> [String]) {
        self.fields = fields
        self.values = values
    }

    func complete(_ text: String, cursor: Int) -> Completion {
        let bytes = Array(text.utf8)
        let cursor = min(max(0, cursor), bytes.count)
        let (tokens, inComment) = QueryTokenizer.tokens(String(decoding: bytes[..<cursor], as: UTF8.self))
        if inComment { return .none(at: cursor) }
        var complete = tokens[...]
        var partial: QueryTokenizer.Token?
        if let last = tokens.last, last.end == cursor {
            switch last.kind {
            case .word, .number, .other:
                partial = last
                complete = tokens.dropLast()
            case .string(_, let closed) where !closed:
                partial = last
                complete = tokens.dropLast()
            case .string, .symbol:
                break
            }
        }
        let state = CompletionState.after(complete, field: field(named:))
        let from = partial?.start ?? cursor
        switch partial?.kind {
        case .string(let quote, _):
            guard let target = state.valueField else { return .none(at: cursor) }
            return Completion(replaceFrom: from, candidates: valueCandidates(for: target, typed: partial?.text ?? "",
                                                                              quote: quote, state: state))
        case .number, .other, .symbol:
            return .none(at: cursor)
        case .word, nil:
            let typed = partial?.text ?? ""
            let candidates = wordCandidates(state, typed: typed)
            let matching = candidates.filter { $0.lowercased().hasPrefix(typed.lowercased()) }
            // After a symbol with no blank (`tag =`), start the word with one.
            let needsBlank = partial == nil && cursor > 0 && !bytes[cursor - 1].isBlank
                && complete.last?.kind == .symbol && complete.last?.text != "("
            return Completion(replaceFrom: from, candidates: needsBlank ? matching.map { " " + $0 } : matching)
        }
    }

    /// The words the grammar allows in `state` (all of them; the caller filters by prefix).
    private func wordCandidates(_ state: CompletionState, typed: String) -> [String] {
        switch state {
        case .condition:
            return ["not ", "("] + fieldCandidates(typed: typed)
        case .test(let field):
            return field.path.hasPrefix("tag.") ? Self.tagKeyTests : Self.tests(for: field.type)
        case .negatedTest(let field):
            return Self.negatedTests(for: field.type)
        case .isTest(let field, let negated):
            let empty = field.type == .stringSet || field.type == .untyped
            return (negated ? [] : ["not null ", "not empty "].filter { empty || $0 == "not null " })
                + ["null "] + (empty ? ["empty "] : [])
        case .with:
            return ["with "]
        case .value(let field, _), .listValue(let field):
            return valueCandidates(for: field, typed: typed, quote: UInt8(ascii: "\""), state: state)
        case .listOpen:
            return ["("]
        case .afterListValue:
            return [", ", ")"]
        case .betweenAnd:
            return ["and "]
        case .afterCondition(let depth):
            return ["and ", "or "] + (depth > 0 ? [")"] : [])
        case .unknown:
            return []
        }
    }

    /// Field names where a condition starts: top-level fields and
    /// integration names, or, once the typed word has a dot, full paths.
    private func fieldCandidates(typed: String) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        let dotted = typed.contains(".")
        for field in fields {
            let candidate: String
            if let dot = field.path.firstIndex(of: "."), !dotted {
                candidate = String(field.path[...dot])
            } else {
                candidate = field.path + " "
            }
            if seen.insert(candidate).inserted { out.append(candidate) }
        }
        return out
    }

    /// Values for `field`, quoted with `quote` when strings, filtered by `typed`.
    private func valueCandidates(for field: FieldInfo, typed: String, quote: UInt8,
                                 state: CompletionState) -> [String] {
        let ending = state.isList ? "" : " "
        switch field.type {
        case .bool:
            return ["true" + ending, "false" + ending]
        case .time:
            return ["today" + ending, "yesterday" + ending, "now" + ending]
        case .int, .number:
            return []
        case .string, .stringSet, .untyped:
            let lowered = typed.lowercased()
            var seen = Set<String>()
            return values(field.path).compactMap { value in
                guard value.lowercased().hasPrefix(lowered), seen.insert(value).inserted else { return nil }
                return Self.quoted(value, quote: quote) + ending
            }
        }
    }

    /// A field by the path typed: exact, else ignoring case, else an
    /// untyped field of that name (a property the store does not know).
    private func field(named path: String) -> FieldInfo {
        if let exact = fields.first(where: { $0.path == path }) { return exact }
        let lowered = path.lowercased()
        if let loose = fields.first(where: { $0.path.lowercased() == lowered }) { return loose }
        return FieldInfo(path: path, type: .untyped)
    }

    static func quoted(_ value: String, quote: UInt8) -> String {
        let mark = Character(Unicode.Scalar(quote))
        var out = String(mark)
        for character in value {
            if character == mark || character == "\\" { out.append("\\") }
            out.append(character)
        }
        out.append(mark)
        return out
    }

    /// The tests a type allows (Grammar/README.md "Tests by type"), as inserted.
    static func tests(for type: FieldType) -> [String] {
        let equality = ["= ", "!= "]
        let ordering = ["< ", "<= ", "> ", ">= "]
        let membership = ["in (", "not in ("]
        let text = ["contains ", "starts with ", "ends with "]
        let null = ["is null ", "is not null "]
        switch type {
        case .string: return equality + membership + text + ["not contains "] + null
        case .int, .number: return equality + ordering + membership + ["between ", "not between "] + null
        case .time: return equality + ordering + ["between ", "not between ", "within "] + null
        case .bool: return equality + null + ["and ", "or "]
        case .stringSet: return equality + membership + ["all ("] + text + ["is empty ", "is not empty "] + null
        case .untyped: return equality + ordering + membership + text + ["between "] + null
        }
    }

    /// The tests a tag key (`tag.Department`) allows.
    static let tagKeyTests = ["= ", "!= ", "in (", "not in (", "all (", "is null ", "is not null "]

    /// What may follow `field not`.
    static func negatedTests(for type: FieldType) -> [String] {
        switch type {
        case .string, .stringSet: return ["in (", "contains ", "starts with ", "ends with "]
        case .int, .number: return ["in (", "between "]
        case .time: return ["between "]
        case .bool: return []
        case .untyped: return ["in (", "between ", "contains ", "starts with ", "ends with "]
        }
    }
}
