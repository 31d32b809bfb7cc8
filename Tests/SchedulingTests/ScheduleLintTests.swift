import Foundation
import Testing
import WorkingDays
import YAMLFiles
@testable import Scheduling

/// Schedule files: what loads, and every mistake reported as FILE:LINE: field: reason.
@Suite struct ScheduleLintTests {
    /// The problems of a folder holding `files`, as `name:line: field: reason` strings.
    func problems(_ files: [String: String]) throws -> [String] {
        let dir = try Fixtures.scheduleFolder(files)
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try ScheduleLoader(directory: dir, registry: testRegistry()).load()
            return []
        } catch let failure as ScheduleLoader.Failure {
            return failure.errors.map { e in
                var e = e
                e.file = URL(fileURLWithPath: e.file).lastPathComponent
                return e.description
            }
        }
    }

    func one(_ job: String, office: String = "office: city\n") throws -> [String] {
        try problems(["a.yaml": office + "jobs:\n" + job])
    }

    @Test func theRepositorysSchedulesLoad() throws {
        let set = try ScheduleLoader(directory: Fixtures.schedules, registry: testRegistry()).load()
        #expect(set.jobs.count >= 5)
        #expect(Set(set.jobs.map(\.id)).isSuperset(of: ["quarterly-notice", "quarterly-meeting", "monthly-indicators", "year-end-assessment"]))
    }

    @Test func aGoodFileLoadsWithItsDefaults() throws {
        let dir = try Fixtures.scheduleFolder(["a.yaml": """
            office: city
            jobs:
              - id: notice
                title: 通报
                trigger: {workday: {nth: 3, of: month}, at: "09:00"}
                action: test.echo
              - id: late-report
                trigger: {event: emergency, anchor: at, offsets: [60m]}
                action: test.echo
            """])
        let set = try ScheduleLoader(directory: dir, registry: testRegistry()).load()
        let notice = set.job("notice")!
        #expect(notice.missed == .fireOnce(window: 86_400))
        #expect(notice.overlap == .skip)
        #expect(notice.zone == .shanghai)
        #expect(notice.source.line == 3)
        #expect(set.job("late-report")!.overlap == .allow)
    }

    @Test(arguments: [
        ("  - id: x\n    trigger: {workday: every, at: \"09:00\"}\n    action: test.echo\n    colour: red\n",
         "a.yaml:6: jobs[0].colour: 未知字段"),
        ("  - id: x\n    action: test.echo\n", "a.yaml:3: jobs[0].trigger: 缺少必填字段"),
        ("  - id: x\n    trigger: {workday: every, cron: \"* * * * *\", at: \"09:00\"}\n    action: test.echo\n",
         "a.yaml:4: jobs[0].trigger: 只能有一种触发方式"),
        ("  - id: x\n    trigger: {workday: every, at: \"25:00\"}\n    action: test.echo\n", "a.yaml:4: jobs[0].trigger.at: 时间格式应为"),
        ("  - id: x\n    trigger: {workday: every, at: \"09:00\"}\n    action: mail.send\n", "a.yaml:5: jobs[0].action: 未知动作 'mail.send'"),
        ("  - id: x\n    trigger: {workday: every, at: \"09:00\"}\n    action: inbox.post\n    params: {to: office}\n",
         "a.yaml:6: jobs[0].params.title: 动作 inbox.post 需要此参数"),
        ("  - id: x\n    trigger: {workday: every, at: \"09:00\"}\n    action: inbox.post\n    params: {to: everyone, title: t}\n",
         "a.yaml:6: jobs[0].params.to: 应为 office"),
        ("  - id: x\n    trigger: {workday: every, at: \"09:00\"}\n    action: inbox.post\n    params: {to: office, title: \"{quater}\"}\n",
         "a.yaml:6: jobs[0].params.title: 未知占位符 {quater}"),
        ("  - id: x\n    trigger: {cron: \"0 9 13 * 5\", dialect: posix}\n    action: test.echo\n",
         "a.yaml:4: jobs[0].trigger.cron: cron 表达式有误"),
        ("  - id: x\n    trigger: {cron: \"0 9 * * *\"}\n    action: test.echo\n", "a.yaml:4: jobs[0].trigger.dialect: 缺少必填字段"),
        ("  - id: x\n    trigger: {cron: \"0 0 30 2 *\", dialect: posix}\n    action: test.echo\n", "永远不会触发"),
        ("  - id: x\n    trigger: {monthday: 31, nonworkday: next, months: [2, 4], at: \"09:00\"}\n    action: test.echo\n",
         "a.yaml:3: jobs[x].trigger: 在有日历数据的年份（2020–2026）中从不触发"),
        ("  - id: x\n    trigger: {workday: {nth: 30, of: month}, at: \"09:00\"}\n    action: test.echo\n",
         "a.yaml:4: jobs[0].trigger.workday.nth: 应为 1–23"),
        ("  - id: x\n    trigger: {workday: {nth: 3, of: quarter}, months: [1], at: \"09:00\"}\n    action: test.echo\n",
         "jobs[0].trigger.months: months 只用于 of: month"),
        ("  - id: x\n    trigger: {monthday: 8, at: \"09:00\"}\n    action: test.echo\n", "jobs[0].trigger.nonworkday: 缺少必填字段"),
        ("  - id: x\n    trigger: {relative_to: nothing, offsets: [-1wd]}\n    action: test.echo\n",
         "a.yaml:3: jobs[x].trigger.relative_to: 没有名为 nothing 的任务"),
        ("  - id: x\n    trigger: {event: absence, anchor: depart, offsets: [-45wd]}\n    action: test.echo\n",
         "jobs[0].trigger.offsets[0]: 偏移最多 20wd"),
        ("  - id: x\n    trigger: {event: emergency, anchor: depart, offsets: [-1h]}\n    action: test.echo\n",
         "jobs[0].trigger.anchor: depart 只用于 absence"),
        ("  - id: x\n    trigger: {event: absence, anchor: reminders, offsets: [-1h]}\n    action: test.echo\n",
         "anchor: reminders 按规则给出的提醒时间触发"),
        ("  - id: x\n    trigger: {workday: every, at: \"09:00\"}\n    action: test.echo\n    zone: Asia/Beijing\n",
         "a.yaml:6: jobs[0].zone: 未知时区 'Asia/Beijing'"),
        ("  - id: x\n    trigger: {workday: every, at: \"09:00\"}\n    action: test.echo\n    missed: {policy: skip, window: 2d}\n",
         "jobs[0].missed.window: skip 策略不补跑"),
        ("  - id: x\n    trigger: {workday: every, at: \"09:00\"}\n    action: test.echo\n    missed: {policy: fire-all, cap: 0}\n",
         "jobs[0].missed.cap: 应在 1–1000 之间"),
        ("  - id: X_1\n    trigger: {workday: every, at: \"09:00\"}\n    action: test.echo\n", "jobs[0].id: 任务 id 只能由小写字母"),
        ("  - id: x\n    trigger: {workday: every, at: \"09:00\"}\n    action: test.echo\n    overlap: queue\n",
         "jobs[0].overlap: 应为 skip、buffer-one 或 allow"),
    ])
    func mistakesAreNamedByFileLineAndField(_ job: String, _ expected: String) throws {
        let found = try one(job)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.contains(expected) == true, "\(found) should contain \(expected)")
    }

    @Test func everyBadJobOfAFileIsReported() throws {
        let found = try one("""
              - id: a
                trigger: {workday: every, at: "9"}
                action: test.echo
              - id: b
                trigger: {workday: every, at: "09:00"}
                action: test.echo
              - id: c
                trigger: {weekday: funday, nonworkday: next, at: "09:00"}
                action: test.echo

            """)
        #expect(found.count == 2)
        #expect(found[0].hasPrefix("a.yaml:4: jobs[0].trigger.at"))
        #expect(found[1].hasPrefix("a.yaml:10: jobs[2].trigger.weekday"))
    }

    @Test func duplicateIdsAcrossFilesAreRefused() throws {
        let job = "office: city\njobs:\n  - id: same\n    trigger: {workday: every, at: \"09:00\"}\n    action: test.echo\n"
        let found = try problems(["a.yaml": job, "b.yaml": job])
        #expect(found.count == 1)
        #expect(found.first?.contains("b.yaml:3: jobs[same].id: 任务 id 重复（已在") == true)
    }

    @Test func aMissingOfficeAndBrokenYAMLAreReported() throws {
        #expect(try one("  - id: x\n    trigger: {workday: every, at: \"09:00\"}\n    action: test.echo\n", office: "")
            .first?.contains("jobs[0].office: 缺少所属办公室") == true)
        let broken = try problems(["a.yaml": "office: city\njobs:\n  - id: x\n    trigger: {workday: every\n"])
        #expect(broken.count == 1)
        #expect(broken.first?.contains("YAML 语法错误") == true)
    }
}
