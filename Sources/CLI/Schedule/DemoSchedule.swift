import Foundation
import Scheduling
import WorkingDays

/// The demo's last step: the city's schedule on the official calendar — each job's next
/// fires with their explanations — and one scheduler pass that plans them (and the event
/// reminders of the imported record) into the database.
enum DemoSchedule {
    static func show(_ global: GlobalOptions) async throws {
        let context = try await ServiceContext.open(global)
        let now = try global.currentInstant()
        print("\n== 5. 工作日程（\(global.schedules)/，现在 \(now.iso)）")
        for job in context.schedule.jobs {
            print("  \(job.id)（\(job.title)）：\(job.trigger.summary)")
            guard !job.isEventDriven else { continue }
            let (fires, uncovered) = ScheduleNext.fires(of: job, in: context.schedule, after: now, count: 2)
            for f in fires { print("      \(f.at.iso)  \(f.explanation)") }
            if let y = uncovered, fires.count < 2 {
                print("      此后无法排程：缺少 \(y) 年官方节假日安排（schedules/calendar/CN/\(y).yaml）")
            }
        }
        let scheduler = try context.scheduler(global, clock: FixedClock(instant: now), configuration: Scheduler.Configuration())
        let summary = try await scheduler.plan(now: now)
        let pending = try await context.store.pending(job: nil, limit: 5)
        print("  已排程 \(summary.inserted) 次触发（两周内及各事件的提醒）；最近的：")
        for o in pending { print("      \(o.key.scheduledAt.iso)  \(o.key.job)：\(o.explanation)") }
        print("  运行服务：tally serve（到点执行、记录错过的触发）；查看：tally schedule list / history")
    }
}
