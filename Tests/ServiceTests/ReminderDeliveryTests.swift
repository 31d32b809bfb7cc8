import Foundation
import Testing

/// Reminders from the office's `deadline` rules reach people by email through a real SMTP
/// server (aiosmtpd), driven end to end through `tally serve` on simulated time (1200×: three
/// real seconds are an hour), restarted between the days of the scenario.
///
/// Fixture `reminders.jsonl`: 张市长's urgent 批示 PS-9 received Mon 2026-05-25 10:00, handled by
/// 市发展改革委 (fgw) — due 5 working days later, Mon 06-01 17:30; reminders (city rules) to the
/// handler's clerks Thu 05-28 09:00 and Mon 06-01 09:00, to its leader Tue 06-02 09:00. 清河县's
/// 赵县长 leaves for Beijing Mon 06-08 08:00 for three days: the report is due Fri 06-05 17:30;
/// reminders to the unit leader Wed 06-03, Thu 06-04 and Fri 06-05 09:00, to the office's
/// admins at 17:30 on 06-05. fgw has a second clerk without an email address.
@Suite(.serialized) struct ReminderDeliveryTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/reminders.jsonl")
    static let speed = 1200.0

    static let jobs = """
        office: city
        jobs:
          - id: absence-report-reminders
            title: 外出报备提醒
            trigger: {event: absence, anchor: reminders}
            action: notify
            params: {to: event-unit, title: "外出报备提醒：{event}", body: "{explanation}", channels: [inbox, email]}
          - id: instruction-follow-up
            title: 领导批示督办提醒
            trigger: {event: instruction, anchor: reminders}
            action: notify
            params: {to: event-unit, title: "批示件办理提醒：{event}", body: "{explanation}", channels: [inbox, email]}
        """

    @Test func remindersArriveByEmailAtTheirInstantsOnceEachAcrossRestartsAndASettledDeadlineSendsNothingMore() async throws {
        let s = try Scenario()
        try s.sink.start()

        // Thu 05-28: the first reminder of the 批示 to fgw's clerk with an address.
        try await s.serve(from: "2026-05-28T08:00:00+08:00", untilMails: 1)
        // Mon 06-01 (the due day): the second.
        try await s.serve(from: "2026-06-01T08:00:00+08:00", untilMails: 2)
        // fgw replies at 10:00; the 06-02 reminder to its leader is then never sent.
        let reply = s.h.dir.appendingPathComponent("reply.jsonl")
        try #"{"kind":"reply","id":"PS-9-r","instruction":"PS-9","unit":"fgw","text":"已研究提出稳增长措施。","at":"2026-06-01T10:00:00+08:00"}"#
            .write(to: reply, atomically: true, encoding: .utf8)
        try s.ok(["import", reply.path, "--recorded-at", "none"])
        try await s.serve(from: "2026-06-02T08:00:00+08:00", simulatedHours: 3)
        #expect(s.sink.mails.count == 2, "a settled 批示 was still reminded: \(s.sink.mails.map(\.subject))")
        // Wed 06-03 with two instances on the database: the leader's reminder goes out once.
        try await s.serve(from: "2026-06-03T08:00:00+08:00", untilMails: 3, instances: 2)
        try await s.serve(from: "2026-06-04T08:00:00+08:00", untilMails: 4)
        // Fri 06-05: the leader at 09:00, the office's admin at 17:30 (the report is due).
        try await s.serve(from: "2026-06-05T08:00:00+08:00", untilMails: 6)

        let mails = s.sink.mails
        let expected: [(String, String)] = [
            ("chenjing@fgw.example.gov.cn", "2026-05-28T09:00:00+08:00"), ("chenjing@fgw.example.gov.cn", "2026-06-01T09:00:00+08:00"),
            ("zhao@qinghe.example.gov.cn", "2026-06-03T09:00:00+08:00"), ("zhao@qinghe.example.gov.cn", "2026-06-04T09:00:00+08:00"),
            ("zhao@qinghe.example.gov.cn", "2026-06-05T09:00:00+08:00"), ("xinxike@city.example.gov.cn", "2026-06-05T17:30:00+08:00"),
        ]
        #expect(mails.map { "\($0.rcpt_to) \($0.scheduled_at)" } == expected.map { "\($0.0) \($0.1)" })
        #expect(Set(mails.map(\.message_id)).count == mails.count)
        for mail in mails {
            // Sent at the reminder's instant (by the service's clock): not before, and within
            // five real seconds after (a loaded CI machine with many suites running at once
            // needs that much).
            let sent = try #require(Self.rfc5322(mail.date), "bad Date header \(mail.date)")
            let due = try #require(ISO8601DateFormatter().date(from: mail.scheduled_at))
            #expect(sent >= due && sent.timeIntervalSince(due) <= 5 * Self.speed, "\(mail.rcpt_to) \(mail.scheduled_at) sent \(mail.date)")
        }
        #expect(mails[0].subject == "批示件办理提醒：张市长批示（市发展改革委承办）")
        #expect(mails[0].to == "陈静（市发展改革委 信息员） <chenjing@fgw.example.gov.cn>")
        #expect(mails[0].body.contains("批示件PS-9将于2026-06-01 17:30到期，请抓紧办理并按时反馈"))
        #expect(mails[2].subject == "外出报备提醒：清河县人民政府 赵县长 赴北京（06-08 出发）")
        #expect(mails[5].body.contains("外出报备截止（拟于2026-06-08 08:00出发）：尚未报备的，记为报备逾期"))

        // The outbox agrees: six delivered, one attempt each; nothing for the settled 批示.
        let outbox = try s.outbox()
        #expect(outbox.count == 6 && outbox.allSatisfy { $0.state == "delivered" && $0.attempts == 1 }, "\(outbox)")
        let history = try s.ok(["schedule", "history", "instruction-follow-up", "--now", "2026-06-06T00:00:00+08:00"])
        #expect(history.contains("2026-06-02T09:00:00+08:00  instruction-follow-up [instruction:PS-9]  已取消"), "\(history)")
    }

    @Test func withTheSMTPServerDownForHoursTheReminderIsDelayedThenDeliveredOnce() async throws {
        let s = try Scenario(retry: "retry: {first: 5m, longest: 30m}")
        // The server is down from the start: the 09:00 reminder fails and is retried with
        // backoff (5, 10, 20, 30, 30… simulated minutes).
        let service = try s.start(from: "2026-06-03T08:00:00+08:00", node: "A")
        let retried = try await s.h.waitFor(20) { ((try? s.outbox()) ?? []).first.map { $0.attempts >= 4 && $0.state == "pending" } ?? false }
        let whileDown = try s.outbox()
        try #require(retried, "no retries while the server was down: \(whileDown) \(s.h.text("serve-A.log"))")
        #expect(whileDown.count == 1 && whileDown[0].lastError?.contains("无法连接 SMTP 服务器 127.0.0.1:\(s.sink.port)") == true, "\(whileDown)")
        #expect(s.sink.mails.isEmpty)
        // Hours later (simulated) the server comes back: the next retry delivers, once.
        try s.sink.start()
        let delivered = try await s.h.waitFor(20) { s.sink.mails.count == 1 }
        try await Task.sleep(for: .seconds(2))
        Harness.stop(service)
        try #require(delivered, "not delivered after the server came back: \(s.h.text("serve-A.log"))")
        let mails = s.sink.mails
        #expect(mails.count == 1 && mails[0].rcpt_to == "zhao@qinghe.example.gov.cn" && mails[0].scheduled_at == "2026-06-03T09:00:00+08:00")
        let sent = try #require(Self.rfc5322(mails[0].date))
        #expect(sent.timeIntervalSince(ISO8601DateFormatter().date(from: "2026-06-03T09:00:00+08:00")!) >= 3600, "sent \(mails[0].date): not delayed")
        let after = try s.outbox()
        #expect(after.count == 1 && after[0].state == "delivered" && after[0].attempts >= 5, "\(after)")
        #expect(service.terminationStatus == 0)
    }

    /// `Thu, 28 May 2026 09:00:37 +0800`.
    static func rfc5322(_ s: String) -> Date? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return f.date(from: s)
    }
}

