import Domain
import Foundation
import HTTPTypes
package import Hummingbird
import Tagged
import WorkingDays

/// The reminders the scheduler sends by email and webhook (the outbox), for the admins of
/// the offices that send them: what waits, what was delivered, cancelled or given up, and
/// putting a given-up or cancelled one back.
package struct ReminderRoutes: Sendable {
    let deps: WebDependencies

    struct ReminderBody: ResponseEncodable, Sendable {
        var key: String
        var office: String
        var channel: String
        var recipient: String
        var recipientName: String?
        var subject: String
        var state: String
        var stateLabel: String
        var attempts: Int
        var scheduledAt: Instant
        var nextAttemptAt: Instant
        var finishedAt: Instant?
        var lastError: String?
        var outcome: String?

        init(_ e: OutboxEntry) {
            key = e.message.key
            office = e.message.office.rawValue
            channel = e.message.channel
            recipient = e.message.recipient
            recipientName = e.message.recipientName
            subject = e.message.subject
            state = e.state.rawValue
            stateLabel = e.state.label
            attempts = e.attempts
            scheduledAt = e.message.scheduledAt
            nextAttemptAt = e.nextAttemptAt
            finishedAt = e.finishedAt
            lastError = e.lastError
            outcome = e.outcome
        }

        enum CodingKeys: String, CodingKey {
            case key, office, channel, recipient, subject, state, attempts, outcome
            case recipientName = "recipient_name"
            case stateLabel = "state_label"
            case scheduledAt = "scheduled_at"
            case nextAttemptAt = "next_attempt_at"
            case finishedAt = "finished_at"
            case lastError = "last_error"
        }
    }

    struct Retry: Decodable { var key: String }

    /// The outbox is read whole before filtering by office; lists stop here.
    static let scanLimit = 100_000

    package func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("reminders") { request, context -> ListBody<ReminderBody> in
            let user = try context.requireUser()
            guard user.scope.isAdmin else { throw APIError.forbidden("只有管理员可以查看提醒发送队列") }
            let states = try Self.states(request.query("state"))
            let limit = try request.pageLimit()
            let entries = try await deps.store.outbox(states: states, limit: Self.scanLimit)
                .filter { user.scope.canAdminister(office: $0.message.office) }
            return ListBody(entries.prefix(limit).map(ReminderBody.init))
        }
        group.post("reminders/retry") { request, context -> ReminderBody in
            let user = try context.requireUser()
            guard user.scope.isAdmin else { throw APIError.forbidden("只有管理员可以重新发送提醒") }
            let key = try await request.decode(as: Retry.self, context: context).key
            guard let entry = try await deps.store.outbox(states: nil, limit: Self.scanLimit).first(where: { $0.message.key == key }),
                  user.scope.canAdminister(office: entry.message.office) else { throw APIError.notFound("提醒 \(key) ") }
            guard [.dead, .cancelled].contains(entry.state) else {
                throw APIError(.conflict, "not_retryable", "只有发送失败或已取消的提醒可以重新发送（当前：\(entry.state.label)）")
            }
            let now = deps.now()
            guard try await deps.store.retry(key: key, at: now) else {
                throw APIError(.conflict, "not_retryable", "提醒状态已变化，请刷新后再试")
            }
            try await deps.store.apply([], audit: [AuditEntry(at: now, actor: user.person.id, action: "reminder.retry", entity: "reminder",
                                                               entityID: key, office: entry.message.office, before: entry.state.rawValue)])
            await deps.operations.remindersChanged()
            let after = try await deps.store.outbox(states: nil, limit: Self.scanLimit).first { $0.message.key == key }
            return ReminderBody(after ?? entry)
        }
    }

    /// `state=pending,dead`: the states to list (all when absent).
    static func states(_ text: String?) throws -> Set<DeliveryState>? {
        guard let text else { return nil }
        var out: Set<DeliveryState> = []
        for part in text.split(separator: ",") {
            guard let s = DeliveryState(rawValue: part.trimmingCharacters(in: .whitespaces)) else {
                throw APIError.invalid("state", "state 应为 pending、sending、delivered、cancelled、dead（可用逗号分隔），实际为 '\(part)'")
            }
            out.insert(s)
        }
        return out
    }
}
