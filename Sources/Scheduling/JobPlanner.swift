import WorkingDays

/// Plans the occurrences of clock-driven jobs a horizon ahead, and re-plans them when the
/// job's timing or the calendar changes. Fires that fell while no scheduler ran are
/// planned too (as late), so that the missed-run policy records each of them.
struct JobPlanner: Sendable {
    let calculator: FireCalculator
    /// Digest of the office's calendar: a new State Council notice changes it.
    let calendarFingerprint: String
    /// How far ahead occurrences are stored.
    static let horizon: Int64 = 14 * 86_400

    /// When a job planned through `state.plannedThrough` needs planning again.
    static func replanTime(_ state: JobState) -> Instant {
        state.plannedThrough.adding(seconds: -horizon / 2)
    }

    /// What to store for `job`, or nil when its plan is still good.
    func change(for job: Job, state: JobState?, now: Instant) -> PlanChange? {
        let fingerprint = job.timingFingerprint + ":" + calendarFingerprint
        let target = now.adding(seconds: Self.horizon)
        // A job seen for the first time, or back after being removed, starts now.
        let state = state?.fingerprint == JobState.retired ? nil : state
        let since = state?.since ?? now
        let replan = state != nil && state!.fingerprint != fingerprint
        let from: Instant
        if let state {
            // Past the calendar's data nothing more can be planned until the data (and so the
            // fingerprint) changes.
            guard replan || (state.uncoveredYear == nil && now >= Self.replanTime(state)) else { return nil }
            from = min(state.plannedThrough, now)
        } else {
            from = now
        }
        let window = calculator.fires(of: job, after: max(from, since), through: target)
        var through = target
        if let year = window.uncoveredYear {
            // Stop at the data's end: when the notice arrives, planning resumes from there.
            let yearStart = job.zone.instant(LocalTime(day: Day(year: year, month: 1, day: 1)!, second: 0)).adding(seconds: -1)
            through = max(min(through, yearStart), from)
        }
        let insert = window.fires.filter { $0.at <= through }.map {
            Occurrence(key: OccurrenceKey(job: job.id, subject: $0.subject, scheduledAt: $0.at), explanation: $0.explanation,
                       provisional: $0.provisional)
        }
        let newState = JobState(job: job.id, since: since, fingerprint: fingerprint, plannedThrough: through,
                                eventCursor: state?.eventCursor ?? 0, uncoveredYear: window.uncoveredYear,
                                paused: state?.paused ?? false, pauseNote: state?.pauseNote)
        return PlanChange(state: newState, insert: insert, withdrawAfter: replan ? now : nil)
    }
}
