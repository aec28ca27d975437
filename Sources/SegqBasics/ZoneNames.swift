/// Names of time zones as segq writes them: the IANA identifier, except
/// that every zone with a constant zero offset is written `UTC` (Foundation
/// may call it `GMT`), the name the command line and summaries document.
public enum ZoneNames {
    /// IANA identifiers of the zones that are UTC under another name.
    public static let utcAliases: Set<String> = [
        "UTC", "GMT", "Etc/UTC", "Etc/GMT", "Etc/Universal", "Universal", "Zulu", "Etc/Zulu",
    ]

    /// Whether `identifier` names UTC (a constant zero offset).
    public static func isUTC(_ identifier: String) -> Bool { utcAliases.contains(identifier) }

    /// `identifier` as segq writes it: `UTC` for any alias of UTC.
    public static func display(_ identifier: String) -> String { isUTC(identifier) ? "UTC" : identifier }
}
