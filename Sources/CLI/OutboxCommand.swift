import ArgumentParser
import Domain
import Scheduling
import WorkingDays

/// `tally outbox …`: the messages reminders send by email and webhook — what is waiting,
/// delivered, cancelled or given up — and putting a given-up one back.
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "发送队列：邮件和 Webhook 提醒的发送状态（待发送、已送达、已取消、发送失败），失败的可重新发送。",
        subcommands: [OutboxList.self, OutboxRetry.self, OutboxDeliver.self],
        defaultSubcommand: OutboxList.self
    )
}

/// `tally outbox list [--state dead,pending]`.
struct OutboxList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "列出发送队列中的消息，最新的在前。")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Only these states, comma-separated: pending, sending, delivered, cancelled, dead.") var state: String?
    @Option(name: .long, help: "At most this many rows.") var limit = 50

    struct Row: Encodable {
        var key: String
        var channel: String
        var recipient: String
        var subject: String
        var state: String
        var attempts: Int
        var scheduledAt: String
        var nextAttemptAt: String?
        var finishedAt: String?
        var lastError: String?
        var outcome: String?
    }

    func validate() throws {
        guard (1...100_000).contains(limit) else { throw ValidationError("--limit: 应在 1–100000 之间") }
        _ = try states()
    }

    private func states() throws -> Set<DeliveryState>? {
        guard let state else { return nil }
        return Set(try state.split(separator: ",").map { s in
            guard let v = DeliveryState(rawValue: String(s)) else {
                throw ValidationError("--state: 未知状态 '\(s)'（可用：\(DeliveryState.allCases.map(\.rawValue).joined(separator: ", "))）")
            }
            return v
        })
    }

    func run() async throws {
        let store = try await StoreFactory.openService(global)
        let entries = try await store.outbox(states: try states(), limit: limit)
        let rows = entries.map { e in
            Row(key: e.message.key, channel: e.message.channel, recipient: e.message.recipient, subject: e.message.subject, state: e.state.rawValue,
                attempts: e.attempts, scheduledAt: e.message.scheduledAt.iso, nextAttemptAt: e.state == .pending ? e.nextAttemptAt.iso : nil,
                finishedAt: e.finishedAt?.iso, lastError: e.lastError, outcome: e.outcome)
        }
        if global.json { return printJSON(rows) }
        if rows.isEmpty { return print("发送队列为空。") }
        for r in rows {
            print("\(r.scheduledAt)  \(DeliveryState(rawValue: r.state)!.label)  \(r.channel) → \(r.recipient)  \(r.subject)")
            var detail = "    已尝试 \(r.attempts) 次"
            if let t = r.nextAttemptAt { detail += "，下次 \(t)" }
            if let t = r.finishedAt { detail += "，完成于 \(t)" }
            if let o = r.outcome { detail += "：\(o)" }
            if let e = r.lastError, r.state != DeliveryState.delivered.rawValue { detail += "；最近错误：\(e)" }
            print(detail)
            print("    \(r.key)")
        }
    }
}

/// `tally outbox retry KEY`: a dead or cancelled message goes back to the queue.
struct OutboxRetry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "retry", abstract: "把发送失败或已取消的消息放回队列，立即重新发送。")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The message's key (tally outbox list shows it).") var key: String

    func run() async throws {
        let store = try await StoreFactory.openService(global)
        guard try await store.retry(key: key, at: try global.currentInstant()) else {
            throw CommandFailure("没有处于“发送失败”或“已取消”状态、键为 \(key) 的消息（tally outbox list --state dead,cancelled 查看）")
        }
        print("已放回发送队列：\(key)（运行中的服务会发送它；没有服务时运行 tally outbox deliver）")
    }
}

/// `tally outbox deliver`: one pass of the courier at now, for machines without the service.
struct OutboxDeliver: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deliver", abstract: "立即发送到期的消息一次（不运行服务时使用），然后退出。")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let now = try global.currentInstant()
        let context = try await ServiceContext.open(global, clock: FixedClock(instant: now))
        var total = 0
        while case let n = try await context.courier.deliverDue(), n > 0 { total += n }
        let left = try await context.store.outbox(states: [.pending], limit: 100_000).count
        print("处理了 \(total) 条消息；仍待发送 \(left) 条（tally outbox list 查看）")
    }
}
