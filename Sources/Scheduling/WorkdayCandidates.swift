import WorkingDays

/// The days a working-day rule names within a span of days, with explanations. Days the
/// calendar cannot answer stop the list (`CalendarError.yearNotCovered`).
struct WorkdayCandidates {
    let rule: WorkdayRule
    let calendar: WorkCalendar

    struct Candidate {
        var day: Day
        var explanation: String
    }

    /// Candidates whose nominal day lies in `first...last`, in day order, without duplicates;
    /// when the calendar has no data for a year, the candidates before that year and the year.
    func days(_ first: Day, _ last: Day) -> (candidates: [Candidate], uncoveredYear: Int?) {
        var out: [Candidate] = []
        do {
            try collect(first, last, into: &out)
            return (out.sorted { $0.day < $1.day }, nil)
        } catch {
            guard case .yearNotCovered(let year) = error else { return (out.sorted { $0.day < $1.day }, nil) }
            let cut = Day(year: year, month: 1, day: 1)!
            return (out.filter { $0.day < cut }.sorted { $0.day < $1.day }, year)
        }
    }

    private func collect(_ first: Day, _ last: Day, into out: inout [Candidate]) throws(CalendarError) {
        var seen: Set<Day> = []
        func add(_ c: Candidate?) {
            guard let c, seen.insert(c.day).inserted else { return }
            out.append(c)
        }
        switch rule {
        case .every(let months):
            var d = first
            while d <= last {
                if months?.contains(d.month) ?? true, try calendar.isWorkday(d) {
                    add(Candidate(day: d, explanation: "每个工作日：\(try describe(d))"))
                }
                d = d.adding(days: 1)
            }
        case .nth(let n, let span, let months):
            for (s, e, label) in spans(span, first, last) where months?.contains(s.month) ?? true {
                guard let d = try calendar.workday(n, in: s, e) else { continue }
                let ordinal = n > 0 ? "第\(n)个工作日" : n == -1 ? "最后一个工作日" : "倒数第\(-n)个工作日"
                add(Candidate(day: d, explanation: "\(label)\(ordinal) = \(try describe(d))"))
            }
        case .dayOfMonth(let dn, let shift, let months):
            for (s, e, _) in spans(.month, first, last) where months?.contains(s.month) ?? true {
                let nominal = dn == -1 ? e : Day(year: s.year, month: s.month, day: dn)
                guard let nominal else { continue }
                let name = dn == -1 ? "每月最后一天" : "每月\(dn)日"
                add(try shifted(nominal, shift, name: name))
            }
        case .dayOfWeek(let wd, let shift, let months):
            var d = first.adding(days: (wd - first.weekday + 7) % 7)
            while d <= last {
                if months?.contains(d.month) ?? true { add(try shifted(d, shift, name: "每\(d.weekdayName)")) }
                d = d.adding(days: 7)
            }
        }
    }

    private func shifted(_ nominal: Day, _ shift: WorkdayRule.Shift, name: String) throws(CalendarError) -> Candidate? {
        let kind = try calendar.kind(of: nominal)
        if kind.isWorkday { return Candidate(day: nominal, explanation: "\(name)：\(try describe(nominal))") }
        let why = "\(nominal.iso) \(nominal.weekdayName)为\(kind)"
        switch shift {
        case .skip:
            return nil
        case .next:
            let d = try calendar.nextWorkday(onOrAfter: nominal)
            return Candidate(day: d, explanation: "\(name)：\(why)，顺延至 \(try describe(d))")
        case .previous:
            let d = try calendar.previousWorkday(onOrBefore: nominal)
            return Candidate(day: d, explanation: "\(name)：\(why)，提前至 \(try describe(d))")
        }
    }

    /// `10-10 周六（调休上班（国庆节））`, with a provisional note when the year has no data.
    private func describe(_ d: Day) throws(CalendarError) -> String {
        let kind = try calendar.kind(of: d)
        var s = "\(d.monthDay) \(d.weekdayName)"
        if kind != .workday { s += "（\(kind)）" }
        if calendar.isProvisional(d) { s += "【\(d.year)年官方安排尚未发布，暂按周一至周五排程】" }
        return s
    }

    /// The months, quarters or years overlapping `first...last`: (first day, last day, label).
    private func spans(_ span: WorkdayRule.Span, _ first: Day, _ last: Day) -> [(Day, Day, String)] {
        var out: [(Day, Day, String)] = []
        var (y, m, _) = first.components
        switch span {
        case .month: break
        case .quarter: m = (m - 1) / 3 * 3 + 1
        case .year: m = 1
        }
        while let s = Day(year: y, month: m, day: 1), s <= last {
            let months = span == .month ? 1 : span == .quarter ? 3 : 12
            var (ey, em) = (y, m + months)
            if em > 12 { (ey, em) = (y + 1, em - 12) }
            let e = Day(year: ey, month: em, day: 1)!.adding(days: -1)
            let label = switch span {
            case .month: "\(y)年\(m)月"
            case .quarter: "\(y)年第\((m - 1) / 3 + 1)季度"
            case .year: "\(y)年"
            }
            out.append((s, e, label))
            (y, m) = (ey, em)
        }
        return out
    }
}
