import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Tagged
import WorkingDays

/// Editing one rule file in the browser (the office's admins only): `/rules/{office}/edit?file=…`
/// shows it in a text area; "检查" checks the edited rules, runs their tests and shows the
/// shadow diff of rankings it would cause, changing nothing; "生效" checks again and makes it
/// live only if it passes (a failing edit is shown with its errors, the live version unchanged).
struct RuleEditPages: Sendable {
    let deps: WebDependencies

    struct TestRow {
        var name: String
        var file: String
        var passed: Bool
        var message: String
    }

    struct DiffRow {
        var name: String
        var before: String
        var after: String
        var rankBefore: Int
        var rankAfter: Int
        var grade: String
    }

    struct View {
        var office: String
        var officeName: String
        var csrf: String
        var file: String
        var text: String
        var period: String
        var checked: Bool
        var valid: Bool
        var errors: [String]
        var tests: [TestRow]
        var diff: [DiffRow]
        var diffShown: Bool
        var error: String?
        var field: String?
    }

    func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("rules/{office}/edit") { request, context -> Response in
            let user = try context.requireUser()
            let office = try RuleAdministration(deps: deps).office(try context.parameters.decoded("office"), for: user)
            let file = request.query("file") ?? ""
            _ = try Self.path(file, RuleAdministration(deps: deps))
            let text = try await deps.operations.ruleFiles(office: office).files.first { $0.name == file }?.text ?? ""
            return try await show(office, user, file: file, text: text, period: nil, check: nil, diff: nil)
        }
        group.post("rules/{office}/check") { request, context -> Response in
            let (user, form) = try await ConsoleForm.signed(request, context)
            let administration = RuleAdministration(deps: deps)
            let office = try administration.office(try context.parameters.decoded("office"), for: user)
            let (file, text) = (form["file"] ?? "", form["text"] ?? "")
            do {
                let path = try Self.path(file, administration)
                try administration.checkSize(text)
                let period = try period(form)
                let check = try await deps.operations.checkRuleEdit(office: office, file: path, text: text)
                let diff = check.valid && !path.hasPrefix("tests/")
                    ? try await deps.operations.shadowDiff(office: office, file: path, text: text, period: period) : nil
                return try await show(office, user, file: file, text: text, period: period, check: check, diff: diff)
            } catch let error as APIError where error.field != nil {
                return try await show(office, user, file: file, text: text, period: nil, check: nil, diff: nil, error: error)
            }
        }
        group.post("rules/{office}/activate") { request, context -> Response in
            let (user, form) = try await ConsoleForm.signed(request, context)
            let administration = RuleAdministration(deps: deps)
            let office = try administration.office(try context.parameters.decoded("office"), for: user)
            let (file, text) = (form["file"] ?? "", form["text"] ?? "")
            do {
                let check = try await administration.activate(office: office, file: try Self.path(file, administration), text: text, by: user)
                guard check.activated else {
                    return try await show(office, user, file: file, text: text, period: nil, check: check, diff: nil, status: .unprocessableContent)
                }
                return ConsolePage.redirect("/rules/\(office)?ok=activated")
            } catch let error as APIError where error.field != nil {
                return try await show(office, user, file: file, text: text, period: nil, check: nil, diff: nil, error: error)
            }
        }
    }

    /// The file's path in the office folder: `name.lua`, or `tests/name.(lua|json)` for a test.
    static func path(_ file: String, _ administration: RuleAdministration) throws -> String {
        file.hasPrefix("tests/") ? try administration.file(String(file.dropFirst(6)), tests: true) : try administration.file(file, tests: false)
    }

    func period(_ form: ConsoleForm) throws -> Period {
        guard let text = form.nonEmpty("period") else { let today = deps.now().day; return .quarter(today.year, today.quarter) }
        guard let period = Period(text) else { throw APIError.invalid("period", "考核期应为 2026、2026Q2 或 2026-05") }
        return period
    }

    func show(_ office: OfficeID, _ user: SignedIn, file: String, text: String, period: Period?, check: RuleCheck?, diff: [RuleShadowChange]?,
              error: APIError? = nil, status: HTTPResponse.Status? = nil) async throws -> Response {
        let organisation = try await deps.organisation.current()
        let today = deps.now().day
        let view = View(
            office: office.rawValue, officeName: organisation.offices[office]?.name ?? office.rawValue, csrf: user.csrfToken, file: file, text: text,
            period: (period ?? .quarter(today.year, today.quarter)).description, checked: check != nil, valid: check?.valid ?? false,
            errors: check?.errors ?? [], tests: (check?.tests ?? []).map { TestRow(name: $0.name, file: $0.file, passed: $0.passed, message: $0.message ?? "") },
            diff: (diff ?? []).map {
                DiffRow(name: $0.name, before: ConsoleFormat.points($0.pointsBefore), after: ConsoleFormat.points($0.pointsAfter), rankBefore: $0.rankBefore,
                        rankAfter: $0.rankAfter, grade: $0.gradeBefore == $0.gradeAfter ? ($0.gradeAfter ?? "") : "\($0.gradeBefore ?? "—") → \($0.gradeAfter ?? "—")")
            },
            diffShown: diff != nil, error: error?.message, field: FieldNames.name(error?.field))
        let failed = error != nil || (check.map { !$0.valid } ?? false)
        return await ConsolePage(deps: deps).render("rule-edit", view, title: "修改规则", section: "/rules", user: user,
                                                    status: status ?? (failed ? .unprocessableContent : .ok))
    }
}
