import Assessment
import Domain
import Foundation
import HTTPTypes
import Rules
import Scheduling
import Synchronization
import WebService
import WorkingDays

/// What the web service asks of the rest of Tally, answered from the live rule engine, the
/// current schedule and the store.
final class ServiceBackend: ServiceOperations {
    let store: any ServiceStore
    let global: GlobalOptions
    let engine: RuleEngine
    let clock: any SchedulerClock
    /// The schedule as last (re)loaded.
    let schedule: Mutex<ScheduleSet>
    let rankings: LiveComputations<AssessmentRun>
    let rules: RuleEditor
    private let counters = Mutex((evaluations: 0, trips: 0))
    /// Wakes the scheduler (a recorded fact may settle reminders or start new ones).
    let wakeScheduler: @Sendable () -> Void
    /// Wakes the outbox courier (a reminder was put back).
    let wakeCourier: @Sendable () -> Void

    init(store: any ServiceStore, global: GlobalOptions, engine: RuleEngine, clock: any SchedulerClock, schedule: ScheduleSet,
         wakeScheduler: @escaping @Sendable () -> Void, wakeCourier: @escaping @Sendable () -> Void) {
        self.wakeScheduler = wakeScheduler
        self.wakeCourier = wakeCourier
        self.store = store
        self.global = global
        self.engine = engine
        self.clock = clock
        self.schedule = Mutex(schedule)
        rankings = LiveComputations()
        rules = RuleEditor(global: global, engine: engine, store: store)
    }

    /// The office's live rule set (the version the service runs), or the files on disk when
    /// the engine has none yet.
    private func ruleSet(_ office: OfficeID) throws -> RuleSet {
        if let live = engine.liveRuleSet(office) { return live }
        return try RuleFolder(global: global).ruleSet(for: office)
    }

    private func evaluate(office: OfficeID, period: Period, asOf: Instant, id: String) async throws -> AssessmentRun {
        let engine = try AssessmentSetup.engine(store, rules: try ruleSet(office), global: global)
        do {
            let (run, _) = try await engine.run(office: office, period: period, asOf: asOf, id: id, createdAt: clock.now())
            counters.withLock { $0.evaluations += run.results.count + run.ledger.count }
            return run
        } catch let e as RuleError {
            // The office's rules could not assess the period (a runtime error, a budget trip,
            // a year without calendar data): the caller learns why, nothing is stored.
            if [.cpu, .wall, .memory].contains(e.kind) { counters.withLock { $0.trips += 1 } }
            throw Self.refused(period, e.description)
        } catch let e as DeadlineBeyondCalendar {
            throw Self.refused(period, e.description)
        } catch let e as NothingToAssess {
            throw APIError(.unprocessableContent, "nothing_to_assess", e.description, field: "office")
        }
    }

    private static func refused(_ period: Period, _ why: String) -> APIError {
        APIError(.unprocessableContent, "assessment_failed", "无法按办公室规则考核\(period.label)：\(why)", field: "period")
    }

    func assess(office: OfficeID, period: Period, asOf: Instant) async throws -> AssessmentRun {
        let run = try await evaluate(office: office, period: period, asOf: asOf, id: RunID.make(office: office, period: period, at: clock.now()))
        try await store.save(run)
        return run
    }

    func liveRanking(office: OfficeID, period: Period) async throws -> AssessmentRun {
        try await rankings.value("\(office) \(period)", version: { [store, engine] in
            let record = try await store.changeVersion()
            let rules = engine.status().offices.map { "\($0.office)=\($0.liveVersion ?? "")" }
            return (([String(record.number)] + rules).joined(separator: " "), record.complete)
        }, compute: { [self] in
            try await evaluate(office: office, period: period, asOf: clock.now(), id: "live-\(period)-\(office)")
        })
    }

    func ruleStatus() async -> [RuleStatus] {
        engine.status().offices.map { s in
            RuleStatus(office: s.office.rawValue, version: s.liveVersion, files: s.functions.map { "\($0.key) → \($0.value)" }.sorted(),
                       errors: s.errors, testsPassed: s.tests.filter(\.passed).count, testsFailed: s.tests.filter { !$0.passed }.count)
        }
    }

    func backlog() async throws -> Backlog {
        let pending = try await store.outbox(states: [.pending, .sending], limit: 100_000).count
        let now = clock.now()
        let oldest = try await store.pending(job: nil, limit: 1).first?.key.scheduledAt
        let lag = oldest.map { max(0, Double(now.seconds - $0.seconds)) } ?? 0
        let (evaluations, trips) = counters.withLock { ($0.evaluations, $0.trips) }
        return Backlog(outboxPending: pending, schedulerLagSeconds: lag, ruleEvaluations: evaluations, ruleBudgetTrips: trips)
    }

    func recorded(_ kind: RecordKind) async { wakeScheduler() }
    func remindersChanged() async { wakeCourier() }

    // MARK: Rule editing

    func ruleFiles(office: OfficeID) async throws -> (version: String?, files: [RuleFileText]) { try rules.ruleFiles(office: office) }
    func ruleVersions(office: OfficeID) async throws -> [RuleVersionInfo] { try await rules.ruleVersions(office: office) }
    func checkRuleEdit(office: OfficeID, file: String, text: String) async throws -> RuleCheck { try rules.checkEdit(office: office, file: file, text: text) }
    func activateRuleEdit(office: OfficeID, file: String, text: String) async throws -> RuleCheck { try rules.activate(office: office, file: file, text: text) }
    func rollbackRules(office: OfficeID, to version: String) async throws -> RuleCheck { try rules.rollback(office: office, to: version) }

    func shadowDiff(office: OfficeID, file: String, text: String, period: Period) async throws -> [RuleShadowChange] {
        let now = clock.now()
        return try await rules.shadowDiff(office: office, file: file, text: text, period: period) { set, label in
            let engine = try AssessmentSetup.engine(store, rules: set, global: global)
            return try await engine.run(office: office, period: period, asOf: now, id: "shadow-\(label)", createdAt: now).0
        }
    }
}
