import Foundation

extension FolderWatcher {
    /// Scans the tree every `pollInterval` until the task is cancelled.
    func poll(onReady: @Sendable () -> Void, onChange: @Sendable () async -> Void) async {
        var last = FolderFingerprint(of: root)
        onReady()
        while !Task.isCancelled {
            try? await Task.sleep(for: pollInterval)
            let current = FolderFingerprint(of: root)
            guard current != last else { continue }
            last = await settled(from: current) { FolderFingerprint(of: root) }
            guard !Task.isCancelled else { return }
            await onChange()
        }
    }
}

/// Size and modification time of every regular file under a folder: what polling compares.
struct FolderFingerprint: Equatable {
    private var files: [String: [Int64]] = [:]

    init(of root: URL) {
        let keys: [URLResourceKey] = [.fileSizeKey, .contentModificationDateKey, .isRegularFileKey]
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: keys) else { return }
        for case let url as URL in walker {
            guard let values = try? url.resourceValues(forKeys: Set(keys)), values.isRegularFile == true else { continue }
            let mtime = Int64((values.contentModificationDate?.timeIntervalSince1970 ?? 0) * 1e9)
            files[url.path] = [Int64(values.fileSize ?? 0), mtime]
        }
    }
}
