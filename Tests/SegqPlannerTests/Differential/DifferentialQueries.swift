import SegqSyntax
import SegqSemantics
import SegqNormalForm

/// Random normal forms over the fields of `DifferentialFriends`: every
/// field, every test its type allows (Grammar/README.md "Tests by type"), negation, values
/// drawn mostly from the stores' own pools (so they match), time values of
/// every form near today.
struct DifferentialQueries {
    /// Names of the saved segments the test stores hold.
    var segmentNames: [String]

    static let fields: [(Field, ValueType)] = [
        (.id, .string), (.name, .string), (.added, .time), (.tag, .stringSet), (.segment, .stringSet),
        (.shopifyLinked, .bool), (.shopifyId, .string), (.shopifyTag, .stringSet), (.shopifyPurchases, .int),
        (.shopifyLastPurchase, .time), (.shopifyDaysSinceLastPurchase, .int), (.shopifyAbandonedCart, .bool),
        (.shopifyCartAbandonedAt, .time), (.shopifyHoursSinceCartAbandoned, .int),
        (.hubspotLinked, .bool), (.hubspotId, .string), (.hubspotSegment, .stringSet),
        (.hubspotProperty("stage"), .string), (.hubspotProperty("score"), .number), (.hubspotProperty("vip"), .bool),
        (.klaviyoLinked, .bool), (.klaviyoId, .string), (.klaviyoList, .stringSet),
        (.klaviyoProperty("city"), .string), (.klaviyoProperty("orders"), .number),
    ]

    func form(_ rng: inout SplitMix) -> NormalForm {
        let groups = rng.pick([1, 1, 1, 2, 2, 3, 4])
        return NormalForm((0..<groups).map { _ in
            Group((0..<rng.pick([1, 1, 2, 2, 3, 4])).map { _ in condition(&rng) })
        })
    }

    func condition(_ rng: inout SplitMix) -> Condition {
        let (field, type) = rng.pick(DifferentialQueries.fields)
        return Condition(field: field, type: type, test: test(field: field, type: type, &rng), negated: rng.chance(0.35))
    }

    private func test(field: Field, type: ValueType, _ rng: inout SplitMix) -> Test {
        if rng.chance(0.08) { return .isNull }
        switch type {
        case .bool:
            return .equals(.bool(rng.chance(0.5)))
        case .string, .stringSet:
            let pool = strings(for: field)
            switch Int.random(in: 0..<(type == .stringSet ? 7 : 6), using: &rng) {
            case 0, 1: return .equals(.string(rng.pick(pool)))
            case 2: return .oneOf(sortedUnique((0..<Int.random(in: 2...3, using: &rng)).map { _ in .string(rng.pick(pool)) }))
            case 3: return .contains(fragment(rng.pick(pool), &rng))
            case 4: return .startsWith(fragment(rng.pick(pool), &rng))
            case 5: return .endsWith(fragment(rng.pick(pool), &rng))
            default: return .isEmpty
            }
        case .int, .number:
            func value() -> Value { number(field: field, type: type, &rng) }
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: return .equals(value())
            case 1: return .oneOf(sortedUnique([value(), value()]))
            case 2: return .less(value())
            case 3: return .lessOrEqual(value())
            case 4: return .greater(value())
            case 5: return .greaterOrEqual(value())
            default:
                let a = value(), b = value()
                return ordered(a, b) ? .between(a, b) : .between(b, a)
            }
        case .time:
            func v() -> Value { .time(time(&rng)) }
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: return .equals(v())
            case 1: return .less(v())
            case 2: return .lessOrEqual(v())
            case 3: return .greater(v())
            case 4: return .greaterOrEqual(v())
            default: return .between(v(), v())
            }
        case .untyped:
            return .isNull
        }
    }

    private func strings(for field: Field) -> [String] {
        switch field {
        case .tag: return DifferentialFriends.tags + ["Vip", "nobody"]
        case .segment: return segmentNames
        case .shopifyTag: return DifferentialFriends.shopifyTags
        case .hubspotSegment, .klaviyoList: return DifferentialFriends.lists
        case .name: return DifferentialFriends.names
        case .hubspotProperty: return DifferentialFriends.stages
        case .klaviyoProperty: return DifferentialFriends.cities
        case .id: return ["U0-a", "U1-B", "U2-ü", "U3-x", "U4-a"]
        case .shopifyId: return ["S1", "S2", "S3", "s3"]
        case .hubspotId: return ["H1", "H2", "H3"]
        case .klaviyoId: return ["K1", "K2", "K3"]
        default: return ["x"]
        }
    }

    /// A piece of a value, case-changed at random: what text tests look for.
    private func fragment(_ s: String, _ rng: inout SplitMix) -> String {
        let chars = Array(s)
        guard !chars.isEmpty else { return s }
        let a = Int.random(in: 0..<chars.count, using: &rng)
        let b = Int.random(in: a...chars.count, using: &rng)
        let piece = String(chars[a..<b])
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: return piece.uppercased()
        case 1: return piece.lowercased()
        default: return piece
        }
    }

    private func number(field: Field, type: ValueType, _ rng: inout SplitMix) -> Value {
        switch field {
        case .shopifyDaysSinceLastPurchase:
            return .int(rng.pick([-1, 0, 1, 2, 6, 7, 8, 14, 28, 30, 31, 45, 89, 90, 91, 365]))
        case .shopifyHoursSinceCartAbandoned:
            return .int(rng.pick([-1, 0, 1, 2, 23, 24, 25, 48, 72]))
        default:
            if type == .int { return .int(Int64.random(in: -1...7, using: &rng)) }
            return rng.chance(0.7) ? .int(Int64(rng.pick(DifferentialFriends.numbers.map { Int64($0) })))
                                   : .number(rng.pick([2.5, 0.5, -0.5, 1e6]))
        }
    }

    private func time(_ rng: inout SplitMix) -> TimeValue {
        switch Int.random(in: 0..<7, using: &rng) {
        case 6:
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: return .period(.this(rng.pick(PeriodUnit.allCases)))
            case 1: return .period(.last(rng.pick(PeriodUnit.allCases)))
            default: return .period(.month(year: 2026, month: rng.pick([9, 10, 11, 12])))
            }
        case 0: return .today
        case 1: return .yesterday
        case 2: return .now
        case 3:
            let unit = rng.pick(TimeUnit.allCases)
            return .relative(RelativeTime(count: rng.pick([-1, -2, -7, -24, -3, -12, 1]), unit: unit))
        case 4:
            let month = rng.pick([9, 10, 11])
            return .date(CalendarDate(year: 2026, month: month, day: rng.pick([1, 15, 22, 23, 24, 30])))
        default:
            return .instant(InstantLiteral(epochMilliseconds: rng.pick(instants), offsetSeconds: 0))
        }
    }

    /// Instants around the test's `now` (2026-11-23T10:00Z) and midnights.
    var instants: [Int64] = [1_795_428_000_000, 1_795_428_000_001, 1_795_392_000_000, 1_795_341_600_000, 1_794_000_000_000]

    private func ordered(_ a: Value, _ b: Value) -> Bool {
        func d(_ v: Value) -> Double {
            switch v {
            case .int(let i): return Double(i)
            case .number(let x): return x
            default: return 0
            }
        }
        return d(a) <= d(b)
    }

    private func sortedUnique(_ vs: [Value]) -> [Value] {
        var seen = Set<Value>()
        return vs.filter { seen.insert($0).inserted }.sorted { "\($0)" < "\($1)" }
    }
}
