import Foundation
import PostgresStore
import Scheduling
import Testing
import WorkingDays

/// Two `tally serve` processes sharing one PostgreSQL database, one killed with SIGKILL
/// mid-run: every fire runs once — none twice, none lost.
@Suite(.serialized) struct TwoInstanceTests {
    static let jobs = """
        office: city
        jobs:
          - id: every-second
            trigger: {cron: "* * * * * ?", dialect: quartz}
            action: test.record
            params: {file: RECORD, seconds: 1}
            overlap: allow
            missed: {policy: fire-all, window: 1h, cap: 100}
        """

    @Test(.enabled(if: ProcessInfo.processInfo.environment["POSTGRES_URL"] != nil, "needs POSTGRES_URL"))
    func twoInstancesFireEachOccurrenceOnceThroughACrash() async throws {
        try #require(Harness.builtExecutable, "build the tally executable first (swift build)")
        let raw = ProcessInfo.processInfo.environment["POSTGRES_URL"]!
        let admin = try PostgresURL(raw)
        let url = try await PostgresAdmin.createDatabase(on: admin)
        defer { Task { try? await PostgresAdmin.dropDatabase(url.database, on: admin) } }
        var components = URLComponents(string: raw)!
        components.path = "/" + url.database
        let h = try Harness(jobs: [:], database: components.string!)
        try Self.jobs.replacingOccurrences(of: "RECORD", with: h.recordFile)
            .write(to: h.dir.appendingPathComponent("schedules/jobs.yaml"), atomically: true, encoding: .utf8)
        #expect(try h.run(["migrate"]).status == 0)

        let a = try h.start(["serve", "--node", "A", "--lease", "8"], log: "a.log")
        let b = try h.start(["serve", "--node", "B", "--lease", "8"], log: "b.log")
        // Both work, then A dies in the middle of a run.
        let bothWorking = try await h.waitFor(90) {  // generous: a loaded CI machine starts two services slowly
            let nodes = Set(h.records().filter { $0.event == "done" }.map(\.node))
            return nodes.contains("A") && nodes.contains("B")
        }
        #expect(bothWorking, "the two instances did not share the work: \(h.text("a.log")) \(h.text("b.log"))")
        let aMidRun = try await h.waitFor(10) { Self.unfinished(h, node: "A").count > 0 }
        try #require(aMidRun)
        Harness.stop(a, signal: SIGKILL)
        let interrupted = Self.unfinished(h, node: "A")
        let killedAt = Int64(Date().timeIntervalSince1970)
        let recovered = try await h.waitFor(30) {
            interrupted.isSubset(of: Set(h.records().filter { $0.event == "done" }.map(\.key)))
        }
        try await Task.sleep(for: .seconds(3))
        // B alone now runs A's missed fires and the new ones. On a loaded machine it may lag:
        // wait (up to a minute) until every fire older than 6 s has succeeded, then stop it.
        let store = try await PostgresStore.open(url)
        var cutoff = Int64(Date().timeIntervalSince1970) - 6
        let catchUpDeadline = Date().addingTimeInterval(60)
        while Date() < catchUpDeadline {
            cutoff = Int64(Date().timeIntervalSince1970) - 6
            let rows = try await store.history(job: "every-second", through: Instant(seconds: cutoff + 6), limit: 10_000)
            if rows.filter({ $0.key.scheduledAt.seconds < cutoff }).allSatisfy({ $0.state == .succeeded }) { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        Harness.stop(b)
        #expect(recovered, "B did not take over A's interrupted runs \(interrupted): \(h.text("b.log"))")

        let done = h.records().filter { $0.event == "done" }
        let byKey = Dictionary(grouping: done, by: \.key)
        #expect(byKey.values.allSatisfy { $0.count == 1 }, "finished twice: \(byKey.filter { $0.value.count > 1 }.keys.sorted())")
        for key in interrupted { #expect(byKey[key]?.first?.node == "B") }

        let now = Instant(seconds: Int64(Date().timeIntervalSince1970))
        let rows = try await store.history(job: "every-second", through: now, limit: 10_000)
        await store.close()
        let succeeded = Set(rows.filter { $0.state == .succeeded }.map(\.key.idempotencyKey))
        #expect(succeeded == Set(byKey.keys))
        // No fire from the start to a few seconds before the end was lost (or left behind).
        let first = rows.map(\.key.scheduledAt).min()!
        let settled = rows.filter { $0.key.scheduledAt >= first && $0.key.scheduledAt.seconds < cutoff }
        #expect(settled.allSatisfy { $0.state == .succeeded }, "\(settled.filter { $0.state != .succeeded }.map { "\($0.key) \($0.state)" })")
        #expect(settled.count >= 5)
        #expect(killedAt > first.seconds)
    }

    static func unfinished(_ h: Harness, node: String) -> Set<String> {
        let r = h.records()
        return Set(r.filter { $0.event == "start" && $0.node == node }.map(\.key)).subtracting(r.filter { $0.event == "done" }.map(\.key))
    }
}
