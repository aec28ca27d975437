import SegqStore
import SegqBasics
import SegqSyntax

/// Compiles a `PhysicalExpr` into ONE SQL statement over friend row ids
/// (the push-down), for any `SQLDialect`.
///
/// Shape: each set atom is an index range of row ids in friend order
/// (`SELECT friend FROM friend_tags WHERE value = ?`, one range per value
/// of a short `in` list); OR of them is UNION, AND is INTERSECT, a negated
/// one inside an AND is EXCEPT, and every compound carries `ORDER BY 1` and
/// is written left-deep and flat, so SQLite merges sorted index scans
/// instead of filling temporary B-trees. Range and flag atoms (on the narrow `friend_facts` rows) are
/// folded into one WHERE clause per AND/OR/NOT (one index range or scan,
/// not one compound term each); an AND mixing both kinds becomes
/// `WHERE cond AND row_id IN (compound)`. There is never a correlated
/// subquery per value. A count of `not q` is all friends minus the count
/// of `q` (usually an index count), not a scan for the complement.
///
/// Semantics (Grammar/README.md "Missing values and negation") are exact: a positive atom is false on a
/// missing value (NULL columns never match, sets of an unlinked friend
/// never match, `isEmpty` means linked with no elements); a scalar of a
/// kind the column cannot hold (a string against a number, a number against
/// a bool) matches nothing, except that `int` and `number` compare
/// numerically with each other. Strings compare exactly on NFC; text tests
/// compare the UTF-8 of `CaseFolding.fold` of both sides (an empty needle
/// matches every present value). Negation is the complement over all friends.
public struct SQLCompiler<Dialect: SQLDialect>: Sendable {
    public let dialect: Dialect

    public init(dialect: Dialect) {
        self.dialect = dialect
    }

    /// Compound selects are split into nested ones above this many terms
    /// (SQLite refuses more than 500 by default).
    static var maxCompoundTerms: Int { 200 }
    /// `set IN (…)` with at most this many values is a merged UNION of one index range per value.
    static var maxMergedValues: Int { 16 }
    /// String lists longer than this are bound as one list parameter.
    static var maxInlineList: Int { 64 }

    // MARK: Statements

    /// A select of the distinct row ids of the matching friends, in no particular order.
    public func select(_ expr: PhysicalExpr) -> SQLFragment {
        render(rowSet(expr))
    }

    /// A statement returning one row: the number of matching friends.
    public func countQuery(_ expr: PhysicalExpr) -> SQLFragment {
        // Counting the complement: all friends minus the (usually indexed) positive count.
        if case .not(let inner) = expr {
            return "SELECT (SELECT count(*) FROM friend_facts) - (" + countQuery(inner) + ")"
        }
        let set = rowSet(expr)
        switch set {
        case .all: return "SELECT count(*) FROM friend_facts"
        case .rows(let condition, _): return "SELECT count(*) FROM friend_facts WHERE " + condition
        default: return "SELECT count(*) FROM (" + render(set) + ") AS matched"
        }
    }

    /// A statement returning the matching row ids in ascending order, at most `limit`.
    public func rowIDQuery(_ expr: PhysicalExpr, limit: Int?) -> SQLFragment {
        let set = rowSet(expr)
        var statement: SQLFragment
        switch set {
        case .all, .none, .rows: statement = render(set) + " ORDER BY row_id"
        case .select: statement = render(set) + " ORDER BY 1"
        case .intersect, .union, .except: statement = render(set)  // already ordered
        }
        if let limit { statement += " LIMIT " + .parameter(.int(Int64(max(0, limit)))) }
        return statement
    }

    // MARK: Row sets

    /// The compiler's intermediate form: a set of friend row ids.
    indirect enum RowSet {
        case all
        case none
        /// Rows of `friend_facts` where the condition holds. NULL counts as false;
        /// `nullable` says the condition may be NULL (so negating it needs `isTrue`).
        case rows(SQLFragment, nullable: Bool)
        /// A single-table select of distinct friend row ids (set and property
        /// tables, text columns of `friends`).
        case select(SQLFragment)
        case intersect([RowSet])
        case union([RowSet])
        /// Rows of the first set not in the second.
        case except(RowSet, RowSet)

        var isCompound: Bool {
            switch self {
            case .intersect, .union, .except: return true
            default: return false
            }
        }

        /// Select terms when written flat (an upper bound).
        var termCount: Int {
            switch self {
            case .intersect(let xs), .union(let xs): return xs.reduce(0) { $0 + $1.termCount }
            case .except(let a, let b): return a.termCount + b.termCount
            default: return 1
            }
        }

        /// True when producing the set reads `friend_facts` rows rather than an index of values.
        var readsFriends: Bool {
            switch self {
            case .all, .rows: return true
            case .none, .select: return false
            case .intersect(let xs), .union(let xs): return xs.contains(where: \.readsFriends)
            case .except(let a, _): return a.readsFriends
            }
        }
    }

