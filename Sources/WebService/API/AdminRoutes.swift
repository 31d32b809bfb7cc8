import Foundation
import HTTPTypes
import Logging
import Tagged
import Domain
package import Hummingbird
import WorkingDays

/// What admins read and manage: the audit log, accounts and rule status.
package struct AdminRoutes: Sendable {
    let deps: WebDependencies

    struct AuditBody: Encodable, Sendable {
        var seq: Int64
        var at: Instant
        var actor: String?
        var action: String
        var entity: String
        var entityID: String
        var office: String
        var before: String?
        var after: String?

        init(_ e: AuditEntry) {
            seq = e.seq
            at = e.at
            actor = e.actor?.rawValue
            action = e.action
            entity = e.entity
            entityID = e.entityID
            office = e.office.rawValue
            before = e.before
            after = e.after
        }

        enum CodingKeys: String, CodingKey {
            case seq, at, actor, action, entity, office, before, after
            case entityID = "entity_id"
        }
    }

    struct AccountBody: Encodable, Sendable {
        var person: String
        var name: String?
        var unit: String?
        var role: String
        var disabled: Bool
    }

    /// `PUT /accounts/{person}`: `{"role","password","disabled"?}`.
    struct NewAccount: Decodable {
        var role: String
        var password: String
        var disabled: Bool?
    }

    package func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("audit") { request, context -> PageBody<AuditBody> in
            let user = try context.requireUser()
            guard user.scope.isAdmin else { throw APIError.forbidden("只有管理员可以查看审计日志") }
            let limit = try request.pageLimit()
            let entries = try await deps.store.audit(AuditQuery(offices: user.scope.offices, entity: try request.text("entity"),
                                                                entityID: try request.text("entity_id"), before: try request.cursor(), limit: limit))
            return PageBody(items: entries.map(AuditBody.init), next: entries.count == limit ? entries.last?.seq : nil)
        }
        group.get("accounts") { _, context -> ListBody<AccountBody> in
            let user = try context.requireUser()
            guard user.scope.isAdmin else { throw APIError.forbidden("只有管理员可以管理账号") }
            let organisation = try await deps.organisation.current()
            let accounts = try await deps.store.accounts().compactMap { a -> AccountBody? in
                guard let p = organisation.people[a.person], user.scope.canRead(unit: p.unit) else { return nil }
                return AccountBody(person: a.person.rawValue, name: p.name, unit: p.unit.rawValue, role: a.role.rawValue, disabled: a.disabled)
            }
            return ListBody(accounts)
        }
        group.put("accounts/{person}") { request, context -> AccountBody in
            let user = try context.requireUser()
            guard user.scope.isAdmin else { throw APIError.forbidden("只有管理员可以管理账号") }
            let body = try await request.decode(as: NewAccount.self, context: context)
            let id = PersonID(rawValue: try context.parameters.decoded("person"))
            let organisation = try await deps.organisation.current()
            guard let person = organisation.people[id], user.scope.canRead(unit: person.unit) else { throw APIError.notFound("人员") }
            guard let role = Role(rawValue: body.role) else { throw APIError.invalid("role", "role 应为 admin、clerk、unit_leader 或 city_leader") }
            guard person.roles.contains(role) else { throw APIError.invalid("role", "人员名册中 \(person.name) 没有「\(role.label)」这一角色") }
            if let weak = Passwords.weakness(body.password) { throw APIError.invalid("password", weak) }
            let before = try await deps.store.account(id)
            let account = Account(person: id, role: role, disabled: body.disabled ?? false)
            try await deps.store.saveAccount(account, passwordHash: deps.passwords.hash(body.password))
            try await deps.store.endSessions(of: id)
            try await deps.store.apply([], audit: [AuditEntry(
                at: deps.now(), actor: user.person.id, action: before == nil ? "account.create" : "account.update", entity: "account",
                entityID: id.rawValue, office: organisation.office(of: person.unit) ?? .city,
                before: before.map { "{\"role\":\"\($0.account.role.rawValue)\",\"disabled\":\($0.account.disabled)}" },
                after: "{\"role\":\"\(role.rawValue)\",\"disabled\":\(account.disabled)}")])
            return AccountBody(person: id.rawValue, name: person.name, unit: person.unit.rawValue, role: role.rawValue, disabled: account.disabled)
        }
        group.get("rules") { _, context -> ListBody<RuleStatus> in
            let user = try context.requireUser()
            return ListBody(await RuleAdministration(deps: deps).status(for: user))
        }
    }
}

extension AdminRoutes.AuditBody: ResponseEncodable {}
extension AdminRoutes.AccountBody: ResponseEncodable {}
extension RuleStatus: ResponseEncodable {}
