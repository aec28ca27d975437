import Foundation
import Testing
import TestSupport

/// The command line and the REPL reach the language and the stores only
/// through `Segq`, and `Segq` re-exports single types, never a module.
@Suite struct FrontEndImportTests {
    static let sources = CLIRunner.repositoryRoot.appendingPathComponent("Sources")

    static func swiftFiles(in folder: String) -> [URL] {
        let root = sources.appendingPathComponent(folder)
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        return (walker?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "swift" }
    }

    static func importLines(of file: URL) -> [String] {
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { $0.hasPrefix("import ") || $0.hasPrefix("@_exported") || $0.hasPrefix("@testable") }
    }

    @Test func theExecutableImportsOnlyTheFacade() {
        let allowed: Set<String> = ["Segq", "SegqBasics", "SegqREPLCore", "ArgumentParser", "CLibEdit", "Foundation", "Glibc"]
        let files = Self.swiftFiles(in: "segq")
        #expect(files.count >= 20)
        for file in files {
            for line in Self.importLines(of: file) {
                let module = line.split(separator: " ").last.map(String.init) ?? ""
                #expect(line.hasPrefix("import ") && allowed.contains(module), "\(file.lastPathComponent): \(line)")
            }
        }
    }

    @Test func theREPLCoreImportsNoEngineModule() {
        for file in Self.swiftFiles(in: "SegqREPLCore") {
            for line in Self.importLines(of: file) {
                // SegqBasics holds small shared helpers (quoting, widths, keywords), no engine.
                #expect(!line.contains("Segq") || line == "import SegqBasics", "\(file.lastPathComponent): \(line)")
            }
        }
    }

    @Test func theFacadeReExportsTypesNotModules() {
        let lines = Self.importLines(of: Self.sources.appendingPathComponent("Segq/Segq.swift"))
        let exported = lines.filter { $0.hasPrefix("@_exported") }
        #expect(!exported.isEmpty)
        for line in exported {
            let words = line.split(separator: " ")
            // `@_exported import struct SegqSyntax.Diagnostic`: a kind, then Module.Type.
            #expect(words.count == 4 && words[3].contains("."), "\(line)")
        }
    }
}
