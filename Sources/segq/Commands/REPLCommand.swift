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
        var options = REPLOptions.standard()
        let session = try store.openSession(time: time)
        options.heading = Self.heading(session)
        let engine = FacadeEngine(session: session, colour: options.usesColour)
        let status = runREPL(engine: engine, options: options)
        if status != 0 { throw SegqExit(status: status) }
    }

    /// `segq 0.3.0 — store .build/sample.sqlite (2,000 friends, zone UTC) · now 2026-12-03T09:00:00Z UTC (clock)`:
    /// what the session works on and the instant relative times count from.
    static func heading(_ session: Session) -> String {
        let line = session.storeIdentity.line
        // `store: PATH (…)` → `store PATH (…)`, `schema: built-in (…)` → `schema built-in (…)`.
        let source = line.replacingOccurrences(of: ": ", with: " ", range: line.range(of: ": "))
        let now = RFC3339.format(session.currentInstant)
        let origin = session.fixedNow == nil ? "clock" : "fixed by --now"
        return "segq \(SegqVersion.current) — \(source) · now \(now) \(session.timeZoneName) (\(origin))"
    }
}
