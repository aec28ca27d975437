import SegqBasics
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import SegqStore
@testable import SegqSQLiteStore

/// `kill -9` in the middle of an import (docs/data-formats.md "Stores"): a child
/// process (this test binary again, running only `crashChildImport`)
/// imports with a tiny page cache, so changed pages are already written
/// into the database file, reports that it is there, and is killed;
/// reopening the store must roll the hot journal back to exactly the
/// previous state.
@Suite(.serialized) struct SQLiteCrashTests {
    static let storeVariable = "SEGQ_CRASH_CHILD_STORE"
    static let markerVariable = "SEGQ_CRASH_CHILD_MARKER"

    @Test func killedImportLeavesThePreviousState() throws {
        #if os(Linux)
        let file = TemporaryStorePath()
        let marker = file.path + ".reached"
        defer {
            file.remove()
            try? FileManager.default.removeItem(atPath: marker)
        }
        let before = SampleFriends.make(count: 300, seed: 11)
        do {
            let store = try SQLiteStore.create(path: file.path)
            try store.importFriends(before)
        }
        let child = Process()
        child.executableURL = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        child.arguments = ["--testing-library", "swift-testing", "--filter", "SQLiteCrashChild"]
        var environment = ProcessInfo.processInfo.environment
        environment[Self.storeVariable] = file.path
        environment[Self.markerVariable] = marker
        child.environment = environment
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        var reached = false
        for _ in 0..<1_200 where child.isRunning {
            if FileManager.default.fileExists(atPath: marker) { reached = true; break }
            usleep(100_000)
        }
        let journalWhileRunning = FileManager.default.fileExists(atPath: file.path + "-journal")
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(reached, "the child never reached the middle of its import (exit \(child.terminationStatus))")
        #expect(journalWhileRunning, "the import had written nothing to the file yet")

        let store = try SQLiteStore.open(path: file.path)
        let expected = try SQLiteStore.create(path: ":memory:")
        try expected.importFriends(before)
        #expect(Array(try store.allFriends()) == Array(try expected.allFriends()))
        #expect(try store.friendCount() == 300)
        #expect(try store.statistics() == expected.statistics())
        #expect(try store.withStatement("PRAGMA integrity_check") { s in try s.step() ? s.text(0) : "" } == "ok")
        #endif
    }
}

/// The child side of `SQLiteCrashTests`: runs only when that test starts it.
@Suite(.enabled(if: ProcessInfo.processInfo.environment[SQLiteCrashTests.storeVariable] != nil))
struct SQLiteCrashChild {
    @Test func crashChildImport() throws {
        let env = ProcessInfo.processInfo.environment
        guard let path = env[SQLiteCrashTests.storeVariable], let marker = env[SQLiteCrashTests.markerVariable] else { return }
        let store = try SQLiteStore.open(path: path)
        try store.db.execute("PRAGMA cache_size = 8")
        try store.importFriends(mode: .replace) { writer in
            var r = SplitMix64(seed: 5)
            for i in 0..<5_000 {
                try writer.add(GeneratedFriends.friend(i, &r))
                if i == 4_000 {
                    try writer.flush()
                    FileManager.default.createFile(atPath: marker, contents: Data())
                    while true { sleep(60) }
                }
            }
        }
    }
}
