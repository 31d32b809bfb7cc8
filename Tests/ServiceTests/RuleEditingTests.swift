import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Editing rules through the API of a running `tally serve`, on a copy of the repository's
/// rules: a broken edit and one that fails the office's tests change nothing; the shadow
/// diff shows what a table change would move; a good edit goes live at once with who made
/// it; a rollback puts the earlier version back.
@Suite(.serialized) struct RuleEditingTests {
    struct Client {
        let base: URL
        var token: String?

        func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> (status: Int, json: [String: Any]) {
            var request = URLRequest(url: base.appendingPathComponent(path))
            request.httpMethod = method
            if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
            if let body {
                request.setValue("application/json", forHTTPHeaderField: "Content-Type")
                request.httpBody = try JSONSerialization.data(withJSONObject: body)
            }
            let (data, response) = try await URLSession.shared.data(for: request)
            return ((response as! HTTPURLResponse).statusCode, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
        }
    }

    @Test func editsAreCheckedShadowedActivatedAndRolledBack() async throws {
        try #require(Harness.builtExecutable, "build the tally executable first (swift build)")
        var h = try Harness(jobs: [:])
        let rules = h.dir.appendingPathComponent("rules")
        try FileManager.default.copyItem(at: Harness.root.appendingPathComponent("rules"), to: rules)
        h.rules = rules
        let admin = h.dir.appendingPathComponent("admin.jsonl")
        try #"{"kind":"person","id":"xxk","name":"李主任","unit":"fgw","roles":["admin"]}"#.write(to: admin, atomically: true, encoding: .utf8)
        for args in [["import", AssessScenarioTests.fixture.path, "--recorded-at", "none"], ["import", admin.path]] {
            let r = try h.runSeparately(args)
            try #require(r.status == 0, "\(r.stderr)")
        }
        let made = try h.runSeparately(["accounts", "set", "xxk", "--role", "admin"])
        let password = try #require(made.stdout.split(separator: "\n").first { $0.hasPrefix("密码：") }?.dropFirst(3).prefix(16))
        let port = Int.random(in: 20_000...40_000)
        let serve = try h.start(["serve", "--port", String(port)], log: "serve.log")
        defer { Harness.stop(serve) }
        var client = Client(base: URL(string: "http://127.0.0.1:\(port)")!)
        let up = try await h.waitFor(30) { h.text("serve.log").contains("控制台") && (try? Data(contentsOf: URL(string: "http://127.0.0.1:\(port)/health")!)) != nil }
        try #require(up, "\(h.text("serve.log"))")
        client.token = try await client.call("POST", "api/v1/auth/login", ["login": "xxk", "password": String(password)]).json["token"] as? String
        try #require(client.token != nil)

        let files = try await client.call("GET", "api/v1/rules/city/files")
        let original = try #require(files.json["version"] as? String)
        let tables = try #require((files.json["files"] as? [[String: Any]])?.first { $0["name"] as? String == "00_tables.lua" }?["text"] as? String)
        let onDisk = { try String(contentsOf: rules.appendingPathComponent("city/00_tables.lua"), encoding: .utf8) }

        // A syntax error: refused, named by file and line; nothing written, nothing live.
        let broken = try await client.call("PUT", "api/v1/rules/city/files/00_tables.lua", ["text": tables + "\nlocal = 1\n"])
        #expect(broken.status == 422)
        let brokenErrors = broken.json["errors"] as? [String] ?? []
        #expect(brokenErrors.contains { $0.contains("rules/city/00_tables.lua:") }, "\(brokenErrors)")
        #expect(try onDisk() == tables)

        // 要情 at city level worth 4 instead of 3: compiles, but the office's tests expect 3.
        let richer = tables.replacingOccurrences(of: "city = { digest = 1, briefing = 3,", with: "city = { digest = 1, briefing = 4,")
        try #require(richer != tables)
        let failing = try await client.call("PUT", "api/v1/rules/city/files/00_tables.lua", ["text": richer])
        #expect(failing.status == 422)
        #expect((failing.json["tests"] as? [[String: Any]] ?? []).contains { $0["passed"] as? Bool == false })
        #expect(try onDisk() == tables)
        #expect(try await client.call("GET", "api/v1/rules/city/files").json["version"] as? String == original)

        // The shadow diff shows whose points that change would move.
        let diff = try await client.call("POST", "api/v1/rules/city/files/00_tables.lua/diff", ["text": richer, "period": "2026"])
        #expect(diff.status == 200)
        let changes = diff.json["items"] as? [[String: Any]] ?? []
        #expect(!changes.isEmpty)
        #expect(changes.allSatisfy { ($0["points_after"] as? Double ?? 0) >= ($0["points_before"] as? Double ?? 0) })

        // A good edit goes live at once, recorded with who made it.
        let commented = tables + "\n-- 2026-12 复核：分值与市政府办公室通知一致。\n"
        let good = try await client.call("PUT", "api/v1/rules/city/files/00_tables.lua", ["text": commented])
        #expect(good.status == 200, "\(good.json)")
        #expect(good.json["activated"] as? Bool == true)
        let edited = try #require(good.json["version"] as? String)
        #expect(edited != original)
        #expect(try onDisk() == commented)
        #expect(try await client.call("GET", "api/v1/rules/city/files").json["version"] as? String == edited)
        let versions = try await client.call("GET", "api/v1/rules/city/versions").json["items"] as? [[String: Any]] ?? []
        #expect(versions.first?["version"] as? String == edited)
        #expect(versions.first?["by"] as? String == "xxk")

        // Rollback to the version before.
        let back = try await client.call("POST", "api/v1/rules/city/rollback", ["version": original])
        #expect(back.status == 200, "\(back.json)")
        #expect(back.json["version"] as? String == original)
        #expect(try onDisk() == tables)
        #expect(try await client.call("GET", "api/v1/rules/city/files").json["version"] as? String == original)
        Harness.stop(serve)
        #expect(serve.terminationStatus == 0)
    }
}
