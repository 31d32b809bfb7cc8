package import Domain
import Tagged

/// `notify`: a reminder or notice through several channels — the in-app inbox at once, and
/// email and webhooks through the outbox (stored here, sent by the courier with retries).
/// Every message's key is made from the occurrence's idempotency key, so a repeated run
/// stores nothing twice.
///
/// Who gets an email: `office` → the office's admins; `units` → every unit's clerks;
/// `leaders` → every unit's leaders; `unit:<id>` → that unit's clerks; `event-unit` → the
/// people the deadline rule's reminder names in the event's unit (`reporter`/`handler` → its
/// clerks, `unit_leader` → its leaders, `office` → the office's admins; its clerks when the
/// rule names nobody). People without an email address get the inbox message only. Jobs may
/// ask for `email` before a deployment configures it: until then the email part is skipped
/// (and said so in the run's outcome); a webhook must be configured by name.
package struct NotifyAction: ScheduledAction {
    package struct Stores: Sendable {
        package var inbox: any InboxStore
        package var outbox: any OutboxStore
        package var people: any PeopleDirectory

        package init(inbox: any InboxStore, outbox: any OutboxStore, people: any PeopleDirectory) {
            self.inbox = inbox
            self.outbox = outbox
            self.people = people
        }
    }

    /// Nil when only checking schedule files.
    let stores: Stores?
    /// The outside channels the delivery file configures (`email`, `webhook:<name>`).
    let configured: Set<String>
    /// Called after new outbox messages were stored (wakes the courier).
    let enqueued: @Sendable () -> Void

    package init(stores: Stores?, configured: Set<String>, enqueued: @escaping @Sendable () -> Void = {}) {
        self.stores = stores
        self.configured = configured
        self.enqueued = enqueued
    }

    package let name = "notify"
    package let summary = "发提醒或通知：站内通知，并按 channels 发邮件、推送 Webhook（失败自动重试，不重复发送）"
    package let parameters = [
        ParameterSpec("to", .string, required: true, "接收方：office、units、leaders、unit:<单位id> 或 event-unit（事件所在单位，按规则的提醒对象）"),
        ParameterSpec("title", .string, required: true, "标题"),
        ParameterSpec("body", .string, "正文"),
        ParameterSpec("channels", .list, "渠道：inbox、email、webhook:<名称>（默认 [inbox]）"),
    ]

    package func check(_ params: [String: ParamValue]) -> (parameter: String, reason: String)? {
        if let problem = InboxPostAction(inbox: nil).check(params) { return problem }
        for channel in Self.channels(params) where channel != "inbox" {
            guard channel == "email" || channel.hasPrefix("webhook:") else {
                return ("channels", "未知渠道 '\(channel)'（可用：inbox、email、webhook:<名称>）")
            }
            guard channel == "email" || configured.contains(channel) else {
                return ("channels", "渠道 \(channel) 未在 schedules/delivery.yaml 中配置")
            }
        }
        return nil
    }

    package func run(_ run: ActionRun) async throws -> String {
        guard let stores else { throw FailAction.Failure(description: "没有打开数据库，无法发送提醒") }
        let channels = Self.channels(run.params)
        var parts: [String] = []
        if channels.contains("inbox") {
            parts.append(try await InboxPostAction(inbox: stores.inbox).run(run))
        }
        let title = text("title", run), body = text("body", run)
        var messages: [OutboxMessage] = []
        let event = MessageTemplate.eventFields(run)
        let eventSubject = event.flatMap { e in e["kind"].flatMap { k in e["id"].map { "\(k):\($0)" } } }
        func message(_ channel: String, _ recipient: String, _ name: String?) -> OutboxMessage {
            OutboxMessage(key: "\(run.idempotencyKey)|\(channel)|\(recipient)", office: run.job.office, channel: channel, recipient: recipient,
                          recipientName: name, subject: title, body: body, scheduledAt: run.occurrence.scheduledAt, createdAt: run.now,
                          eventSubject: eventSubject)
        }
        if channels.contains("email"), !configured.contains("email") {
            parts.append("邮件未配置（schedules/delivery.yaml），未发邮件")
        } else if channels.contains("email") {
            let people = try await recipients(run, event: event, directory: stores.people)
            for c in people { if let email = c.person.email { messages.append(message("email", email, c.label)) } }
            let without = people.filter { $0.person.email == nil }.count
            parts.append("邮件 \(people.count - without) 封" + (without > 0 ? "（\(without) 人没有邮箱）" : ""))
        }
        for hook in channels where hook.hasPrefix("webhook:") {
            messages.append(message(hook, String(hook.dropFirst("webhook:".count)), nil))
            parts.append(hook)
        }
        let new = try await stores.outbox.enqueue(messages)
        if new > 0 { enqueued() }
        if !messages.isEmpty { parts.append("已排队 \(new) 条" + (new < messages.count ? "（\(messages.count - new) 条此前已排队）" : "")) }
        return parts.joined(separator: "；")
    }

    private func text(_ name: String, _ run: ActionRun) -> String {
        if case .string(let s)? = run.params[name] { return MessageTemplate.fill(s, run: run) }
        return ""
    }

    /// The people an email goes to (see the type's documentation).
    private func recipients(_ run: ActionRun, event: [String: String]?, directory: any PeopleDirectory) async throws -> [Contact] {
        let all = try await directory.contacts(office: run.job.office)
        func of(_ unit: String?, _ role: Role) -> [Contact] {
            all.filter { (unit == nil || $0.person.unit.rawValue == unit) && $0.person.roles.contains(role) }
        }
        let to = text("to", run)
        switch to {
        case "office": return of(nil, .admin)
        case "units": return of(nil, .clerk)
        case "leaders": return of(nil, .unitLeader)
        case "event-unit":
            guard let unit = event?["unit"] else { throw FailAction.Failure(description: "event-unit 只用于事件提醒") }
            let named = (event?["to"] ?? "").split(separator: ",").map(String.init)
            var out: [Contact] = []
            for who in named.isEmpty ? ["reporter"] : named {
                let found = switch who {
                case "unit_leader": of(unit, .unitLeader)
                case "office": of(nil, .admin)
                default: of(unit, .clerk)
                }
                for c in found where !out.contains(c) { out.append(c) }
            }
            return out
        default:
            return of(to.hasPrefix("unit:") ? String(to.dropFirst(5)) : nil, .clerk)
        }
    }

    static func channels(_ params: [String: ParamValue]) -> [String] {
        switch params["channels"] {
        case .list(let l)?: l
        case .string(let s)?: [s]
        default: ["inbox"]
        }
    }
}
