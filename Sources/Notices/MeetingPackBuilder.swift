package import Assessment
package import Domain
package import WorkingDays
import Tagged

/// Builds a meeting pack's view model from the quarter's run (through `NoticeBuilder`) and
/// the open events of the record.
package struct MeetingPackBuilder: Sendable {
    /// The agenda when the caller gives none.
    package static func defaultAgenda(periodLabel: String) -> [String] {
        [
            "通报\(periodLabel)全市政务信息工作情况",
            "督促未完成的约稿任务和领导批示反馈",
            "交流信息报送工作经验",
            "部署下一阶段政务信息工作",
        ]
    }

    /// An event not yet settled, as the record holds it.
    package struct OpenEvent: Sendable {
        package var event: DeadlineEvent
        /// One line for people (`约稿 YG-1 一季度重点项目进展`).
        package var summary: String

        package init(event: DeadlineEvent, summary: String) {
            self.event = event
            self.summary = summary
        }
    }

    package var notice: NoticeBuilder

    package init(notice: NoticeBuilder) { self.notice = notice }

    /// The pack for a meeting at `meetingAt` in `place`. `open` holds unsettled events of any
    /// kind; only commissions and instructions of the run's units are listed. `agenda` nil
    /// or empty: the default agenda.
    package func pack(of run: AssessmentRun, previous: AssessmentRun?, officeName: String, meetingAt: Instant, place: String,
                      agenda: [String]?, open: [OpenEvent]) -> MeetingPack {
        let quarter = notice.notice(of: run, previous: previous, officeName: officeName)
        let names = Dictionary(run.results.filter { $0.subject == .unit }.map { ($0.id, $0.name) }) { a, _ in a }
        let items = (agenda?.isEmpty == false ? agenda! : Self.defaultAgenda(periodLabel: run.period.label))
        func tasks(_ kind: DeadlineEvent.Kind) -> [MeetingPack.PendingTask] {
            let events = open.filter { $0.event.kind == kind && names[$0.event.unit.rawValue] != nil }
                .sorted { ($0.event.at ?? $0.event.due ?? meetingAt, $0.event.id, $0.event.unit.rawValue) < ($1.event.at ?? $1.event.due ?? meetingAt, $1.event.id, $1.event.unit.rawValue) }
            return events.enumerated().map { k, e in
                let status = e.event.due.map { $0 < meetingAt ? "已逾期" : "未到期" } ?? "按规定时限"
                return MeetingPack.PendingTask(number: k + 1, unit: names[e.event.unit.rawValue]!, summary: e.summary,
                                               since: e.event.at.map(ChineseTime.dateTime), due: e.event.due.map(ChineseTime.dateTime), status: status)
            }
        }
        let (commissions, instructions) = (tasks(.commission), tasks(.instruction))
        return MeetingPack(
            title: "\(officeName)\(run.period.label)政务信息工作例会材料",
            officeName: officeName,
            meetingAt: ChineseTime.dateTime(meetingAt),
            place: place,
            agenda: items.enumerated().map { k, text in MeetingPack.AgendaItem(number: Self.numeral(k + 1), text: text) },
            quarter: quarter,
            pendingCommissions: commissions,
            pendingInstructions: instructions,
            hasPendingCommissions: !commissions.isEmpty,
            hasPendingInstructions: !instructions.isEmpty
        )
    }

    /// 一 … 九十九, as Chinese documents number sections.
    static func numeral(_ n: Int) -> String {
        let digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        if n < 10 { return digits[n] }
        return (n / 10 == 1 ? "" : digits[n / 10]) + "十" + digits[n % 10]
    }
}
