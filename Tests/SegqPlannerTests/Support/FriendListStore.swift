import SegqStore
@testable import SegqPlanner

/// A `BitmapStore` over a plain list of friends: every atom is evaluated
/// friend by friend with `ExpressionOracle`, and its estimate is its exact
/// count, so plans over it are deterministic. It records the atoms it was
/// asked to evaluate, to observe the executor's early exits.
final class FriendListStore: BitmapStore {
    let friends: [Friend]
    private(set) var evaluatedAtoms: [Atom] = []

    init(_ friends: [Friend]) { self.friends = friends }

    var friendCount: Int { friends.count }

    func estimatedRows(for atom: Atom) -> Int {
        friends.filter { ExpressionOracle.holds(.atom(atom), $0) }.count
    }

    func evaluate(_ atom: Atom) -> TestRows {
        evaluatedAtoms.append(atom)
        var rows = TestRows(count: friends.count)
        for (i, f) in friends.enumerated() where ExpressionOracle.holds(.atom(atom), f) { rows.member[i] = true }
        return rows
    }

    func rows(ofFriendIDs ids: [String]) -> TestRows {
        let wanted = Set(ids)
        var rows = TestRows(count: friends.count)
        for (i, f) in friends.enumerated() where wanted.contains(f.id) { rows.member[i] = true }
        return rows
    }

    func friendID(atRow row: Int) -> String { friends[row].id }
    func friend(atRow row: Int) -> Friend { friends[row] }
}
