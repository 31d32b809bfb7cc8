import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Tagged
import WorkingDays

/// `/rules`: each office's live rule version, last errors and test results; `/rules/{office}`
/// (the office's admins only) its files, the versions that went live with who made them
/// live, the changes made through the service (who, when, the text before and after) and
/// rollback.
struct RulePages: Sendable {
    let deps: WebDependencies

    struct StatusRow {
        var office: String
        var id: String
        var version: String
        var errors: [String]
        var passed: Int
        var failed: Int
        var editable: Bool
    }

    struct FileRow {
        var name: String
        var lines: Int
    }

    struct VersionRow {
        var version: String
        var short: String
        var activated: String
        var by: String
        var files: String
        var live: Bool
    }

    struct ChangeRow {
        var at: String
        var by: String
        var action: String
        var version: String
        var summary: String
        var before: String?
        var after: String?
    }

    struct StatusView { var rows: [StatusRow] }
    struct OfficeView {
        var id: String
        var office: String
        var csrf: String
        var version: String
        var files: [FileRow]
        var versions: [VersionRow]
        var changes: [ChangeRow]
    }

    /// The office's rule changes made through the service, newest first, from the audit log.
    func changes(_ office: OfficeID, _ organisation: Organisation) async throws -> [ChangeRow] {
        try await deps.store.audit(AuditQuery(offices: [office], entity: "rules", limit: 50)).map { e in
            let rollback = e.action == "rules.rollback"
            return ChangeRow(at: ConsoleFormat.time(e.at), by: e.actor.map { organisation.people[$0]?.name ?? $0.rawValue } ?? "系统",
                             action: rollback ? "回退" : "修改并生效", version: String((e.entityID.split(separator: "@").last ?? "").prefix(12)),
                             summary: rollback ? "由 \((e.before ?? "—").prefix(12)) 回退" : Self.summary(before: e.before, after: e.after),
                             before: rollback ? nil : e.before, after: rollback ? nil : e.after)
        }
    }

    /// How many lines an edit added and removed (`+3 −1 行`).
    static func summary(before: String?, after: String?) -> String {
        var counts: [Substring: Int] = [:]
        for line in (before ?? "").split(separator: "\n", omittingEmptySubsequences: false) { counts[line, default: 0] += 1 }
        var added = 0
        for line in (after ?? "").split(separator: "\n", omittingEmptySubsequences: false) {
            if let n = counts[line], n > 0 { counts[line] = n - 1 } else { added += 1 }
        }
        return before == nil ? "新建文件" : "+\(added) −\(counts.values.reduce(0, +)) 行"
    }

    static let done = ["activated": "修改已通过检查并生效", "rollback": "已回退到所选版本"]

    func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("rules") { _, context -> Response in
            let user = try context.requireUser()
            let organisation = try await deps.organisation.current()
            let rows = await RuleAdministration(deps: deps).status(for: user).map { s in
                let office = OfficeID(s.office)
                return StatusRow(office: office.flatMap { organisation.offices[$0]?.name } ?? s.office, id: s.office, version: String((s.version ?? "—").prefix(12)),
                                 errors: s.errors, passed: s.testsPassed, failed: s.testsFailed,
                                 editable: office.map(user.scope.canAdminister(office:)) ?? false)
            }
            return await ConsolePage(deps: deps).render("rules", StatusView(rows: rows), title: "规则", section: "/rules", user: user)
        }
        group.get("rules/{office}") { request, context -> Response in
            let user = try context.requireUser()
            let office = try RuleAdministration(deps: deps).office(try context.parameters.decoded("office"), for: user)
            let organisation = try await deps.organisation.current()
            let (version, files) = try await deps.operations.ruleFiles(office: office)
            let versions = try await deps.operations.ruleVersions(office: office).map { v in
                VersionRow(version: v.version, short: String(v.version.prefix(12)), activated: ConsoleFormat.time(v.activated),
                           by: v.by.map { organisation.people[PersonID(rawValue: $0)]?.name ?? $0 } ?? "服务器上直接修改",
                           files: v.files.joined(separator: "、"), live: v.version == version)
            }
            let view = OfficeView(id: office.rawValue, office: organisation.offices[office]?.name ?? office.rawValue, csrf: user.csrfToken,
                                  version: String((version ?? "—").prefix(12)),
                                  files: files.map { FileRow(name: $0.name, lines: $0.text.split(separator: "\n", omittingEmptySubsequences: false).count) },
                                  versions: versions, changes: try await changes(office, organisation))
            return await ConsolePage(deps: deps).render("rules-office", view, title: "规则", section: "/rules", user: user,
                                                        notice: request.query("ok").flatMap { Self.done[$0] })
        }
        group.post("rules/{office}/rollback") { request, context -> Response in
            let (user, form) = try await ConsoleForm.signed(request, context)
            let administration = RuleAdministration(deps: deps)
            let office = try administration.office(try context.parameters.decoded("office"), for: user)
            guard let version = form.nonEmpty("version") else { throw APIError.invalid("version", "请选择要回退到的版本") }
            let check = try await administration.rollback(office: office, to: version, by: user)
            guard check.valid else {
                throw APIError(.unprocessableContent, "invalid_rules", "该版本未通过检查，未回退：" + check.errors.joined(separator: "；"))
            }
            return ConsolePage.redirect("/rules/\(office)?ok=rollback")
        }
    }
}
