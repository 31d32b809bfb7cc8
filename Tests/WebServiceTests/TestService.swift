import Assessment
import Domain
import Foundation
import Hummingbird
import Logging
import HummingbirdTesting
import PostgresStore
import SQLiteStore
import Tagged
import Synchronization
import Testing
import WebService
import WorkingDays

/// The stores the API tests run on: SQLite always, PostgreSQL when `POSTGRES_URL` names a server.
enum Backend: String, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    var description: String { rawValue }

    static var available: [Backend] {
        ProcessInfo.processInfo.environment["POSTGRES_URL"] == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    func makeStore() async throws -> (store: any WebStore, cleanup: @Sendable () async -> Void) {
        switch self {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tally-web-\(UUID().uuidString)")
            let store = try SQLiteStore(path: dir.appendingPathComponent("tally.sqlite").path)
            try await store.migrate()
            return (store, { try? FileManager.default.removeItem(at: dir) })
        case .postgres:
            let admin = try PostgresURL(ProcessInfo.processInfo.environment["POSTGRES_URL"]!)
            let url = try await PostgresAdmin.createDatabase(on: admin)
            let store = try await PostgresStore.open(url)
            try await store.migrate()
            return (store, {
                await store.close()
                try? await PostgresAdmin.dropDatabase(url.database, on: admin)
            })
        }
    }
}

/// A small organisation: the city office with two departments, a county office with a
/// township, and one account per role.
enum Fixture {
    static let password = "correct-horse-9"
    static let now = Instant(iso: "2026-05-12T10:00:00+08:00")!

    static var records: [Record] {
        let county = OfficeID("county-a")!
        return [
            .office(Office(id: .city, name: "示例市人民政府办公室")),
            .office(Office(id: county, name: "清河县人民政府办公室", parent: .city)),
            .unit(Unit(id: "city-office", name: "市政府办公室", kind: .office, group: "office", office: .city)),
            .unit(Unit(id: "dept-001", name: "市发展改革委", kind: .department, group: "dept-1", office: .city)),
            .unit(Unit(id: "dept-002", name: "市教育局", kind: .department, group: "dept-1", office: .city)),
            .unit(Unit(id: "county-01", name: "清河县人民政府", kind: .county, group: "county", office: county)),
            .unit(Unit(id: "town-01-01", name: "城关镇", kind: .township, group: "township", parent: "county-01", office: county)),
            .person(Person(id: "admin-city", name: "李主任", unit: "city-office", roles: [.admin])),
            .person(Person(id: "leader-city", name: "赵市长", unit: "city-office", roles: [.cityLeader])),
            .person(Person(id: "clerk-1", name: "王芳", unit: "dept-001", roles: [.clerk])),
            .person(Person(id: "clerk-2", name: "陈静", unit: "dept-002", roles: [.clerk])),
            .person(Person(id: "leader-1", name: "刘局长", unit: "dept-001", roles: [.unitLeader])),
            .person(Person(id: "admin-county", name: "周主任", unit: "county-01", roles: [.admin])),
            .person(Person(id: "clerk-town", name: "吴敏", unit: "town-01-01", roles: [.clerk])),
        ]
    }

    static let accounts: [(String, Role)] = [
        ("admin-city", .admin), ("leader-city", .cityLeader), ("clerk-1", .clerk), ("clerk-2", .clerk), ("leader-1", .unitLeader),
        ("admin-county", .admin), ("clerk-town", .clerk),
    ]
}

/// Answers what the service asks of the rest of Tally with fixed, recognisable values (the
/// rule engine and scheduler have their own tests); `assess` stores a one-unit run.
final class FixedOperations: ServiceOperations {
    let store: any WebStore
    init(store: any WebStore) { self.store = store }

    func assess(office: OfficeID, period: Period, asOf: Instant) async throws -> AssessmentRun {
        let run = Self.run(office: office, period: period, asOf: asOf, id: "\(period)-\(office)-test")
        try await store.save(run)
        return run
    }

