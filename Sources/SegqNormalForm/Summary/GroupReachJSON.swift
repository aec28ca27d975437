import SegqSyntax
import SegqSemantics

/// The `missing` array of the JSON outputs (docs/json-output.md): for each
/// group of `groups`, in the same order, the friends without a value it can
/// match, as its `GroupReach` decides them and the summary words them.
///
/// Each entry is an object, keys in this order:
/// - `unlinked`: the integrations (`"shopify"`, `"hubspot"`, `"klaviyo"`)
///   whose unlinked friends the group admits;
/// - `linked_without`: the fields (`"shopify.last_purchase"`,
///   `"hubspot.stage"`) whose value a friend linked to their integration
///   may lack and still match;
/// - `no_name`: whether a friend with no name can match.
extension GroupReach {
    public static func json(_ normalForm: NormalForm) -> JSONValue {
        .array(normalForm.groups.map { GroupReach($0).json })
    }

    public var json: JSONValue {
        let unlinked = integrations.filter(\.unlinked).map { JSONValue.string($0.integration.rawValue) }
        let without = integrations.flatMap { $0.linkedWithout.filter(\.admitted) }
            .map { JSONValue.string($0.datum.field.path) }
        return .object([
            ("unlinked", .array(unlinked)),
            ("linked_without", .array(without)),
            ("no_name", .bool(withoutName == true)),
        ])
    }
}
