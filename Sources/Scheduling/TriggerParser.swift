import Cron
import Domain
import YAMLFiles

/// Reads a job's `trigger:` mapping. Exactly one kind key: `cron`, `workday`, `monthday`,
/// `weekday`, `relative_to` (another job) or `event`; the other keys qualify it and are
/// rejected where they mean nothing.
struct TriggerParser {
    let file: String

    static let kinds = ["cron", "workday", "monthday", "weekday", "relative_to", "event"]
    /// Which qualifying keys each kind takes.
    static let qualifiers: [String: Set<String>] = [
        "cron": ["dialect", "day_match"],
        "workday": ["at", "months"],
        "monthday": ["at", "months", "nonworkday"],
        "weekday": ["at", "months", "nonworkday"],
        "relative_to": ["offsets", "at"],
        "event": ["anchor", "offsets", "at"],
    ]
    /// Largest offset per unit: reminders reach at most about a month from their anchor.
    static let offsetLimits: [Offset.Unit: Int] = [.workdays: 20, .days: 31, .hours: 744, .minutes: 44_640]

    func trigger(_ node: YAMLNode) throws(YAMLError) -> Trigger {
        let m = try node.mapping(allowed: ScheduleFileParser.triggerKeys)
        let present = Self.kinds.filter { m[$0] != nil }
        guard present.count == 1, let kind = present.first else {
            throw node.error(present.isEmpty
                ? "缺少触发方式（cron、workday、monthday、weekday、relative_to 或 event 之一）"
                : "只能有一种触发方式，实际有 \(present.joined(separator: "、"))")
        }
        for key in m.keys where key != kind && !(Self.qualifiers[kind]!.contains(key)) {
            throw m[key]!.error("\(kind) 触发不使用此字段（可用：\(Self.qualifiers[kind]!.sorted().joined(separator: ", "))）")
        }
        switch kind {
        case "cron": return try cron(m, node)
        case "workday":
            let w = m["workday"]!
            let rule: WorkdayRule
            if w.isScalar {
                guard try w.string() == "every" else { throw w.error("应为 every 或 {nth: N, of: month|quarter|year}") }
                rule = .every(months: try months(m["months"]))
            } else {
                let wm = try w.mapping(allowed: ["nth", "of"])
                let nNode = try wm.required("nth", in: w)
                let n = try nNode.int()
                let spanNode = try wm.required("of", in: w)
                guard let span = WorkdayRule.Span(rawValue: try spanNode.string()) else {
                    throw spanNode.error("应为 month、quarter 或 year")
                }
                let limit = span == .month ? 23 : span == .quarter ? 66 : 254
                guard n != 0, abs(n) <= limit else {
                    throw nNode.error("应为 1–\(limit) 或 -1–-\(limit)（负数从末尾数起），实际为 \(n)：一个\(span == .month ? "月" : span == .quarter ? "季度" : "年")最多约 \(limit) 个工作日")
                }
                let ms = try months(m["months"])
                if ms != nil, span != .month { throw m["months"]!.error("months 只用于 of: month") }
                rule = .nth(n, of: span, months: ms)
            }
            return .workdays(rule, at: try times(m, node))
        case "monthday":
            let d = m["monthday"]!
            let day: Int
            if try d.string() == "last" {
                day = -1
            } else {
                day = try d.int()
                guard (1...31).contains(day) else { throw d.error("应为 1–31 或 last，实际为 \(day)") }
            }
            return .workdays(.dayOfMonth(day, shift: try shift(m, node), months: try months(m["months"])), at: try times(m, node))
        case "weekday":
            let w = m["weekday"]!
            let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            let s = try w.string().lowercased()
            guard let i = names.firstIndex(of: s) ?? Int(s).flatMap({ (1...7).contains($0) ? $0 - 1 : nil }) else {
                throw w.error("应为 mon–sun 或 1–7（1 = 周一），实际为 '\(s)'")
            }
            return .workdays(.dayOfWeek(i + 1, shift: try shift(m, node), months: try months(m["months"])), at: try times(m, node))
        case "relative_to":
            let job = try m["relative_to"]!.string()
            return .beforeJob(job: job, offsets: try offsets(m, node), at: try optionalTime(m["at"]))
        default:
            let e = m["event"]!
            guard let kind = DeadlineEvent.Kind(rawValue: try e.string()), kind != .monthlyReport else {
                throw e.error("应为 absence、instruction、commission 或 emergency，实际为 '\(try e.string())'")
            }
            let anchorNode = try m.required("anchor", in: node)
            guard let anchor = EventAnchor(rawValue: try anchorNode.string()) else {
                throw anchorNode.error("应为 reminders（规则 deadline 给出的提醒）、due（办理时限）、at（事件时间）或 depart（外出报备的出发时间）")
            }
            if anchor == .depart, kind != .absence { throw anchorNode.error("depart 只用于 absence") }
            if anchor == .reminders {
                if let extra = m["offsets"] ?? m["at"] { throw extra.error("anchor: reminders 按规则给出的提醒时间触发，不使用 offsets 或 at") }
                return .event(kind: kind, anchor: anchor, offsets: [], at: nil)
            }
            return .event(kind: kind, anchor: anchor, offsets: try offsets(m, node), at: try optionalTime(m["at"]))
        }
    }

