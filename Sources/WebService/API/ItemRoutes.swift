import Foundation
import HTTPTypes
import Logging
import Tagged
import Domain
package import Hummingbird

/// `/api/v1/items`: listing, reading and the workflow (draft, edit, submit, return, edit,
/// reserve, reject, adopt, forward, merge).
package struct ItemRoutes: Sendable {
    let deps: WebDependencies

    package func register(_ group: RouterGroup<TallyRequestContext>) {
        let actions = ItemActions(deps: deps)
        group.get("items") { request, context -> PageBody<ItemSummaryBody> in
            let user = try context.requireUser()
            let statuses = try (request.query("status") ?? "").split(separator: ",").map { s in
                guard let status = ItemStatus(rawValue: String(s)) else { throw APIError.invalid("status", "未知状态 '\(s)'") }
                return status
            }
            let query = ItemQuery(units: request.query("unit").map { [UnitID(rawValue: $0)] }, statuses: Set(statuses),
                                  submittedFrom: try request.day("from"), submittedThrough: try request.day("to"), text: try request.text("q"),
                                  before: try request.cursor(), limit: try request.pageLimit())
            let page = try await actions.list(query, for: user)
            return PageBody(items: page.items.map(ItemSummaryBody.init), next: page.next)
        }
        group.post("items") { request, context -> EditedResponse<ItemBody> in
            let user = try context.requireUser()
            let created = try await actions.create(try await request.decode(as: NewItem.self, context: context), by: user)
            return EditedResponse(status: .created, headers: [.location: "/api/v1/items/\(created.item.id.rawValue)"], response: ItemBody(created))
        }
        group.post("items/merge") { request, context -> EditedResponse<ItemBody> in
            let user = try context.requireUser()
            let merged = try await actions.merge(try await request.decode(as: MergeRequest.self, context: context), by: user)
            return EditedResponse(status: .created, headers: [.location: "/api/v1/items/\(merged.item.id.rawValue)"], response: ItemBody(merged))
        }
        group.get("items/{id}") { _, context -> ItemBody in
            ItemBody(try await actions.detail(try context.parameters.decoded("id"), for: try context.requireUser()))
        }
        group.patch("items/{id}") { request, context -> ItemBody in
            let user = try context.requireUser()
            let edit = try await request.decode(as: ItemEdit.self, context: context)
            return ItemBody(try await actions.edit(try context.parameters.decoded("id"), edit, by: user))
        }
        group.post("items/{id}/submit") { request, context -> ItemBody in
            let user = try context.requireUser()
            let step = try await Self.step(request, context)
            return ItemBody(try await actions.submit(try context.parameters.decoded("id"), step, by: user))
        }
        for (path, status) in [("return", ItemStatus.returned), ("edit", .editing), ("reserve", .reserved), ("reject", .rejected)] {
            group.post("items/{id}/\(path)") { request, context -> ItemBody in
                let user = try context.requireUser()
                let step = try await Self.step(request, context)
                return ItemBody(try await actions.review(try context.parameters.decoded("id"), to: status, step, by: user))
            }
        }
        group.post("items/{id}/adopt") { request, context -> ItemBody in
            let user = try context.requireUser()
            let adopt = try await request.decode(as: AdoptRequest.self, context: context)
            return ItemBody(try await actions.adopt(try context.parameters.decoded("id"), adopt, by: user))
        }
        group.post("items/{id}/forward") { request, context -> ItemBody in
            let user = try context.requireUser()
            let forward = try await request.decode(as: ForwardRequest.self, context: context)
            return ItemBody(try await actions.forward(try context.parameters.decoded("id"), forward, by: user))
        }
    }

    /// A step's body is optional: an empty body means no note and the version just read.
    static func step(_ request: Request, _ context: TallyRequestContext) async throws -> StepRequest {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard buffer.readableBytes > 0 else { return StepRequest() }
        return try await request.decode(as: StepRequest.self, context: context)
    }
}
