import ArgumentParser
import Domain
import Foundation
import Tagged
import WebService
import WorkingDays

/// `tally accounts`: who may sign in to the console and API — list, set (create, change role
/// or password, disable). The first admin is made here; later ones in the console.
struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "accounts", abstract: "登录账号：列出、设置（新建、改角色或密码、停用）。",
                                                    subcommands: [AccountsList.self, AccountsSet.self], defaultSubcommand: AccountsList.self)
}

struct AccountsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "列出账号。")
    @OptionGroup var global: GlobalOptions

    struct Row: Encodable {
        var person: String
        var name: String?
        var unit: String?
        var role: String
        var disabled: Bool
    }

    func run() async throws {
        let store = try await StoreFactory.openService(global)
        let organisation = try await store.organisation()
        let rows = try await store.accounts().map { a in
            Row(person: a.person.rawValue, name: organisation.people[a.person]?.name, unit: organisation.people[a.person]?.unit.rawValue,
                role: a.role.rawValue, disabled: a.disabled)
        }
        if global.json { return printJSON(rows) }
        if rows.isEmpty { return print("还没有账号。新建：tally accounts set 人员编号 --role admin") }
        for r in rows {
            print("\(r.person)  \(r.name ?? "?")（\(r.unit ?? "?")）  \(Role(rawValue: r.role)?.label ?? r.role)\(r.disabled ? "  【已停用】" : "")")
        }
    }
}

struct AccountsSet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "新建或修改账号：密码从标准输入读（--password-stdin），否则生成随机密码并显示一次。")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The person's id in the record (their login).") var person: String
    @Option(name: .long, help: "admin, clerk, unit_leader or city_leader (one of the person's roles).") var role: String
    @Flag(name: .long, help: "Read the password from standard input.") var passwordStdin = false
    @Flag(name: .long, help: "Disable the account (its sessions end).") var disable = false

    func validate() throws {
        guard Role(rawValue: role) != nil else { throw ValidationError("--role: 应为 admin、clerk、unit_leader 或 city_leader") }
    }

    func run() async throws {
        let store = try await StoreFactory.openService(global)
        let organisation = try await store.organisation()
        let id = PersonID(rawValue: person)
        guard let who = organisation.people[id] else { throw CommandFailure("人员 '\(person)' 不在名册中（先导入人员）") }
        let role = Role(rawValue: role)!
        guard who.roles.contains(role) else {
            throw CommandFailure("名册中 \(who.name) 的角色是 \(who.roles.sorted().map(\.label).joined(separator: "、"))，没有「\(role.label)」")
        }
        let password: String
        if passwordStdin {
            password = (readLine(strippingNewline: true) ?? "")
            if let weak = Passwords.weakness(password) { throw CommandFailure(weak) }
        } else {
            password = SessionTokens.make().prefix(16).description
        }
        let before = try await store.account(id)
        try await store.saveAccount(Account(person: id, role: role, disabled: disable), passwordHash: Passwords().hash(password))
        try await store.endSessions(of: id)
        try await store.apply([], audit: [AuditEntry(at: try global.currentInstant(), actor: nil, action: before == nil ? "account.create" : "account.update",
                                                     entity: "account", entityID: id.rawValue, office: organisation.office(of: who.unit) ?? .city,
                                                     after: "{\"role\":\"\(role.rawValue)\",\"disabled\":\(disable)}")])
        print("账号 \(person)（\(who.name)，\(role.label)）已\(before == nil ? "新建" : "更新")\(disable ? "并停用" : "")。")
        if !passwordStdin { print("密码：\(password)（只显示这一次）") }
    }
}
