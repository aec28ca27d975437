import SegqBasics
import SegqSyntax

/// The checker's message catalogue, one function per message, sorted by
/// code. Messages name what was written in backticks, the field's path
/// and its type; they never end with a period. Tools match on codes, not
/// on this text, but golden files pin it.
enum CheckerMessage {
    // MARK: Names (E01xx)

    static func integrationNotInStore(_ integration: Integration) -> String {
        "integration `\(integration.rawValue)` is not in this store"
    }

    static func integrationNotInStoreNote(_ integration: Integration) -> String {
        "no friend in the store is linked to \(integration.displayName) and the store does not declare it, "
            + "so its fields are not available"
    }

    static func unknownField(_ path: String) -> String {
        "unknown field \(CodeSpan.of(path))"
    }

    static func integrationIsNotAField(_ integration: Integration) -> String {
        "`\(integration.rawValue)` is an integration, not a field; "
            + "`\(integration.rawValue).linked` tests whether a friend is linked to \(integration.displayName)"
    }

    static func unknownProperty(_ path: String, _ integration: Integration) -> String {
        "unknown \(integration.displayName) property \(CodeSpan.of(path))"
    }

    static func unknownSegment(_ literal: String) -> String {
        "no saved segment is named `\(literal)`"
    }

    // MARK: Types (E02xx)

    /// E0201: "expected int for `shopify.purchases`, found string `"3"`".
    static func typeMismatch(expected: String, for subject: String, found: String) -> String {
        "expected \(expected) for \(subject), found \(found)"
    }

    static func addQuotes(_ quoted: String) -> String {
        "write it as a string: `\(quoted)`"
    }

    static func removeQuotes(_ unquoted: String) -> String {
        "remove the quotes: `\(unquoted)`"
    }

    static func testNotAllowed(_ form: TestForm, path: String, type: ValueType) -> String {
        "`\(form.rawValue)` is not a test for \(type.rawValue) field \(CodeSpan.of(path))"
    }

    static func testNotAllowedOnTagKey(_ form: TestForm, path: String) -> String {
        "`\(form.rawValue)` is not a test for the tag key \(CodeSpan.of(path))"
    }

    static let tagKeyTestsNote = "a tag key allows `=`, `!=`, `in`, `not in`, `all`, `is [not] null`; "
        + "text tests are written on `tag` (`tag starts with \"Department:S\"`)"

    static let tagKeyHasSeparator = "a tag key is what comes before the first `:` of a tag, so it has no `:`"

    static func unknownTagKey(_ key: String) -> String {
        "no tag has the key `\(key)` (tags `\(key):…`) in this store"
    }

    static func tagKeysNote(_ keys: [String]) -> String {
        let shown = keys.prefix(12).map { "`\($0)`" }.joined(separator: ", ")
        return "tag keys: " + shown + (keys.count > 12 ? ", … (\(keys.count) in all)" : "")
    }

    static func allowedTestsNote(_ type: ValueType) -> String {
        "\(type.rawValue) allows \(type.allowedTestsDescription)"
    }

    static func nonIntegral(path: String, literal: String) -> String {
        "\(CodeSpan.of(path)) is an int, but `\(literal)` is not a whole number"
    }

    static func outOfIntRange(path: String, literal: String) -> String {
        "\(CodeSpan.of(path)) is an int, but `\(literal)` is outside the 64-bit integer range"
    }

    static func bareFieldNotBool(path: String, type: ValueType) -> String {
        "a field alone must be bool, but \(CodeSpan.of(path)) is \(type.rawValue)"
    }

    /// The hint under E0204: how to test a field of this type.
    static func bareFieldHint(path: String, type: ValueType) -> String {
        switch type {
        case .stringSet: return "write `\(path) = \"…\"` to test for an element, or `\(path) is not empty`"
        case .int, .number: return "compare it, e.g. `\(path) > 0`"
        case .time: return "compare it, e.g. `\(path) within 7d`"
        case .string: return "compare it, e.g. `\(path) = \"…\"`, or test `\(path) is not null`"
        case .bool, .untyped: return "compare it, e.g. `\(path) = true`"
        }
    }

