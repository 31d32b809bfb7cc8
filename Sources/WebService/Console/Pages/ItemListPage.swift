import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Tagged
import WorkingDays

/// `/items`: the items within reach with filters (status, unit, words in the title), and
/// `/items/new` to draft one.
struct ItemListPage: Sendable {
    let deps: WebDependencies

    struct Row {
        var id: String
        var title: String
        var units: String
        var status: String
        var submitted: String
        var adoptions: Int
    }

    struct Option {
        var value: String
        var label: String
        var selected: Bool
    }

    struct ListView {
        var rows: [Row]
        var statuses: [Option]
        var units: [Option]
        var q: String
        var canDraft: Bool
        var next: String?
    }

    struct FormView {
        var csrf: String
        var units: [Option]
        var categories: [Option]
        var title: String
        var body: String
        var error: String?
        var field: String?
    }

    func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("items") { request, context -> Response in
            let user = try context.requireUser()
            let status = request.query("status").flatMap(ItemStatus.init(rawValue:))
            let unit = request.query("unit")
            let query = ItemQuery(units: unit.map { [UnitID(rawValue: $0)] }, statuses: status.map { [$0] } ?? [], text: try request.text("q"),
                                  before: try request.cursor(), limit: 50)
            let page = try await ItemActions(deps: deps).list(query, for: user)
            let organisation = try await deps.organisation.current()
            let rows = page.items.map { s in
                Row(id: s.id.rawValue, title: s.title, units: s.units.map { organisation.units[$0]?.name ?? $0.rawValue }.joined(separator: "、"),
                    status: s.status.label, submitted: ConsoleFormat.time(s.submittedAt), adoptions: s.adoptions)
            }
            var filter = URLComponents()
            filter.queryItems = [("status", status?.rawValue), ("unit", unit), ("q", request.query("q"))].compactMap { name, value in
                value.map { URLQueryItem(name: name, value: $0) }
            }
            let next = page.next.map { "/items?\(filter.percentEncodedQuery.map { $0 + "&" } ?? "")cursor=\($0)" }
            let view = ListView(rows: rows, statuses: ItemStatus.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0 == status) },
                                units: Self.units(user.scope.units.sorted { $0.rawValue < $1.rawValue }, organisation, selected: unit),
                                q: request.query("q") ?? "", canDraft: user.scope.units.contains(where: user.scope.canDraft(for:)), next: next)
            return await ConsolePage(deps: deps).render("items", view, title: "信息报送", section: "/items", user: user)
        }
        group.get("items/new") { _, context -> Response in
            let user = try context.requireUser()
            return try await form(user, title: "", body: "", unit: nil, category: nil, error: nil)
        }
        group.post("items") { request, context -> Response in
            let (user, form) = try await ConsoleForm.signed(request, context)
            let new = NewItem(units: form.nonEmpty("unit").map { [$0] } ?? [], category: form["category"] ?? "", title: form["title"] ?? "",
                              body: form["body"] ?? "", submit: form["action"] == "submit")
            do {
                let created = try await ItemActions(deps: deps).create(new, by: user)
                return ConsolePage.redirect("/items/\(Self.path(created.item.id.rawValue))?ok=\(new.submit == true ? "submit" : "created")")
            } catch let error as APIError where error.field != nil {
                return try await self.form(user, title: new.title, body: new.body ?? "", unit: form["unit"], category: form["category"], error: error)
            }
        }
    }

    func form(_ user: SignedIn, title: String, body: String, unit: String?, category: String?, error: APIError?) async throws -> Response {
        let organisation = try await deps.organisation.current()
        let drafting = user.scope.units.filter(user.scope.canDraft(for:)).sorted { $0.rawValue < $1.rawValue }
        guard !drafting.isEmpty else { throw APIError.forbidden("只有信息员或办公室管理员可以起草信息") }
        let view = FormView(csrf: user.csrfToken, units: Self.units(drafting, organisation, selected: unit ?? user.person.unit.rawValue),
                            categories: ItemCategory.allCases.map { Option(value: $0.rawValue, label: $0.label, selected: $0.rawValue == category) },
                            title: title, body: body, error: error?.message, field: FieldNames.name(error?.field))
        return await ConsolePage(deps: deps).render("item-new", view, title: "起草信息", section: "/items", user: user,
                                                    status: error == nil ? .ok : .unprocessableContent)
    }

    static func units(_ ids: [UnitID], _ organisation: Organisation, selected: String?) -> [Option] {
        ids.map { Option(value: $0.rawValue, label: organisation.units[$0]?.name ?? $0.rawValue, selected: $0.rawValue == selected) }
    }

    /// An item id as one path segment.
    static func path(_ id: String) -> String { id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? id }
}
