import Foundation
import HTTPTypes
import Logging
import Tagged
package import Assessment
package import Domain
package import WorkingDays

/// What the service asks of the rest of Tally (the rule engine, the scheduler, the outbox),
/// implemented where those are put together (the `tally` executable).
package protocol ServiceOperations: RuleEditing, ScheduleControl {
    /// Runs `office`'s assessment of `period` as of `asOf` and stores it.
    func assess(office: OfficeID, period: Period, asOf: Instant) async throws -> AssessmentRun
    /// The ranking of `office` for `period` as the record stands (not stored; recomputed
    /// after changes, at most every few seconds).
    func liveRanking(office: OfficeID, period: Period) async throws -> AssessmentRun
    /// Each office's live rule version, its last errors and rule-test results.
    func ruleStatus() async -> [RuleStatus]
    /// The scheduled jobs of `offices` with their next fires.
    func schedules(offices: Set<OfficeID>, now: Instant) async throws -> [ScheduleStatus]
    /// What the service is waiting on: outbox messages not yet delivered, how late the
    /// scheduler runs (seconds), for readiness and metrics.
    func backlog() async throws -> Backlog
    /// A fact of `kind` was recorded through the service (a filed report or a reply may
    /// settle reminders: the scheduler looks again at once).
    func recorded(_ kind: RecordKind) async
    /// A reminder was put back in the outbox: the courier looks again at once.
    func remindersChanged() async
}

/// An office's rules as the service runs them.
package struct RuleStatus: Sendable, Equatable, Codable {
    package var office: String
    package var version: String?
    package var files: [String]
    package var errors: [String]
    package var testsPassed: Int
    package var testsFailed: Int

    package init(office: String, version: String?, files: [String], errors: [String], testsPassed: Int, testsFailed: Int) {
        self.office = office
        self.version = version
        self.files = files
        self.errors = errors
        self.testsPassed = testsPassed
        self.testsFailed = testsFailed
    }

    enum CodingKeys: String, CodingKey {
        case office, version, files, errors
        case testsPassed = "tests_passed"
        case testsFailed = "tests_failed"
    }
}

/// A scheduled job with its next fires and last runs.
package struct ScheduleStatus: Sendable, Equatable, Codable {
    package var job: String
    package var office: String
    package var title: String
    package var action: String
    package var nextFires: [Instant]
    package var lastRuns: [String]
    /// Paused jobs skip their fires until resumed; the note says why.
    package var paused: Bool
    package var pauseNote: String?

    package init(job: String, office: String, title: String, action: String, nextFires: [Instant], lastRuns: [String],
                 paused: Bool = false, pauseNote: String? = nil) {
        self.job = job
        self.office = office
        self.title = title
        self.action = action
        self.nextFires = nextFires
        self.lastRuns = lastRuns
        self.paused = paused
        self.pauseNote = pauseNote
    }

    enum CodingKeys: String, CodingKey {
        case job, office, title, action, paused
        case nextFires = "next_fires"
        case lastRuns = "last_runs"
        case pauseNote = "pause_note"
    }
}

/// Work waiting in the service.
package struct Backlog: Sendable, Equatable {
    package var outboxPending: Int
    package var schedulerLagSeconds: Double
    /// Rule evaluations (items scored, summaries assessed) since start, and how many of them
    /// hit an instruction, time or memory budget.
    package var ruleEvaluations: Int
    package var ruleBudgetTrips: Int

    package init(outboxPending: Int, schedulerLagSeconds: Double, ruleEvaluations: Int = 0, ruleBudgetTrips: Int = 0) {
        self.outboxPending = outboxPending
        self.schedulerLagSeconds = schedulerLagSeconds
        self.ruleEvaluations = ruleEvaluations
        self.ruleBudgetTrips = ruleBudgetTrips
    }
}