/// A scratch folder with the reminder jobs, a delivery file pointing at the sink, and the
/// fixture imported.
private final class Scenario {
    let h: Harness
    let sink: SMTPSink

    struct Entry: Decodable {
        var state: String
        var attempts: Int
        var recipient: String
        var lastError: String?
    }

    init(retry: String = "") throws {
        try #require(Harness.builtExecutable, "build the tally executable first (swift build)")
        h = try Harness(jobs: ["jobs.yaml": ReminderDeliveryTests.jobs])
        sink = SMTPSink(dir: h.dir)
        try """
            email:
              host: 127.0.0.1
              port: \(sink.port)
              from: xinxike@city.example.gov.cn
              from_name: 某市人民政府办公室信息科
              timeout: 10s
            \(retry)
            """.write(to: h.dir.appendingPathComponent("schedules/delivery.yaml"), atomically: true, encoding: .utf8)
        try ok(["import", ReminderDeliveryTests.fixture.path, "--recorded-at", "none"])
    }

    @discardableResult
    func ok(_ arguments: [String]) throws -> String {
        let r = try h.runSeparately(arguments)
        try #require(r.status == 0, "tally \(arguments.joined(separator: " ")) exited \(r.status): \(r.stderr)\(r.stdout)")
        return r.stdout
    }

    func outbox() throws -> [Entry] {
        try JSONDecoder().decode([Entry].self, from: Data(try ok(["outbox", "list", "--json"]).utf8))
    }

    func start(from start: String, node: String) throws -> Process {
        try h.start(["serve", "--node", node, "--simulated-start", start, "--simulated-speed", "\(Int(ReminderDeliveryTests.speed))",
                     "--lease", "3600", "--max-idle", "600"], log: "serve-\(node).log")
    }

    /// Runs the service (`instances` processes) from `start` until the sink holds `untilMails`
    /// messages (then a simulated hour more, to catch repeats), or for `simulatedHours`.
    func serve(from start: String, untilMails: Int? = nil, simulatedHours: Double = 0, instances: Int = 1) async throws {
        let nodes = ["A", "B"].prefix(instances)
        let processes = try nodes.map { try self.start(from: start, node: $0) }
        var reached = true
        if let untilMails { reached = try await h.waitFor(120) { sink.mails.count >= untilMails } }
        try await Task.sleep(for: .seconds(max(simulatedHours, 1) * 3600 / ReminderDeliveryTests.speed))
        for p in processes { Harness.stop(p) }
        let logs = nodes.map { h.text("serve-\($0).log") }.joined(separator: "\n")
        try #require(reached, "from \(start): \(sink.mails.count) mails, expected \(untilMails ?? 0): \(logs)")
        for p in processes { #expect(p.terminationStatus == 0, "serve did not stop cleanly: \(logs)") }
    }
}
