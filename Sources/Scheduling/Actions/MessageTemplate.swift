import Foundation
import WorkingDays

/// Fills `{name}` placeholders of message titles and bodies from the fire: its date and
/// periods, and for event reminders the event.
struct MessageTemplate {
    static let names: [String: String] = [
        "date": "执行日期，如 2026-10-15",
        "time": "执行时间，如 09:00",
        "year": "执行年份，如 2026年",
        "month": "执行月份，如 2026年10月",
        "quarter": "执行季度，如 2026年第4季度",
        "prev_month": "上个月，如 2026年9月",
        "prev_quarter": "上个季度，如 2026年第3季度",
        "prev_year": "上一年，如 2025年",
        "event": "事件摘要（事件提醒）",
        "anchor": "事件的时限或时间（事件提醒）",
        "explanation": "触发说明",
    ]

    /// The first unknown or unclosed placeholder in `text`, if any.
    static func problem(in text: String) -> String? {
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { return "占位符未闭合（缺少 }）" }
            let name = String(rest[rest.index(after: open)..<close])
            if names[name] == nil { return "未知占位符 {\(name)}（可用：\(names.keys.sorted().joined(separator: ", "))）" }
            rest = rest[rest.index(after: close)...]
        }
        return nil
    }

    /// The event's fields of an event reminder (see `EventPlanner.payload`).
    static func eventFields(_ run: ActionRun) -> [String: String]? {
        guard let data = run.payload?.data(using: .utf8) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: String]
    }

    static func fill(_ text: String, run: ActionRun) -> String {
        let local = run.job.zone.local(run.occurrence.scheduledAt)
        let (y, m, _) = local.day.components
        let q = (m - 1) / 3 + 1
        var values: [String: String] = [
            "date": local.day.iso,
            "time": TimeOfDay(hour: local.hour, minute: local.minute).description,
            "year": "\(y)年",
            "month": "\(y)年\(m)月",
            "quarter": "\(y)年第\(q)季度",
            "prev_month": m == 1 ? "\(y - 1)年12月" : "\(y)年\(m - 1)月",
            "prev_quarter": q == 1 ? "\(y - 1)年第4季度" : "\(y)年第\(q - 1)季度",
            "prev_year": "\(y - 1)年",
            "explanation": run.explanation,
            "event": "",
            "anchor": "",
        ]
        if let fields = eventFields(run) {
            values["event"] = fields["summary"] ?? ""
            if let a = fields["anchor"].flatMap({ Instant(iso: $0) }) {
                let l = run.job.zone.local(a)
                values["anchor"] = "\(l.day.iso) \(TimeOfDay(hour: l.hour, minute: l.minute))"
            }
        }
        var out = text
        for (k, v) in values { out = out.replacingOccurrences(of: "{\(k)}", with: v) }
        return out
    }
}
