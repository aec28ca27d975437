import ArgumentParser
import Foundation
import Segq

/// `segq generate N [--seed S] [--now RFC3339] [--output FILE]`: realistic
/// friends as JSON Lines, deterministic by seed and `--now` (the sample store
/// is `generate 2000 --seed 1`; `make run` passes today as `--now`).
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Write N generated friends as JSON Lines (deterministic by seed).")

    @Argument(help: "How many friends.") var count: Int
    @Option(help: "Seed of the generator.") var seed: UInt64 = 1
    @Option(help: ArgumentHelp("The instant the friends' times lead up to, RFC 3339 (default: 2026-11-23T00:00:00Z, the sample's).",
                               valueName: "RFC3339"))
    var now: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to FILE instead of standard output.", valueName: "FILE"),
            completion: .file())
    var output: String?

    func validate() throws {
        if count < 0 { throw ValidationError("N must be 0 or more") }
        try TimeOptions.validate(now: now)
    }

    func run() throws {
        let path = output ?? "/dev/stdout"
        do {
            try generateFriends(count: count, seed: seed, now: now.flatMap(RFC3339.parse), to: path)
        } catch {
            Output.error(WriteFailureText.message(error, path: path))
            throw SegqExit.store
        }
    }
}
