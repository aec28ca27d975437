import Foundation
import Segq
import Testing

/// `tag.Department` and `tag all (…)` on a SQLite store, on both engines,
/// with the store's keys and values offered to completion.
@Suite struct KeyValueTagTests {
    static func count(_ query: String, _ session: Session, engine: EngineSelection) throws -> Int {
        let compilation = session.compile(query)
        #expect(compilation.ok, "\(compilation.diagnostics.map(\.message))")
        return try QueryEvaluator(session: session, engine: engine)!.count(compilation)
    }

    @Test func keysAddressTheirTags() throws {
        let store = try FacadeStore()
        let session = try store.session()
        let tags = try TagCatalog(session: session)
        let sales = try tags.apply("Department:Sales", query: #"tag = "VIP""#, remove: false)
        let support = try tags.apply("Department:Support", query: #"tag = "Kyoto" and tag != "VIP""#, remove: false)
        #expect(sales > 0 && support > 0)
        let fresh = try store.session()
        let total = try Self.count("added is not null", fresh, engine: .sqlite)
        for engine in [EngineSelection.sqlite, .memory] {
            #expect(try Self.count(#"tag.Department = "Sales""#, fresh, engine: engine) == sales)
            #expect(try Self.count(#"tag.Department in ("Sales", "Support")"#, fresh, engine: engine) == sales + support)
            #expect(try Self.count("tag.Department is null", fresh, engine: engine) == total - sales - support)
            #expect(try Self.count("tag.Department is not null", fresh, engine: engine) == sales + support)
            #expect(try Self.count(#"tag.Department != "Sales""#, fresh, engine: engine) == total - sales)
            #expect(try Self.count(#"TAG all ("VIP", "Department:Sales")"#, fresh, engine: engine) == sales)
            #expect(try Self.count(#"not tag all ("VIP", "Department:Sales")"#, fresh, engine: engine) == total - sales)
        }
        let negated = fresh.compile(#"tag.Department != "Sales""#)
        let summary = negated.summary(in: fresh) ?? ""
        #expect(summary.contains("including friends with no `Department` tag"), "\(summary)")
        #expect(negated.normalized == #"tag.Department != "Sales""#)
        #expect(fresh.fields().contains { $0.path == "tag.Department" && $0.type == "set<string>" })
        #expect(fresh.suggestValues(for: "tag.Department").map(\.value) == ["Sales", "Support"])
        let unknown = fresh.compile(#"tag.Departmnt = "Sales""#)
        #expect(unknown.diagnostics.map(\.code.rawValue) == ["W0105"])
        #expect(unknown.diagnostics.first?.suggestion?.replacement == "tag.Department")
    }

    @Test func tagFoldersAreSetAndCleared() throws {
        let store = try FacadeStore()
        let tags = try TagCatalog(session: try store.session())
        #expect(try tags.setFolder("VIP", folder: "Loyalty").folder == "Loyalty")
        #expect(try TagCatalog(session: try store.session()).list().first { $0.name == "VIP" }?.folder == "Loyalty")
        #expect(CatalogRendering.tagTable(try tags.list()).contains("Loyalty"))
        #expect(try tags.setFolder("VIP", folder: nil).folder == nil)
        #expect(throws: CatalogError.self) { try tags.setFolder("VIP", folder: "  ") }
        #expect(throws: CatalogError.self) { try tags.setFolder("No such tag", folder: "X") }
    }

    @Test func aStaticSegmentUsesNothing() throws {
        let store = try FacadeStore()
        let catalog = try SegmentCatalog(session: try store.session())
        try catalog.save(name: "Kyoto", query: #"tag = "Kyoto""#)
        try catalog.save(name: "Kyoto VIP", query: #"segment = "Kyoto" and tag = "VIP""#, kind: .static)
        #expect(try catalog.usedBy("Kyoto").isEmpty)
        try catalog.drop(name: "Kyoto")
        #expect(try catalog.list().map(\.segment.name) == ["Kyoto VIP"])
    }

    @Test func aCycleIsReportedAtTheReferenceThatMakesIt() throws {
        let store = try FacadeStore()
        let catalog = try SegmentCatalog(session: try store.session())
        try catalog.save(name: "A", query: #"tag = "VIP""#)
        try catalog.save(name: "B", query: #"segment = "A" and tag = "Kyoto""#)
        let query = #"tag = "VIP" or segment = "B""#
        do {
            try catalog.save(name: "A", query: query, replace: true)
            Issue.record("a cycle was saved")
        } catch let error as CatalogError {
            let cycle = try #require(error.diagnostics.first { $0.code.rawValue == "E0105" })
            #expect(cycle.span.offset == 15, "caret at \(cycle.span)")
        }
    }
}
