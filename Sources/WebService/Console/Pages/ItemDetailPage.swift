import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Tagged
import WorkingDays

/// `/items/{id}`: an item with its history and adoptions, and the workflow forms the signed-in
/// person may use (edit, submit; for the office: return, edit, reserve, reject, adopt). Each
/// form posts to `/items/{id}/{step}` and goes through `ItemActions`, as the API does.
struct ItemDetailPage: Sendable {
    let deps: WebDependencies

    struct Step {
        var at: String
        var from: String
        var to: String
        var by: String
        var note: String
    }

    struct AdoptionRow {
        var level: String
        var publication: String
        var type: String
        var issue: String
        var date: String
    }

    struct Option {
        var value: String
        var label: String
    }

    struct View {
        var id: String
        var path: String
        var csrf: String
        var version: String
        var title: String
        var body: String
        var category: String
        var status: String
        var units: String
        var authors: String
        var created: String
        var submitted: String
        var history: [Step]
        var adoptions: [AdoptionRow]
        var canEdit: Bool
        var categories: [ItemListPage.Option]
        var canSubmit: Bool
        var canReturn: Bool
        var canEditing: Bool
        var canReserve: Bool
        var canReject: Bool
        var canAdopt: Bool
        /// Any of the submit and review steps (their heading is shown only then).
        var hasSteps: Bool
        var levels: [Option]
        var types: [Option]
        var publications: [Option]
        var today: String
        var error: String?
        var field: String?
    }

    /// What `ok=` after a step says.
    static let done = ["created": "草稿已保存", "update": "已保存修改", "submit": "已报送", "return": "已退回修改", "editing": "已转入编辑",
                       "reserve": "已列为备用", "reject": "已标记为不采用", "adopt": "已登记采用"]

    func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("items/{id}") { request, context -> Response in
            let user = try context.requireUser()
            let detail = try await ItemActions(deps: deps).detail(try context.parameters.decoded("id"), for: user)
            return try await show(detail, user, notice: request.query("ok").flatMap { Self.done[$0] }, error: nil)
        }
        group.post("items/{id}/{step}") { request, context -> Response in
            let (user, form) = try await ConsoleForm.signed(request, context)
            let id = try context.parameters.decoded("id")
            let step = try context.parameters.decoded("step")
            let actions = ItemActions(deps: deps)
            let request = StepRequest(note: form.nonEmpty("note"), version: form["version"])
            do {
                switch step {
                case "update":
                    _ = try await actions.edit(id, ItemEdit(title: form["title"], body: form["body"], category: form["category"], version: form["version"]), by: user)
                case "submit": _ = try await actions.submit(id, request, by: user)
                case "return": _ = try await actions.review(id, to: .returned, request, by: user)
                case "editing": _ = try await actions.review(id, to: .editing, request, by: user)
                case "reserve": _ = try await actions.review(id, to: .reserved, request, by: user)
                case "reject": _ = try await actions.review(id, to: .rejected, request, by: user)
                case "adopt":
                    _ = try await actions.adopt(id, AdoptRequest(level: form["level"] ?? "", publication: form["publication"] ?? "", type: form["type"] ?? "",
                                                                 issue: form.nonEmpty("issue"), date: form.nonEmpty("date"), version: form["version"]), by: user)
                default: throw APIError.notFound("操作")
                }
            } catch let error as APIError where error.field != nil {
                return try await show(try await actions.detail(id, for: user), user, notice: nil, error: error)
            }
            return ConsolePage.redirect("/items/\(ItemListPage.path(id))?ok=\(step)")
        }
    }

    func show(_ detail: ItemDetail, _ user: SignedIn, notice: String?, error: APIError?) async throws -> Response {
        let organisation = try await deps.organisation.current()
        let item = detail.item
        func person(_ id: PersonID?) -> String { id.map { organisation.people[$0]?.name ?? $0.rawValue } ?? "系统" }
        let drafts = item.units.contains(where: user.scope.canDraft(for:))
        let reviews = item.units.contains(where: user.scope.canReview(unit:))
        let next = item.status.next
        let steps = (submit: drafts && next.contains(.submitted), return: reviews && next.contains(.returned), editing: reviews && next.contains(.editing),
                     reserve: reviews && next.contains(.reserved), reject: reviews && next.contains(.rejected))
        let publications = try await RecordReading(deps: deps).list(.publication, for: user, limit: 200).records.compactMap { record -> Option? in
            if case .publication(let p) = record { return Option(value: p.name, label: "\(p.level.label)级 · \(p.kind.label)") }
            return nil
        }
        let view = View(
            id: item.id.rawValue, path: ItemListPage.path(item.id.rawValue), csrf: user.csrfToken, version: String(detail.version), title: item.title,
            body: item.body, category: item.category.label, status: item.status.label,
            units: item.units.map { organisation.units[$0]?.name ?? $0.rawValue }.joined(separator: "、"),
            authors: item.authors.map { person($0) }.joined(separator: "、"), created: ConsoleFormat.time(item.createdAt),
            submitted: ConsoleFormat.time(item.submittedAt),
            history: item.history.map { Step(at: ConsoleFormat.time($0.at), from: $0.from?.label ?? "—", to: $0.to.label, by: person($0.by), note: $0.note ?? "") },
            adoptions: detail.adoptions.map {
                AdoptionRow(level: $0.level.label + "级", publication: $0.publication, type: $0.kind.label, issue: $0.issue ?? "", date: $0.date.iso)
            },
            canEdit: (item.isEditableByUnit && drafts) || ([.submitted, .editing].contains(item.status) && reviews),
            categories: ItemCategory.allCases.map { ItemListPage.Option(value: $0.rawValue, label: $0.label, selected: $0 == item.category) },
            canSubmit: steps.submit, canReturn: steps.return, canEditing: steps.editing, canReserve: steps.reserve, canReject: steps.reject,
            canAdopt: reviews && next.contains(.adopted), hasSteps: steps.submit || steps.return || steps.editing || steps.reserve || steps.reject,
            levels: Level.allCases.map { Option(value: $0.rawValue, label: $0.label + "级") },
            types: PublicationKind.allCases.map { Option(value: $0.rawValue, label: $0.label) }, publications: publications,
            today: deps.now().day.iso, error: error?.message, field: FieldNames.name(error?.field))
        return await ConsolePage(deps: deps).render("item", view, title: item.title, section: "/items", user: user, notice: notice,
                                                    status: error == nil ? .ok : .unprocessableContent)
    }
}
