import FolderWatch
import Foundation
import Logging

/// Watches the rules folder and reloads the engine when files change.
///
/// Sleeps on kernel change notifications where the platform has them, and otherwise scans
/// file names, sizes and modification times every `interval`. After a change it waits until
/// the folder settles (no further change within `settle`; an editor may write a file in
/// several steps), then reloads once. Reload compares content hashes, so a touched but
/// unchanged file costs a read and nothing more.
package struct RuleWatcher: Sendable {
    package let engine: RuleEngine
    /// The scan interval, used only where kernel notifications are unavailable.
    package var interval: Duration
    package var settle: Duration

    package init(engine: RuleEngine, interval: Duration = .milliseconds(100), settle: Duration = .milliseconds(60)) {
        self.engine = engine
        self.interval = interval
        self.settle = settle
    }

    /// Runs until the task is cancelled; `onReload` gets every reload's report.
    package func run(onReload: @Sendable (ReloadReport) -> Void) async {
        let logger = Logger(label: "tally.rules")
        let folder = FolderWatcher(root: engine.rulesDirectory, settle: settle, pollInterval: interval)
        await folder.run(onFallback: { reason in
            logger.warning("无法接收规则目录的变更通知（\(reason)），改为定时扫描")
        }, onChange: {
            onReload(engine.reload())
        })
    }
}
