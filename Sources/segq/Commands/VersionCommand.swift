import ArgumentParser
import Segq

/// `segq version`: the same line as `segq --version`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", abstract: "Print segq's version.")

    func run() throws {
        Output.line(SegqVersion.current)
    }
}