    private func cron(_ m: [String: YAMLNode], _ node: YAMLNode) throws(YAMLError) -> Trigger {
        let exprNode = m["cron"]!
        let dialectNode = try m.required("dialect", in: node)
        guard let dialect = CronDialect(rawValue: try dialectNode.string()) else {
            throw dialectNode.error("应为 posix（5 个字段，日与星期按 POSIX 规则）或 quartz（秒 分 时 日 月 周 [年]，支持 L W # ?）")
        }
        var match: DayMatch?
        if let dm = m["day_match"] {
            guard dialect == .posix, let v = DayMatch(rawValue: try dm.string()) else {
                throw dm.error(dialect == .posix ? "应为 any（日或星期满足其一，POSIX 规则）或 all（两者都满足）" : "day_match 只用于 posix")
            }
            match = v
        }
        do {
            return .cron(try CronExpression(try exprNode.string(), dialect: dialect, dayMatch: match))
        } catch {
            throw exprNode.error("cron 表达式有误：\(error)")
        }
    }

    private func times(_ m: [String: YAMLNode], _ node: YAMLNode) throws(YAMLError) -> [TimeOfDay] {
        let at = try m.required("at", in: node)
        let nodes: [YAMLNode]
        nodes = at.isSequence ? try at.sequence() : [at]
        guard !nodes.isEmpty else { throw at.error("至少给出一个时间") }
        var out: [TimeOfDay] = []
        for n in nodes {
            guard let t = try optionalTime(n) else { continue }
            guard !out.contains(t) else { throw n.error("时间 \(t) 重复") }
            out.append(t)
        }
        return out.sorted()
    }

    private func optionalTime(_ node: YAMLNode?) throws(YAMLError) -> TimeOfDay? {
        guard let node else { return nil }
        let s = try node.string()
        guard let t = TimeOfDay(s) else { throw node.error("时间格式应为 HH:MM 或 HH:MM:SS（加引号，如 \"09:00\"），实际为 '\(s)'") }
        return t
    }

    private func months(_ node: YAMLNode?) throws(YAMLError) -> Set<Int>? {
        guard let node else { return nil }
        var out: Set<Int> = []
        for n in try node.sequence() {
            let v = try n.int()
            guard (1...12).contains(v) else { throw n.error("月份应为 1–12，实际为 \(v)") }
            out.insert(v)
        }
        guard !out.isEmpty else { throw node.error("至少给出一个月份") }
        return out
    }

    private func shift(_ m: [String: YAMLNode], _ node: YAMLNode) throws(YAMLError) -> WorkdayRule.Shift {
        let n = try m.required("nonworkday", in: node)
        guard let s = WorkdayRule.Shift(rawValue: try n.string()) else {
            throw n.error("应为 next（顺延到下一个工作日）、previous（提前到上一个工作日）或 skip（不执行）")
        }
        return s
    }

    private func offsets(_ m: [String: YAMLNode], _ node: YAMLNode) throws(YAMLError) -> [Offset] {
        let list = try m.required("offsets", in: node)
        var out: [Offset] = []
        for n in try list.sequence() {
            let s = try n.string()
            guard let o = Offset(s) else { throw n.error("偏移格式应为 -3wd（工作日）、-2d（自然日）、-1h（小时）或 -30m（分钟），实际为 '\(s)'") }
            guard abs(o.amount) <= Self.offsetLimits[o.unit]! else {
                throw n.error("偏移最多 \(Self.offsetLimits[o.unit]!)\(o.unit.rawValue)（约一个月）")
            }
            guard !out.contains(o) else { throw n.error("偏移 \(s) 重复") }
            out.append(o)
        }
        guard !out.isEmpty else { throw list.error("至少给出一个偏移") }
        return out
    }
}
