import SegqSemantics

/// Which friends without a value one group can match, decided from all of
/// its conditions together (Grammar/README.md "Missing values"). The
/// summary's "including friends …" wording is rendered from this value,
/// and the property tests check it against evaluation.
///
/// A friend lacks a value in one of three ways the summary tells apart:
/// - not linked to an integration (every field of it is missing);
/// - linked, but without one datum that a linked friend may lack
///   (`shopify.last_purchase`, a HubSpot property, …: a `Datum`);
/// - with no name.
///
/// Contract: a "no" is exact — no friend of that kind matches the group's
/// conditions on the integration (or on `name`). A "yes" means every
/// condition that the missing value decides holds; the other conditions on
/// the integration test values such a friend may still hold, so some friend
/// of that kind matches unless those values contradict each other.
public struct GroupReach: Hashable, Sendable {
    /// One entry per integration the group tests, in the order of first mention.
    public var integrations: [IntegrationReach]
    /// nil when the group does not test `name`; else whether a friend with no name can match.
    public var withoutName: Bool?
    /// One entry per tag key the group tests (`tag.Department`), in the order of first mention:
    /// whether a friend with no tag of that key can match.
    public var withoutTagKeys: [TagKeyReach]

    /// True when the group can match some friend lacking a value it tests.
    public var admitsMissing: Bool {
        withoutName == true || integrations.contains { $0.unlinked || $0.linkedWithout.contains(where: \.admitted) }
            || withoutTagKeys.contains(where: \.admitted)
    }

    public init(_ group: Group) {
        var order: [Integration] = []
        var name: Bool?
        var keys: [String] = []
        for c in group.conditions {
            if c.field == .name { name = (name ?? true) && GroupsJSON.matchesMissing(c) }
            if let key = c.field.tagKey, !keys.contains(key) { keys.append(key) }
            if let i = c.field.integration, !order.contains(i) { order.append(i) }
        }
        withoutName = name
        integrations = order.map { IntegrationReach($0, group.conditions) }
        withoutTagKeys = keys.map { key in
            TagKeyReach(key: key, admitted: group.conditions.filter { $0.field.tagKey == key }
                .allSatisfy(GroupsJSON.matchesMissing))
        }
    }

    public func admitsWithout(tagKey key: String) -> Bool? {
        withoutTagKeys.first { $0.key == key }?.admitted
    }
}

/// Whether a friend with no tag of the key (`Department:…`) can match the group.
public struct TagKeyReach: Hashable, Sendable {
    public var key: String
    public var admitted: Bool
}

/// What one group admits of the friends lacking an integration's values.
public struct IntegrationReach: Hashable, Sendable {
    public var integration: Integration
    /// Whether a friend not linked to the integration can match.
    public var unlinked: Bool
    /// For each datum the group tests, whether a linked friend without it can match.
    public var linkedWithout: [DatumReach]

    init(_ integration: Integration, _ conditions: [Condition]) {
        self.integration = integration
        let own = conditions.filter { $0.field.integration == integration }
        unlinked = own.allSatisfy { Self.holdsUnlinked($0) }
        var data: [Datum] = []
        for c in own { if let d = Datum(c.field), !data.contains(d) { data.append(d) } }
        linkedWithout = data.map { d in DatumReach(datum: d, admitted: own.allSatisfy { Self.holdsLinked($0, without: d) != false }) }
    }

    public func admitsLinked(without datum: Datum) -> Bool? {
        linkedWithout.first { $0.datum == datum }?.admitted
    }

    /// On a friend not linked: `linked` is false, every other field missing.
    private static func holdsUnlinked(_ c: Condition) -> Bool {
        if c.field.isLinkedFlag { return holds(c, onBool: false) ?? true }
        return GroupsJSON.matchesMissing(c)
    }

    /// On a linked friend without `datum`: true/false when the values it
    /// lacks decide the condition, nil when the condition tests a value the
    /// friend may hold.
    private static func holdsLinked(_ c: Condition, without datum: Datum) -> Bool? {
        if c.field.isLinkedFlag { return holds(c, onBool: true) }
        if Datum(c.field) == datum { return GroupsJSON.matchesMissing(c) }
        // Without an abandoned-cart time the cart flag is false.
        if c.field == .shopifyAbandonedCart, datum == .shopifyCartTime { return holds(c, onBool: false) }
        return nil
    }

    /// A condition on a bool field whose value is known; nil when the test is not one on bools.
    private static func holds(_ c: Condition, onBool value: Bool) -> Bool? {
        let positive: Bool
        switch c.test {
        case .equals(.bool(let b)): positive = b == value
        case .oneOf(let vs): positive = vs.contains(.bool(value))
        case .isNull: positive = false
        default: return nil
        }
        return positive != c.negated
    }
}

/// Whether a friend linked to the integration but without `datum` can match.
public struct DatumReach: Hashable, Sendable {
    public var datum: Datum
    public var admitted: Bool
}
