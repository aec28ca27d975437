import SegqBasics
import SegqSyntax

/// A field path resolved against a schema: the field, its type, and the
/// canonical path used in messages.
struct ResolvedField {
    var field: Field
    var type: ValueType
    var path: String { field.path }
}

/// Resolves written field paths (Grammar/README.md "Fields").
///
/// Contract: built-in names win over properties of the same name; a
/// backticked segment after an integration always means the property;
/// built-in names (`tag`, `shopify`, `purchases`) match in any case, as
/// keywords do, unless the store has a property of exactly that spelling;
/// property names are case-sensitive (a case-only mistake is an unknown
/// property whose suggestion has the right case). Every refusal appends
/// exactly one error.
struct FieldResolver {
    let schema: Schema
    /// Properties already warned about as untyped (one W0101 per property).
    private(set) var warnedUntyped: Set<Field> = []

    init(schema: Schema) {
        self.schema = schema
    }

    /// Top-level built-ins (`id`, `tag`, …) by name.
    static let topLevel: [String: Field] = builtInTable.topLevel
    /// Built-ins of each integration (`linked`, `purchases`, …) by name.
    static let integrationBuiltIns: [Integration: [String: Field]] = builtInTable.byIntegration

    private static let builtInTable: (topLevel: [String: Field], byIntegration: [Integration: [String: Field]]) = {
        var top: [String: Field] = [:]
        var byIntegration: [Integration: [String: Field]] = [:]
        for field in Field.builtIns {
            let parts = field.path.split(separator: ".", maxSplits: 1).map(String.init)
            if parts.count == 1 {
                top[parts[0]] = field
            } else if let integration = Integration(rawValue: parts[0]) {
                byIntegration[integration, default: [:]][parts[1]] = field
            }
        }
        return (top, byIntegration)
    }()

    mutating func resolve(_ path: FieldPath, into diagnostics: inout [Diagnostic]) -> ResolvedField? {
        let segments = path.segments
        guard let first = segments.first else { return nil }
        if segments.count == 1 {
            if first.quoted == false, let field = Self.builtIn(first.name, in: Self.topLevel),
               let type = field.builtInType {
                return ResolvedField(field: field, type: type)
            }
            if let integration = Self.integrationNamed(first) {
                guard schema.integrations.contains(integration) else {
                    diagnostics.append(integrationMissing(integration, at: first.span))
                    return nil
                }
                let linked = integration.rawValue + ".linked"
                diagnostics.append(.error(.unknownField, CheckerMessage.unknownField(path.text), at: path.span,
                                          suggestion: CheckerMessage.didYouMean(linked, at: path.span),
                                          notes: [CheckerMessage.integrationIsNotAField(integration)]))
                return nil
            }
            diagnostics.append(unknownField(path))
            return nil
        }
        if segments.count == 2, first.quoted == false, Self.topLevel[CaseFolding.fold(first.name)] == .tag {
            return tagKey(segments[1], path: path, into: &diagnostics)
        }
        guard segments.count == 2, let integration = Self.integrationNamed(first) else {
            diagnostics.append(unknownField(path))
            return nil
        }
        guard schema.integrations.contains(integration) else {
            diagnostics.append(integrationMissing(integration, at: first.span))
            return nil
        }
        let name = segments[1]
        if !name.quoted, let builtIns = Self.integrationBuiltIns[integration],
           let field = builtIns[name.name] ?? caseInsensitiveBuiltIn(name.name, in: builtIns, of: integration),
           let type = field.builtInType {
            return ResolvedField(field: field, type: type)
        }
        guard let field = Self.property(name.name, of: integration) else {
            diagnostics.append(unknownField(path))   // Shopify has no properties.
            return nil
        }
        guard let properties = schema.properties(of: integration) else {
            if warnedUntyped.insert(field).inserted {
                diagnostics.append(untypedWarning(field, name: name, path: path))
            }
            return ResolvedField(field: field, type: .untyped)
        }
        guard let type = properties[name.name] else {
            let suggestion = nearestPath(to: path.text).map { CheckerMessage.didYouMean($0, at: path.span) }
            diagnostics.append(.error(.unknownProperty, CheckerMessage.unknownProperty(field.path, integration),
                                      at: path.span, suggestion: suggestion))
            return nil
        }
        return ResolvedField(field: field, type: type)
    }

    /// `tag.Department`: any key without `:` (the store's keys are checked with the values).
    private func tagKey(_ key: PathSegment, path: FieldPath, into diagnostics: inout [Diagnostic]) -> ResolvedField? {
        guard !key.name.contains(TagKeys.separator) else {
            diagnostics.append(.error(.unknownField, CheckerMessage.unknownField(path.text), at: key.span,
                                      notes: [CheckerMessage.tagKeyHasSeparator]))
            return nil
        }
        return ResolvedField(field: .tagKey(key.name), type: .stringSet)
    }

    /// A built-in by its exact name, or by its name in another case.
    static func builtIn(_ name: String, in table: [String: Field]) -> Field? {
        if let field = table[name] { return field }
        let folded = CaseFolding.fold(name)
        return table.first(where: { $0.key == folded })?.value
    }

    /// The integration an unquoted first segment names, in any case (`Shopify`).
    static func integrationNamed(_ segment: PathSegment) -> Integration? {
        if let exact = Integration(rawValue: segment.name) { return exact }
        guard !segment.quoted else { return nil }
        return Integration(rawValue: CaseFolding.fold(segment.name))
    }

