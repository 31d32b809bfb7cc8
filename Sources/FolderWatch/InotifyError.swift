#if os(Linux)
import Glibc

/// A refused inotify call, with the kernel's reason.
struct InotifyError: Error, CustomStringConvertible {
    let call: String
    let code: Int32

    var description: String {
        switch code {
        case ENOSPC: "\(call): inotify watch limit reached (fs.inotify.max_user_watches)"
        case EMFILE: "\(call): too many open files or inotify instances (fs.inotify.max_user_instances)"
        default: "\(call): \(String(cString: strerror(code)))"
        }
    }
}
#endif
