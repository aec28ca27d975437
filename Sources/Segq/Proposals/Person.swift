import SegqBasics
import SegqSyntax
import SegqSemantics
import SegqNormalForm
import SegqStore
import SegqPlanner
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Who is deciding at a terminal: the operating system's user, the one
/// person the terminal belongs to.
public enum Person {
    /// The login name of the process's real user (falling back to `$USER`, then the uid).
    public static var terminalUser: String {
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name {
            let text = String(cString: name)
            if !text.isEmpty { return text }
        }
        if let user = ProcessInfo.processInfo.environment["USER"], !user.isEmpty { return user }
        return "uid \(getuid())"
    }

    /// Whether standard input is a terminal, so a person can be asked.
    public static var atTerminal: Bool { isatty(0) == 1 }

    /// `y` or `yes` (any case, surrounding spaces ignored) approves;
    /// every other answer, an empty one included, does not.
    public static func approves(_ answer: String) -> Bool {
        let word = answer.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return word == "y" || word == "yes"
    }

    /// The refusal when nobody is at a terminal to approve.
    public static let needsTerminal = "approving needs a person at a terminal"
}
