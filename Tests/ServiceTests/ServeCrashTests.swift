import Foundation
import Scheduling
import SQLiteStore
import Testing
import WorkingDays

/// `tally serve` killed with SIGKILL in the middle of a run: after a restart the run is
/// taken over once its lease ends, and every fire is run exactly once.
@Suite(.serialized) struct ServeCrashTests {
    static let jobs = """
        office: city
        jobs:
          - id: every-two-seconds
            trigger: {cron: "*/2 * * * * ?", dialect: quartz}
            action: test.record
            params: {file: RECORD, seconds: 3}
            overlap: allow
            missed: {policy: fire-all, window: 1h, cap: 100}
        """

    @Test func aKilledRunIsTakenOverAndNothingRunsTwice() async throws {
        try #require(Harness.builtExecutable, "build the tally executable first (swift build)")
        let h = try Harness(jobs: [:])
        try Self.jobs.replacingOccurrences(of: "RECORD", with: h.recordFile)
            .write(to: h.dir.appendingPathComponent("schedules/jobs.yaml"), atomically: true, encoding: .utf8)
        let started = Instant(seconds: Int64(Date().timeIntervalSince1970))
        let a = try h.start(["serve", "--node", "A", "--lease", "4"], log: "a.log")
        // Kill A while one of its runs has started and not finished.
        let midRun = try await h.waitFor(20) {
            let r = h.records()
            return r.contains { $0.event == "start" } && Set(r.filter { $0.event == "start" }.map(\.key)).count > Set(r.filter { $0.event == "done" }.map(\.key)).count
        }
        try #require(midRun, "A never started a run: \(h.text("a.log"))")
        Harness.stop(a, signal: SIGKILL)
        let interrupted = Set(h.records().filter { $0.event == "start" }.map(\.key)).subtracting(h.records().filter { $0.event == "done" }.map(\.key))
        #expect(!interrupted.isEmpty)

        let b = try h.start(["serve", "--node", "B", "--lease", "4"], log: "b.log")
        let tookOver = try await h.waitFor(20) {
            let done = Set(h.records().filter { $0.event == "done" }.map(\.key))
            return interrupted.isSubset(of: done)
        }
        try await Task.sleep(for: .seconds(2))
        Harness.stop(b)
        #expect(tookOver, "B did not finish A's interrupted runs: \(h.text("b.log"))")
        #expect(b.terminationStatus == 0, "serve did not stop cleanly on SIGTERM: \(h.text("b.log"))")

        let done = h.records().filter { $0.event == "done" }
        #expect(Set(done.map(\.key)).count == done.count, "a run finished twice: \(done.map(\.key))")
        for key in interrupted { #expect(done.first { $0.key == key }?.node == "B") }

        // Every fire from the start until B stopped (minus runs still going) finished once.
        let store = try SQLiteStore(path: h.database)
        let rows = try await store.history(job: "every-two-seconds", through: Instant(seconds: Int64(Date().timeIntervalSince1970)), limit: 1000)
        let finished = rows.filter { $0.state == .succeeded }
        #expect(!finished.isEmpty)
        #expect(Set(finished.map(\.key.idempotencyKey)) == Set(done.map(\.key)))
        let lost = rows.filter { $0.state == .pending && $0.key.scheduledAt > started && $0.key.scheduledAt.seconds < Int64(Date().timeIntervalSince1970) - 10 }
        #expect(lost.isEmpty, "fires never run: \(lost.map(\.key))")
        #expect(rows.filter { $0.attempts > 1 }.allSatisfy { interrupted.contains($0.key.idempotencyKey) || $0.state == .running })
    }
}
