import ArgumentParser
import Foundation
import Segq
import SegqREPLCore

/// `segq [--store PATH]`: the REPL, the default command.
struct REPLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl", abstract: "Type queries and see who they match (the default command).")

    @OptionGroup var store: StoreOptions
    @OptionGroup var time: TimeOptions

    func run() throws {
        let options = REPLOptions.standard()
        let engine = FacadeEngine(session: try store.openSession(time: time), colour: options.usesColour)
        let status = runREPL(engine: engine, options: options)
        if status != 0 { throw SegqExit(status: status) }
    }
}
