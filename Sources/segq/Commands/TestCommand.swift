import ArgumentParser
import Foundation
import Segq

/// `segq test DIR [--update] [--format text|tap|junit]`: runs a folder of
/// golden cases (docs/golden-tests.md); exit 1 when any differs or cannot
/// run, 0 otherwise (also after `--update` rewrote the ones that differed).
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run a folder of golden cases: each query's parse, normalize, explain or eval output against the expected one.")

    @Argument(help: "The folder of NAME.segq cases with their NAME.COMMAND expectations.", completion: .directory)
    var directory: String
    @Flag(help: "Rewrite the expectations that differ or are missing (and say how many).") var update = false
    @Option(help: "Report as text (diffs), tap (TAP version 13) or junit (JUnit XML).") var format: GoldenSuiteFormat = .text

    func run() throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
            Output.error("\(directory) is not a folder")
            throw SegqExit.usage
        }
        let suite: GoldenSuite
        do {
            suite = try GoldenSuite(directory: URL(fileURLWithPath: directory))
        } catch {
            Output.error("cannot read the cases in \(directory): \(error)")
            throw SegqExit.usage
        }
        if suite.cases.isEmpty {
            Output.error("no cases in \(directory): a case is a NAME.segq file (docs/golden-tests.md)")
            throw SegqExit.queryError
        }
        let result = suite.run(update: update)
        Output.write(GoldenSuiteRendering.render(result, as: format))
        if !result.ok { throw SegqExit.queryError }
    }
}

extension GoldenSuiteFormat: ExpressibleByArgument {}
