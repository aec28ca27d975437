import SegqSemantics

/// What the saved-segment, tag and proposal catalogues need of a database
/// store: the rows they read and write, and one write transaction to make
/// their checks and changes in. The catalogue logic (names, references
/// through syntax trees, cycles, usage, fingerprints) is written once in
/// the facade over this protocol; each database engine (`SegqSQLiteStore`,
/// `SegqPostgresStore`) stores the rows.
///
/// Contract:
/// - `writeTransaction` takes the store's write lock for its whole body
///   (SQLite `BEGIN IMMEDIATE`; PostgreSQL the account's row `FOR UPDATE`)
///   before `body` reads anything, so every read a write depends on sees
///   the data as the write leaves it, and a second writer waits.
/// - Every other write below is atomic on its own and, called inside
///   `writeTransaction`, joins it (a savepoint), so an error thrown later
///   in the body rolls it back too.
/// - Names (segments, tags) are compared exactly, byte for byte, in NFC.
/// - Nothing one store holds for an account is visible from another.
public protocol CatalogStore: PushDownStore, SavedSegmentSource, ValueCatalog {
    /// The schema queries are checked against, saved segment names included.
    var schema: Schema { get }

    /// Runs `body` in one write transaction holding the store's write lock;
    /// committed when it returns, rolled back when it throws.
    func writeTransaction<T>(_ body: () throws -> T) throws -> T

    // MARK: Saved segments

    /// Every saved segment, by name.
    func segments() throws -> [SavedSegment]
    /// Names of the saved segments, sorted.
    func segmentNames() throws -> [String]
    /// The segment named `name` (exact, NFC), if any.
    func segment(named name: String) throws -> SavedSegment?
    /// A static segment's stored member ids, sorted (empty for a dynamic
    /// one); nil when there is no such segment.
    func segmentMembers(named name: String) throws -> [String]?
    /// Saves `segment`, replacing one of that name (keeping its creation
    /// time) and its members; `now` (ms) defaults to the clock. Returns it as stored.
    @discardableResult
    func saveSegment(_ segment: SavedSegment, members: [String], now: Int64?) throws -> SavedSegment
    /// Puts the segment in `folder` (nil: none), leaving its query and
    /// members as they are; false when there is no such segment.
    @discardableResult
    func setSegmentFolder(_ name: String, folder: String?, now: Int64?) throws -> Bool
    /// Deletes the segment and its members; false when there was none.
    @discardableResult
    func dropSegment(named name: String) throws -> Bool

    // MARK: Tags

    /// Every tag in the catalogue or on some friend, sorted by UTF-8 bytes, with friend counts.
    func tags() throws -> [TagInfo]
    /// True when some friend holds the tag or the catalogue lists it.
    func tagExists(_ name: String) throws -> Bool
    /// Renames a tag on every friend and in the catalogue (a friend holding
    /// both keeps one) and rewrites `segments`; returns the friends that held `old`.
    @discardableResult
    func renameTag(_ old: String, to new: String, rewriting segments: [SegmentQueryUpdate], merge: Bool,
                   now: Int64?) throws -> Int
    /// Removes a tag from every friend and the catalogue; returns the friends that held it.
    @discardableResult
    func deleteTag(_ name: String) throws -> Int
    /// Adds the tag to the friends at `rows`; returns how many gained it.
    @discardableResult
    func addTag(_ name: String, toRows rows: [Int], now: Int64?) throws -> Int
    /// Removes the tag from the friends at `rows`; returns how many lost it.
    @discardableResult
    func removeTag(_ name: String, fromRows rows: [Int], now: Int64?) throws -> Int
    /// Puts a tag in a folder (nil: none), adding it to the catalogue if needed.
    func setTagFolder(_ name: String, folder: String?, now: Int64?) throws

    // MARK: Proposals

    /// Records a new pending proposal and, for a static snapshot, its members.
    func insertProposal(_ proposal: StoredProposal, members: [String]) throws
    /// The proposal with exactly this id, if any.
    func proposal(id: String) throws -> StoredProposal?
    /// Every proposal, newest first.
    func proposals() throws -> [StoredProposal]
    /// The static snapshot members recorded with a proposal, sorted.
    func proposalMembers(id: String) throws -> [String]
    /// Records the decision on a pending proposal; false when it was no longer pending.
    func decideProposal(id: String, status: String, by person: String, at time: Int64,
                        surface: String, note: String?) throws -> Bool
    /// Marks `segment` as saved by `proposalID` at its current `updated_at`.
    func setSegmentProvenance(segment: String, proposalID: String) throws
    /// The provenance recorded for `segment`, if any.
    func segmentProvenance(segment: String) throws -> SegmentProvenance?
}

extension CatalogStore {
    /// The SavedSegmentSource reading of the catalogue: a dynamic segment
    /// is its canonical query text, a static one its stored member ids.
    public func catalogedDefinition(named name: String) throws -> SegmentDefinition? {
        guard let saved = try segment(named: name) else { return nil }
        switch saved.kind {
        case .dynamic:
            return SegmentDefinition(name: saved.name, kind: .dynamic(query: saved.canonicalText))
        case .static:
            return SegmentDefinition(name: saved.name, kind: .static(memberIDs: try segmentMembers(named: name) ?? []))
        }
    }
}
