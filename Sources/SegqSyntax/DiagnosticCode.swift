/// The catalogue of stable diagnostic codes. A code never changes meaning;
/// tools and agents match on it. Grouped by phase:
/// E00xx lexical, E001x syntax, E01xx names, E02xx types, E03xx limits,
/// W0xxx warnings. `Grammar/README.md` lists them for users.
public enum DiagnosticCode: String, Sendable, Codable, CaseIterable {
    // Lexical
    case invalidCharacter = "E0001"
    case unterminatedString = "E0002"
    case unknownEscape = "E0003"
    case integerOverflow = "E0004"
    case invalidDate = "E0005"
    case invalidRelativeTime = "E0006"
    case invalidUTF8 = "E0007"
    case unterminatedBacktick = "E0008"
    case invalidNumber = "E0009"
    // Syntax
    case unexpectedToken = "E0010"
    case unclosedParenthesis = "E0011"
    case unmatchedClosingParenthesis = "E0012"
    case expectedValue = "E0013"
    case emptyQuery = "E0014"
    case expectedField = "E0015"
    case expectedTest = "E0016"
    // Names
    case integrationNotInStore = "E0101"
    case unknownField = "E0102"
    case unknownProperty = "E0103"
    case unknownSegment = "E0104"
    case segmentCycle = "E0105"
    // Types
    case typeMismatch = "E0201"
    case testNotAllowed = "E0202"
    case nonIntegralNumber = "E0203"
    case bareFieldNotBool = "E0204"
    case reversedRange = "E0205"
    case invalidWithin = "E0206"
    case emptyList = "E0207"
    // Limits
    case queryTooLong = "E0301"
    case nestingTooDeep = "E0302"
    case tooManyConditions = "E0303"
    case tooManyGroups = "E0304"
    case tooManyDiagnostics = "E0305"
    // Warnings
    case mixedAndOr = "W0001"
    case untypedProperty = "W0101"
    case caseMismatch = "W0102"
    case negationIncludesUnlinked = "W0103"
    case valueMatchesNoFriend = "W0104"
    case unknownTagKey = "W0105"
    case alwaysTrueCondition = "W0201"
    case alwaysFalseCondition = "W0202"
    case matchesNobody = "W0203"
    case matchesEverybody = "W0204"
}
