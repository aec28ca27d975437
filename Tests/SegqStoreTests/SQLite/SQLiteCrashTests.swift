import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import SegqStore

/// `kill -9` in the middle of an import (INTERFACES.md "Stores"): a child
/// process imports with a tiny page cache, so changed pages are already
/// written into the database file, and is killed there; reopening the store
/// must roll the hot journal back to exactly the previous state.
@Suite(.serialized) struct SQLiteCrashTests {
    @Test func killedImportLeavesThePreviousState() throws {
        #if os(Linux)
        let file = TemporaryStorePath()
        defer { file.remove() }
        let before = SampleFriends.make(count: 300, seed: 11)
        do {
            let store = try SQLiteStore.create(path: file.path)
            try store.importFriends(before)
        }
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let pid = fork()
        if pid == 0 {
            // The child: import until well past the first cache spill, report, wait to be killed.
            close(fds[0])
            do {
                let store = try SQLiteStore.open(path: file.path)
                try store.db.execute("PRAGMA cache_size = 8")
                try store.importFriends(mode: .replace) { writer in
                    var r = SampleRandom(seed: 5)
                    for i in 0..<5_000 {
                        try writer.add(GeneratedFriends.friend(i, &r))
                        if i == 4_000 {
                            var byte: UInt8 = 1
                            _ = write(fds[1], &byte, 1)
                            while true { pause() }
                        }
                    }
                }
            } catch {}
            _exit(3)
        }
        #expect(pid > 0)
        close(fds[1])
        var poll = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
        let ready = Glibc.poll(&poll, 1, 120_000)
        var byte: UInt8 = 0
        let got = ready > 0 ? read(fds[0], &byte, 1) : 0
        let journalWhileRunning = FileManager.default.fileExists(atPath: file.path + "-journal")
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(fds[0])
        #expect(got == 1, "the child never reached the middle of its import")
        #expect(journalWhileRunning, "the import had written nothing to the file yet")

        let store = try SQLiteStore.open(path: file.path)
        #expect(Array(try store.allFriends()) == Array(try {
            let expected = try SQLiteStore.create(path: ":memory:")
            try expected.importFriends(before)
            return try expected.allFriends()
        }()))
        #expect(try store.friendCount() == 300)
        #expect(try store.statistics().friendCount == 300)
        #expect(try store.withStatement("PRAGMA integrity_check") { s in try s.step() ? s.text(0) : "" } == "ok")
        #endif
    }
}
