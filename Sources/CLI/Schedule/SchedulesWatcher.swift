import FolderWatch
import Foundation
import Logging

/// Notices edits under the schedules folder (job files and calendar data) and calls back
/// once they have settled.
struct SchedulesWatcher {
    let directory: URL

    func run(onChange: @Sendable () async -> Void) async {
        let logger = Logger(label: "tally.serve")
        let folder = FolderWatcher(root: directory, settle: .milliseconds(200), pollInterval: .seconds(1))
        await folder.run(onFallback: { reason in
            logger.warning("无法接收日程目录的变更通知（\(reason)），改为每秒扫描")
        }, onChange: onChange)
    }
}
