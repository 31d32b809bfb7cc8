import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Managing the schedule through the API of a running `tally serve`: a pause shows in the
/// job list with its reason and is kept in the job's log; a run asked for through the API is
/// executed by the service's own scheduler and shows in the history as manual. (And a run the
/// rules cannot make is refused with why.)
@Suite(.serialized) struct ScheduleControlTests {
    static let jobs = """
        office: city
        jobs:
          - id: echo
            title: 回声
            trigger: {workday: every, at: "09:00"}
            action: test.echo
            params: {text: 你好}
        """

    @Test func aPausedJobShowsItsReasonAndARequestedRunIsExecutedByTheService() async throws {
        try #require(Harness.builtExecutable, "build the tally executable first (swift build)")
        let h = try Harness(jobs: ["jobs.yaml": Self.jobs])
        let admin = h.dir.appendingPathComponent("admin.jsonl")
        // With a leader's trip in 2058, a year the official calendar does not cover.
        try """
            {"kind":"person","id":"xxk","name":"李主任","unit":"fgw","roles":["admin"]}
            {"kind":"absence","id":"WC-2058","unit":"qinghe","leader":"赵县长","destination":"北京","reason":"开会","depart_at":"2058-08-08T08:00:00+08:00","return_at":"2058-08-10T18:00:00+08:00","acting_leader":"钱副县长","acting_phone":"13800000000"}
            """.write(to: admin, atomically: true, encoding: .utf8)
        for args in [["import", AssessScenarioTests.fixture.path, "--recorded-at", "none"], ["import", admin.path]] {
            let r = try h.runSeparately(args)
            try #require(r.status == 0, "\(r.stderr)")
        }
        let made = try h.runSeparately(["accounts", "set", "xxk", "--role", "admin"])
        let password = try #require(made.stdout.split(separator: "\n").first { $0.hasPrefix("密码：") }?.dropFirst(3).prefix(16))
        let port = Int.random(in: 20_000...40_000)
        let serve = try h.start(["serve", "--port", String(port)], log: "serve.log")
        defer { Harness.stop(serve) }
        var client = RuleEditingTests.Client(base: URL(string: "http://127.0.0.1:\(port)")!)
        let up = try await h.waitFor(30) { (try? Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/ready")!)) != nil }
        try #require(up, "\(h.text("serve.log"))")
        client.token = try await client.call("POST", "api/v1/auth/login", ["login": "xxk", "password": String(password)]).json["token"] as? String
        try #require(client.token != nil)

        let paused = try await client.call("POST", "api/v1/schedules/echo/pause", ["note": "节前检修"])
        #expect(paused.status == 200, "\(paused.json)")
        let listed = try await client.call("GET", "api/v1/schedules")
        let echo = (listed.json["items"] as? [[String: Any]])?.first { $0["job"] as? String == "echo" }
        #expect(echo?["paused"] as? Bool == true)
        #expect(echo?["pause_note"] as? String == "节前检修")
        #expect((echo?["next_fires"] as? [String])?.count == 3)
        #expect(try await client.call("POST", "api/v1/schedules/echo/resume", [:]).json["paused"] as? Bool == false)

        let run = try await client.call("POST", "api/v1/schedules/echo/run", ["note": "试运行"])
        #expect(run.status == 202, "\(run.json)")
        let key = try #require(run.json["key"] as? String)
        var done: [String: Any]?
        let deadline = Date().addingTimeInterval(30)
        while done == nil && Date() < deadline {
            let history = try await client.call("GET", "api/v1/schedules/echo/history")
            done = (history.json["items"] as? [[String: Any]])?.first { $0["key"] as? String == key && $0["state"] as? String == "succeeded" }
            if done == nil { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(done != nil, "\(h.text("serve.log"))")
        #expect(done?["origin"] as? String == "manual")
        #expect((done?["outcome"] as? String)?.contains("你好") == true, "\(done ?? [:])")

        // A year the official calendar does not cover: the rules cannot assess it; the caller
        // is told why (422 naming the period) and nothing is stored.
        let future = try await client.call("POST", "api/v1/runs", ["office": "city", "period": "2058Q3"])
        #expect(future.status == 422, "\(future.json)")
        let error = future.json["error"] as? [String: Any]
        #expect(error?["code"] as? String == "assessment_failed")
        #expect(error?["field"] as? String == "period")
        #expect((error?["message"] as? String)?.contains("rules/city/") == true, "\(future.json)")

        let audit = try await client.call("GET", "api/v1/audit")
        let actions = (audit.json["items"] as? [[String: Any]] ?? []).filter { $0["entity"] as? String == "job" }.compactMap { $0["action"] as? String }
        #expect(Set(actions) == ["schedule.pause", "schedule.resume", "schedule.run"], "\(actions)")
    }
}
