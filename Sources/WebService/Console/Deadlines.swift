import Domain
import Foundation
import HTTPTypes
import NIOCore
import Tagged
import WorkingDays

/// The open deadlines within a person's reach: instructions not yet replied to by their
/// handler, and commissioned units that have not answered; for the dashboard and the
/// instruction and commission pages.
struct Deadlines: Sendable {
    let deps: WebDependencies

    struct Row {
        var kind: String
        var title: String
        var unit: String
        var due: String
        var overdue: Bool
        var href: String
        var dueAt: Instant?
    }

    /// How far ahead the dashboard looks for deadlines coming up.
    static let soonSeconds: Int64 = 7 * 86_400

    func open(for user: SignedIn) async throws -> [Row] {
        let reading = RecordReading(deps: deps)
        let organisation = try await deps.organisation.current()
        let now = deps.now()
        func name(_ unit: UnitID) -> String { organisation.units[unit]?.name ?? unit.rawValue }
        let replied = Set(try await reading.list(.reply, for: user, limit: .max).records.compactMap { record -> String? in
            if case .reply(let r) = record { return "\(r.instruction)|\(r.unit.rawValue)" }
            return nil
        })
        let answered = Set(try await reading.list(.answer, for: user, limit: .max).records.compactMap { record -> String? in
            if case .answer(let a) = record { return "\(a.commission)|\(a.unit.rawValue)" }
            return nil
        })
        var rows: [Row] = []
        for record in try await reading.list(.instruction, for: user, limit: .max).records {
            guard case .instruction(let i) = record, !replied.contains("\(i.id)|\(i.handler.rawValue)") else { continue }
            rows.append(Row(kind: "批示", title: i.text, unit: name(i.handler), due: i.due.map(ConsoleFormat.time) ?? "按规则计算",
                            overdue: i.due.map { $0 < now } ?? false, href: "/instructions", dueAt: i.due))
        }
        for record in try await reading.list(.commission, for: user, limit: .max).records {
            guard case .commission(let c) = record else { continue }
            for unit in c.units where user.scope.canRead(unit: unit) && !answered.contains("\(c.id)|\(unit.rawValue)") {
                rows.append(Row(kind: "约稿", title: c.topic, unit: name(unit), due: ConsoleFormat.time(c.due), overdue: c.due < now,
                                href: "/commissions", dueAt: c.due))
            }
        }
        return rows.sorted { ($0.dueAt?.seconds ?? .max) < ($1.dueAt?.seconds ?? .max) }
    }
}
