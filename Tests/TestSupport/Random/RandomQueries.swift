import SegqBasics
import SegqSyntax
import SegqSemantics

/// Seeded typed queries as the checker produces them against
/// `RandomVocabulary.schema`: every field (properties included, one of
/// them backticked), every test its type allows (Grammar/README.md "Tests by type"), negated
/// tests, `not`, nested `and`/`or`, and every time form (dates, instants
/// with offsets, relative days/weeks/months/years/hours, `today`,
/// `yesterday`, `now`, `within`). Operands come from the same pools as
/// `RandomFriends`, so queries match some friends and miss others.
/// `between` bounds are always in order, so the text of every generated
/// query checks without error.
public struct RandomQueries {
    public var rng: SplitMix64

    /// When set, properties are untyped, as the checker types them without
    /// a store (`Checker()` with the default schema): operands of any kind.
    public var untypedProperties: Bool

    public init(seed: UInt64, untypedProperties: Bool = false) {
        rng = SplitMix64(seed: seed)
        self.untypedProperties = untypedProperties
    }

    /// Every field a query can name, with its type in `RandomVocabulary.schema`.
    public static let fields: [(Field, ValueType)] = {
        var out: [(Field, ValueType)] = Field.builtIns.map { ($0, $0.builtInType ?? .untyped) }
        for (name, type) in RandomVocabulary.hubspotProperties.sorted(by: { $0.key < $1.key }) {
            out.append((.hubspotProperty(name), type))
        }
        for (name, type) in RandomVocabulary.klaviyoProperties.sorted(by: { $0.key < $1.key }) {
            out.append((.klaviyoProperty(name), type))
        }
        for key in RandomVocabulary.tagKeys { out.append((.tagKey(key), .stringSet)) }
        return out
    }()

    /// A query of at most `depth` levels of `and`/`or`/`not`.
    public mutating func query(depth: Int = 3) -> TypedQuery {
        TypedQuery(node(depth: depth))
    }

    public mutating func node(depth: Int) -> QueryNode {
        if depth <= 0 || rng.chance(0.35) { return .condition(condition()) }
        switch rng.int(0...4) {
        case 0, 1: return .and((0..<rng.int(2...3)).map { _ in node(depth: depth - 1) }, nil)
        case 2, 3: return .or((0..<rng.int(2...3)).map { _ in node(depth: depth - 1) }, nil)
        default: return .not(node(depth: depth - 1), nil)
        }
    }

    /// One condition on a random field.
    public mutating func condition() -> Condition {
        let (field, type) = rng.pick(Self.fields)
        if untypedProperties, field.builtInType == nil, field.tagKey == nil { return condition(on: field, type: .untyped) }
        return condition(on: field, type: type)
    }

    /// One condition on `field`, with a test its type allows, negated at random.
    public mutating func condition(on field: Field, type: ValueType) -> Condition {
        let negated = rng.chance(0.3)
        let test: Test
        if field.tagKey != nil {
            // A key allows equality, lists and presence.
            switch rng.int(0...4) {
            case 0, 1: test = .equals(.string(string(for: field)))
            case 2: test = .oneOf((0..<rng.int(1...3)).map { _ in .string(string(for: field)) })
            default: test = .isNull
            }
        } else if rng.chance(0.08) {
            test = .isNull
        } else {
            switch type {
            case .string: test = stringTest(field)
            case .stringSet: test = setTest(field)
            case .int, .number: test = numericTest(field, type: type)
            case .time: test = timeTest()
            case .bool: test = .equals(.bool(rng.chance(0.7)))
            case .untyped: test = untypedTest(field)
            }
        }
        return Condition(field: field, type: type, test: test, negated: negated)
    }

    // MARK: - Tests by type

    private mutating func stringTest(_ field: Field) -> Test {
        switch rng.int(0...5) {
        case 0, 1: return .equals(.string(string(for: field)))
        case 2: return .oneOf((0..<rng.int(1...3)).map { _ in .string(string(for: field)) })
        case 3: return .contains(fragment())
        case 4: return .startsWith(fragment())
        default: return .endsWith(fragment())
        }
    }

