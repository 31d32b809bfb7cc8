import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Tagged
import WorkingDays

/// `/instructions` (批示 with their handlers, deadlines and replies), `/commissions` (约稿 with
/// their deadlines and answers) and `/reports` (absence and emergency reports), within reach.
struct RecordPages: Sendable {
    let deps: WebDependencies

    struct InstructionRow {
        var leader: String
        var text: String
        var at: String
        var handler: String
        var due: String
        var urgent: Bool
        var replies: [String]
        var overdue: Bool
    }

    struct CommissionRow {
        var topic: String
        var assigned: String
        var due: String
        var units: [String]
        var overdue: Bool
    }

    struct AbsenceRow {
        var unit: String
        var leader: String
        var destination: String
        var period: String
        var acting: String
        var filed: String
    }

    struct EmergencyRow {
        var unit: String
        var title: String
        var severity: String
        var occurred: String
        var phone: String
        var written: String
        var followups: Int
    }

    struct InstructionsView { var rows: [InstructionRow] }
    struct CommissionsView { var rows: [CommissionRow] }
    struct ReportsView {
        var absences: [AbsenceRow]
        var emergencies: [EmergencyRow]
    }

    func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("instructions") { _, context -> Response in
            let user = try context.requireUser()
            let (organisation, now) = (try await deps.organisation.current(), deps.now())
            let replies = try await records(.reply, user).compactMap { r -> Reply? in if case .reply(let x) = r { x } else { nil } }
            let rows = try await records(.instruction, user).compactMap { record -> InstructionRow? in
                guard case .instruction(let i) = record else { return nil }
                let answered = replies.filter { $0.instruction == i.id }
                return InstructionRow(leader: i.leader, text: i.text, at: ConsoleFormat.time(i.at), handler: Self.name(i.handler, organisation),
                                      due: i.due.map(ConsoleFormat.time) ?? "按规则计算", urgent: i.urgency == .urgent,
                                      replies: answered.map { "\(ConsoleFormat.time($0.at))：\($0.text)" },
                                      overdue: answered.isEmpty && (i.due.map { $0 < now } ?? false))
            }
            return await ConsolePage(deps: deps).render("instructions", InstructionsView(rows: rows), title: "批示办理", section: "/instructions", user: user)
        }
        group.get("commissions") { _, context -> Response in
            let user = try context.requireUser()
            let (organisation, now) = (try await deps.organisation.current(), deps.now())
            let answers = try await records(.answer, user).compactMap { r -> CommissionAnswer? in if case .answer(let x) = r { x } else { nil } }
            let rows = try await records(.commission, user).compactMap { record -> CommissionRow? in
                guard case .commission(let c) = record else { return nil }
                let units = c.units.filter(user.scope.canRead(unit:)).map { unit in
                    let answer = answers.first { $0.commission == c.id && $0.unit == unit }
                    return Self.name(unit, organisation) + (answer.map { "（\(ConsoleFormat.time($0.at)) 已答复）" } ?? "（未答复）")
                }
                let open = c.units.contains { unit in user.scope.canRead(unit: unit) && !answers.contains { $0.commission == c.id && $0.unit == unit } }
                return CommissionRow(topic: c.topic, assigned: ConsoleFormat.time(c.assignedAt), due: ConsoleFormat.time(c.due), units: units,
                                     overdue: open && c.due < now)
            }
            return await ConsolePage(deps: deps).render("commissions", CommissionsView(rows: rows), title: "约稿", section: "/commissions", user: user)
        }
        group.get("reports") { _, context -> Response in
            let user = try context.requireUser()
            let organisation = try await deps.organisation.current()
            let absences = try await records(.absence, user).compactMap { record -> AbsenceRow? in
                guard case .absence(let a) = record else { return nil }
                return AbsenceRow(unit: Self.name(a.unit, organisation), leader: a.leader, destination: "\(a.destination)（\(a.reason)）",
                                  period: "\(ConsoleFormat.time(a.departAt)) 至 \(ConsoleFormat.time(a.returnAt))",
                                  acting: a.actingLeader + (a.actingPhone.map { " \($0)" } ?? ""), filed: a.filedAt.map(ConsoleFormat.time) ?? "未报备")
            }
            let emergencies = try await records(.emergency, user).compactMap { record -> EmergencyRow? in
                guard case .emergency(let e) = record else { return nil }
                return EmergencyRow(unit: Self.name(e.unit, organisation), title: e.title, severity: e.severity.label, occurred: ConsoleFormat.time(e.occurredAt),
                                    phone: ConsoleFormat.time(e.phoneAt), written: ConsoleFormat.time(e.writtenAt), followups: e.followups.count)
            }
            return await ConsolePage(deps: deps).render("reports", ReportsView(absences: absences, emergencies: emergencies), title: "报备与突发",
                                                        section: "/reports", user: user)
        }
    }

    func records(_ kind: RecordKind, _ user: SignedIn) async throws -> [Record] {
        try await RecordReading(deps: deps).list(kind, for: user, limit: 500).records
    }

    static func name(_ unit: UnitID, _ organisation: Organisation) -> String { organisation.units[unit]?.name ?? unit.rawValue }
}
