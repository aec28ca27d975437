import Testing
import SegqSyntax
@testable import SegqSemantics

/// Every cell of Grammar/README.md "Tests by type" (type × test), checked end to end: a query
/// with a well-typed operand is accepted exactly when the table allows the
/// test, else refused with E0202 (E0204 for a bare field).
@Suite struct TestTableMatrixTests {
    /// The table of Grammar/README.md "Tests by type", transcribed independently of `ValueType.allows`.
    static let table: [ValueType: Set<TestForm>] = [
        .string: [.equal, .notEqual, .in, .notIn, .contains, .notContains, .startsWith, .notStartsWith,
                  .endsWith, .notEndsWith, .isNull, .isNotNull],
        .int: [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .in, .notIn, .between,
               .notBetween, .isNull, .isNotNull],
        .number: [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .in, .notIn, .between,
                  .notBetween, .isNull, .isNotNull],
        .time: [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .between, .notBetween,
                .within, .isNull, .isNotNull],
        .bool: [.bare, .equal, .notEqual, .isNull, .isNotNull],
        .stringSet: [.equal, .notEqual, .in, .notIn, .all, .contains, .notContains, .startsWith, .notStartsWith,
                     .endsWith, .notEndsWith, .isEmpty, .isNotEmpty, .isNull, .isNotNull],
        // Without a store a property may be a string, number or bool.
        .untyped: [.bare, .equal, .notEqual, .in, .notIn, .less, .lessOrEqual, .greater, .greaterOrEqual,
                   .between, .notBetween, .contains, .notContains, .startsWith, .notStartsWith, .endsWith,
                   .notEndsWith, .isNull, .isNotNull],
    ]

    /// A field of each type and the schema it has that type in.
    static let fields: [(ValueType, String, Schema)] = [
        (.string, "name", storeSchema),
        (.int, "shopify.purchases", storeSchema),
        (.number, "hubspot.score", storeSchema),
        (.bool, "shopify.abandoned_cart", storeSchema),
        (.time, "shopify.last_purchase", storeSchema),
        (.stringSet, "tag", storeSchema),
        (.untyped, "hubspot.stage", .default),
    ]

    /// A literal of the right type for the field and test.
    static func literal(_ type: ValueType, _ form: TestForm, second: Bool = false) -> String {
        switch type {
        case .string, .stringSet: return second ? "\"y\"" : "\"x\""
        case .int: return second ? "5" : "3"
        case .number: return second ? "9.5" : "2.5"
        case .bool: return "true"
        case .time: return second ? "-1d" : "-7d"
        case .untyped:
            let ordering: [TestForm] = [.less, .lessOrEqual, .greater, .greaterOrEqual, .between, .notBetween]
            if ordering.contains(form) { return second ? "5" : "3" }
            return "\"x\""
        }
    }

    static func query(_ path: String, _ type: ValueType, _ form: TestForm) -> String {
        let l = literal(type, form), l2 = literal(type, form, second: true)
        switch form {
        case .bare: return path
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return "\(path) \(form.rawValue) \(l)"
        case .in, .notIn, .all: return "\(path) \(form.rawValue) (\(l), \(l2))"
        case .between, .notBetween: return "\(path) \(form.rawValue) \(l) and \(l2)"
        case .contains, .notContains, .startsWith, .notStartsWith, .endsWith, .notEndsWith:
            return "\(path) \(form.rawValue) \"x\""
        case .isNull, .isNotNull, .isEmpty, .isNotEmpty: return "\(path) \(form.rawValue)"
        case .within: return "\(path) within 7d"
        }
    }

    struct Cell: CustomTestStringConvertible, Sendable {
        var type: ValueType
        var form: TestForm
        var testDescription: String { "\(type.rawValue) × \(form.rawValue)" }
    }

    static let cells: [Cell] = fields.flatMap { f in TestForm.allCases.map { Cell(type: f.0, form: $0) } }

    @Test(arguments: cells)
    func cell(_ cell: Cell) throws {
        let field = try #require(Self.fields.first { $0.0 == cell.type })
        let text = Self.query(field.1, cell.type, cell.form)
        let result = Checker(schema: field.2).check(text)
        let errors = result.diagnostics.filter { $0.severity == .error }
        let allowed = Self.table[cell.type]?.contains(cell.form) ?? false
        #expect(cell.type.allows(cell.form) == allowed)
        if allowed {
            #expect(errors.isEmpty, "\(text): \(errors.map(\.message))")
            #expect(result.query != nil)
        } else {
            #expect(errors.map(\.code) == [cell.form == .bare ? .bareFieldNotBool : .testNotAllowed], "\(text)")
            #expect(result.query == nil)
        }
    }

    @Test func everyFormIsCoveredForEveryType() {
        #expect(Self.cells.count == Self.fields.count * TestForm.allCases.count)
        #expect(Set(Self.fields.map(\.0)).count == 7)
    }
}
