import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Tagged
import WorkingDays

/// `/notices`: the generated notices and results documents of the person's offices, to read
/// (Markdown and HTML shown in the page) and download (`/notices/download?id=…`).
struct NoticePages: Sendable {
    let deps: WebDependencies

    struct Row {
        var title: String
        var period: String
        var format: String
        var created: String
        var id: String
        var readable: Bool
    }

    struct ListView { var rows: [Row] }

    struct ReadView {
        var title: String
        var id: String
        var text: String
    }

    func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("notices") { _, context -> Response in
            let user = try context.requireUser()
            let rows = try await DocumentReading(deps: deps).documents(run: nil, limit: 200, for: user).map {
                Row(title: $0.title, period: $0.period, format: $0.format.uppercased(), created: ConsoleFormat.time($0.createdAt),
                    id: $0.id, readable: ["md", "csv"].contains($0.format))
            }
            return await ConsolePage(deps: deps).render("notices", ListView(rows: rows), title: "通报", section: "/notices", user: user)
        }
        group.get("notices/read") { request, context -> Response in
            let user = try context.requireUser()
            let document = try await DocumentReading(deps: deps).document(id: request.query("id") ?? "", for: user)
            let view = ReadView(title: document.title, id: document.id, text: String(decoding: document.content, as: UTF8.self))
            return await ConsolePage(deps: deps).render("notice", view, title: document.title, section: "/notices", user: user)
        }
        group.get("notices/download") { request, context -> Response in
            let user = try context.requireUser()
            return DocumentReading.download(try await DocumentReading(deps: deps).document(id: request.query("id") ?? "", for: user))
        }
    }
}
