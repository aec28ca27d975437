#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing results to a path the user named (`segment export -o`,
/// `.export FILE`, `.output FILE`) without destroying what is there.
///
/// Symbolic links are followed: the link stays and its target is written.
/// A regular file (or a missing path) is replaced as a whole: the bytes go
/// to a temporary file in the same folder, which is flushed and then
/// renamed over the target, so a reader sees the old contents or the new,
/// never a part. Anything else — a device such as `/dev/null`, a FIFO, a
/// terminal — is written into directly and never replaced by a regular
/// file.
public enum OutputFile {
    /// Why a path could not be written: the path as given and the system's reason.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String

        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Writes `bytes` to `path` as a whole (see the type's rules).
    public static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        let target = try resolvingLinks(path)
        var info = stat()
        let exists = lstat(target, &info) == 0
        if exists && (info.st_mode & S_IFMT) != S_IFREG {
            let fd = open(target, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw failure(path) }
            defer { close(fd) }
            try writeAll(bytes, to: fd, path: path)
            return
        }
        try replace(target, with: bytes, mode: exists ? info.st_mode & 0o7777 : nil, shownAs: path)
    }

    /// Opens `path` for results written as they come (`.output FILE`): a
    /// regular file is truncated (or created), a device or FIFO is opened as
    /// it is, a symbolic link's target is opened. Returns the descriptor,
    /// which the caller closes.
    public static func openForStreaming(_ path: String) throws(Failure) -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw failure(path) }
        return fd
    }

    /// The file `path` finally names after following symbolic links (at
    /// most 40, as the kernel allows); a dangling link names the missing
    /// file it points to.
    static func resolvingLinks(_ path: String) throws(Failure) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length >= 0 else { throw failure(path) }
            let link = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : folder(of: current) + link
        }
        throw Failure(path: path, reason: "too many levels of symbolic links")
    }

    /// The folder part of `path` with its final slash (`""` for a bare name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    private static func replace(_ target: String, with bytes: [UInt8], mode: mode_t?, shownAs path: String) throws(Failure) {
        let base = target.split(separator: "/").last.map(String.init) ?? "output"
        var temporary = ""
        var fd: Int32 = -1
        for _ in 0..<16 {
            temporary = folder(of: target) + "." + base + ".segq-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw failure(path) }
        do throws(Failure) {
            if let mode, fchmod(fd, mode) != 0 { throw failure(path) }
            try writeAll(bytes, to: fd, path: path)
            guard fsync(fd) == 0 else { throw failure(path) }
            guard close(fd) == 0 else { fd = -1; throw failure(path) }
            fd = -1
            guard rename(temporary, target) == 0 else { throw failure(path) }
        } catch {
            if fd >= 0 { close(fd) }
            unlink(temporary)
            throw error
        }
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(Failure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw failure(path)
            }
            offset += written
        }
    }

    private static func failure(_ path: String) -> Failure {
        Failure(path: path, reason: String(cString: strerror(errno)))
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
