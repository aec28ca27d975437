import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `segment export -o`, `.export FILE` and `.output FILE` write into what
/// the path names without replacing it: a FIFO stays a FIFO, a symbolic
/// link stays a link (its target is written), `/dev/null` stays a device;
/// a regular file is replaced as a whole. `.output` gets every matching
/// friend, not the display limit.
@Suite(.serialized) struct OutputFileTests {

    static func kind(_ path: String) -> mode_t {
        var info = stat()
        guard lstat(path, &info) == 0 else { return 0 }
        return info.st_mode & S_IFMT
    }

    /// A FIFO in the store's folder with a reader already open (without
    /// blocking), so that a writer can open it; `drain` reads what was written.
    final class FIFO {
        let path: String
        let reader: Int32

        init(in directory: URL, name: String) throws {
            path = directory.appendingPathComponent(name).path
            guard mkfifo(path, 0o644) == 0 else { throw CocoaError(.fileWriteUnknown) }
            reader = open(path, O_RDONLY | O_NONBLOCK)
        }

        func drain() -> String {
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = read(reader, &buffer, buffer.count)
                if n <= 0 { break }
                bytes += buffer[0..<n]
            }
            return String(decoding: bytes, as: UTF8.self)
        }

        deinit { close(reader) }
    }

    static func prepare() throws -> SampleDatabase {
        let store = try CatalogCommandTests.store()
        let saved = try store.segq(["segment", "save", "Kyoto", "--query", #"tag = "Kyoto""#])
        #expect(saved.status == 0, "\(saved.combined)")
        return store
    }

    @Test func exportIntoAFIFOWritesThroughIt() throws {
        let store = try Self.prepare()
        let fifo = try FIFO(in: store.folder.url, name: "members.fifo")
        let export = try store.segq(["segment", "export", "Kyoto", "--format", "ids", "-o", fifo.path])
        #expect(export.status == 0, "\(export.combined)")
        #expect(export.stderr.contains("wrote 52 member"))
        #expect(Self.kind(fifo.path) == S_IFIFO)
        #expect(fifo.drain().split(separator: "\n").count == 52)
    }

    @Test func exportThroughASymbolicLinkWritesItsTarget() throws {
        let store = try Self.prepare()
        let target = store.file("target.csv")
        let link = store.file("link.csv")
        try "old\n".write(toFile: target, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.csv")
        let export = try store.segq(["segment", "export", "Kyoto", "-o", link])
        #expect(export.status == 0, "\(export.combined)")
        #expect(Self.kind(link) == S_IFLNK)
        let written = try String(contentsOfFile: target, encoding: .utf8)
        #expect(written.hasPrefix("id,name,added_at,tags\n"))
        #expect(written.split(separator: "\n").count == 53)
    }

    @Test func exportReplacesARegularFileWholeKeepingItsMode() throws {
        let store = try Self.prepare()
        let path = store.file("members.csv")
        try "old contents\n".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o640)
        var before = stat()
        stat(path, &before)
        let export = try store.segq(["segment", "export", "Kyoto", "-o", path])
        #expect(export.status == 0, "\(export.combined)")
        var after = stat()
        stat(path, &after)
        // Renamed over the old file (a new inode), with the old permissions.
        #expect(after.st_ino != before.st_ino)
        #expect(after.st_mode & 0o777 == 0o640)
        #expect(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count == 53)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: store.folder.url.path)
            .filter { $0.contains(".segq-") }
        #expect(leftovers.isEmpty)
    }

    @Test func exportAndOutputToDevNullLeaveTheDevice() throws {
        let store = try Self.prepare()
        #expect(Self.kind("/dev/null") == S_IFCHR)
        let export = try store.segq(["segment", "export", "Kyoto", "-o", "/dev/null"])
        #expect(export.status == 0, "\(export.combined)")
        #expect(export.stderr.contains("wrote 52 member"))
        #expect(Self.kind("/dev/null") == S_IFCHR)
        let repl = try store.segq([], stdin: ".output /dev/null\ntag = \"Kyoto\"\n.export Kyoto /dev/null\n")
        #expect(repl.status == 0, "\(repl.combined)")
        #expect(Self.kind("/dev/null") == S_IFCHR)
    }

    @Test func replOutputAndExportWriteThroughFIFOsAndLinks() throws {
        let store = try Self.prepare()
        let fifo = try FIFO(in: store.folder.url, name: "results.fifo")
        let target = store.file("target.csv")
        let link = store.file("link.csv")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let repl = try store.segq([], stdin: ".format ids\n.output \(fifo.path)\ntag = \"Kyoto\"\n.output stdout\n.export Kyoto \(link)\n")
        #expect(repl.status == 0, "\(repl.combined)")
        #expect(repl.stdout.contains("wrote 52 member"))
        #expect(Self.kind(fifo.path) == S_IFIFO)
        #expect(fifo.drain().split(separator: "\n").count == 52)
        #expect(Self.kind(link) == S_IFLNK)
        #expect(try String(contentsOfFile: target, encoding: .utf8).split(separator: "\n").count == 53)
    }

    /// The display limit (10) is for the screen: a file gets every row.
    @Test func outputToAFileHoldsEveryMatchingFriend() throws {
        let store = try Self.prepare()
        let path = store.file("ids.txt")
        let table = store.file("table.txt")
        let repl = try store.segq([], stdin: """
            .format ids
            .output \(path)
            tag = "Kyoto"
            .format table
            .output \(table)
            tag = "Kyoto"
            .output stdout
            tag = "Kyoto"

            """)
        #expect(repl.status == 0, "\(repl.combined)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count == 52)
        let written = try String(contentsOfFile: table, encoding: .utf8)
        #expect(written.contains("52 friends match · 2.6% of 2,000"))
        #expect(!written.contains("first 10 of 52"))
        // Back on standard output, the limit applies again.
        #expect(repl.stdout.contains("(first 10 of 52)"))
    }
}
