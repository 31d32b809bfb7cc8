import Cron
import Domain
import WorkingDays
import YAMLFiles

/// Reads one schedule file (format in `schedules/README.md`) into jobs, collecting every
/// problem as a `FILE:LINE: field: reason` error instead of stopping at the first.
struct ScheduleFileParser {
    let file: String
    /// The actions jobs may name.
    let registry: ActionRegistry

    static let jobKeys: Set<String> = [
        "id", "title", "office", "trigger", "action", "params", "missed", "overlap", "zone", "calendar", "start", "end",
    ]
    static let triggerKeys: Set<String> = [
        "cron", "dialect", "day_match", "workday", "monthday", "weekday", "relative_to", "event", "anchor", "offsets", "at",
        "months", "nonworkday",
    ]

    /// The jobs of the file and the problems found (jobs with problems are left out).
    func parse(_ text: String) -> (jobs: [Job], errors: [YAMLError]) {
        var errors: [YAMLError] = []
        var jobs: [Job] = []
        do {
            let root = try YAMLNode.parse(text, file: file)
            let m = try root.mapping(allowed: ["office", "zone", "jobs"])
            let office = try m["office"].map(officeID)
            let zone = try m["zone"].map(zoneValue) ?? .shanghai
            for node in try m.required("jobs", in: root).sequence() {
                do {
                    jobs.append(try job(node, office: office, zone: zone))
                } catch {
                    errors.append(error)
                }
            }
        } catch {
            errors.append(error)
        }
        return (jobs, errors)
    }

    private func job(_ node: YAMLNode, office fileOffice: OfficeID?, zone fileZone: Zone) throws(YAMLError) -> Job {
        let m = try node.mapping(allowed: Self.jobKeys)
        let idNode = try m.required("id", in: node)
        let id = try idNode.string()
        guard OfficeID.isValid(id) else { throw idNode.error("任务 id 只能由小写字母、数字和 - 组成（不超过 32 个字符，不以 - 开头），实际为 '\(id)'") }
        guard let office = try m["office"].map(officeID) ?? fileOffice else {
            throw YAMLError(file: file, line: node.line, field: "\(node.path).office", reason: "缺少所属办公室（在任务或文件顶层写 office）")
        }
        let actionNode = try m.required("action", in: node)
        let actionName = try actionNode.string()
        guard let action = registry[actionName] else {
            throw actionNode.error("未知动作 '\(actionName)'（可用：\(registry.names.joined(separator: ", "))）")
        }
        let params = try parameters(m["params"], for: action, at: node)
        let trigger = try TriggerParser(file: file).trigger(m.required("trigger", in: node))
        let missed = try m["missed"].map(missedPolicy) ?? (trigger.isEvent ? .fireOnce(window: 86_400) : .default)
        let overlap = try m["overlap"].map(overlapPolicy) ?? (trigger.isEvent ? .allow : .skip)
        var provisional = false
        if let c = m["calendar"] {
            switch try c.string() {
            case "official": provisional = false
            case "provisional": provisional = true
            case let other: throw c.error("应为 official（只用官方安排，缺数据时停止排程）或 provisional（缺数据的年份暂按周一至周五），实际为 '\(other)'")
            }
        }
        let start = try m["start"].map(instant)
        let end = try m["end"].map(instant)
        if let start, let end, end <= start { throw m["end"]!.error("结束时间应晚于开始时间 \(start)") }
        return Job(
            id: id, office: office, title: try m["title"]?.string() ?? id, trigger: trigger,
            action: ActionCall(actionName, params: params), zone: try m["zone"].map(zoneValue) ?? fileZone,
            provisionalCalendar: provisional, missed: missed, overlap: overlap, start: start, end: end,
            source: SourceLocation(file: file, line: node.line)
        )
    }

