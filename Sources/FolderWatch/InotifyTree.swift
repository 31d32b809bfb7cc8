#if os(Linux)
import Foundation
import Glibc
import Synchronization

/// One inotify instance watching every directory under a root.
///
/// Watches for directories created or moved in later are added as their events are read.
/// The root's parent is watched too, for entries named like the root only, so a root that
/// is missing at start, or deleted and re-created, is picked up when it appears.
final class InotifyTree: Sendable {
    /// Non-blocking and close-on-exec; `drain()` reads it, `close()` closes it.
    let fd: Int32
    private let root: String
    private let rootName: String
    private let state = Mutex(State())
    private let changes = Atomic(0)

    private struct State {
        /// Watch descriptor → directory path.
        var directories: [Int32: String] = [:]
        var parentWatch: Int32?
        var failure: InotifyError?
    }

    private static let treeMask = UInt32(bitPattern: IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM
        | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB | IN_ONLYDIR)
    private static let parentMask = UInt32(bitPattern: IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR)

    /// Fails if the kernel refuses an instance or a watch, or if neither the root nor its
    /// parent can be watched.
    init(root url: URL) throws(InotifyError) {
        let url = url.standardizedFileURL
        root = url.path
        rootName = url.lastPathComponent
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw InotifyError(call: "inotify_init1", code: errno) }
        let (watched, failure) = state.withLock { s in
            s.parentWatch = watch(url.deletingLastPathComponent().path, mask: Self.parentMask, in: &s)
            watchTree(root, in: &s)
            return (!s.directories.isEmpty, s.failure)
        }
        if let failure = failure ?? (watched ? nil : InotifyError(call: "inotify_add_watch", code: ENOENT)) {
            Glibc.close(fd)
            throw failure
        }
    }

    /// Counts the reads that saw a change; it only grows.
    var changeCount: Int { changes.load(ordering: .acquiring) }

    /// Set once a watch could not be added: the tree is then no longer fully watched.
    var failure: InotifyError? { state.withLock { $0.failure } }

    /// Reads every queued event, keeps the watches in step; true if anything changed.
    func drain() -> Bool {
        var changed = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            state.withLock { s in
                buffer.withUnsafeBytes { bytes in
                    var offset = 0
                    while offset + 16 <= count {
                        let wd = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                        let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                        let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                        let name = String(decoding: bytes[(offset + 16)..<(offset + 16 + length)].prefix(while: { $0 != 0 }), as: UTF8.self)
                        if handle(wd: wd, mask: mask, name: name, in: &s) { changed = true }
                        offset += 16 + length
                    }
                }
            }
        }
        if changed { changes.add(1, ordering: .releasing) }
        return changed
    }

    /// Closes the descriptor; the kernel drops its watches with it.
    func close() {
        Glibc.close(fd)
    }

    private func handle(wd: Int32, mask: UInt32, name: String, in s: inout State) -> Bool {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            watchTree(root, in: &s)
            return true
        }
        // Events still queued for a watch already removed are left over; skip them.
        guard let directory = s.directories[wd] else { return false }
        if mask & UInt32(IN_IGNORED) != 0 {
            s.directories[wd] = nil
            return false
        }
        if wd == s.parentWatch {
            guard name == rootName else { return false }
            if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { watchTree(root, in: &s) }
            if mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0 { unwatch(root, in: &s) }
            return true
        }
        let path = name.isEmpty ? directory : directory + "/" + name
        if mask & UInt32(IN_ISDIR) != 0 {
            if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { watchTree(path, in: &s) }
            if mask & UInt32(IN_MOVED_FROM) != 0 { unwatch(path, in: &s) }
        }
        // A watch follows its directory when that moves; one moved out of the tree is dropped.
        if mask & UInt32(IN_MOVE_SELF) != 0 { unwatch(directory, in: &s) }
        return true
    }

    /// Watches `top` and every directory below it; each is watched before it is listed, so a
    /// sub-folder created meanwhile is either listed or reported.
    private func watchTree(_ top: String, in s: inout State) {
        var pending = [top]
        while let directory = pending.popLast() {
            guard watch(directory, mask: Self.treeMask, in: &s) != nil else { continue }
            pending += subdirectories(of: directory)
        }
    }

    /// Adds one watch; a directory gone meanwhile is no failure.
    private func watch(_ directory: String, mask: UInt32, in s: inout State) -> Int32? {
        let wd = inotify_add_watch(fd, directory, mask)
        if wd >= 0 {
            s.directories[wd] = directory
            return wd
        }
        let code = errno
        if code != ENOENT && code != ENOTDIR && s.failure == nil {
            s.failure = InotifyError(call: "inotify_add_watch", code: code)
        }
        return nil
    }

    /// Removes the watches on `top` and below.
    private func unwatch(_ top: String, in s: inout State) {
        for (wd, directory) in s.directories where directory == top || directory.hasPrefix(top + "/") {
            inotify_rm_watch(fd, wd)
            s.directories[wd] = nil
        }
    }

    private func subdirectories(of directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.map { directory + "/" + $0 }.filter { path in
            var info = stat()
            return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
        }
    }
}
#endif
