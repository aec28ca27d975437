import Foundation
import Testing
import TestSupport

/// Inputs that used to be changed or dropped without a word, output that
/// crashed when it could not be written, and messages in the program's
/// words — each driven through the real binary.
@Suite(.serialized) struct SilentInputTests {
    static let now = "2026-11-23T09:00:00Z"

    /// Runs `script` with `/bin/sh`, `$SEGQ` naming the binary, in the
    /// repository root; for raw bytes and file-descriptor plumbing that
    /// `CLIRunner` cannot express.
    static func shell(_ script: String) throws -> ShellResult {
        let binary = try #require(CLIRunner.binaryURL)
        let directory = FileManager.default.temporaryDirectory
        let errURL = directory.appendingPathComponent("segq-shell-\(UUID().uuidString).err")
        let outURL = directory.appendingPathComponent("segq-shell-\(UUID().uuidString).out")
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: errURL)
            try? FileManager.default.removeItem(at: outURL)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = CLIRunner.repositoryRoot
        var env = ProcessInfo.processInfo.environment
        env["SEGQ"] = binary.path
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "SEGQ_STORE")
        env["SEGQ_HISTORY"] = "/dev/null"
        process.environment = env
        let errHandle = try FileHandle(forWritingTo: errURL)
        let outHandle = try FileHandle(forWritingTo: outURL)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? errHandle.close()
        try? outHandle.close()
        let out = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
        let err = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        return ShellResult(status: process.terminationStatus, stdout: out, stderr: err)
    }

    struct ShellResult {
        var status: Int32
        var stdout: String
        var stderr: String
        var combined: String { stdout + stderr }
    }

    // MARK: Friend files that skip records

    @Test func aFriendFileReportsTheRecordsItSkipped() throws {
        let result = try CLIRunner.run(["eval", "--store", "samples/bad-friends.jsonl", "--now", Self.now, "added >= 2000-01-01"])
        #expect(result.status == 0, "\(result.combined)")
        #expect(result.stdout == "1\n")
        #expect(result.stderr.contains("skipped"), "\(result.stderr)")
        #expect(result.stderr.contains("bad-friends.jsonl:2:"), "\(result.stderr)")
    }

    @Test func strictRefusesAFriendFileWithBadRecords() throws {
        let result = try CLIRunner.run(["eval", "--strict", "--store", "samples/bad-friends.jsonl", "added >= 2000-01-01"])
        #expect(result.status == 1, "\(result.combined)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--strict"), "\(result.stderr)")
        let clean = try CLIRunner.run(["eval", "--strict", "--store", "samples/friends.jsonl", "added >= 2000-01-01"])
        #expect(clean.status == 0, "\(clean.combined)")
    }

    @Test func aCSVWithABadHeaderIsReportedAndRefusedWhenStrict() throws {
        let scratch = try ScratchFolder("silent")
        let csv = try scratch.write("friends.csv", "name,added_at\nAnn,2026-01-01T00:00:00Z\n")
        let lenient = try CLIRunner.run(["eval", "--store", csv, "added >= 2000-01-01"])
        #expect(lenient.status == 0 && lenient.stdout == "0\n", "\(lenient.combined)")
        #expect(lenient.stderr.contains("friends.csv:1:") && lenient.stderr.contains("`id`"), "\(lenient.stderr)")
        let strict = try CLIRunner.run(["eval", "--strict", "--store", csv, "added >= 2000-01-01"])
        #expect(strict.status == 1, "\(strict.combined)")
        let repl = try CLIRunner.run(["--store", csv, "--strict"], stdin: "added >= 2000-01-01\n")
        #expect(repl.status == 1, "\(repl.combined)")
    }

    // MARK: Invalid UTF-8

    @Test func invalidUTF8InAQueryArgumentIsAnErrorWithItsOffset() throws {
        // `tag != "ポ"` in Shift-JIS: 0x83 0x7C.
        let result = try Self.shell(#""$SEGQ" eval --store samples/friends.jsonl "$(printf 'tag != "\203\174"')""#)
        #expect(result.status == 1, "\(result.combined)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("E0007") && result.stderr.contains("byte offset 8"), "\(result.stderr)")
    }

    @Test func invalidUTF8OnStandardInputIsAnError() throws {
        let eval = try Self.shell(#"printf 'tag != "\203\174"' | "$SEGQ" eval --store samples/friends.jsonl -"#)
        #expect(eval.status == 1 && eval.stdout.isEmpty, "\(eval.combined)")
        #expect(eval.stderr.contains("E0007"), "\(eval.stderr)")

        let scratch = try SampleDatabase("silent")
        let store = scratch.path
        let save = try Self.shell(#"printf 'tag = "\377"' | "$SEGQ" segment save S --query - --store "\#(store)""#)
        #expect(save.status == 1, "\(save.combined)")
        let list = try CLIRunner.run(["segment", "list", "--store", store])
        #expect(list.stdout.contains("no saved segments"), "\(list.combined)")
    }

    @Test func invalidUTF8InATagNameCreatesNoTag() throws {
        let scratch = try SampleDatabase("silent")
        let store = scratch.path
        let add = try Self.shell(#""$SEGQ" tag add "$(printf 'X\377')" --query 'tag = "VIP"' --store "\#(store)""#)
        #expect(add.status == 1, "\(add.combined)")
        #expect(add.stderr.contains("E0007") && add.stderr.contains("byte offset 1"), "\(add.stderr)")
        let tags = try CLIRunner.run(["tag", "list", "--store", store])
        #expect(!tags.stdout.contains("X\u{FFFD}"), "\(tags.combined)")
    }

    // MARK: Bidirectional controls

    @Test func bidirectionalControlsAreEscapedInNormalFormsAndListings() throws {
        let normal = try CLIRunner.run(["normalize", "--no-store", #"tag = "abc\u{202E}fed""#])
        #expect(normal.status == 0, "\(normal.combined)")
        #expect(!normal.stdout.unicodeScalars.contains("\u{202E}"), "\(normal.stdout)")
        #expect(normal.stdout.contains(#"\u{202E}"#), "\(normal.stdout)")

        let scratch = try SampleDatabase("silent")
        let store = scratch.path
        let save = try CLIRunner.run(["segment", "save", "VIP\u{202E}PIV", "--query", #"tag = "VIP""#, "--store", store])
        #expect(save.status == 0, "\(save.combined)")
        let list = try CLIRunner.run(["segment", "list", "--store", store, "--now", Self.now])
        #expect(!list.stdout.unicodeScalars.contains("\u{202E}") && list.stdout.contains(#"VIP\u{202E}PIV"#), "\(list.stdout)")
        let add = try CLIRunner.run(["tag", "add", "R\u{2067}L", "--query", #"tag = "VIP""#, "--store", store])
        #expect(add.status == 0, "\(add.combined)")
        let tags = try CLIRunner.run(["tag", "list", "--store", store])
        #expect(!tags.stdout.unicodeScalars.contains("\u{2067}") && tags.stdout.contains(#"R\u{2067}L"#), "\(tags.stdout)")
    }

    // MARK: Names

    @Test func aNameWithOuterWhitespaceIsRefusedOnSaveAndLookup() throws {
        let scratch = try SampleDatabase("silent")
        let store = scratch.path
        let save = try CLIRunner.run(["segment", "save", "  padded  ", "--query", #"tag = "VIP""#, "--store", store])
        #expect(save.status == 1, "\(save.combined)")
        #expect(save.stderr.contains("whitespace"), "\(save.stderr)")
        let list = try CLIRunner.run(["segment", "list", "--store", store])
        #expect(list.stdout.contains("no saved segments"), "\(list.combined)")
        let tag = try CLIRunner.run(["tag", "add", " VIP", "--query", #"tag = "VIP""#, "--store", store])
        #expect(tag.status == 1 && tag.stderr.contains("whitespace"), "\(tag.combined)")
        let saved = try CLIRunner.run(["segment", "save", "padded", "--query", #"tag = "VIP""#, "--store", store])
        #expect(saved.status == 0, "\(saved.combined)")
        let show = try CLIRunner.run(["segment", "show", "padded ", "--store", store])
        #expect(show.status == 1 && show.stderr.contains("whitespace"), "\(show.combined)")
    }

    // MARK: CSV export

    @Test func csvExportRoundTripsTagsWithBarsAndFormulaCells() throws {
        let scratch = try ScratchFolder("silent")
        let jsonl = try scratch.write("friends.jsonl", """
            {"id":"U1","name":"=HYPERLINK(\\"x\\")","added_at":"2026-01-01T00:00:00Z","tags":["a|b","c\\\\d","-1","'quoted"]}
            {"id":"U2","name":"'plain","added_at":"2026-01-02T00:00:00Z","tags":["@mention","x"]}

            """)
        let export = try CLIRunner.run(["eval", "--store", jsonl, "--format", "csv", "added >= 2000-01-01"])
        #expect(export.status == 0, "\(export.combined)")
        #expect(export.stdout.contains(#""'=HYPERLINK(""x"")""#), "\(export.stdout)")
        #expect(export.stdout.contains(#"a\|b|c\\d|-1|'quoted"#), "\(export.stdout)")
        #expect(export.stdout.contains("'@mention|x"), "\(export.stdout)")
        let csv = try scratch.write("export.csv", export.stdout)
        let again = try CLIRunner.run(["eval", "--store", csv, "--format", "jsonl", "added >= 2000-01-01"])
        let original = try CLIRunner.run(["eval", "--store", jsonl, "--format", "jsonl", "added >= 2000-01-01"])
        #expect(again.status == 0 && again.stderr.isEmpty, "\(again.combined)")
        #expect(again.stdout == original.stdout)
        let tagged = try CLIRunner.run(["eval", "--store", csv, #"tag = "a|b""#])
        #expect(tagged.stdout == "1\n", "\(tagged.combined)")
    }

    // MARK: Standard output that cannot be written

    @Test func aFullDiskOnStandardOutputExitsThreeWithOneLine() throws {
        let result = try Self.shell(#""$SEGQ" eval --store samples/friends.jsonl --format ids 'added >= 2000-01-01' > /dev/full"#)
        #expect(result.status == 3, "\(result.combined)")
        #expect(result.stderr == "segq: cannot write to standard output: No space left on device\n", "\(result.stderr)")
    }

    @Test func aClosedStandardOutputExitsThree() throws {
        let result = try Self.shell(#""$SEGQ" eval --store samples/friends.jsonl 'added >= 2000-01-01' >&-"#)
        #expect(result.status == 3, "\(result.combined)")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        let both = try Self.shell(#""$SEGQ" eval --store samples/friends.jsonl 'added >= 2000-01-01' >&- 2>&-; echo "status $?""#)
        #expect(both.stdout == "status 3\n", "\(both.combined)")
    }

    @Test func aReaderThatHasLeftWithSIGPIPEIgnoredExitsThree() throws {
        let result = try Self.shell(#"""
            trap '' PIPE
            { sleep 0.3; "$SEGQ" eval --store samples/friends.jsonl --format ids 'added >= 2000-01-01'; echo "status $?" >&2; } | true
            """#)
        #expect(result.stdout.isEmpty, "\(result.combined)")
        #expect(result.stderr.hasSuffix("status 3\n"), "\(result.stderr)")
        #expect(result.stderr.contains("cannot write to standard output"), "\(result.stderr)")
    }

    // MARK: Nesting

    @Test func raisingTheDepthPastTheStackIsRefused() throws {
        let deep = String(repeating: "(", count: 20_000) + #"tag = "VIP""# + String(repeating: ")", count: 20_000)
        let raised = try CLIRunner.run(["eval", "--store", "samples/friends.jsonl", "--max-depth", "100000000", "-"], stdin: deep)
        #expect(raised.status == 2, "\(raised.combined)")
        #expect(raised.stderr.contains("--max-depth must be at most 1024"), "\(raised.stderr)")
        for count in [20_000, 1_000_000] {
            let text = String(repeating: "(", count: count) + #"tag = "VIP""# + String(repeating: ")", count: count)
            let capped = try CLIRunner.run(["check", "--no-store", "--max-depth", "1024", "--max-query-bytes", "4000000", "-"],
                                           stdin: text)
            #expect(capped.status == 1, "\(capped.status)")
            #expect(capped.stderr.contains("E0302"), "\(capped.stderr.prefix(300))")
        }
    }

    @Test func theDeepestAllowedNestingRunsThroughEveryPhase() throws {
        let depth = 1000
        let parenthesised = String(repeating: "(", count: depth) + #"tag = "VIP""# + String(repeating: ")", count: depth)
        let negated = String(repeating: "not ", count: depth) + #"tag = "VIP""#
        let plain = try CLIRunner.run(["eval", "--store", "samples/friends.jsonl", "--now", Self.now, #"tag = "VIP""#])
        for text in [parenthesised, negated] {
            let options = ["--store", "samples/friends.jsonl", "--now", Self.now, "--max-depth", "1024", "-"]
            let eval = try CLIRunner.run(["eval"] + options, stdin: text)
            #expect(eval.status == 0 && eval.stdout == plain.stdout, "\(eval.status) \(eval.stderr.prefix(300))")
            let normalize = try CLIRunner.run(["normalize"] + options, stdin: text)
            #expect(normalize.status == 0 && normalize.stdout.contains(#"tag = "VIP""#), "\(normalize.stderr.prefix(300))")
            let propose = try CLIRunner.run(["propose"] + options, stdin: text)
            #expect(propose.status == 0 && propose.stdout.contains("summary"), "\(propose.stderr.prefix(300))")
        }
    }

    // MARK: Messages

    @Test func aNegativeLimitIsExplained() throws {
        let result = try CLIRunner.run(["eval", "--store", "samples/friends.jsonl", "--format", "ids", "--limit", "-1", #"tag = "VIP""#])
        #expect(result.status == 2, "\(result.combined)")
        #expect(result.stderr.contains("--limit must be a whole number"), "\(result.stderr)")
        #expect(!result.stderr.contains("Missing value"))
    }

    @Test func theSQLiteEngineOnAFriendFileIsRefused() throws {
        let result = try CLIRunner.run(["eval", "--store", "samples/friends.jsonl", "--engine", "sqlite", #"tag = "VIP""#])
        #expect(result.status == 2, "\(result.combined)")
        #expect(result.stderr.contains("--engine sqlite needs a SQLite store"), "\(result.stderr)")
    }

    @Test func benchTimesTheGoodQueriesAndNamesTheBadOne() throws {
        let scratch = try ScratchFolder("silent")
        let queries = try scratch.write("queries.segq", "vip\ttag = \"VIP\"\nbad\ttag = \n")
        let result = try CLIRunner.run(["bench", "--store", "samples/friends.jsonl", "--runs", "1", queries])
        #expect(result.status == 1, "\(result.combined)")
        #expect(result.stdout.contains("vip"), "\(result.stdout)")
        #expect(result.stderr.contains("queries.segq:2: bad"), "\(result.stderr)")
    }

    @Test func countsAreWordedInTheSingularAndPlural() throws {
        let scratch = try SampleDatabase("silent")
        let store = scratch.path
        let ids = try CLIRunner.run(["eval", "--store", store, "--format", "ids", "--limit", "1", #"tag = "VIP""#])
        let id = ids.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let one = try CLIRunner.run(["tag", "add", "Solo", "--query", "id = \"\(id)\"", "--store", store])
        #expect(one.stdout == "added tag \"Solo\" to 1 friend\n", "\(one.combined)")
        let none = try CLIRunner.run(["tag", "remove", "Solo", "--query", #"tag = "Nobody-Has-This""#, "--store", store])
        #expect(none.stdout.contains("from 0 friends"), "\(none.combined)")
        #expect(!none.stdout.contains("(s)"))
    }

    @Test func aFailedExportSaysWhyInWords() throws {
        let scratch = try SampleDatabase("silent")
        let store = scratch.path
        _ = try CLIRunner.run(["segment", "save", "V", "--query", #"tag = "VIP""#, "--store", store])
        let missing = try CLIRunner.run(["segment", "export", "V", "-o", scratch.file("no/such/dir/out.csv"), "--store", store])
        #expect(missing.status == 3, "\(missing.combined)")
        #expect(missing.stderr.contains("cannot write") && !missing.stderr.contains("NSCocoaErrorDomain"), "\(missing.stderr)")
    }
}

extension SilentInputTests {
    @Test func invalidUTF8InAREPLScriptOrReadFileIsReportedAndNotRun() throws {
        let script = try Self.shell(#"printf 'tag != "\203\174"\ntag = "VIP"\n' | "$SEGQ" --store samples/friends.jsonl"#)
        #expect(script.status == 1, "\(script.combined)")
        #expect(script.stderr.contains("invalid UTF-8 byte 0x83 at byte offset 8 of line 1"), "\(script.stderr)")
        #expect(!script.stdout.contains("2,000 friends"), "\(script.stdout)")
        #expect(script.stdout.contains("match"), "\(script.stdout)")

        let scratch = try ScratchFolder("silent")
        let file = scratch.path("bad.segq")
        FileManager.default.createFile(atPath: file, contents: Data(Array("tag = \"VIP\"\ntag != \"".utf8) + [0xFF, 0x22]))
        let read = try CLIRunner.run(["--store", "samples/friends.jsonl"], stdin: ".read \(file)\n")
        #expect(read.status == 1, "\(read.combined)")
        #expect(read.stderr.contains("invalid UTF-8 byte 0xFF at byte offset 8 of line 2"), "\(read.stderr)")
    }
}