    /// The city's two departments ranked on the record as it stands: 3 points per adopted item.
    func liveRanking(office: OfficeID, period: Period) async throws -> AssessmentRun {
        let departments: [(UnitID, String)] = [("dept-001", "市发展改革委"), ("dept-002", "市教育局")]
        var results: [SubjectResult] = []
        for (unit, name) in departments {
            let items = try await store.items(ItemQuery(units: [unit], limit: 200)).items.filter { $0.status != .draft }
            let adopted = items.filter { $0.status == .adopted }.count
            results.append(SubjectResult(subject: .unit, id: unit.rawValue, name: name, group: "dept-1", points: Double(3 * adopted), rank: 0, groupSize: 2,
                                         submitted: items.count, adopted: ["city": adopted], instructions: [:], compliance: [:], decision: AssessmentDecision()))
        }
        results.sort { $0.points > $1.points }
        for i in results.indices { results[i].rank = i + 1 }
        results.append(SubjectResult(subject: .person, id: "clerk-1", name: "张明", group: "writers", points: 0, rank: 1, groupSize: 1,
                                     submitted: 0, adopted: [:], instructions: [:], compliance: [:], decision: AssessmentDecision()))
        var run = Self.run(office: office, period: period, asOf: Fixture.now, id: "live")
        run.results = results
        // A new computation when the record moved (what the service's digest of its input says).
        run.inputDigest = results.map { "\($0.id):\($0.points)" }.joined(separator: ",")
        return run
    }

    static func run(office: OfficeID, period: Period, asOf: Instant, id: String) -> AssessmentRun {
        let line = LedgerLine(unit: "dept-001", source: "item:x", function: "score", code: "adopt.city", points: 3, reason: "市级采用", date: period.first)
        let result = SubjectResult(subject: .unit, id: "dept-001", name: "市发展改革委", group: "dept-1", points: 3, rank: 1, groupSize: 2, submitted: 1,
                                   adopted: ["city": 1], instructions: [:], compliance: [:], decision: AssessmentDecision())
        return AssessmentRun(id: id, office: office, period: period, asOf: asOf, createdAt: asOf, inputDigest: "digest", ruleVersion: "v1",
                             ruleFiles: ["score": "rules/city/score.lua"], ledger: [line], results: [result], pending: 0)
    }

    func ruleStatus() async -> [RuleStatus] {
        [RuleStatus(office: "city", version: "abc", files: [], errors: [], testsPassed: 3, testsFailed: 0),
         RuleStatus(office: "county-a", version: "def", files: [], errors: ["rules/county-a/score.lua:3: load: boom"], testsPassed: 0, testsFailed: 1)]
    }

    func schedules(offices: Set<OfficeID>, now: Instant) async throws -> [ScheduleStatus] {
        let paused = pausedJobs.withLock { $0 }
        return [ScheduleStatus(job: "city-quarterly", office: "city", title: "季度通报", action: "notice.generate", nextFires: [now.adding(seconds: 86_400)], lastRuns: []),
                ScheduleStatus(job: "county-monthly", office: "county-a", title: "月报", action: "inbox.post", nextFires: [], lastRuns: [])]
            .filter { offices.contains(OfficeID($0.office)!) }
            .map { var s = $0; s.paused = paused[s.job] != nil; s.pauseNote = paused[s.job]; return s }
    }

    // Schedule control: the real scheduler store is tested with the scheduler and end to end
    // (ServiceTests); here the jobs above, a pause map and the manual runs asked for.
    let pausedJobs = Mutex<[String: String]>([:])
    let manualRuns = Mutex<[ScheduleRun]>([])

    func scheduleOffice(job: String) async -> OfficeID? {
        ["city-quarterly": OfficeID.city, "county-monthly": OfficeID("county-a")!][job]
    }

