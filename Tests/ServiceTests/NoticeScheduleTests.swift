import Foundation
import Testing

/// The scheduled documents end to end: `tally serve` on simulated time (60×: a document made within ten simulated minutes of its fire has ten real seconds on a loaded CI machine) fires the
/// city's quarterly notice on the 11th working day of Q2 2026 (Thu 04-16 09:00: Q1 closed
/// after its 10th) and the meeting pack two working days before the meeting (Mon 04-20 09:00
/// for Wed 04-22 15:00, the 15th working day), on the assessment fixture. The documents are
/// kept with their runs, byte for byte what `tally notice` gives for the same run.
@Suite(.serialized) struct NoticeScheduleTests {
    static let jobs = """
        office: city
        jobs:
          - id: quarterly-notice
            trigger: {workday: {nth: 11, of: quarter}, at: "09:00"}
            action: notice.generate
            params: {kind: quarterly}
          - id: quarterly-meeting
            trigger: {workday: {nth: 15, of: quarter}, at: "15:00"}
            action: notify
            params: {to: units, title: "今天 15:00 召开{prev_quarter}政务信息工作例会"}
          - id: quarterly-meeting-pack
            trigger: {relative_to: quarterly-meeting, offsets: [-2wd], at: "09:00"}
            action: notice.generate
            params: {kind: meeting, place: 市政府 3 号楼 302 会议室}
        """

    struct Document: Decodable {
        var id: String
        var run: String
        var kind: String
        var format: String
        var title: String
        var createdAt: String
        var createdBy: String
    }

    @Test func theNoticeAndTheMeetingPackAreMadeAtTheirWorkingDayTimesAndKeptWithTheirRun() async throws {
        try #require(Harness.builtExecutable, "build the tally executable first (swift build)")
        let h = try Harness(jobs: ["jobs.yaml": Self.jobs])
        func ok(_ arguments: [String]) throws -> String {
            let r = try h.runSeparately(arguments)
            try #require(r.status == 0, "tally \(arguments.joined(separator: " ")) exited \(r.status): \(r.stderr)\(r.stdout)")
            return r.stdout
        }
        func documents() -> [Document] {
            (try? JSONDecoder().decode([Document].self, from: Data(try ok(["documents", "list", "--json"]).utf8))) ?? []
        }
        func serve(from start: String, until count: Int) async throws {
            let p = try h.start(["serve", "--simulated-start", start, "--simulated-speed", "60", "--lease", "3600", "--max-idle", "600"],
                                log: "serve.log")
            let made = try await h.waitFor(180) { documents().count >= count }
            try await Task.sleep(for: .seconds(1))
            Harness.stop(p)
            try #require(made, "from \(start): \(documents().map(\.id)) \(h.text("serve.log"))")
            #expect(p.terminationStatus == 0)
        }
        _ = try ok(["import", AssessScenarioTests.fixture.path, "--recorded-at", "none"])

        try await serve(from: "2026-04-16T08:55:00+08:00", until: 4)
        let notices = documents()
        #expect(Set(notices.map(\.format)) == ["md", "html", "csv", "docx"] && Set(notices.map(\.kind)) == ["quarterly-notice"])
        #expect(notices.allSatisfy { $0.createdBy == "quarterly-notice" && $0.createdAt.hasPrefix("2026-04-16T09:0") }, "\(notices)")
        #expect(notices.allSatisfy { $0.title == "某市人民政府办公室关于2026年第一季度全市政务信息工作情况的通报" })
        let run = try #require(notices.first?.run)
        #expect(run.hasPrefix("2026Q1-city-sched-"))
        // The scheduled run assessed Q1 as of the fire: the same figures as the golden notice.
        let md = try ok(["documents", "get", "\(run)/quarterly-notice.md"])
        #expect(md.contains("清河县人民政府（146分）"), "\(md)")
        // `tally notice` on the same run gives the same bytes, and keeps nothing new.
        for format in ["md", "html", "csv", "docx"] {
            let out = h.dir.appendingPathComponent("cli.\(format)"), stored = h.dir.appendingPathComponent("stored.\(format)")
            _ = try ok(["notice", "--period", "2026Q1", "--run", run, "--format", format, "--out", out.path])
            _ = try ok(["documents", "get", "\(run)/quarterly-notice.\(format)", "--out", stored.path])
            #expect(try Data(contentsOf: out) == Data(contentsOf: stored), "\(format) differs")
        }
        #expect(documents().count == 4)

        try await serve(from: "2026-04-20T08:55:00+08:00", until: 7)
        let packs = documents().filter { $0.kind == "meeting-pack" }
        #expect(Set(packs.map(\.format)) == ["md", "html", "docx"], "\(packs)")
        #expect(packs.allSatisfy { $0.run == run && $0.createdBy == "quarterly-meeting-pack" && $0.createdAt.hasPrefix("2026-04-20T09:0") }, "\(packs)")
        let pack = try ok(["documents", "get", "\(run)/meeting-pack.md"])
        #expect(pack.contains("2026年4月22日") && pack.contains("15:00") && pack.contains("市政府 3 号楼 302 会议室"), "\(pack)")

        let history = try ok(["schedule", "history", "--now", "2026-04-21T00:00:00+08:00"])
        #expect(history.contains("2026-04-16T09:00:00+08:00  quarterly-notice  成功"), "\(history)")
        #expect(history.contains("2026-04-20T09:00:00+08:00  quarterly-meeting-pack [quarterly-meeting@2026-04-22T15:00:00+08:00]  成功"), "\(history)")
    }
}