    private func parameters(_ node: YAMLNode?, for action: any ScheduledAction, at job: YAMLNode) throws(YAMLError) -> [String: ParamValue] {
        var out: [String: ParamValue] = [:]
        if let node {
            let m = try node.mapping(allowed: Set(action.parameters.map(\.name)))
            for spec in action.parameters {
                guard let v = m[spec.name] else { continue }
                let value: ParamValue
                if v.isSequence {
                    value = .list(try v.sequence().map { (n) throws(YAMLError) in try n.string() })
                } else {
                    let s = try v.string()
                    switch spec.kind {
                    case .int:
                        guard let i = Int(s) else { throw v.error("应为整数（\(spec.summary)），实际为 '\(s)'") }
                        value = .int(i)
                    case .bool: value = .bool(try v.bool())
                    case .string, .list: value = .string(s)
                    }
                }
                guard spec.accepts(value) else { throw v.error("应为\(spec.kind.label)（\(spec.summary)）") }
                out[spec.name] = value
            }
        }
        for spec in action.parameters where spec.required && out[spec.name] == nil {
            throw YAMLError(file: file, line: node?.line ?? job.line, field: "\(job.path).params.\(spec.name)",
                            reason: "动作 \(action.name) 需要此参数（\(spec.summary)）")
        }
        if let (name, reason) = action.check(out) {
            throw YAMLError(file: file, line: node?.line ?? job.line, field: "\(job.path).params.\(name)", reason: reason)
        }
        return out
    }

    private func missedPolicy(_ node: YAMLNode) throws(YAMLError) -> MissedPolicy {
        let m = try node.mapping(allowed: ["policy", "window", "cap"])
        let policyNode = try m.required("policy", in: node)
        let window = try m["window"].map(duration) ?? 86_400
        switch try policyNode.string() {
        case "fire-once":
            if let cap = m["cap"] { throw cap.error("cap 只用于 fire-all") }
            return .fireOnce(window: window)
        case "fire-all":
            let cap = try m["cap"]?.int() ?? 10
            guard (1...1000).contains(cap) else { throw m["cap"]!.error("应在 1–1000 之间") }
            return .fireAll(window: window, cap: cap)
        case "skip":
            if let extra = m["window"] ?? m["cap"] { throw extra.error("skip 策略不补跑，不需要 window 或 cap") }
            return .skip
        case let other:
            throw policyNode.error("应为 fire-once（窗口内补跑一次）、fire-all（窗口内全部补跑，最多 cap 次）或 skip（不补跑），实际为 '\(other)'")
        }
    }

    private func overlapPolicy(_ node: YAMLNode) throws(YAMLError) -> OverlapPolicy {
        let s = try node.string()
        guard let p = OverlapPolicy(rawValue: s) else { throw node.error("应为 skip、buffer-one 或 allow，实际为 '\(s)'") }
        return p
    }

    private func duration(_ node: YAMLNode) throws(YAMLError) -> Int64 {
        let s = try node.string()
        guard let d = DurationText.parse(s), d > 0 else { throw node.error("时长格式应为 90s、30m、2h 或 7d，实际为 '\(s)'") }
        return d
    }

    private func officeID(_ node: YAMLNode) throws(YAMLError) -> OfficeID {
        let s = try node.string()
        guard let id = OfficeID(s) else { throw node.error("办公室 id 应为小写字母、数字和 -，实际为 '\(s)'") }
        return id
    }

    private func zoneValue(_ node: YAMLNode) throws(YAMLError) -> Zone {
        let s = try node.string()
        guard let z = Zone(identifier: s) else { throw node.error("未知时区 '\(s)'（应为 IANA 名称，如 Asia/Shanghai）") }
        return z
    }

    private func instant(_ node: YAMLNode) throws(YAMLError) -> Instant {
        let s = try node.string()
        guard let t = Instant(iso: s) else { throw node.error("时间格式应为 ISO 8601 并带时区，如 2026-01-01T00:00:00+08:00，实际为 '\(s)'") }
        return t
    }
}
