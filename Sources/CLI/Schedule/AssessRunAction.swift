import Assessment
import Domain
import Rules
import Scheduling
import WorkingDays

/// `assess.run`: the scheduled assessment run (e.g. the year-end job). Runs the job's
/// office's assessment for the period just ended at the fire time, as `tally assess` does,
/// and stores it under an id made from the occurrence's idempotency key, so a retried or
/// repeated fire never stores a second run.
struct AssessRunAction: ScheduledAction {
    /// Nil when only checking schedule files (no database opened).
    let store: (any ServiceStore)?
    let global: GlobalOptions

    let name = "assess.run"
    let summary = "开展考核并保存结果（期间为触发时刚结束的年度、季度或月份）"
    let parameters = [
        ParameterSpec("period", .string, required: true, "考核期间：previous-year（上一年）、previous-quarter（上季度）或 previous-month（上个月）"),
        ParameterSpec("office", .string, "考核的办公室（默认为任务所属办公室）"),
    ]

    static let periods = ["previous-year", "previous-quarter", "previous-month"]

    func check(_ params: [String: ParamValue]) -> (parameter: String, reason: String)? {
        if case .string(let p)? = params["period"], !Self.periods.contains(p) {
            return ("period", "应为 previous-year、previous-quarter 或 previous-month，实际为 '\(p)'")
        }
        if case .string(let o)? = params["office"], OfficeID(o) == nil { return ("office", "'\(o)' 不是有效的办公室编号") }
        return nil
    }

    func run(_ run: ActionRun) async throws -> String {
        guard let store else { throw CommandFailure("没有打开数据库，无法考核") }
        guard case .string(let which)? = run.params["period"], let period = Self.period(which, endedBefore: run.job.zone.local(run.occurrence.scheduledAt).day)
        else { throw CommandFailure("period 参数无效") }
        var office = run.job.office
        if case .string(let o)? = run.params["office"], let id = OfficeID(o) { office = id }
        let (result, new) = try await Self.assessment(store: store, global: global, office: office, period: period, for: run)
        guard new else { return "考核 \(result.id) 此前已完成（同一次触发不重复考核）" }
        let units = result.results.filter { $0.subject == .unit }
        return "已完成\(period.label)考核 \(result.id)：\(units.count) 个单位，账目 \(result.ledger.count) 行，否决 \(units.filter(\.decision.veto).count) 个"
    }

    /// The run of `office` and `period` this fire makes, stored under an id made from the
    /// occurrence's idempotency key: the stored one when a retry finds it (`new` false).
    static func assessment(store: any ServiceStore, global: GlobalOptions, office: OfficeID, period: Period, for run: ActionRun) async throws
        -> (run: AssessmentRun, new: Bool) {
        var h = StableHasher()
        h.combine(run.idempotencyKey)
        let id = "\(period)-\(office)-sched-" + String(UInt64(bitPattern: h.value), radix: 16)
        if let stored = try await store.run(id: id) { return (stored, false) }
        let engine = try AssessmentSetup.engine(store, rules: try RuleFolder(global: global).ruleSet(for: office), global: global)
        let (result, _) = try await engine.run(office: office, period: period, asOf: run.now, id: id, createdAt: run.now)
        try await store.save(result)
        return (result, true)
    }

    /// The year, quarter or month that ended last before `day`.
    static func period(_ which: String, endedBefore day: Day) -> Period? {
        let (y, m, _) = day.components
        switch which {
        case "previous-year": return .year(y - 1)
        case "previous-quarter": return (m - 1) / 3 == 0 ? .quarter(y - 1, 4) : .quarter(y, (m - 1) / 3)
        case "previous-month": return m == 1 ? .month(y - 1, 12) : .month(y, m - 1)
        default: return nil
        }
    }
}
