import ArgumentParser
import Foundation
import Segq

/// `segq`: the root command. With no subcommand it opens the REPL.
@main
struct SegqCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segq",
        abstract: "Compile, check and run segment queries over a friend store.",
        discussion: """
            Exit status: 0 success (warnings allowed), 1 the query or data has errors, \
            2 usage error, 3 the store cannot be read or written.
            QUERY given as `-` is read from standard input.
            Without --store or $SEGQ_STORE, check and normalize use the built-in schema and the \
            commands that need friends the bundled sample; each names the store or schema it used \
            on its first line of standard error (docs/command-line.md).
            """,
        version: SegqVersion.current,
        subcommands: [
            REPLCommand.self, CheckCommand.self, ParseCommand.self, NormalizeCommand.self, EvalCommand.self,
            ExplainCommand.self, ImportCommand.self, BenchCommand.self, ProposeCommand.self, ProposalCommand.self,
            MCPCommand.self, GenerateCommand.self, SegmentCommand.self, TagCommand.self, WhyCommand.self,
            TestCommand.self, VersionCommand.self,
            SchemaCommand.self, ValuesCommand.self, StoreCommand.self,
        ],
        defaultSubcommand: REPLCommand.self
    )

    /// The names a first argument may be: every subcommand and `help`.
    static var commandNames: [String] {
        configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
    }

    /// Runs the command line with segq's exit statuses (docs/exit-status.md):
    /// ArgumentParser's usage errors become 2 instead of EX_USAGE (64).
    static func main() {
        StandardStream.reserveClosedDescriptors()
        RawArguments.requireUTF8()
        if let message = UnknownCommand.message(for: Array(CommandLine.arguments.dropFirst()), commands: commandNames) {
            Output.errorText(message + "\n")
            Foundation.exit(ExitStatus.usage)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as SegqExit {
            Foundation.exit(exit.status)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { Output.line(message) }
                Foundation.exit(0)
            }
            if !message.isEmpty { Output.error(message) }
            if code == .validationFailure { Foundation.exit(ExitStatus.usage) }
            Foundation.exit(code.rawValue)
        }
    }
}
