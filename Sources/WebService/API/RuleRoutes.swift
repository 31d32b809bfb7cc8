import Domain
import Foundation
package import Hummingbird
import Interchange

/// `/api/v1/rules/{office}/…`: an office's rule files, their versions, checking an edit,
/// its shadow diff, making it live and rolling back — for the office's admins.
package struct RuleRoutes: Sendable {
    let deps: WebDependencies

    struct Edit: Decodable {
        var text: String
        var period: String?
    }

    struct Rollback: Decodable { var version: String }

    struct FilesBody: ResponseEncodable {
        var office: String
        var version: String?
        var files: [RuleFileText]
    }

    package func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("rules/{office}/files") { _, context -> FilesBody in
            let office = try office(context)
            let (version, files) = try await deps.operations.ruleFiles(office: office)
            return FilesBody(office: office.rawValue, version: version, files: files)
        }
        group.get("rules/{office}/versions") { _, context -> ListBody<RuleVersionInfo> in
            ListBody(try await deps.operations.ruleVersions(office: try office(context)))
        }
        // `files/{file}` are the rule files, `tests/{file}` the office's own tests: both go
        // through the same check (compile everything affected, run the tests).
        for folder in ["files", "tests"] {
            group.post("rules/{office}/\(folder)/{file}/check") { request, context -> RuleCheck in
                let (office, file, edit) = try await edit(request, context, tests: folder == "tests")
                return try await deps.operations.checkRuleEdit(office: office, file: file, text: edit.text)
            }
            group.put("rules/{office}/\(folder)/{file}") { request, context -> Response in
                try await activate(request, context, tests: folder == "tests")
            }
        }
        group.post("rules/{office}/files/{file}/diff") { request, context -> ListBody<RuleShadowChange> in
            let (office, file, edit) = try await edit(request, context, tests: false)
            guard let text = edit.period, let period = Period(text) else { throw APIError.invalid("period", "period 应为 2026、2026Q2 或 2026-05") }
            return ListBody(try await deps.operations.shadowDiff(office: office, file: file, text: edit.text, period: period))
        }
        group.post("rules/{office}/rollback") { request, context -> Response in
            let user = try context.requireUser()
            let office = try office(context)
            let body = try await request.decode(as: Rollback.self, context: context)
            let check = try await RuleAdministration(deps: deps).rollback(office: office, to: body.version, by: user)
            var response = try check.response(from: request, context: context)
            if !check.valid { response.status = .unprocessableContent }
            return response
        }
    }

    /// Checks an edit and makes it live if it passes.
    func activate(_ request: Request, _ context: TallyRequestContext, tests: Bool) async throws -> Response {
        let user = try context.requireUser()
        let (office, file, edit) = try await edit(request, context, tests: tests)
        let check = try await RuleAdministration(deps: deps).activate(office: office, file: file, text: edit.text, by: user)
        var response = try check.response(from: request, context: context)
        if !check.valid { response.status = .unprocessableContent }
        return response
    }

    /// The office in the path, if the caller administers it (only admins read and change rules).
    func office(_ context: TallyRequestContext) throws -> OfficeID {
        try RuleAdministration(deps: deps).office(try context.parameters.decoded("office"), for: try context.requireUser())
    }

    /// The office, the file's path within the office folder (`tests/…` for a test) and the edit.
    func edit(_ request: Request, _ context: TallyRequestContext, tests: Bool) async throws -> (OfficeID, String, Edit) {
        let office = try office(context)
        let administration = RuleAdministration(deps: deps)
        let file = try administration.file(try context.parameters.decoded("file"), tests: tests)
        let edit = try await request.decode(as: Edit.self, context: context)
        try administration.checkSize(edit.text)
        return (office, file, edit)
    }
}

extension RuleCheck: ResponseEncodable {}
extension RuleShadowChange: ResponseEncodable {}
extension RuleVersionInfo: ResponseEncodable {}
extension RuleFileText: ResponseEncodable {}