    private mutating func setTest(_ field: Field) -> Test {
        switch rng.int(0...6) {
        case 0, 1: return .equals(.string(string(for: field)))
        case 2: return .oneOf((0..<rng.int(1...3)).map { _ in .string(string(for: field)) })
        case 3: return .contains(fragment())
        case 4: return .startsWith(fragment())
        case 5: return .endsWith(fragment())
        default: return .isEmpty
        }
    }

    private mutating func numericTest(_ field: Field, type: ValueType) -> Test {
        switch rng.int(0...6) {
        case 0: return .equals(number(for: field, type: type))
        case 1: return .oneOf((0..<rng.int(1...3)).map { _ in number(for: field, type: type) })
        case 2: return .less(number(for: field, type: type))
        case 3: return .lessOrEqual(number(for: field, type: type))
        case 4: return .greater(number(for: field, type: type))
        case 5: return .greaterOrEqual(number(for: field, type: type))
        default:
            let a = number(for: field, type: type), b = number(for: field, type: type)
            return Self.isOrdered(a, b) ? .between(a, b) : .between(b, a)
        }
    }

    private mutating func timeTest() -> Test {
        switch rng.int(0...6) {
        case 0: return .equals(.time(time()))
        case 1: return .less(.time(time()))
        case 2: return .lessOrEqual(.time(time()))
        case 3: return .greater(.time(time()))
        case 4: return .greaterOrEqual(.time(time()))
        case 5:
            // `within N unit`: from N units back up to now.
            let unit = rng.pick(TimeUnit.allCases)
            return .between(.time(.relative(RelativeTime(count: -rng.int(0...40), unit: unit))), .time(.now))
        default:
            let (a, b) = timePair()
            return .between(.time(a), .time(b))
        }
    }

    /// Untyped properties take strings and bools for equality, numbers for
    /// any comparison, strings for text tests (as the checker types them).
    private mutating func untypedTest(_ field: Field) -> Test {
        func scalar(_ g: inout RandomQueries) -> Value {
            switch g.rng.int(0...2) {
            case 0: return .string(g.string(for: field))
            case 1: return g.number(for: field, type: .number)
            default: return .bool(g.rng.chance(0.5))
            }
        }
        switch rng.int(0...5) {
        case 0: return .equals(.bool(true))   // the bare field
        case 1: return .equals(scalar(&self))
        case 2: return .oneOf((0..<rng.int(1...3)).map { _ in scalar(&self) })
        case 3: return numericTest(field, type: .number)
        case 4: return .contains(fragment())
        default: return rng.chance(0.5) ? .startsWith(fragment()) : .endsWith(fragment())
        }
    }

    // MARK: - Operands

    private mutating func string(for field: Field) -> String {
        let pool: [String]
        switch field {
        case .id: pool = ["f0", "f1", "f2", "f3", "F1", "nobody"]
        case .name: pool = RandomVocabulary.names
        case .tag, .shopifyTag: pool = RandomVocabulary.tags
        case .segment: pool = RandomVocabulary.segments
        case .hubspotSegment, .klaviyoList: pool = RandomVocabulary.lists
        case .shopifyId, .hubspotId, .klaviyoId: pool = RandomVocabulary.ids
        case .hubspotProperty("stage"): pool = RandomVocabulary.stages
        case .hubspotProperty("mixed"): pool = ["0", "1", "2", "3", "x"]
        case .hubspotProperty("lead status"): pool = ["OPEN", "open", "Closed"]
        case .hubspotProperty("segment"): pool = RandomVocabulary.segments
        case .klaviyoProperty("city"): pool = RandomVocabulary.cities
        case .tagKey: pool = RandomVocabulary.tagKeyValues
        default: pool = RandomVocabulary.tags
        }
        return TextMatching.nfc(rng.pick(pool))
    }

    private mutating func fragment() -> String {
        TextMatching.nfc(rng.pick(RandomVocabulary.fragments))
    }

    private mutating func number(for field: Field, type: ValueType) -> Value {
        if type == .number {
            if rng.chance(0.5) { return .number(rng.pick(RandomVocabulary.numbers)) }
            return .number(Double(rng.int(-4...12)) / 2)
        }
        if rng.chance(0.03) { return .int(rng.chance(0.5) ? Int64.max : Int64.min) }
        switch field {
        case .shopifyPurchases: return .int(Int64(rng.int(-1...7)))
        case .shopifyDaysSinceLastPurchase: return .int(Int64(rng.int(-3...420)))
        default: return .int(Int64(rng.int(-3...130)))
        }
    }