    func scheduleHistory(job: String, now: Instant, limit: Int, pending: Bool) async throws -> [ScheduleRun] {
        Array(manualRuns.withLock { $0 }.filter { $0.job == job }.reversed().prefix(limit))
    }

    func setSchedulePaused(job: String, paused: Bool, note: String, actor: String, at: Instant) async throws {
        pausedJobs.withLock { $0[job] = paused ? note : nil }
    }

    func requestScheduleRun(job: String, actor: String, note: String, at: Instant) async throws -> String {
        let key = "\(job)@\(at.iso)"
        manualRuns.withLock {
            $0.append(ScheduleRun(job: job, subject: "", scheduledAt: at, state: "pending", stateLabel: "待执行", origin: "manual", attempts: 0,
                                  node: nil, startedAt: nil, finishedAt: nil, outcome: nil, reason: note, explanation: "手动执行", key: key))
        }
        return key
    }

    func backlog() async throws -> Backlog { Backlog(outboxPending: 2, schedulerLagSeconds: 0.5) }

    /// The kinds recorded through the service, in order.
    let recordedKinds = Mutex<[RecordKind]>([])
    func recorded(_ kind: RecordKind) async { recordedKinds.withLock { $0.append(kind) } }
    let courierWakes = Mutex(0)
    func remindersChanged() async { courierWakes.withLock { $0 += 1 } }

    // Rule editing: the real editor is tested end to end through `tally serve` (ServiceTests);
    // here a small stand-in keeps each office's files and the versions made live, so the
    // routes and pages around it (access, validation, audit, history, rollback) can be tested.
    struct RuleVersion {
        var version: String
        var files: [String: String]
        var activated: Instant
    }

    let rules = Mutex<[OfficeID: [RuleVersion]]>([:])

    func versions(_ office: OfficeID) -> [RuleVersion] {
        rules.withLock { $0[office] ?? [RuleVersion(version: "v1", files: ["score.lua": "function score(item) return {} end"], activated: Fixture.now)] }
    }

    func ruleFiles(office: OfficeID) async throws -> (version: String?, files: [RuleFileText]) {
        let live = versions(office).last!
        return (live.version, live.files.sorted { $0.key < $1.key }.map { RuleFileText(name: $0.key, text: $0.value) })
    }
    func ruleVersions(office: OfficeID) async throws -> [RuleVersionInfo] {
        let entries = try await store.audit(AuditQuery(offices: [office], entity: "rules", limit: 500))
        var by: [String: String] = [:]
        for e in entries.reversed() {
            if let version = e.entityID.split(separator: "@").last, let actor = e.actor { by[String(version)] = actor.rawValue }
        }
        return versions(office).reversed().map { RuleVersionInfo(version: $0.version, activated: $0.activated, files: $0.files.keys.sorted(), by: by[$0.version]) }
    }
    func checkRuleEdit(office: OfficeID, file: String, text: String) async throws -> RuleCheck { Self.check(office, text, next: versions(office).count + 1) }
    func shadowDiff(office: OfficeID, file: String, text: String, period: Period) async throws -> [RuleShadowChange] {
        [RuleShadowChange(id: "dept-001", name: "市发展改革委", pointsBefore: 3, pointsAfter: 5, rankBefore: 1, rankAfter: 1, gradeBefore: nil, gradeAfter: nil)]
    }
    func activateRuleEdit(office: OfficeID, file: String, text: String) async throws -> RuleCheck {
        var history = versions(office)
        var check = Self.check(office, text, next: history.count + 1)
        guard check.valid, let version = check.version else { return check }
        var files = history.last!.files
        files[file] = text
        history.append(RuleVersion(version: version, files: files, activated: Fixture.now))
        rules.withLock { $0[office] = history }
        check.activated = true
        return check
    }
    func rollbackRules(office: OfficeID, to version: String) async throws -> RuleCheck {
        var history = versions(office)
        let live = history.last!.version
        guard let earlier = history.first(where: { $0.version == version }) else {
            return RuleCheck(office: office.rawValue, version: nil, valid: false, activated: false, previousVersion: live,
                             errors: ["没有版本 \(version)"], tests: [])
        }
        history.append(earlier)
        rules.withLock { $0[office] = history }
        return RuleCheck(office: office.rawValue, version: version, valid: true, activated: true, previousVersion: live, errors: [], tests: [])
    }

