import Cron
package import WorkingDays

/// Works out when clock-driven jobs fire. Event-driven jobs are planned per event by
/// `EventPlanner`; for them this gives no fires.
package struct FireCalculator: Sendable {
    /// The office's calendar (national data plus its overlay).
    package let calendar: WorkCalendar
    /// Every job, so that a reminder ladder can find the job it counts from.
    package let jobs: [String: Job]

    /// At most this many fires per window, whatever the trigger (an every-second cron over a
    /// year would otherwise be 31 million).
    package static let maxFires = 100_000
    /// Reminder offsets reach at most this far from their anchor (checked when loading).
    static let offsetReach: Int = 45

    package init(calendar: WorkCalendar, jobs: [Job]) {
        self.calendar = calendar
        self.jobs = Dictionary(jobs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The calendar a job plans with (provisional when the job opts in).
    func calendar(for job: Job) -> WorkCalendar {
        job.provisionalCalendar ? calendar.provisional() : calendar
    }

    /// The fires of `job` in `(after, through]`, in time order.
    package func fires(of job: Job, after: Instant, through: Instant) -> FireWindow {
        var lower = after
        var upper = through
        if let start = job.start { lower = max(lower, start.adding(seconds: -1)) }
        if let end = job.end { upper = min(upper, end) }
        guard lower < upper else { return FireWindow() }
        switch job.trigger {
        case .cron(let expression):
            var out: [Fire] = []
            var t = lower
            while out.count < Self.maxFires, let next = expression.next(after: t, in: job.zone), next <= upper {
                let local = job.zone.local(next)
                var text = "cron（\(expression.dialect.rawValue)）\(expression.text) → \(local.day.iso) \(local.day.weekdayName) \(TimeOfDay(hour: local.hour, minute: local.minute, second: local.second))"
                if let kind = try? calendar.kind(of: local.day), !kind.isWorkday { text += "（\(kind)）" }
                out.append(Fire(at: next, explanation: text))
                t = next
            }
            return FireWindow(fires: out)
        case .workdays(let rule, let times):
            return workdayFires(rule, times, job: job, after: lower, through: upper)
        case .beforeJob(let anchorID, let offsets, let at):
            guard let anchor = jobs[anchorID] else { return FireWindow() }
            let reach = Int64(Self.offsetReach) * 86_400
            let anchors = fires(of: anchor, after: lower.adding(seconds: -reach), through: upper.adding(seconds: reach))
            var out: [Fire] = []
            var uncovered = anchors.uncoveredYear
            let cal = calendar(for: job)
            for a in anchors.fires {
                for o in offsets {
                    do {
                        let (t, note) = try OffsetMath.apply(o, to: a.at, at: at, zone: job.zone, calendar: cal)
                        guard t > lower, t <= upper else { continue }
                        let local = job.zone.local(a.at)
                        let text = "\(anchor.title)（\(local.day.iso) \(TimeOfDay(hour: local.hour, minute: local.minute))）\(o.label)\(note)"
                        out.append(Fire(at: t, subject: "\(anchor.id)@\(a.at.iso)", explanation: text, provisional: a.provisional))
                    } catch {
                        if case .yearNotCovered(let y) = error { uncovered = min(uncovered ?? y, y) }
                    }
                }
            }
            out.sort { ($0.at, $0.subject) < ($1.at, $1.subject) }
            return FireWindow(fires: Self.unique(out), uncoveredYear: uncovered)
        case .event:
            return FireWindow()
        }
    }

    private func workdayFires(_ rule: WorkdayRule, _ times: [TimeOfDay], job: Job, after: Instant, through: Instant) -> FireWindow {
        let cal = calendar(for: job)
        let startDay = job.zone.local(after).day
        var first = startDay.adding(days: -20)  // a shifted day may come from before the window
        if !cal.allowsProvisional, let earliest = cal.coveredYears.first, first.year < earliest {
            // Nothing before the data can be asked; the window then starts with it.
            first = Day(year: earliest, month: 1, day: 1)!
        }
        let last = job.zone.local(through).day.adding(days: 20)
        let (candidates, uncovered) = WorkdayCandidates(rule: rule, calendar: cal).days(first, last)
        var out: [Fire] = []
        for c in candidates {
            for time in times {
                let resolution = job.zone.resolve(time.on(c.day))
                let t = resolution.instant
                guard t > after, t <= through else { continue }
                out.append(Fire(at: t, explanation: "\(c.explanation) \(time)\(OffsetMath.note(resolution, time.on(c.day), job.zone))",
                                provisional: cal.isProvisional(c.day)))
                if out.count >= Self.maxFires { break }
            }
        }
        out.sort { $0.at < $1.at }
        return FireWindow(fires: Self.unique(out), uncoveredYear: uncovered)
    }

    /// Drops repeated (time, subject) pairs, keeping the first explanation.
    static func unique(_ fires: [Fire]) -> [Fire] {
        var seen: Set<String> = []
        return fires.filter { seen.insert("\($0.at.seconds)|\($0.subject)").inserted }
    }
}
