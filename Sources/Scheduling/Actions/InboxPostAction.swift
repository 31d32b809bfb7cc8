package import Domain

/// `inbox.post`: posts a message to the office's in-app inbox, once per occurrence (the
/// occurrence's idempotency key is the message key).
package struct InboxPostAction: ScheduledAction {
    /// Nil when only checking schedule files (no database opened).
    let inbox: (any InboxStore)?

    package init(inbox: (any InboxStore)?) { self.inbox = inbox }

    package let name = "inbox.post"
    package let summary = "发站内通知（标题和正文可用 {prev_quarter} 等占位符）"
    package let parameters = [
        ParameterSpec("to", .string, required: true, "接收方：office（办公室）、units（各单位信息员）、leaders（单位负责人）、unit:<单位id> 或 event-unit（事件所在单位）"),
        ParameterSpec("title", .string, required: true, "标题"),
        ParameterSpec("body", .string, "正文"),
    ]

    package func check(_ params: [String: ParamValue]) -> (parameter: String, reason: String)? {
        if case .string(let to)? = params["to"], !["office", "units", "leaders", "event-unit"].contains(to), !to.hasPrefix("unit:") {
            return ("to", "应为 office、units、leaders、unit:<单位id> 或 event-unit，实际为 '\(to)'")
        }
        for name in ["title", "body"] {
            if case .string(let text)? = params[name], let problem = MessageTemplate.problem(in: text) { return (name, problem) }
        }
        return nil
    }

    package func run(_ run: ActionRun) async throws -> String {
        func text(_ name: String) -> String {
            if case .string(let s)? = run.params[name] { return MessageTemplate.fill(s, run: run) }
            return ""
        }
        var audience = text("to")
        if audience == "event-unit" {
            guard let unit = MessageTemplate.eventFields(run)?["unit"] else { throw FailAction.Failure(description: "event-unit 只用于事件提醒") }
            audience = "unit:\(unit)"
        }
        let message = InboxMessage(key: run.idempotencyKey, office: run.job.office, audience: audience, title: text("title"),
                                   body: text("body"), createdAt: run.now, job: run.job.id)
        guard let inbox else { throw FailAction.Failure(description: "没有打开数据库，无法发送站内通知") }
        let new = try await inbox.post(message)
        return new ? "已发送站内通知：\(message.title)" : "站内通知此前已发送（同一次触发不重复发送）：\(message.title)"
    }
}
