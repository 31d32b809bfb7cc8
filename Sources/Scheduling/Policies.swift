/// What happens to fires that were due while no scheduler was running (or that start too
/// late to count as on time). Every fire that does not run is recorded as missed, with
/// its reason; none is dropped silently.
package enum MissedPolicy: Sendable, Hashable, CustomStringConvertible {
    /// Run once for the whole backlog (the latest missed fire), if it is at most `window`
    /// seconds late; the others are recorded as missed (coalesced).
    case fireOnce(window: Int64)
    /// Run every missed fire at most `window` seconds late, the latest `cap` of them; the
    /// rest are recorded as missed.
    case fireAll(window: Int64, cap: Int)
    /// Run none of them.
    case skip

    /// A fire that starts more than this many seconds after its time counts as missed.
    package static let lateAfter: Int64 = 60

    /// Fire once within a day.
    package static let `default` = MissedPolicy.fireOnce(window: 86_400)

    package var description: String {
        switch self {
        case .fireOnce(let w): "补跑一次（窗口 \(DurationText.format(w))）"
        case .fireAll(let w, let cap): "全部补跑（窗口 \(DurationText.format(w))，最多 \(cap) 次）"
        case .skip: "不补跑"
        }
    }
}

/// What happens when a fire is due while the job's previous run is still going.
package enum OverlapPolicy: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Record the new fire as skipped.
    case skip
    /// Hold the newest fire until the running one ends; older held fires are skipped.
    case bufferOne = "buffer-one"
    /// Run it alongside.
    case allow

    package var description: String {
        switch self {
        case .skip: "上次未结束则跳过"
        case .bufferOne: "上次未结束则排队一次"
        case .allow: "允许并行"
        }
    }
}

/// Durations as schedule files write them: `90s`, `30m`, `2h`, `7d`.
package enum DurationText {
    package static func parse(_ text: String) -> Int64? {
        guard let unit = text.last, let n = Int64(text.dropLast()), n >= 0, n <= 3_650 * 86_400 else { return nil }
        switch unit {
        case "s": return n
        case "m": return n * 60
        case "h": return n * 3600
        case "d": return n * 86_400
        default: return nil
        }
    }

    /// `2天`, `3小时`, `1天2小时`, `3天30秒`: the non-zero parts, largest first.
    package static func format(_ seconds: Int64) -> String {
        guard seconds > 0 else { return "0秒" }
        let parts: [(Int64, String)] = [(86_400, "天"), (3600, "小时"), (60, "分钟"), (1, "秒")]
        var left = seconds
        var out = ""
        for (size, unit) in parts where left >= size {
            out += "\(left / size)\(unit)"
            left %= size
        }
        return out
    }
}
