/// The view model of a regular meeting pack (政务信息工作例会材料): the meeting's time,
/// place and agenda, the quarter's figures (the quarterly notice's view model) and the
/// 约稿 and 批示 still open when the pack was made.
package struct MeetingPack: Sendable {
    /// ××2026年第一季度政务信息工作例会材料.
    package var title: String
    package var officeName: String
    /// 2026年4月22日 15:00 (Beijing time).
    package var meetingAt: String
    package var place: String
    /// 议程, numbered 一、二、….
    package var agenda: [AgendaItem]
    /// The quarter's notice: its overview, named units and ranking.
    package var quarter: QuarterlyNotice
    /// 约稿 not yet delivered, oldest first; empty when none.
    package var pendingCommissions: [PendingTask]
    /// 领导批示 not yet answered, oldest first; empty when none.
    package var pendingInstructions: [PendingTask]
    /// Whether the lists have rows (a template shows a table's header once).
    package var hasPendingCommissions: Bool
    package var hasPendingInstructions: Bool

    package struct AgendaItem: Sendable {
        /// 一, 二, 三….
        package var number: String
        package var text: String
    }

    /// An open 约稿 or 批示: its unit, what it is, since when and until when.
    package struct PendingTask: Sendable {
        package var number: Int
        package var unit: String
        /// The record's one line for people.
        package var summary: String
        /// 2026年4月1日 09:00; nil when unknown.
        package var since: String?
        /// 2026年4月10日 17:30; nil when the record gives no due time (the rules' time limit applies).
        package var due: String?
        /// 已逾期 when due before the meeting, 未到期 otherwise, 按规定时限 when no due time is recorded.
        package var status: String
    }
}
