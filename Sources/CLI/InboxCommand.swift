import ArgumentParser
import Domain
import WorkingDays

/// `tally inbox [--office ID]`: the in-app inbox (站内通知) — what schedules and reminders
/// posted, newest first.
struct InboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inbox", abstract: "站内通知：日程任务和提醒发出的通知，最新的在前。")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Only this office's messages.") var office: String?
    @Option(name: .long, help: "At most this many messages.") var limit = 50

    struct Row: Encodable {
        var key: String
        var office: String
        var audience: String
        var title: String
        var body: String
        var createdAt: String
        var job: String?
    }

    func validate() throws {
        if let office, OfficeID(office) == nil { throw ValidationError("--office: '\(office)' 不是有效的办公室编号") }
        guard (1...100_000).contains(limit) else { throw ValidationError("--limit: 应在 1–100000 之间") }
    }

    func run() async throws {
        let store = try await StoreFactory.openService(global)
        let messages = try await store.messages(office: office.flatMap(OfficeID.init), limit: limit)
        let rows = messages.map { m in
            Row(key: m.key, office: m.office.rawValue, audience: m.audience, title: m.title, body: m.body, createdAt: m.createdAt.iso, job: m.job)
        }
        if global.json { return printJSON(rows) }
        if rows.isEmpty { return print("没有站内通知。") }
        for r in rows {
            print("\(r.createdAt)  [\(Self.audience(r.audience))]  \(r.title)")
            if !r.body.isEmpty { print(r.body.split(separator: "\n").map { "    \($0)" }.joined(separator: "\n")) }
        }
    }

    /// `office` → 办公室, `unit:qinghe` → 单位 qinghe.
    static func audience(_ a: String) -> String {
        switch a {
        case "office": "办公室"
        case "units": "各单位信息员"
        case "leaders": "各单位负责人"
        default: a.hasPrefix("unit:") ? "单位 \(a.dropFirst(5))" : a
        }
    }
}
