import Foundation
import Testing

/// `tally schedule …` from the command line: lint errors, previews with explanations,
/// manual runs, pause and resume, history.
@Suite(.serialized) struct ScheduleCommandTests {
    static let jobs = """
        office: city
        jobs:
          - id: notice
            title: 季度通报
            trigger: {workday: {nth: 3, of: month}, at: "09:00"}
            action: inbox.post
            params: {to: office, title: "起草{prev_month}通报"}
          - id: echo
            trigger: {workday: every, at: "09:00"}
            action: test.echo
            params: {text: 你好}
        """

    @Test func lintReportsEveryMistakeWithFileAndLine() throws {
        try #require(Harness.builtExecutable)
        let h = try Harness(jobs: ["bad.yaml": """
            office: city
            jobs:
              - id: a
                trigger: {workday: every, at: "09:00"}
                action: test.echo
                retry: 3
              - id: b
                trigger: {cron: "0 9 13 * 5", dialect: posix}
                action: test.echo
            """])
        let (status, output) = try h.run(["schedule", "lint"])
        #expect(status == 1)
        #expect(output.contains("日程文件有误（2 处）"))
        #expect(output.contains("schedules/bad.yaml:6: jobs[0].retry: 未知字段"))
        #expect(output.contains("schedules/bad.yaml:8: jobs[1].trigger.cron: cron 表达式有误"))
    }

    @Test func lintPassesTheRepositorysSchedules() throws {
        try #require(Harness.builtExecutable)
        let p = Process()
        p.executableURL = Harness.tally
        p.arguments = ["schedule", "lint"]
        p.currentDirectoryURL = Harness.root
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(out.contains("✓ 日程文件无误"))
    }

    @Test func nextExplainsEachFireAndStopsAtTheEndOfTheData() throws {
        try #require(Harness.builtExecutable)
        let h = try Harness(jobs: ["jobs.yaml": Self.jobs])
        let (status, output) = try h.run(["schedule", "next", "notice", "--count", "3", "--from", "2026-09-15T00:00:00+08:00"])
        #expect(status == 0, "\(output)")
        #expect(output.contains("2026-10-10T09:00:00+08:00  2026年10月第3个工作日 = 10-10 周六（调休上班（国庆节）） 09:00"))
        #expect(output.contains("2026-12-03T09:00:00+08:00  2026年12月第3个工作日 = 12-03 周四 09:00"))
        let json = try h.run(["schedule", "next", "notice", "--count", "2", "--from", "2026-09-15T00:00:00+08:00", "--json"])
        let rows = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]]
        #expect(rows?.count == 2)
        #expect(rows?.first?["at"] as? String == "2026-10-10T09:00:00+08:00")
        let beyond = try h.run(["schedule", "next", "notice", "--count", "3", "--from", "2026-11-20T00:00:00+08:00"])
        #expect(beyond.status == 1)
        #expect(beyond.output.contains("2027 年没有官方节假日安排数据"))
        #expect(beyond.output.contains("calendar: provisional"))
    }

    @Test func manualRunsPausesAndHistory() throws {
        try #require(Harness.builtExecutable)
        let h = try Harness(jobs: ["jobs.yaml": Self.jobs])
        let now = ["--now", "2026-03-02T10:00:00+08:00"]
        let run = try h.run(["schedule", "run", "echo", "--note", "试运行", "--actor", "李四"] + now)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("✓ echo@manual:1@2026-03-02T10:00:00+08:00：你好"))
        #expect(try h.run(["schedule", "pause", "echo", "--note", "节前暂停", "--actor", "李四"] + now).status == 0)
        let tick = try h.run(["schedule", "tick", "--now", "2026-03-03T09:00:30+08:00"])
        #expect(tick.status == 0, "\(tick.output)")
        let history = try h.run(["schedule", "history", "echo", "--now", "2026-03-03T12:00:00+08:00"])
        #expect(history.output.contains("2026-03-03T09:00:00+08:00  echo  跳过"))
        #expect(history.output.contains("→ 任务已暂停：节前暂停"))
        #expect(history.output.contains("echo [manual:1]  成功（手动）"))
        let list = try h.run(["schedule", "list", "--now", "2026-03-03T12:00:00+08:00"])
        #expect(list.output.contains("【已暂停：节前暂停】"))
        #expect(try h.run(["schedule", "resume", "echo"] + now).status == 0)
        let unknown = try h.run(["schedule", "run", "nope"])
        #expect(unknown.status == 1)
        #expect(unknown.output.contains("没有名为 nope 的任务"))
    }
}