    private static func isOrdered(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case let (.int(x), .int(y)): return x <= y
        case let (.number(x), .number(y)): return x <= y
        default: return true
        }
    }

    /// A time value of any form, near `now` in `RandomVocabulary.context`.
    public mutating func time() -> TimeValue {
        let today = RandomVocabulary.today
        switch rng.int(0...9) {
        case 9: return .period(period())
        case 0: return .date(CalendarDate(daysSinceEpoch: Int(today) + rng.int(-400...3)))
        case 1: return .relative(RelativeTime(count: rng.int(-40...3), unit: .day))
        case 2: return .relative(RelativeTime(count: rng.int(-8...1), unit: .week))
        case 3: return .relative(RelativeTime(count: rng.int(-14...1), unit: .month))
        case 4: return .relative(RelativeTime(count: rng.int(-2...1), unit: .year))
        case 5: return .relative(RelativeTime(count: rng.int(-200...5), unit: .hour))
        case 6: return rng.pick([.today, .yesterday, .now])
        default: return .instant(instant())
        }
    }

    /// A calendar period near `now`: this or last week, month or year, or a
    /// month literal around it.
    public mutating func period() -> CalendarPeriod {
        switch rng.int(0...2) {
        case 0: return .this(rng.pick(PeriodUnit.allCases))
        case 1: return .last(rng.pick(PeriodUnit.allCases))
        default:
            let month = rng.int(-14...1) + 2026 * 12 + 10
            return .month(year: month / 12, month: month % 12 + 1)
        }
    }

    /// An instant on or near a local day boundary, written in UTC or with an offset.
    private mutating func instant() -> InstantLiteral {
        var friends = RandomFriends(seed: rng.next())
        let ms = friends.instant()
        let offset = rng.pick([0, 0, 9 * 3600, -5 * 3600, 5 * 3600 + 1800])
        return InstantLiteral(epochMilliseconds: ms - ms % 1000, offsetSeconds: offset)
    }

    /// Two time values of one family, in order (so `between` checks).
    private mutating func timePair() -> (TimeValue, TimeValue) {
        let today = RandomVocabulary.today
        switch rng.int(0...5) {
        case 5:
            if rng.chance(0.5) {
                let unit = rng.pick(PeriodUnit.allCases)
                return rng.chance(0.5) ? (.period(.last(unit)), .period(.this(unit))) : (.period(.last(unit)), .period(.last(unit)))
            }
            let a = rng.int(-14...1) + 2026 * 12 + 10, b = rng.int(-14...1) + 2026 * 12 + 10
            return (.period(.month(year: min(a, b) / 12, month: min(a, b) % 12 + 1)),
                    .period(.month(year: max(a, b) / 12, month: max(a, b) % 12 + 1)))
        case 0:
            let a = Int(today) + rng.int(-400...3), b = Int(today) + rng.int(-400...3)
            return (.date(CalendarDate(daysSinceEpoch: min(a, b))), .date(CalendarDate(daysSinceEpoch: max(a, b))))
        case 1:
            let a = rng.int(-40...2), b = rng.int(-40...2)
            return (.relative(RelativeTime(count: min(a, b), unit: .day)), .relative(RelativeTime(count: max(a, b), unit: .day)))
        case 2:
            let a = rng.int(-14...1), b = rng.int(-14...1)
            return (.relative(RelativeTime(count: min(a, b), unit: .month)), .relative(RelativeTime(count: max(a, b), unit: .month)))
        case 3:
            let a = rng.int(-200...2), b = rng.int(-200...2)
            return (.relative(RelativeTime(count: min(a, b), unit: .hour)), .relative(RelativeTime(count: max(a, b), unit: .hour)))
        default:
            let a = instant(), b = instant()
            return a.epochMilliseconds <= b.epochMilliseconds ? (.instant(a), .instant(b)) : (.instant(b), .instant(a))
        }
    }
}
