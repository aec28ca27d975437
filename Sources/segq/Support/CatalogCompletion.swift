import ArgumentParser
import Foundation
import Segq

/// Shell completion of saved segment names and of the folders segments and
/// tags are filed in, read from the database the command line names
/// (`--store PATH`, else `$SEGQ_STORE`). Friend files keep no catalogue and
/// an unreadable store offers nothing, so completion never fails.
enum CatalogCompletion {
    static let segmentNames = CompletionKind.custom { words, _, prefix in
        names(words, prefix) { try SegmentCatalog(session: $0).store.segmentNames() }
    }
    static let segmentFolders = CompletionKind.custom { words, _, prefix in
        names(words, prefix) { try SegmentCatalog(session: $0).folders() }
    }
    static let tagNames = CompletionKind.custom { words, _, prefix in
        names(words, prefix) { try TagCatalog(session: $0).list().map(\.name) }
    }
    static let tagFolders = CompletionKind.custom { words, _, prefix in
        names(words, prefix) { try TagCatalog(session: $0).folders() }
    }

    /// What `read` finds in the store `words` name, starting with `prefix`.
    static func names(_ words: [String], _ prefix: String, _ read: (Session) throws -> [String]) -> [String] {
        guard let path = storePath(in: words), OpenedStore.isDatabase(path: path) || OpenedStore.isServerURL(path),
              let loaded = try? OpenedStore.load(path: path) else { return [] }
        return ((try? read(Session(loaded: loaded))) ?? []).filter { $0.hasPrefix(prefix) }
    }

    /// The value of the last `--store PATH` or `--store=PATH` in `words`, else `$SEGQ_STORE`.
    static func storePath(in words: [String]) -> String? {
        for (index, word) in words.enumerated().reversed() {
            if word.hasPrefix("--store=") { return String(word.dropFirst("--store=".count)) }
            if word == "--store", index + 1 < words.count { return words[index + 1] }
        }
        let environment = ProcessInfo.processInfo.environment["SEGQ_STORE"]
        return environment?.isEmpty == false ? environment : nil
    }
}