    func rowSet(_ expr: PhysicalExpr) -> RowSet {
        switch expr {
        case .all: return .all
        case .none: return .none
        case .atom(let atom): return rowSet(atom)
        case .members(_, let ids): return members(ids)
        case .not(let inner):
            switch rowSet(inner) {
            case .all: return .none
            case .none: return .all
            case .rows(let c, let nullable):
                return .rows("NOT " + (nullable ? dialect.isTrue(c) : "(" + c + ")"), nullable: false)
            case let other: return .except(.all, other)
            }
        case .and(let children):
            return combine(children, isAnd: true)
        case .or(let children):
            return combine(children, isAnd: false)
        }
    }

    /// AND or OR of `children`: conditions on `friend_facts` are merged into one
    /// WHERE clause, nested compounds of the same operator flattened, and
    /// `all`/`none` simplified away.
    ///
    /// OR of index selects is a UNION. AND is shaped for SQLite's strengths:
    /// the index selects are intersected (INTERSECT), negated ones
    /// subtracted (EXCEPT, never from all friends when something positive
    /// narrows the rows first), and what needs the `friend_facts` row (range
    /// conditions, ORs mixing both kinds) becomes a filter
    /// `WHERE cond AND row_id IN (compound)`, so SQLite either drives from
    /// the compound and looks rows up by row id or drives from an index on
    /// the condition, whichever its statistics prefer.
    private func combine(_ children: [PhysicalExpr], isAnd: Bool) -> RowSet {
        var conditions: [SQLFragment] = []
        var nullable = false
        var sets: [RowSet] = []
        func absorb(_ set: RowSet) -> Bool {
            switch set {
            case .all: return isAnd
            case .none: return !isAnd
            case .rows(let c, let n):
                conditions.append("(" + c + ")")
                nullable = nullable || n
            case .intersect(let inner) where isAnd:
                for s in inner where !absorb(s) { return false }
            case .union(let inner) where !isAnd:
                for s in inner where !absorb(s) { return false }
            default:
                sets.append(set)
            }
            return true
        }
        for child in children where !absorb(rowSet(child)) {
            return isAnd ? .none : .all
        }
        if isAnd {
            // Sets that need `friends` rows anyway are tested on the filtered rows.
            var positives: [RowSet] = []
            var negatives: [RowSet] = []
            for set in sets {
                switch set {
                case .except(.all, let excluded): negatives.append(excluded)
                case .union(let terms) where terms.contains(where: \.readsFriends):
                    conditions.append("(" + balanced(terms.map(condition), " OR ") + ")")
                    nullable = nullable || terms.contains { if case .rows(_, true) = $0 { return true } else { return false } }
                default: positives.append(set)
                }
            }
            var narrowed: RowSet?
            if !positives.isEmpty { narrowed = positives.count == 1 ? positives[0] : .intersect(positives) }
            if !negatives.isEmpty, let base = narrowed {
                narrowed = .except(base, negatives.count == 1 ? negatives[0] : .union(negatives))
            }
            if conditions.isEmpty {
                if let narrowed { return narrowed }
                return negatives.isEmpty ? .all : .except(.all, negatives.count == 1 ? negatives[0] : .union(negatives))
            }
            if let narrowed {
                conditions.append("row_id IN (" + render(narrowed) + ")")
            } else if !negatives.isEmpty {
                let excluded = negatives.count == 1 ? negatives[0] : RowSet.union(negatives)
                conditions.append("row_id NOT IN (" + render(excluded) + ")")
            }
            let merged = balanced(conditions, " AND ")
            return .rows(merged, nullable: nullable)
        }
        if !conditions.isEmpty {
            let merged = balanced(conditions, " OR ")
            sets.append(.rows(merged, nullable: nullable))
        }
        if sets.isEmpty { return .none }
        if sets.count == 1 { return sets[0] }
        return .union(sets)
    }