    static func reversedNumbers(_ low: String, _ high: String) -> String {
        "reversed range: `\(low)` is greater than `\(high)`"
    }

    static func reversedTimes(_ low: String, _ high: String) -> String {
        "reversed range: `\(low)` is after `\(high)`"
    }

    static let reversedRangeMatchesNothing = "`between` includes both bounds and needs the lower one first"
    static let dayComparedInUTC = "a day is compared with an instant using the day's bounds in UTC"
    static let swapBounds = "swap the bounds"

    static func unsignedRelative(_ literal: String) -> String {
        "relative time `\(literal)` needs a sign: `-` counts back from now, `+` forward"
    }

    static func withinNeedsRelative(found: String) -> String {
        "`within` takes a relative time such as `7d`, `-4w` or `24h`, found \(found)"
    }

    static let withinHint = "e.g. `added within 7d` (the last 7 days up to now)"

    static func periodIsARange(_ period: String) -> String {
        "a period is already a range of days: write `= \(period)`"
    }

    // MARK: Limits (E03xx)

    static func tooManyDiagnostics(limit: Int, omitted: Int) -> String {
        "too many problems: stopped after \(limit), \(omitted) more not shown"
    }

    static let limitNote = "the limit can be raised in the settings"

    // MARK: Warnings

    static func untypedProperty(_ path: String) -> String {
        "property \(CodeSpan.of(path)) is not typed without a store; its values are compared as written"
    }

    static func caseMismatch(_ literal: String, matching: String) -> String {
        "`\(literal)` matches no friend, but `\(matching)` does"
    }

    /// W0103's message: the kinds of friends without the value that a
    /// negation takes in, each with its count when the store gives one.
    static func negationIncludes(path: String, _ integration: Integration, unlinked: Bool, unlinkedCount: Int?,
                                 without datum: Datum?, withoutCount: Int?) -> String {
        let name = integration.displayName
        let withoutDatum = datum.map { "friends linked to \(name) with no \(CodeSpan.of($0.field.path))" + counted(withoutCount) }
        guard unlinked else { return "this negation also matches " + (withoutDatum ?? "") }
        let notLinked = "every friend not linked to \(name)"
        guard let withoutDatum else {
            let who = unlinkedCount.map { friends($0) + ", who" } ?? "they"
            return "this negation also matches \(notLinked) (\(who) have no \(CodeSpan.of(path)))"
        }
        return "this negation also matches \(notLinked)\(counted(unlinkedCount)), and \(withoutDatum)"
    }

    static func excludeUnlinked(_ integration: Integration, named: Bool) -> String {
        named ? "to leave out friends not linked to \(integration.displayName), add `and \(integration.rawValue).linked`"
              : "to leave them out, add `and \(integration.rawValue).linked`"
    }

    static func excludeWithout(path: String) -> String {
        "to leave out every friend with no \(CodeSpan.of(path)), add \(CodeSpan.of("and " + path + " is not null"))"
    }

    /// " (3 friends)", or nothing when not counted.
    static func counted(_ count: Int?) -> String { count.map { " (" + friends($0) + ")" } ?? "" }

    static func friends(_ n: Int) -> String { n == 1 ? "1 friend" : "\(n) friends" }

    static func valueMatchesNoFriend(_ literal: String, path: String) -> String {
        "`\(literal)` matches no friend's \(CodeSpan.of(path))"
    }

    static func alwaysTrue(path: String) -> String {
        "\(CodeSpan.of(path)) is never missing, so \(CodeSpan.of(path + " is not null")) is always true"
    }

    static func alwaysFalse(path: String) -> String {
        "\(CodeSpan.of(path)) is never missing, so \(CodeSpan.of(path + " is null")) is always false"
    }

    // MARK: Suggestions

    static func didYouMean(_ replacement: String, at span: Span) -> Suggestion {
        Suggestion(message: "did you mean `\(replacement)`?", replacement: replacement, span: span)
    }
}