    /// Text containing `syntax error` fails the check.
    static func check(_ office: OfficeID, _ text: String, next: Int) -> RuleCheck {
        let bad = text.contains("syntax error")
        return RuleCheck(office: office.rawValue, version: bad ? nil : "v\(next)", valid: !bad, activated: false, previousVersion: "v1",
                         errors: bad ? ["rules/\(office)/score.lua:1: load: syntax error"] : [],
                         tests: [RuleCheck.Test(name: "adopted item scores", file: "tests/score.json", passed: !bad, message: bad ? "规则未加载" : nil)])
    }
}

/// A service on a fresh store with the fixture, driven in-process.
struct TestService {
    let store: any WebStore
    let deps: WebDependencies

    static func with<T: Sendable>(_ backend: Backend = .sqlite, metricsToken: String? = nil,
                                  _ body: @escaping @Sendable (TestService, any TestClientProtocol) async throws -> T) async throws -> T {
        let (store, cleanup) = try await backend.makeStore()
        do {
            try await store.apply(Fixture.records.map { .insert($0) }, audit: [])
            let passwords = Passwords(cost: 4)
            for (person, role) in Fixture.accounts {
                try await store.saveAccount(Account(person: PersonID(rawValue: person), role: role), passwordHash: passwords.hash(Fixture.password))
            }
            let clock = TestClock(Fixture.now)
            let deps = WebDependencies(store: store, operations: FixedOperations(store: store), now: { clock.tick() }, passwords: passwords,
                                       metricsToken: metricsToken)
            let service = TestService(store: store, deps: deps)
            var logger = Logger(label: "tally.web.test")
            logger.logLevel = .warning
            let app = Application(router: WebApplication.router(deps), logger: logger)
            let result = try await app.test(.router) { client in try await body(service, client) }
            await cleanup()
            return result
        } catch {
            await cleanup()
            throw error
        }
    }
}

/// A clock that moves one second per reading (so history steps are ordered).
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Instant
    init(_ start: Instant) { current = start }
    func tick() -> Instant {
        lock.lock()
        defer { lock.unlock() }
        current = current.adding(seconds: 1)
        return current
    }
}

/// Requests as a signed-in person, and JSON answers.
extension TestClientProtocol {
    func login(_ person: String, password: String = Fixture.password) async throws -> String {
        let response = try await call(.post, "/api/v1/auth/login", json: ["login": person, "password": password])
        #expect(response.status == .ok, "login \(person): \(response.text)")
        return try #require(response.object["token"] as? String)
    }

    func call(_ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: [String: Any]? = nil, raw: String? = nil) async throws -> Reply {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        } else if let raw {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: raw)
        }
        let response = try await execute(uri: uri, method: method, headers: headers, body: body)
        return Reply(status: response.status, headers: response.headers, body: Data(response.body.readableBytesView))
    }
}

extension TestClientProtocol {
    /// A conditional GET (`If-None-Match`).
    func get(_ uri: String, token: String, ifNoneMatch: String) async throws -> Reply {
        let headers: HTTPFields = [.authorization: "Bearer \(token)", .ifNoneMatch: ifNoneMatch]
        let response = try await execute(uri: uri, method: .get, headers: headers, body: nil)
        return Reply(status: response.status, headers: response.headers, body: Data(response.body.readableBytesView))
    }
}

struct Reply {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
    var object: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    var items: [[String: Any]] { object["items"] as? [[String: Any]] ?? [] }
    var errorCode: String? { (object["error"] as? [String: Any])?["code"] as? String }
    var errorField: String? { (object["error"] as? [String: Any])?["field"] as? String }
}
