import Foundation
import SegqSyntax
import SegqSemantics

/// The values generated friends hold and generated queries ask about, drawn
/// from shared pools so that queries actually match some friends: strings
/// that differ only in case or normalisation, non-ASCII tags, properties
/// of every kind (one of them mixing kinds), and a fixed evaluation context
/// in a zone with daylight saving time.
public enum RandomVocabulary {
    /// 2026-11-23T15:30:00Z, 10:30 in New York.
    public static let now: Int64 = Int64(CalendarDate(year: 2026, month: 11, day: 23).daysSinceEpoch) * 86_400_000
        + 15 * 3_600_000 + 30 * 60_000
    /// A zone with DST (ended 2026-11-01), so day starts move across a month.
    public static let timeZone = TimeZone(identifier: "America/New_York")!
    public static let context = EvaluationContext(now: now, timeZone: timeZone)

    public static let tags = ["VIP", "vip", "Trade Show 2026", "Straße", "STRASSE", "café", "cafe\u{301}",
                              "東京", "😀 fan", "Σίσυφος", "ΣΊΣΥΦΟΣ", "a, b", "say \"hi\"", "back\\slash", ""]
        + controlTags + keyedTags
    /// Key/value tags (`tag.Department`): keys differing only in case, an
    /// empty value, a value with `:`, and tags either side of the key's
    /// byte range (`Department` alone, `Department;x`, `Department9`).
    public static let keyedTags = ["Department:Sales", "Department:Support", "department:Sales", "Department:",
                                   "Department:Sales:EU", "Region:東京", "Department", "Department;x", "Department9"]
    /// Keys queries ask about, with the values they compare with.
    public static let tagKeys = ["Department", "department", "Region", "Dept"]
    public static let tagKeyValues = ["Sales", "Support", "sales", "", "Sales:EU", "東京"]
    /// Tags with characters that text functions, SQL quoting and patterns
    /// treat specially: NUL and other control characters, quote, `%`, `_`,
    /// backslash, and the bidirectional controls U+202A–U+202E, U+2066–U+2069.
    public static let controlTags = ["nul\u{0}", "\u{0}lead", "bell\u{7}\u{1}", "tab\tnew\nline", "it's", "50%", "a_b",
                                     "\\", "\u{202A}ltr\u{202C}", "\u{202E}rlo", "\u{2066}iso\u{2069}", "\u{2067}\u{2068}x"]
    public static let names = ["Aiko Tanaka", "aiko", "José", "Jose\u{301}", "Zoë", "O'Brien", "李雷", "Ann\tTab"]
    public static let ids = ["7012345", "501", "01HZX", "abc", "ABC"]
    public static let segments = ["Repeat customers", "Newsletter", "VIP list"]
    public static let lists = ["Newsletter", "VIP list", "newsletter", "Ünïcode"]
    public static let stages = ["Customer", "customer", "Lead", "OPEN", "ß"]
    public static let cities = ["Osaka", "osaka", "Zürich", "São Paulo"]
    public static let numbers: [Double] = [-2, 0, 0.5, 1.5, 3, 42, 1e9]
    /// Substrings for `contains`/`starts with`/`ends with`, some only matching when case is ignored.
    public static let fragments = ["vi", "VI", "ss", "ß", "caf", "é", "東", "fan", "ΣΊ", "sis", "cust", "OS", "a", "",
                                   "\u{0}", "l\u{0}", "\u{7}", "\n", "'", "%", "_", "\\", "\u{202E}", "\u{2069}"]

    /// Properties of the generated stores and their types (Grammar/README.md "Fields"):
    /// `mixed` holds numbers on some friends and strings on others (so it is
    /// a string property); `lead status` and `segment` need backticks.
    public static let hubspotProperties: [String: ValueType] = [
        "stage": .string, "score": .number, "vip": .bool, "mixed": .string, "lead status": .string, "segment": .string,
    ]
    public static let klaviyoProperties: [String: ValueType] = ["city": .string, "orders": .number]

    /// The schema generated queries are checked against.
    public static let schema = Schema(hubspotProperties: hubspotProperties, klaviyoProperties: klaviyoProperties,
                                      segmentNames: segments)

    /// Days (since 1970-01-01) around `now`'s day in `timeZone`.
    public static var today: Int64 { TimeResolver(context).today }
}
