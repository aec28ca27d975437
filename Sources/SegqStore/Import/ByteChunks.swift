#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an importer's bytes come from: a file read in fixed-size chunks,
/// or bytes already in memory (tests, standard input).
public enum ByteInput: Sendable {
    case file(path: String)
    case bytes([UInt8])

    var displayName: String? {
        if case .file(let path) = self { return path }
        return nil
    }

    /// Calls `body` with a function that reads the input's next bytes into
    /// a buffer and returns how many it read (0 at the end), so a reader
    /// fills buffers of its own without a copy in between.
    func withReads<R>(_ body: ((UnsafeMutableRawBufferPointer) throws -> Int) throws -> R) throws -> R {
        switch self {
        case .bytes(let bytes):
            var offset = 0
            return try body { buffer in
                let n = min(buffer.count, bytes.count - offset)
                guard n > 0 else { return 0 }
                bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[offset ..< offset + n])) }
                offset += n
                return n
            }
        case .file(let path):
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                throw ImportError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
            }
            defer { close(fd) }
            return try body { buffer in
                while true {
                    let got = read(fd, buffer.baseAddress, buffer.count)
                    if got >= 0 { return got }
                    if errno != EINTR {
                        throw ImportError.readFailed(path: path, reason: String(cString: strerror(errno)))
                    }
                }
            }
        }
    }

    /// Calls `body` with consecutive chunks of the input, each at most
    /// `chunkSize` bytes, reusing one buffer: a file is never held whole.
    func forEachChunk(chunkSize: Int = 1 << 20,
                      _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        switch self {
        case .bytes(let bytes):
            try bytes.withUnsafeBufferPointer { try body($0) }
        case .file(let path):
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                throw ImportError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
            }
            defer { close(fd) }
            let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
            defer { buffer.deallocate() }
            while true {
                let got = read(fd, buffer, chunkSize)
                if got < 0 {
                    if errno == EINTR { continue }
                    throw ImportError.readFailed(path: path, reason: String(cString: strerror(errno)))
                }
                if got == 0 { break }
                try body(UnsafeBufferPointer(start: buffer, count: got))
            }
        }
    }
}

/// Splits chunked input into lines (LF or CRLF; a final line without LF
/// counts), numbering them from 1 and skipping a leading UTF-8 BOM. A line
/// that spans chunks is assembled in one growing carry buffer, so memory
/// stays at one chunk plus the longest line.
struct LineSplitter {
    private var carry: [UInt8] = []
    private var lineNumber = 0
    private var atStart: Bool

    /// `atStart`: the input begins here, so a byte order mark may open it.
    init(atStart: Bool = true) { self.atStart = atStart }

    /// Lines seen so far (all of them after `finish`).
    var lineCount: Int { lineNumber }

    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>,
                       _ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        guard let base = chunk.baseAddress else { return }
        var start = 0
        let n = chunk.count
        if atStart {
            // The BOM may only be split across chunks in pathological inputs; handle the whole case.
            if n >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { start = 3 }
            atStart = false
        }
        while start < n {
            let rest = UnsafeRawPointer(base + start)
            guard let nl = memchr(rest, 0x0A, n - start) else {
                carry.append(contentsOf: UnsafeBufferPointer(start: base + start, count: n - start))
                return
            }
            let end = UnsafePointer(nl.assumingMemoryBound(to: UInt8.self)) - base
            lineNumber += 1
            if carry.isEmpty {
                try body(lineNumber, trimCR(UnsafeBufferPointer(start: base + start, count: end - start)))
            } else {
                carry.append(contentsOf: UnsafeBufferPointer(start: base + start, count: end - start))
                let number = lineNumber
                try carry.withUnsafeBufferPointer { try body(number, trimCR($0)) }
                carry.removeAll(keepingCapacity: true)
            }
            start = end + 1
        }
    }

    /// Emits the last line when the input does not end with LF.
    mutating func finish(_ body: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        guard !carry.isEmpty else { return }
        lineNumber += 1
        let number = lineNumber
        try carry.withUnsafeBufferPointer { try body(number, trimCR($0)) }
        carry.removeAll()
    }

    private func trimCR(_ p: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        if let last = p.last, last == 0x0D { return UnsafeBufferPointer(rebasing: p.dropLast()) }
        return p
    }
}
