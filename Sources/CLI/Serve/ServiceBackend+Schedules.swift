import Domain
import Scheduling
import Synchronization
import WebService
import WorkingDays

/// The schedule as the service shows and manages it: next fires and last runs per job, a
/// job's history, pause and resume, and manual runs that whichever instance's scheduler
/// claims first executes.
extension ServiceBackend {
    func schedules(offices: Set<OfficeID>, now: Instant) async throws -> [ScheduleStatus] {
        let schedule = self.schedule.withLock { $0 }
        let states = try await store.jobStates()
        var out: [ScheduleStatus] = []
        for job in schedule.jobs where offices.contains(job.office) {
            let fires = job.isEventDriven ? [] : ScheduleNext.fires(of: job, in: schedule, after: now, count: 3).0.map(\.at)
            let history = try await store.history(job: job.id, through: now, limit: 3)
            let state = states[job.id]
            out.append(ScheduleStatus(job: job.id, office: job.office.rawValue, title: job.title, action: job.action.name, nextFires: fires,
                                      lastRuns: history.map { "\($0.key.scheduledAt.iso) \($0.state.label)" },
                                      paused: state?.paused ?? false, pauseNote: state?.paused == true ? state?.pauseNote : nil))
        }
        return out
    }

    func scheduleOffice(job: String) async -> OfficeID? {
        schedule.withLock { $0.job(job)?.office }
    }

    func scheduleHistory(job: String, now: Instant, limit: Int, pending: Bool) async throws -> [WebService.ScheduleRun] {
        var list = try await store.history(job: job, through: now, limit: limit)
        if pending { list = try await store.pending(job: job, limit: limit).reversed() + list }
        return list.map { o in
            WebService.ScheduleRun(job: o.key.job, subject: o.key.subject, scheduledAt: o.key.scheduledAt, state: o.state.rawValue, stateLabel: o.state.label,
                        origin: o.origin.rawValue, attempts: o.attempts, node: o.node, startedAt: o.startedAt, finishedAt: o.finishedAt,
                        outcome: o.outcome, reason: o.reason, explanation: o.explanation, key: o.key.idempotencyKey)
        }
    }

    func setSchedulePaused(job: String, paused: Bool, note: String, actor: String, at: Instant) async throws {
        try await store.setPaused(job: job, paused: paused, note: note, actor: actor, at: at)
        wakeScheduler()
    }

    func requestScheduleRun(job: String, actor: String, note: String, at: Instant) async throws -> String {
        let key = try await store.addManual(job: job, at: at, actor: actor, note: note)
        wakeScheduler()
        return key.idempotencyKey
    }
}
