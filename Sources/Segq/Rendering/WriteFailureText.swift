import Foundation

/// A failed file write in the program's words — `cannot write PATH: the
/// disk is full` — instead of Foundation's `NSCocoaErrorDomain Code=640`.
/// Exports (`segment export -o`, `.export`), `.output` and `generate -o` use it.
public enum WriteFailureText {
    public static func message(_ error: any Error, path: String) -> String {
        "cannot write \(path): \(reason(error))"
    }

    /// Why the write failed, in words.
    public static func reason(_ error: any Error) -> String {
        if let posix = error as? POSIXError { return describe(errno: posix.code.rawValue) }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return describe(errno: Int32(nsError.code)) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           underlying.domain == NSPOSIXErrorDomain {
            return describe(errno: Int32(underlying.code))
        }
        if nsError.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: nsError.code) {
            case .fileWriteOutOfSpace: return "the disk is full"
            case .fileWriteNoPermission, .fileReadNoPermission: return "permission denied"
            case .fileWriteVolumeReadOnly: return "the file system is read-only"
            case .fileNoSuchFile, .fileWriteInvalidFileName: return "no such directory"
            case .fileWriteFileExists: return "a file of that name is in the way"
            default: break
            }
        }
        return nsError.localizedDescription
    }

    static func describe(errno code: Int32) -> String {
        switch code {
        case ENOSPC: return "the disk is full"
        case EACCES, EPERM: return "permission denied"
        case EROFS: return "the file system is read-only"
        case ENOENT: return "no such directory"
        case EISDIR: return "it is a directory"
        default: return String(cString: strerror(code))
        }
    }
}
