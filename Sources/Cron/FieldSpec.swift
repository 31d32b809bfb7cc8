/// One field of an expression: where it sits, which values it takes and how its list
/// syntax reads (`*`, values, names, ranges, steps, commas).
struct FieldSpec: Sendable {
    enum Kind: Sendable {
        case second, minute, hour, dayOfMonth, month, dayOfWeek, year

        var name: String {
            switch self {
            case .second: "秒"
            case .minute: "分钟"
            case .hour: "小时"
            case .dayOfMonth: "日"
            case .month: "月"
            case .dayOfWeek: "星期"
            case .year: "年"
            }
        }
    }

    let kind: Kind
    let dialect: CronDialect
    /// 1-based position in the expression.
    let position: Int
    /// Values accepted anywhere in the field.
    let min: Int, max: Int
    /// Where `*` and `a/n` stop: `max`, except POSIX day-of-week, whose 7 only aliases 0.
    let cycleMax: Int
    /// Upper-case names (`JAN`, `MON`) and their values.
    let names: [String: Int]
    /// Whether `a-b` with a > b wraps around the cycle (Quartz: `FRI-MON`, `22-2`).
    let wraps: Bool
    /// Subtracted from values before they go into a `BitSet` (years are stored from 1970).
    let offset: Int

    init(_ kind: Kind, _ dialect: CronDialect, position: Int) {
        self.kind = kind
        self.dialect = dialect
        self.position = position
        let quartz = dialect == .quartz
        switch kind {
        case .second, .minute: (min, max) = (0, 59)
        case .hour: (min, max) = (0, 23)
        case .dayOfMonth: (min, max) = (1, 31)
        case .month: (min, max) = (1, 12)
        case .dayOfWeek: (min, max) = quartz ? (1, 7) : (0, 7)
        case .year: (min, max) = (Schedule.firstYear, Schedule.endYear - 1)
        }
        cycleMax = kind == .dayOfWeek && !quartz ? 6 : max
        switch kind {
        case .month: names = FieldSpec.monthNames
        case .dayOfWeek: names = FieldSpec.weekdayNames.mapValues { quartz ? $0 + 1 : $0 }
        default: names = [:]
        }
        wraps = quartz && kind != .year
        offset = kind == .year ? min : 0
    }

    static let monthNames: [String: Int] = [
        "JAN": 1, "FEB": 2, "MAR": 3, "APR": 4, "MAY": 5, "JUN": 6,
        "JUL": 7, "AUG": 8, "SEP": 9, "OCT": 10, "NOV": 11, "DEC": 12,
    ]
    /// Sunday = 0 (POSIX numbering; Quartz adds one).
    static let weekdayNames: [String: Int] = ["SUN": 0, "MON": 1, "TUE": 2, "WED": 3, "THU": 4, "FRI": 5, "SAT": 6]

    func error(_ reason: String) -> CronError {
        CronError(field: position, fieldName: kind.name, reason: reason)
    }

    var rangeText: String { "\(min)–\(max)" }

    /// Parses a comma-separated list of `*`, values, ranges `a-b` and steps `*/n`, `a/n`,
    /// `a-b/n` into the set of values it selects (less `offset`).
    func parseList(_ text: Substring) throws(CronError) -> BitSet {
        var set = BitSet()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else { throw error("列表“\(text)”中有空项") }
            set.formUnion(try parseItem(item))
        }
        return set
    }

    private func parseItem(_ item: Substring) throws(CronError) -> BitSet {
        let parts = item.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw error("“\(item)”中有多个“/”") }
        let base = parts[0]
        var step = 1
        if parts.count == 2 {
            guard !base.isEmpty else { throw error("“\(item)”的“/”前缺少起始值（应写作 */n 或 a/n）") }
            guard let n = FieldSpec.number(parts[1]) else { throw error("“\(item)”的“/”后必须是整数") }
            let span = cycleMax - min + 1
            guard n != 0 else { throw error("“\(item)”的步长不能为 0") }
            guard n <= span else { throw error("“\(item)”的步长 \(parts[1]) 超出范围 1–\(span)") }
            step = n
        }
        let lo: Int, hi: Int
        if base == "*" {
            (lo, hi) = (min, cycleMax)
        } else if let dash = base.firstIndex(of: "-") {
            lo = try value(base[..<dash], in: item)
            hi = try value(base[base.index(after: dash)...], in: item)
            if lo > hi && !wraps {
                let hint = kind == .dayOfWeek ? "（星期日可写作 7，如 5-7 表示周五到周日）" : ""
                throw error("范围“\(base)”的起点大于终点\(hint)")
            }
        } else {
            let v = try value(base, in: item)
            guard parts.count == 2 else { return BitSet([v - offset]) }
            // `a/n` runs from a to the end of the cycle; POSIX weekday 7 is Sunday, 0.
            lo = v > cycleMax ? v - (cycleMax - min + 1) : v
            hi = cycleMax
        }
        var set = BitSet()
        if lo <= hi {
            for v in stride(from: lo, through: hi, by: step) { set.insert(v - offset) }
        } else {
            let span = max - min + 1
            for v in stride(from: lo, through: hi + span, by: step) { set.insert((v > max ? v - span : v) - offset) }
        }
        return set
    }

    /// A number or name in range; `item` is the list item it came from, for messages.
    func value(_ token: Substring, in item: Substring) throws(CronError) -> Int {
        if let n = FieldSpec.number(token) {
            guard n >= min, n <= max else { throw error("取值 \(token) 超出范围 \(rangeText)") }
            return n
        }
        if let v = names[token.uppercased()] { return v }
        if token.isEmpty { throw error("“\(item)”中缺少数值") }
        if dialect == .posix, QuartzSyntax.isQuartzOnly(item) {
            throw error("“\(item)”是 Quartz 语法（?、L、W、#），POSIX cron 不支持，请改用 quartz 方言")
        }
        if dialect == .quartz, QuartzSyntax.isQuartzOnly(item) {
            throw error("“\(item)”不能用于此字段：?、L、W、# 只能用于日或星期字段")
        }
        let expected = names.isEmpty ? "数字" : "数字或英文缩写（如 \(kind == .month ? "JAN" : "MON")）"
        throw error("无法识别“\(token)”，应为\(expected)")
    }

    /// Decimal digits only (no sign, no spaces); values too long to matter come back as
    /// `Int.max`, which every range check refuses.
    static func number(_ s: Substring) -> Int? {
        guard !s.isEmpty, s.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return s.count > 9 ? Int.max : Int(s)
    }
}
