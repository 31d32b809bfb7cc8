import Domain
import Foundation
import Scheduling
import SQLiteStore
import WorkingDays

/// Paths and fixtures shared by the scheduling tests.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let schedules = root.appendingPathComponent("schedules")
    static let calendar: WorkCalendar = try! CalendarFile.load(schedules: schedules)

    static func day(_ s: String) -> Day { Day(iso: s)! }
    static func t(_ s: String) -> Instant { Instant(iso: s.contains("+") || s.hasSuffix("Z") ? s : s + "+08:00")! }

    static func job(_ id: String, _ trigger: Trigger, action: ActionCall = ActionCall("test.echo"), missed: MissedPolicy = .default,
                    overlap: OverlapPolicy = .skip, provisional: Bool = false, zone: Zone = .shanghai) -> Job {
        Job(id: id, office: .city, title: id, trigger: trigger, action: action, zone: zone, provisionalCalendar: provisional,
            missed: missed, overlap: overlap)
    }

    static func workdays(_ rule: WorkdayRule, at: String = "09:00") -> Trigger { .workdays(rule, at: [TimeOfDay(at)!]) }

    /// A fresh migrated SQLite store in a temporary folder.
    static func store() async throws -> SQLiteStore {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tally-sched-\(UUID().uuidString)")
        let store = try SQLiteStore(path: dir.appendingPathComponent("tally.sqlite").path)
        try await store.migrate()
        return store
    }

    /// A temporary folder holding `files` (name → text) plus the repository's calendar data.
    static func scheduleFolder(_ files: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tally-schedules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: schedules.appendingPathComponent("calendar"), to: dir.appendingPathComponent("calendar"))
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }
}

/// Test-only registry: the built-in test actions, an inbox-less `inbox.post`, and a stand-in
/// for `assess.run` (registered by the `tally` executable, which tests cannot import) so
/// that the repository's own schedule files load here too.
func testRegistry(inbox: (any InboxStore)? = nil) -> ActionRegistry {
    ActionRegistry([
        EchoAction(), FailAction(), RecordAction(node: "test"), InboxPostAction(inbox: inbox), NotifyAction(stores: nil, configured: []),
        StandIn(name: "assess.run", [ParameterSpec("period", .string, required: true, "考核期间"), ParameterSpec("office", .string, "办公室")]),
        StandIn(name: "notice.generate", [
            ParameterSpec("kind", .string, required: true, "种类"), ParameterSpec("formats", .list, "格式"), ParameterSpec("office", .string, "办公室"),
            ParameterSpec("place", .string, "地点"), ParameterSpec("agenda", .list, "议程"),
        ]),
    ])
}

/// Declares an action of the executable (`assess.run`, `notice.generate`) with its
/// parameters; running it is not this target's business.
struct StandIn: ScheduledAction {
    let name: String
    let summary = "测试替身"
    let parameters: [ParameterSpec]

    init(name: String, _ parameters: [ParameterSpec]) {
        self.name = name
        self.parameters = parameters
    }

    func run(_ run: ActionRun) async throws -> String { throw CancellationError() }
}

/// The fires of `job` in `(after, through]` on the official calendar.
func fires(_ job: Job, _ after: String, _ through: String, jobs: [Job] = []) -> FireWindow {
    FireCalculator(calendar: Fixtures.calendar, jobs: jobs + [job]).fires(of: job, after: Fixtures.t(after), through: Fixtures.t(through))
}
