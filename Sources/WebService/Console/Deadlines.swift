import Domain
import Foundation
import HTTPTypes
import Mustache
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

    /// The store's open deadlines within the person's reach, soonest first.
    func open(for user: SignedIn) async throws -> [Row] {
        let organisation = try await deps.organisation.current()
        let now = deps.now()
        func name(_ unit: UnitID) -> String { organisation.units[unit]?.name ?? unit.rawValue }
        return try await deps.store.openDeadlines().compactMap { open in
            guard user.scope.canRead(unit: open.unit) else { return nil }
            switch open.kind {
            case .instruction:
                return Row(kind: "批示", title: open.title, unit: name(open.unit), due: open.due.map(ConsoleFormat.time) ?? "按规则计算",
                           overdue: open.due.map { $0 < now } ?? false, href: "/instructions", dueAt: open.due)
            case .commission:
                return Row(kind: "约稿", title: open.title, unit: name(open.unit), due: open.due.map(ConsoleFormat.time) ?? "",
                           overdue: open.due.map { $0 < now } ?? false, href: "/commissions", dueAt: open.due)
            }
        }
    }
}

extension Deadlines.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "kind": kind
        case "title": title
        case "unit": unit
        case "due": due
        case "overdue": overdue
        case "href": href
        default: nil
        }
    }
}
