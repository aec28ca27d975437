import SegqSemantics

/// The "including friends …" note of a group, rendered from its `GroupReach`:
/// "not linked to Shopify", "not linked to Shopify or with no Shopify
/// purchase", "linked to Shopify but with no recorded Shopify purchase", "with no name".
enum MissingWords {
    /// One phrase per field area, in the order the group first tests it;
    /// friends in `said` are left out (a clause names them already).
    static func notes(_ reach: GroupReach, order conditions: [Condition], leavingOut said: Set<MissingKind>) -> [String] {
        var notes: [String] = []
        var done: Set<String> = []
        for c in conditions {
            if c.field == .name {
                guard done.insert("name").inserted else { continue }
                if reach.withoutName == true, !said.contains(.noName) { notes.append("with no name") }
            } else if let key = c.field.tagKey {
                guard done.insert("tag:" + key).inserted else { continue }
                if reach.admitsWithout(tagKey: key) == true, !said.contains(.noTagKey(key)) {
                    notes.append("with no " + FieldWords.noun(c.field))
                }
            } else if let i = c.field.integration, done.insert(i.rawValue).inserted,
                      let r = reach.integrations.first(where: { $0.integration == i }),
                      let note = integrationNote(r, leavingOut: said) {
                notes.append(note)
            }
        }
        return notes
    }

    private static func integrationNote(_ r: IntegrationReach, leavingOut said: Set<MissingKind>) -> String? {
        let name = r.integration.displayName
        let unlinked = r.unlinked && !said.contains(.unlinked(r.integration))
        let without = r.linkedWithout.filter { $0.admitted && !said.contains(.linkedWithout($0.datum)) }.map { noun($0.datum) }
        switch (unlinked, without.isEmpty) {
        case (true, true): return "not linked to " + name
        case (true, false): return "not linked to " + name + without.map { " or with no " + $0 }.joined()
        case (false, false): return "linked to " + name + " but with no recorded " + without.joined(separator: " or no recorded ")
        case (false, true): return nil
        }
    }

    /// The datum after "with no": "Shopify purchase", "HubSpot `stage`".
    static func noun(_ datum: Datum) -> String {
        switch datum {
        case .id(let i): return i.displayName + " id"
        case .shopifyLastPurchase: return "Shopify purchase"
        case .shopifyCartTime: return "abandoned cart"
        case .property(let i, let p): return i.displayName + " `" + p + "`"
        }
    }
}
