import SegqBasics
import Foundation
import SegqSemantics
import SegqStore

/// What the open store holds, for `.store`, `.schema` and agents: where it
/// is, how many friends, its zone, integrations, fields, properties, tags,
/// lists and saved segments.
public struct StoreDescription {
    public enum Kind: String, Sendable {
        /// Friend files (JSONL/CSV) loaded into memory.
        case friendFiles = "friend files"
        /// A SQLite database made by `segq import`.
        case sqlite = "SQLite"
        /// One account of a PostgreSQL database.
        case postgres = "PostgreSQL"
    }

    public var path: String
    public var kind: Kind
    /// Nil when the count failed.
    public var friendCount: Int?
    /// The zone calendar days are taken in (an IANA name; `UTC` for every zero-offset zone).
    public var timeZone: String
    /// `hubspot`, `klaviyo`, `shopify`, sorted.
    public var integrations: [String]
    /// Every field a query may use here (properties included).
    public var fields: [FieldDescription]
    /// The HubSpot and Klaviyo properties alone.
    public var properties: [FieldDescription] { fields.filter(\.isProperty) }
    /// The keys of key/value tags (`K` of `K:value`), each a field `tag.K`, sorted.
    public var tagKeys: [String]
    /// Tags with the number of friends holding each.
    public var tags: [TagInfo]
    /// HubSpot lists (`hubspot.segment`) and Klaviyo lists (`klaviyo.list`),
    /// keyed by field path, with member counts.
    public var lists: [String: [ValueCount]]
    /// Saved segments with folder, kind and count (a database store; empty for friend files).
    public var segments: [SegmentCatalog.Listing]
}

extension Session {
    /// The open store described; nil when none is open. Counts come from
    /// `evaluator` (one is made when not given).
    public func describeStore(counting evaluator: QueryEvaluator? = nil) throws -> StoreDescription? {
        guard let store else { return nil }
        guard let evaluator = evaluator ?? QueryEvaluator(session: self) else { return nil }
        let path: String
        let kind: StoreDescription.Kind
        switch store {
        case .memory(_, let p): path = p; kind = .friendFiles
        case .sqlite(let s): path = s.path; kind = .sqlite
        case .postgres(let s): path = s.location.description; kind = .postgres
        }
        let schema = store.schema
        var lists: [String: [ValueCount]] = [:]
        for field in [Field.hubspotSegment, .klaviyoList] where schema.integrations.contains(field.integration!) {
            lists[field.path] = suggestValues(for: field.path, limit: Int.max, counting: evaluator)
        }
        let segments = store.catalogStore != nil ? try SegmentCatalog(session: self).list() : []
        return StoreDescription(
            path: path, kind: kind, friendCount: try? evaluator.friendCount(), timeZone: timeZoneName,
            integrations: schema.integrations.map(\.rawValue).sorted(), fields: fields(),
            tagKeys: (store.catalog.tagKeys() ?? []).sorted(),
            tags: try tagListing(counting: evaluator), lists: lists, segments: segments)
    }

    /// The session's zone as an IANA name, the zero-offset zones (which
    /// Foundation calls `GMT`) as `UTC`, as the summaries write it.
    public var timeZoneName: String { Session.zoneName(timeZone) }

    public static func zoneName(_ zone: TimeZone) -> String {
        ZoneNames.display(zone.identifier)
    }
}

extension Session {
    /// The evaluation instant now (the fixed one, else the clock), in
    /// milliseconds since the epoch.
    public var currentInstant: Int64 { context.now }
}
