import ArgumentParser
import Domain
import Scheduling
import WorkingDays

/// `tally schedule list`: every job with its trigger, next fire, policies and state.
struct ScheduleList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "列出全部任务：触发规则、下次触发、补跑与重叠策略、是否暂停。")

    @OptionGroup var global: GlobalOptions

    struct Row: Encodable {
        var id: String
        var office: String
        var title: String
        var trigger: String
        var action: String
        var zone: String
        var missed: String
        var overlap: String
        var next: String?
        var nextExplanation: String?
        var paused: Bool
        var pauseNote: String?
        var calendarEndsBefore: Int?
        var source: String
    }

    func run() async throws {
        let context = try await ServiceContext.open(global)
        let states = try await context.store.jobStates()
        let now = try global.currentInstant()
        var rows: [Row] = []
        for job in context.schedule.jobs {
            var next: Fire?
            var uncovered: Int?
            if !job.isEventDriven {
                let (fires, year) = ScheduleNext.fires(of: job, in: context.schedule, after: now, count: 1)
                next = fires.first
                uncovered = year
            }
            let state = states[job.id]
            rows.append(Row(id: job.id, office: job.office.rawValue, title: job.title, trigger: job.trigger.summary, action: job.action.name,
                            zone: job.zone.identifier, missed: job.missed.description, overlap: job.overlap.description,
                            next: next?.at.iso, nextExplanation: next?.explanation, paused: state?.paused ?? false,
                            pauseNote: state?.pauseNote, calendarEndsBefore: uncovered, source: job.source.description))
        }
        if global.json { return printJSON(rows) }
        for r in rows {
            print("\(r.id)  [\(r.office)] \(r.title)\(r.paused ? "  【已暂停：\(r.pauseNote ?? "")】" : "")")
            print("    触发：\(r.trigger)（\(r.zone)）  动作：\(r.action)")
            print("    错过：\(r.missed)  重叠：\(r.overlap)  定义：\(r.source)")
            if let n = r.next, let e = r.nextExplanation {
                print("    下次：\(n)  \(e)")
            } else if let y = r.calendarEndsBefore {
                print("    下次：无法排程——缺少 \(y) 年官方节假日安排（schedules/calendar/CN/\(y).yaml）")
            } else if !(context.schedule.job(r.id)?.isEventDriven ?? false) {
                print("    下次：不再触发")
            }
        }
    }
}
