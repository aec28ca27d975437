import Foundation
import Testing
@testable import SegqBasics
#if canImport(Glibc)
import Glibc
#endif

/// `OutputFile`: links followed (relative, chained, dangling), regular
/// files replaced whole, devices written into, failures named.
@Suite struct OutputFileTests {
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("segq-output-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func contents(_ name: String) -> String? {
        FileManager.default.contents(atPath: folder + "/" + name).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func aChainOfRelativeLinksWritesTheFinalTarget() throws {
        try FileManager.default.createSymbolicLink(atPath: folder + "/a", withDestinationPath: "b")
        try FileManager.default.createSymbolicLink(atPath: folder + "/b", withDestinationPath: "target.txt")
        try OutputFile.write(Array("one\n".utf8), to: folder + "/a")
        #expect(contents("target.txt") == "one\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/a") == "b")
    }

    @Test func aDanglingLinkCreatesItsTarget() throws {
        try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: folder + "/new.txt")
        try OutputFile.write(Array("made\n".utf8), to: folder + "/link")
        #expect(contents("new.txt") == "made\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/link") == folder + "/new.txt")
    }

    @Test func devNullStaysADevice() throws {
        try OutputFile.write(Array("gone\n".utf8), to: "/dev/null")
        var info = stat()
        #expect(lstat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        let fd = try OutputFile.openForStreaming("/dev/null")
        close(fd)
        #expect(lstat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
    }

    @Test func aMissingFolderIsAFailureNamingThePath() {
        let path = folder + "/no/such/dir/out.csv"
        #expect(throws: OutputFile.Failure.self) { try OutputFile.write([1], to: path) }
        do {
            try OutputFile.write([1], to: path)
        } catch {
            #expect(error.description.hasPrefix("cannot write \(path): "))
        }
    }

    @Test func linksThatLoopAreAFailure() throws {
        try FileManager.default.createSymbolicLink(atPath: folder + "/x", withDestinationPath: "y")
        try FileManager.default.createSymbolicLink(atPath: folder + "/y", withDestinationPath: "x")
        #expect(throws: OutputFile.Failure.self) { try OutputFile.write([1], to: folder + "/x") }
    }
}