    /// A built-in written in another case, unless the name may be a property
    /// of exactly that spelling: the store has it, or the integration has
    /// properties and no store types them (`hubspot.Linked` stays a property,
    /// with W0101 suggesting the built-in).
    private func caseInsensitiveBuiltIn(_ name: String, in table: [String: Field], of integration: Integration) -> Field? {
        if Self.property(name, of: integration) != nil {
            guard let properties = schema.properties(of: integration), properties[name] == nil else { return nil }
        }
        return Self.builtIn(name, in: table)
    }

    static func property(_ name: String, of integration: Integration) -> Field? {
        switch integration {
        case .hubspot: return .hubspotProperty(name)
        case .klaviyo: return .klaviyoProperty(name)
        case .shopify: return nil
        }
    }

    /// Every path valid in the schema: built-ins of present integrations,
    /// then known properties (sorted), in a stable order.
    var validPaths: [String] {
        var paths: [String] = []
        for field in Field.builtIns {
            if let integration = field.integration, !schema.integrations.contains(integration) { continue }
            paths.append(field.path)
        }
        for integration in Integration.allCases where schema.integrations.contains(integration) {
            for name in (schema.properties(of: integration) ?? [:]).keys.sorted() {
                if let field = Self.property(name, of: integration) { paths.append(field.path) }
            }
        }
        return paths
    }

    /// The nearest valid path to a written one: a one-edit typo first, then
    /// a path with the same last segment (`purchases` → `shopify.purchases`,
    /// `shopify.stage` → `hubspot.stage`), then any path within the usual
    /// edit-distance threshold.
    func nearestPath(to written: String) -> String? {
        let paths = validPaths
        if let typo = NearestName.nearest(to: written, in: paths, maxDistance: 1) { return typo }
        // The integration written has its own name for the thing (HubSpot's lists are `hubspot.segment`).
        let integration = Self.integration(of: written).flatMap { schema.integrations.contains($0) ? $0 : nil }
        let last = CaseFolding.fold(Self.lastSegment(written))
        if let integration, let synonym = Self.synonyms[integration]?[last], paths.contains(synonym) {
            return synonym
        }
        // The same name elsewhere: a property written under the wrong integration.
        if let sameName = paths.first(where: { $0 != written && CaseFolding.fold(Self.lastSegment($0)) == last }) {
            return sameName
        }
        if let integration,
           let near = NearestName.nearest(to: written, in: paths.filter { $0.hasPrefix(integration.rawValue + ".") }) {
            return near
        }
        return NearestName.nearest(to: written, in: paths)
    }

    /// What each integration calls the things other integrations name differently.
    private static let synonyms: [Integration: [String: String]] = [
        .hubspot: ["list": "hubspot.segment", "lists": "hubspot.segment", "segments": "hubspot.segment",
                   "tag": "hubspot.segment", "tags": "hubspot.segment"],
        .klaviyo: ["segment": "klaviyo.list", "segments": "klaviyo.list", "lists": "klaviyo.list",
                   "tag": "klaviyo.list", "tags": "klaviyo.list"],
        .shopify: ["tags": "shopify.tag", "orders": "shopify.purchases", "order_count": "shopify.purchases"],
    ]

    private static func integration(of written: String) -> Integration? {
        written.split(separator: ".", maxSplits: 1).first.flatMap { Integration(rawValue: CaseFolding.fold(String($0))) }
    }

    /// The valid choices, for a diagnostic about an unknown field whose
    /// guess was withdrawn or never made: the fields of the integration
    /// written (`HubSpot's fields: …`), or the top-level ones.
    func choicesNote(for diagnostic: Diagnostic, in source: SourceFile) -> [String] {
        guard diagnostic.code == .unknownField || diagnostic.code == .unknownProperty else { return [] }
        return [choices(for: source.text(of: diagnostic.span))]
    }

    func choices(for written: String) -> String {
        let paths = validPaths
        let shown: [String]
        let title: String
        if let integration = Self.integration(of: written), schema.integrations.contains(integration) {
            shown = paths.filter { $0.hasPrefix(integration.rawValue + ".") }
            title = integration.displayName + "'s fields"
        } else {
            shown = paths.filter { !$0.contains(".") } + schema.integrations.sorted().map { $0.rawValue + ".…" }
            title = "fields"
        }
        let limit = 16
        let listed = shown.prefix(limit).map { "`\($0)`" }.joined(separator: ", ")
        return title + ": " + listed + (shown.count > limit ? ", … (\(shown.count) in all)" : "")
    }

    private static func lastSegment(_ path: String) -> String {
        path.split(separator: ".").last.map(String.init) ?? path
    }

    private func unknownField(_ path: FieldPath) -> Diagnostic {
        let suggestion = nearestPath(to: path.text).map { CheckerMessage.didYouMean($0, at: path.span) }
        return .error(.unknownField, CheckerMessage.unknownField(path.text), at: path.span, suggestion: suggestion,
                      notes: suggestion == nil ? [choices(for: path.text)] : [])
    }

    private func integrationMissing(_ integration: Integration, at span: Span) -> Diagnostic {
        .error(.integrationNotInStore, CheckerMessage.integrationNotInStore(integration), at: span,
               notes: [CheckerMessage.integrationNotInStoreNote(integration)])
    }

    /// W0101; when the name differs from a built-in only by case, suggests the built-in.
    private func untypedWarning(_ field: Field, name: PathSegment, path: FieldPath) -> Diagnostic {
        var suggestion: Suggestion?
        if !name.quoted, let integration = field.integration,
           let builtIn = Self.integrationBuiltIns[integration]?.first(where: {
               CaseFolding.fold($0.key) == CaseFolding.fold(name.name) })?.value {
            suggestion = CheckerMessage.didYouMean(builtIn.path, at: path.span)
        }
        return .warning(.untypedProperty, CheckerMessage.untypedProperty(field.path), at: path.span,
                        suggestion: suggestion)
    }
}
