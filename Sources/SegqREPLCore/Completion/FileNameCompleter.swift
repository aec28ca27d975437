import Foundation

/// File names for arguments that take a path (`.read`, `.open`, `.import`,
/// `.output`, `.export`). `~/` is expanded for the lookup but kept in the
/// candidates; hidden files are offered only when the prefix asks for them.
enum FileNameCompleter {
    struct Match: Equatable {
        /// The path as it should be inserted (`dir/name`, `~/name`).
        var path: String
        var isDirectory: Bool
    }

    /// At most this many matches are returned (a huge folder stays quick).
    static let limit = 500

    static func matches(for prefix: String) -> [Match] {
        let slash = prefix.lastIndex(of: "/")
        let directoryPart = slash.map { String(prefix[...$0]) } ?? ""
        let namePrefix = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        let directory = directoryPart.isEmpty ? "." : (directoryPart as NSString).expandingTildeInPath
        let fileManager = FileManager.default
        guard let entries = try? fileManager.contentsOfDirectory(atPath: directory) else { return [] }
        var matches: [Match] = []
        for entry in entries.sorted() where entry.hasPrefix(namePrefix) {
            if entry.hasPrefix(".") && !namePrefix.hasPrefix(".") { continue }
            var isDirectory: ObjCBool = false
            let full = (directory as NSString).appendingPathComponent(entry)
            _ = fileManager.fileExists(atPath: full, isDirectory: &isDirectory)
            matches.append(Match(path: directoryPart + entry + (isDirectory.boolValue ? "/" : ""),
                                 isDirectory: isDirectory.boolValue))
            if matches.count == limit { break }
        }
        return matches
    }
}
