import SegqSemantics

/// One group of the segment editor: its conditions are ANDed.
/// An empty group matches every friend.
public struct Group: Hashable, Sendable {
    public var conditions: [Condition]

    public init(_ conditions: [Condition]) {
        self.conditions = conditions
    }
}

/// The group-of-AND model (Grammar/README.md "The normal form"): the groups are ORed.
/// No groups matches no friend; a single empty group matches every friend.
public struct NormalForm: Hashable, Sendable {
    public var groups: [Group]

    public init(_ groups: [Group]) {
        self.groups = groups
    }

    public static let nobody = NormalForm([])
    public static let everybody = NormalForm([Group([])])

    public var matchesNobody: Bool { groups.isEmpty }
    public var matchesEverybody: Bool { groups.contains { $0.conditions.isEmpty } }
}
