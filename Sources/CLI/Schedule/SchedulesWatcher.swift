import Foundation

/// Notices edits under the schedules folder (job files and calendar data) by comparing
/// file sizes and modification times once a second.
struct SchedulesWatcher {
    let directory: URL

    func run(onChange: @Sendable () async -> Void) async {
        var last = fingerprint()
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(1))
            let current = fingerprint()
            if current != last {
                last = current
                await onChange()
            }
        }
    }

    private func fingerprint() -> [String: [Int64]] {
        var out: [String: [Int64]] = [:]
        let keys: [URLResourceKey] = [.fileSizeKey, .contentModificationDateKey, .isRegularFileKey]
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: keys) else { return out }
        for case let url as URL in walker {
            guard let v = try? url.resourceValues(forKeys: Set(keys)), v.isRegularFile == true else { continue }
            out[url.path] = [Int64(v.fileSize ?? 0), Int64((v.contentModificationDate?.timeIntervalSince1970 ?? 0) * 1e9)]
        }
        return out
    }
}
