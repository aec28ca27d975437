import ArgumentParser
import Foundation
import Segq

/// `segq generate N [--seed S] [--output FILE]`: realistic friends as JSON
/// Lines, deterministic by seed (the sample store is `generate 2000 --seed 1`).
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Write N generated friends as JSON Lines (deterministic by seed).")

    @Argument(help: "How many friends.") var count: Int
    @Option(help: "Seed of the generator.") var seed: UInt64 = 1
    @Option(name: .shortAndLong, help: ArgumentHelp("Write to FILE instead of standard output.", valueName: "FILE"))
    var output: String?

    func validate() throws {
        if count < 0 { throw ValidationError("N must be 0 or more") }
    }

    func run() throws {
        let path = output ?? "/dev/stdout"
        do {
            try generateFriends(count: count, seed: seed, to: path)
        } catch {
            Output.error("cannot write \(path): \(error)")
            throw SegqExit.store
        }
    }
}
