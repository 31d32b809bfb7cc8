import Foundation

/// Watches the rules folder and reloads the engine when files change.
///
/// Polls file names, sizes and modification times every `interval`; after a change it
/// waits until two scans `settle` apart agree (an editor may write a file in several
/// steps), then reloads. Reload compares content hashes, so a touched but unchanged file
/// costs a scan and nothing more.
package struct RuleWatcher: Sendable {
    package let engine: RuleEngine
    package var interval: Duration
    package var settle: Duration

    package init(engine: RuleEngine, interval: Duration = .milliseconds(100), settle: Duration = .milliseconds(60)) {
        self.engine = engine
        self.interval = interval
        self.settle = settle
    }

    /// Runs until the task is cancelled; `onReload` gets every reload's report.
    package func run(onReload: @Sendable (ReloadReport) -> Void) async {
        var last = fingerprint()
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            var current = fingerprint()
            guard current != last else { continue }
            while !Task.isCancelled {
                try? await Task.sleep(for: settle)
                let again = fingerprint()
                if again == current { break }
                current = again
            }
            last = current
            onReload(engine.reload())
        }
    }

    /// Relative path → (size, modification time in ns) of every file under the folder.
    package func fingerprint() -> [String: [Int64]] {
        var out: [String: [Int64]] = [:]
        let root = engine.rulesDirectory
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.fileSizeKey, .contentModificationDateKey, .isRegularFileKey]) else {
            return out
        }
        for case let url as URL in walker {
            guard let values = try? url.resourceValues(forKeys: [.fileSizeKey, .contentModificationDateKey, .isRegularFileKey]),
                  values.isRegularFile == true else { continue }
            let mtime = Int64((values.contentModificationDate?.timeIntervalSince1970 ?? 0) * 1e9)
            out[url.path] = [Int64(values.fileSize ?? 0), mtime]
        }
        return out
    }
}
