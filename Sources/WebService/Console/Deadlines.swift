import Domain
import Foundation
import HTTPTypes
import Mustache
import NIOCore
import Tagged
import WorkingDays

/// The open deadlines within a person's reach, for the dashboard: instructions not yet
/// replied to by their handler, and commissioned units that have not answered.
package struct Deadlines: Sendable {
    let deps: WebDependencies

    struct Row {
        var kind: String
        var title: String
        var unit: String
        var due: String
        var href: String
    }

    /// How far ahead the dashboard looks for deadlines coming up.
    static let soonSeconds: Int64 = 7 * 86_400
    /// The most rows of each list the dashboard draws (the earliest due); the instruction and
    /// commission pages list them all.
    package static let shown = 20

    /// The dashboard's two lists: overdue, and due within a week (each the earliest `shown`),
    /// with how many each holds in all.
    struct Lists {
        var overdue: [Row]
        var overdueCount: Int
        var soon: [Row]
        var soonCount: Int

        /// Everything the lists show, part by part (for the key of the page drawn from them).
        var keyParts: [String] {
            ["\(overdueCount)", "\(overdue.count)", "\(soonCount)"] + (overdue + soon).flatMap { [$0.kind, $0.title, $0.unit, $0.due, $0.href] }
        }
    }

    /// The store's open deadlines within the person's reach, split into overdue and soon due.
    func lists(for user: SignedIn, _ organisation: Organisation) async throws -> Lists {
        let now = deps.now()
        let all = try await deps.store.openDeadlines()
        // Someone who reads every unit sees them all: no need to look at each of thousands.
        let visible = user.scope.units.count >= organisation.units.count ? all : all.filter { user.scope.canRead(unit: $0.unit) }
        // Soonest due first, undated last: overdue and soon due are two slices.
        let overdueEnd = Self.boundary(visible) { $0 >= now }
        let soonEnd = Self.boundary(visible) { $0 >= now.adding(seconds: Self.soonSeconds) }
        func rows(_ slice: ArraySlice<OpenDeadline>) -> [Row] { slice.prefix(Self.shown).map { Self.row($0, organisation) } }
        return Lists(overdue: rows(visible[..<overdueEnd]), overdueCount: overdueEnd,
                     soon: rows(visible[overdueEnd..<soonEnd]), soonCount: soonEnd - overdueEnd)
    }

    /// The first index of `list` (soonest due first, undated last) that is undated or due at
    /// or after the point where `reached` starts to hold.
    static func boundary(_ list: [OpenDeadline], _ reached: (Instant) -> Bool) -> Int {
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if let due = list[mid].due, !reached(due) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// A listed deadline (both lists hold dated ones only).
    static func row(_ open: OpenDeadline, _ organisation: Organisation) -> Row {
        let instruction = open.kind == .instruction
        return Row(kind: instruction ? "批示" : "约稿", title: open.title, unit: organisation.units[open.unit]?.name ?? open.unit.rawValue,
                   due: ConsoleFormat.time(open.due), href: instruction ? "/instructions" : "/commissions")
    }
}

extension Deadlines.Row: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "kind": kind
        case "title": title
        case "unit": unit
        case "due": due
        case "href": href
        default: nil
        }
    }
}
