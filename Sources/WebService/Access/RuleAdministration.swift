import Domain
import Foundation
import HTTPTypes
import NIOCore
import Tagged
import WorkingDays

/// What the API and the console do around `RuleEditing`: who may read and change an office's
/// rules, which file names an edit may use, and the audit entry of every change that went live.
struct RuleAdministration: Sendable {
    let deps: WebDependencies

    /// The office named `text`, if `user` administers it: unknown or out of reach is 404,
    /// within reach but not an admin of it 403.
    func office(_ text: String, for user: SignedIn) throws -> OfficeID {
        guard let office = OfficeID(text), user.scope.offices.contains(office) else { throw APIError.notFound("办公室") }
        guard user.scope.canAdminister(office: office) else { throw APIError.forbidden("只有该办公室的管理员可以查看和修改规则") }
        return office
    }

    /// The file's path within the office folder (`tests/…` for a test), if the name is allowed.
    func file(_ name: String, tests: Bool) throws -> String {
        guard isRuleFileName(name, test: tests) else {
            throw APIError.invalid("file", tests ? "测试文件名应为小写字母、数字、_ 或 - 组成的 .lua 或 .json 文件" : "规则文件名应为小写字母、数字、_ 或 - 组成的 .lua 文件")
        }
        return tests ? "tests/\(name)" : name
    }

    /// Refuses texts over 256 KiB.
    func checkSize(_ text: String) throws {
        guard text.utf8.count <= 256 * 1024 else { throw APIError.invalid("text", "规则文件不超过 256 KiB") }
    }

    /// Checks the edit and makes it live if it passes; the audit entry keeps the file before and after.
    func activate(office: OfficeID, file: String, text: String, by user: SignedIn) async throws -> RuleCheck {
        try checkSize(text)
        let before = try await deps.operations.ruleFiles(office: office).files.first { $0.name == file }?.text
        let check = try await deps.operations.activateRuleEdit(office: office, file: file, text: text)
        if check.activated {
            try await deps.store.apply([], audit: [AuditEntry(at: deps.now(), actor: user.person.id, action: "rules.activate", entity: "rules",
                                                               entityID: "\(office)@\(check.version ?? "")", office: office,
                                                               before: before, after: text)])
        }
        return check
    }

    /// Puts `version` back if it passes the checks, with its audit entry.
    func rollback(office: OfficeID, to version: String, by user: SignedIn) async throws -> RuleCheck {
        let check = try await deps.operations.rollbackRules(office: office, to: version)
        if check.activated {
            try await deps.store.apply([], audit: [AuditEntry(at: deps.now(), actor: user.person.id, action: "rules.rollback", entity: "rules",
                                                               entityID: "\(office)@\(check.version ?? "")", office: office,
                                                               before: check.previousVersion, after: check.version)])
        }
        return check
    }

    /// Each office's rule status, for the offices `user` reaches.
    func status(for user: SignedIn) async -> [RuleStatus] {
        await deps.operations.ruleStatus().filter { OfficeID($0.office).map(user.scope.offices.contains) ?? false }
    }
}
