import Foundation
import Testing
import TestSupport

/// The import lines of each module's sources, checked against the
/// invariants ARCHITECTURE.md states for it: the module graph of
/// Package.swift says what a target may depend on, these say what its
/// sources actually import (the system libraries included).
@Suite struct ModuleImportTests {
    /// The modules the files of `folder` import.
    static func imports(of folder: String) -> Set<String> {
        let files = FrontEndImportTests.swiftFiles(in: folder)
        #expect(!files.isEmpty, "no sources in \(folder)")
        var modules: Set<String> = []
        for file in files {
            for line in FrontEndImportTests.importLines(of: file) {
                modules.insert(line.split(separator: " ").last.map(String.init) ?? "")
            }
        }
        return modules
    }

    static let engines: Set<String> = ["SegqMemoryStore", "SegqSQLiteStore", "CSQLite", "SegqPostgresStore", "CLibPQ"]
    static let system: Set<String> = ["Foundation", "Glibc", "Darwin", "Dispatch"]

    /// The standard library and the C library (`OutputFile` writes with
    /// open/rename); no Foundation, no segq module.
    @Test func theSharedConceptsUseOnlyTheStandardLibrary() {
        #expect(Self.imports(of: "SegqBasics").isSubset(of: ["Glibc", "Darwin"]))
    }

    @Test func theSyntaxModuleImportsOnlyTheSharedConcepts() {
        // No Foundation, no stores, no libedit: the standard library and SegqBasics.
        #expect(Self.imports(of: "SegqSyntax").isSubset(of: ["SegqBasics"]))
    }

    @Test func theStoreCoreImportsNoEngineAndNoPlanner() {
        let allowed = Self.system.union(["SegqBasics", "SegqSyntax", "SegqSemantics"])
        #expect(Self.imports(of: "SegqStore").subtracting(allowed).isEmpty)
    }

    @Test func eachEngineImportsTheCoreButNoOtherEngineNorThePlanner() {
        let front: Set<String> = ["SegqBasics", "SegqSyntax", "SegqSemantics", "SegqStore"]
        #expect(Self.imports(of: "SegqMemoryStore").subtracting(Self.system.union(front)).isEmpty)
        #expect(Self.imports(of: "SegqSQLiteStore").subtracting(Self.system.union(front).union(["CSQLite"])).isEmpty)
        #expect(Self.imports(of: "SegqPostgresStore").subtracting(Self.system.union(front).union(["CLibPQ"])).isEmpty)
    }

    @Test func thePlannerImportsNoEngine() {
        let planner = Self.imports(of: "SegqPlanner")
        #expect(planner.isDisjoint(with: Self.engines.union(["Segq"])))
        #expect(planner.contains("SegqStore"))
    }

    @Test func theREPLCoreImportsNoEngineNorTheFacade() {
        let allowed = Self.system.union(["SegqBasics", "Synchronization"])
        #expect(Self.imports(of: "SegqREPLCore").subtracting(allowed).isEmpty)
    }

    /// ARCHITECTURE.md, "Tests": the two reference evaluators share no code
    /// with what they judge nor with each other — neither imports the
    /// planner, an engine or the facade, and neither names the other or the
    /// other's level (`PhysicalExpr` for the query-level one).
    @Test func theReferenceEvaluatorsShareNoCodeWithWhatTheyJudge() throws {
        let support = CLIRunner.repositoryRoot.appendingPathComponent("Tests/TestSupport")
        let judged = Self.engines.union(["SegqPlanner", "Segq"])
        func source(_ name: String) throws -> (imports: Set<String>, text: String) {
            let file = support.appendingPathComponent(name)
            let imports = Set(FrontEndImportTests.importLines(of: file).compactMap { $0.split(separator: " ").last.map(String.init) })
            return (imports, try String(contentsOf: file, encoding: .utf8))
        }
        for name in ["ReferenceEvaluator.swift", "ReferencePeriods.swift"] {
            let reference = try source(name)
            #expect(reference.imports.isDisjoint(with: judged), "\(name): \(reference.imports)")
            #expect(!reference.text.contains("PhysicalOracle") && !reference.text.contains("PhysicalExpr"), "\(name)")
        }
        let oracle = try source("PhysicalOracle.swift")
        #expect(oracle.imports.isDisjoint(with: judged), "\(oracle.imports)")
        #expect(!oracle.text.contains("ReferenceEvaluator"))
    }
}
