import Assessment
import Domain
import Foundation
import Notices
import Scheduling
import WorkingDays

/// `notice.generate`: the scheduled quarterly notice, year-end results or meeting pack. It
/// assesses the period just ended (quarterly, year-end; the meeting pack reuses the newest
/// run of the quarter), renders the document in each format as `tally notice` does, keeps
/// them with the run and tells the office in the inbox. A repeated fire finds its run by
/// the occurrence's idempotency key and changes nothing.
struct NoticeGenerateAction: ScheduledAction {
    /// Nil when only checking schedule files (no database opened).
    let store: (any ServiceStore)?
    let global: GlobalOptions

    let name = "notice.generate"
    let summary = "生成并保存通报：季度通报、年度考核结果或例会材料（期间为触发时刚结束的季度或年度），并发站内通知"
    let parameters = [
        ParameterSpec("kind", .string, required: true, "quarterly（季度通报）、year-end（年度考核结果）或 meeting（例会材料，任务须用 relative_to 例会任务）"),
        ParameterSpec("formats", .list, "格式：md、html、csv、docx（默认该种类的全部格式）"),
        ParameterSpec("office", .string, "办公室（默认为任务所属办公室）"),
        ParameterSpec("place", .string, "例会地点（meeting 必填）"),
        ParameterSpec("agenda", .list, "例会议程（默认标准议程）"),
    ]

    func check(_ params: [String: ParamValue]) -> (parameter: String, reason: String)? {
        guard case .string(let k)? = params["kind"], let kind = NoticeKind(rawValue: k) else {
            return ("kind", "应为 quarterly、year-end 或 meeting")
        }
        for f in Self.list(params["formats"]) {
            guard let format = NoticeFormat(rawValue: f) else { return ("formats", "未知格式 '\(f)'（可用：md、html、csv、docx）") }
            guard kind.formats.contains(format) else { return ("formats", "\(kind.label)不能生成 \(f)") }
        }
        if case .string(let o)? = params["office"], OfficeID(o) == nil { return ("office", "'\(o)' 不是有效的办公室编号") }
        if kind == .meeting {
            guard case .string(let place)? = params["place"], !place.isEmpty else { return ("place", "例会材料需要会议地点") }
        } else if params["place"] != nil || params["agenda"] != nil {
            return (params["place"] != nil ? "place" : "agenda", "只用于 kind: meeting")
        }
        return nil
    }

    func run(_ run: ActionRun) async throws -> String {
        guard let store else { throw CommandFailure("没有打开数据库，无法生成通报") }
        guard case .string(let k)? = run.params["kind"], let kind = NoticeKind(rawValue: k) else { throw CommandFailure("kind 参数无效") }
        var office = run.job.office
        if case .string(let o)? = run.params["office"], let id = OfficeID(o) { office = id }
        let day = run.job.zone.local(run.occurrence.scheduledAt).day
        let period = AssessRunAction.period(kind == .yearEnd ? "previous-year" : "previous-quarter", endedBefore: day)!
        let production = NoticeProduction(global: global, store: store, templates: global.defaultTemplatesURL)

        var meeting: NoticeProduction.Meeting?
        let assessment: AssessmentRun
        if kind == .meeting {
            guard let at = Self.anchor(of: run.occurrence.subject) else {
                throw CommandFailure("例会材料任务须用 relative_to 指向例会任务（会议时间取自例会的触发时间）")
            }
            guard case .string(let place)? = run.params["place"] else { throw CommandFailure("place 参数无效") }
            let agenda = Self.list(run.params["agenda"])
            meeting = NoticeProduction.Meeting(at: at, place: place, agenda: agenda.isEmpty ? nil : agenda)
            if let newest = try await production.newestRun(office: office, period: period) {
                assessment = newest
            } else {
                assessment = try await AssessRunAction.assessment(store: store, global: global, office: office, period: period, for: run).run
            }
        } else {
            assessment = try await AssessRunAction.assessment(store: store, global: global, office: office, period: period, for: run).run
        }

        let document = try await production.document(kind, of: assessment, meeting: meeting)
        let wanted = Self.list(run.params["formats"]).compactMap(NoticeFormat.init(rawValue:))
        var kept: [StoredDocument] = []
        for format in wanted.isEmpty ? kind.formats : wanted {
            let data = try production.render(document, office: office, as: format)
            kept.append(try await production.keep(data, of: document, run: assessment, format: format, by: run.job.id, at: run.now))
        }
        let list = kept.map(\.id).joined(separator: "\n")
        _ = try await store.post(InboxMessage(key: run.idempotencyKey + "|documents", office: office, audience: "office",
                                              title: "已生成\(document.title)", body: "请审核后印发（tally documents get <id> 取出）：\n\(list)",
                                              createdAt: run.now, job: run.job.id))
        return "已生成\(kind.label)（\(period.label)，考核 \(assessment.id)）：\(kept.map(\.format).joined(separator: "、"))"
    }

    /// The anchor time of a `relative_to` fire, from its subject `<job>@<time>`.
    static func anchor(of subject: String) -> Instant? {
        guard let at = subject.lastIndex(of: "@") else { return nil }
        return Instant(iso: String(subject[subject.index(after: at)...]))
    }

    static func list(_ value: ParamValue?) -> [String] {
        switch value {
        case .list(let l)?: l
        case .string(let s)?: [s]
        default: []
        }
    }
}
