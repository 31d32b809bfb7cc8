import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PostgresStore
import Testing

/// Two `tally serve` processes on one database answer as one: of many concurrent edits made
/// from the same version of an item, spread over both, exactly one wins and the others are
/// told the item changed; the audit log holds that one change.
@Suite(.serialized) struct TwoInstanceAPITests {
    enum Store: String, CaseIterable {
        case sqlite
        case postgres
    }

    static var stores: [Store] { ProcessInfo.processInfo.environment["POSTGRES_URL"] == nil ? [.sqlite] : [.sqlite, .postgres] }

    @Test(arguments: stores)
    func concurrentEditsOfOneVersionLetExactlyOneThrough(_ store: Store) async throws {
        try #require(Harness.builtExecutable, "build the tally executable first (swift build)")
        var database: String?
        var cleanup: @Sendable () async -> Void = {}
        if store == .postgres {
            let raw = ProcessInfo.processInfo.environment["POSTGRES_URL"]!
            let admin = try PostgresURL(raw)
            let url = try await PostgresAdmin.createDatabase(on: admin)
            cleanup = { try? await PostgresAdmin.dropDatabase(url.database, on: admin) }
            var components = URLComponents(string: raw)!
            components.path = "/" + url.database
            database = components.string!
        }
        let h = try Harness(jobs: [:], database: database)
        let people = h.dir.appendingPathComponent("people.jsonl")
        try #"{"kind":"person","id":"xxk","name":"李主任","unit":"fgw","roles":["admin"]}"#.write(to: people, atomically: true, encoding: .utf8)
        for args in [["import", AssessScenarioTests.fixture.path, "--recorded-at", "none"], ["import", people.path]] {
            let r = try h.runSeparately(args)
            try #require(r.status == 0, "\(r.stderr)")
        }
        var passwords: [String: String] = [:]
        for (person, role) in [("xxk", "admin"), ("p-fg", "clerk")] {
            let made = try h.runSeparately(["accounts", "set", person, "--role", role])
            passwords[person] = made.stdout.split(separator: "\n").first { $0.hasPrefix("密码：") }.map { String($0.dropFirst(3).prefix(16)) }
        }
        let ports = (0..<2).map { _ in Int.random(in: 20_000...40_000) }
        let a = try h.start(["serve", "--node", "A", "--port", String(ports[0])], log: "a.log")
        let b = try h.start(["serve", "--node", "B", "--port", String(ports[1])], log: "b.log")
        defer {
            Harness.stop(a)
            Harness.stop(b)
        }
        let bases = ports.map { URL(string: "http://127.0.0.1:\($0)")! }
        let up = try await h.waitFor(30) { bases.allSatisfy { (try? Data(contentsOf: $0.appendingPathComponent("health"))) != nil } }
        try #require(up, "\(h.text("a.log"))\(h.text("b.log"))")

        let clerkA = try await Self.login(bases[0], "p-fg", passwords["p-fg"]!)
        let clerkB = try await Self.login(bases[1], "p-fg", passwords["p-fg"]!)
        let created = try await Self.call(bases[0], "POST", "api/v1/items", clerkA,
                                          ["units": ["fgw"], "category": "policy", "title": "市发展改革委推进项目建设"])
        #expect(created.status == 201)
        let id = try #require(created.json["id"] as? String)
        let version = try #require(created.json["version"] as? String)
        let outcomes = try await withThrowingTaskGroup(of: Int.self) { group in
            for k in 0..<20 {
                let (base, token) = k % 2 == 0 ? (bases[0], clerkA) : (bases[1], clerkB)
                group.addTask {
                    try await Self.call(base, "PATCH", "api/v1/items/\(id)", token, ["title": "第 \(k) 次修改", "version": version]).status
                }
            }
            var all: [Int] = []
            for try await s in group { all.append(s) }
            return all
        }
        #expect(outcomes.filter { $0 == 200 }.count == 1, "\(outcomes)")
        #expect(outcomes.filter { $0 == 409 }.count == 19, "\(outcomes)")
        let admin = try await Self.login(bases[1], "xxk", passwords["xxk"]!)
        let audit = try await Self.call(bases[1], "GET", "api/v1/audit?entity=submission&entity_id=\(id)", admin, nil)
        let actions = (audit.json["items"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
        #expect(actions.sorted() == ["item.create", "item.edit"])
        Harness.stop(a)
        Harness.stop(b)
        #expect(a.terminationStatus == 0 && b.terminationStatus == 0)
        await cleanup()
    }

    static func login(_ base: URL, _ person: String, _ password: String) async throws -> String {
        let r = try await call(base, "POST", "api/v1/auth/login", nil, ["login": person, "password": password])
        return try #require(r.json["token"] as? String, "\(r.json)")
    }

    static func call(_ base: URL, _ method: String, _ path: String, _ token: String?, _ body: [String: Any]?) async throws
        -> (status: Int, json: [String: Any]) {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
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