    /// `parts` joined by `op`, parenthesised as a balanced tree past a few
    /// dozen parts: SQL parsers nest `a OR b OR c …` one level per operator,
    /// and SQLite refuses expressions deeper than 1,000.
    private func balanced(_ parts: [SQLFragment], _ op: String) -> SQLFragment {
        if parts.count <= 32 { return SQLFragment.joined(parts, separator: op) }
        let middle = parts.count / 2
        return "(" + balanced(Array(parts[..<middle]), op) + ")" + SQLFragment(op)
            + "(" + balanced(Array(parts[middle...]), op) + ")"
    }

    /// `set` as a condition on a `friends` row (NULL only where a `.rows` condition is).
    private func condition(_ set: RowSet) -> SQLFragment {
        switch set {
        case .all: return SQLFragment(dialect.trueLiteral)
        case .none: return SQLFragment(dialect.falseLiteral)
        case .rows(let c, _): return "(" + c + ")"
        default: return "row_id IN (" + render(set) + ")"
        }
    }

    /// Friends whose id is in `ids` (a saved segment's members).
    private func members(_ ids: [String]) -> RowSet {
        if ids.isEmpty { return .none }
        return .select("SELECT row_id FROM friends WHERE id IN " + stringList(ids))
    }

    // MARK: Rendering

    /// A select of row ids for `set`.
    func render(_ set: RowSet) -> SQLFragment {
        switch set {
        case .all: return "SELECT row_id FROM friend_facts"
        case .none: return SQLFragment("SELECT row_id FROM friend_facts WHERE " + dialect.falseLiteral)
        case .rows(let condition, _): return "SELECT row_id FROM friend_facts WHERE " + condition
        case .select(let sql): return sql
        // ORDER BY lets SQLite merge the sorted index scans instead of building temporary B-trees.
        case .intersect, .union, .except: return flat(set) + " ORDER BY 1"
        }
    }

    /// A compound select without ORDER BY. Compound operators associate to
    /// the left, so a compound first term is written in line (`A UNION B
    /// EXCEPT C`), keeping one flat merge; other compound terms become
    /// subqueries. Long lists are split to respect the engine's limit.
    private func flat(_ set: RowSet) -> SQLFragment {
        switch set {
        case .intersect(let sets): return chain(sets, "INTERSECT", commutative: true)
        case .union(let sets): return chain(sets, "UNION", commutative: true)
        case .except(let a, let b): return chain([a, b], "EXCEPT", commutative: false)
        default: return render(set)
        }
    }

    private func chain(_ sets: [RowSet], _ op: String, commutative: Bool) -> SQLFragment {
        if sets.count > Self.maxCompoundTerms {
            var chunks: [RowSet] = []
            var start = 0
            while start < sets.count {
                let end = min(start + Self.maxCompoundTerms, sets.count)
                let chunk = Array(sets[start..<end])
                chunks.append(chunk.count == 1 ? chunk[0] : (op == "UNION" ? .union(chunk) : .intersect(chunk)))
                start = end
            }
            return SQLFragment.joined(chunks.map(term), separator: " " + op + " ")
        }
        var terms = sets
        var head: SQLFragment?
        let candidates = commutative ? Array(terms.indices) : [0]
        if let i = candidates.first(where: { terms[$0].isCompound && terms[$0].termCount + terms.count <= Self.maxCompoundTerms }) {
            head = flat(terms.remove(at: i))
        }
        let rest = SQLFragment.joined(terms.map(term), separator: " " + op + " ")
        guard let head else { return rest }
        return head + SQLFragment(" " + op + " ") + rest
    }

    /// `set` as one term of a compound select.
    private func term(_ set: RowSet) -> SQLFragment {
        set.isCompound ? "SELECT * FROM (" + render(set) + ") AS terms" : render(set)
    }

    // MARK: Parameters

    func parameter(_ value: Scalar) -> SQLFragment { dialect.parameter(value) }

    /// `(?, ?, …)` for a short list, a list parameter for a long one.
    func stringList(_ values: [String]) -> SQLFragment {
        if values.count > Self.maxInlineList {
            return "(" + dialect.listValues(.parameter(dialect.listParameter(values.map(StoredText.nfc)))) + ")"
        }
        return "(" + SQLFragment.joined(values.map { parameter(.string($0)) }, separator: ", ") + ")"
    }

    func scalarList(_ values: [Scalar]) -> SQLFragment {
        if values.count > Self.maxInlineList {
            var strings: [String] = []
            for v in values { if case .string(let s) = v { strings.append(s) } }
            if strings.count == values.count { return stringList(strings) }
        }
        return "(" + SQLFragment.joined(values.map(parameter), separator: ", ") + ")"
    }
}
