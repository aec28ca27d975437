import SegqBasics

/// A first argument that is neither an option nor a command name: with the
/// REPL as the default command, ArgumentParser would only call it an
/// unexpected argument, so it is caught first and answered with the nearest
/// command name (`segq chek` → did you mean "check"?), exit status 2.
enum UnknownCommand {
    /// The message for `arguments` (without the program name), or nil when
    /// the first one is an option, a command, or absent.
    static func message(for arguments: [String], commands: [String]) -> String? {
        guard let word = arguments.first, !word.hasPrefix("-"), !commands.contains(word) else { return nil }
        if let near = NearestName.nearest(to: word, in: commands) {
            return "error: unknown command \"\(word)\" — did you mean \"\(near)\"?"
        }
        return "error: unknown command \"\(word)\"; the commands are " + commands.sorted().joined(separator: ", ")
    }
}
