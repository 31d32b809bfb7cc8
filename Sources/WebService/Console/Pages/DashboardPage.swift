import Assessment
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Tagged
import WorkingDays

/// `/`: this quarter's live ranking per group as bars, the adoption rate, and the deadlines
/// that are overdue or due within a week.
struct DashboardPage: Sendable {
    let deps: WebDependencies

    struct Option {
        var value: String
        var label: String
        var selected: Bool
    }

    struct Bar {
        var rank: Int
        var name: String
        var points: String
        var width: Int
        var mine: Bool
    }

    struct Group {
        var name: String
        var bars: [Bar]
    }

    struct View {
        var period: String
        var periodLabel: String
        var offices: [Option]
        var groups: [Group]
        var submitted: Int
        var adopted: Int
        var adoptionRate: String
        var overdue: [Deadlines.Row]
        var overdueCount: Int
        var soon: [Deadlines.Row]
    }

    func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("/") { request, context -> Response in
            let user = try context.requireUser()
            let run = try await RunReading(deps: deps).live(office: try request.office(), period: try request.period(), for: user)
            let organisation = try await deps.organisation.current()
            let units = run.results.filter { $0.subject == .unit }
            let groups = Dictionary(grouping: units, by: \.group).sorted { $0.key < $1.key }.map { key, results in
                let top = max(results.map(\.points).max() ?? 0, 0)
                return Group(name: GroupLabel.of(key), bars: results.sorted { $0.rank < $1.rank }.map { r in
                    Bar(rank: r.rank, name: r.name, points: ConsoleFormat.points(r.points), width: top > 0 ? Int((max(r.points, 0) / top * 100).rounded()) : 0,
                        mine: r.id == user.person.unit.rawValue)
                })
            }
            let submitted = units.reduce(0) { $0 + $1.submitted }
            let adopted = units.reduce(0) { $0 + $1.adoptedTotal }
            let deadlines = try await Deadlines(deps: deps).open(for: user)
            let soonLimit = deps.now().adding(seconds: Deadlines.soonSeconds)
            let offices = user.scope.offices.sorted().map {
                Option(value: $0.rawValue, label: organisation.offices[$0]?.name ?? $0.rawValue, selected: $0 == run.office)
            }
            let overdue = deadlines.filter(\.overdue)
            let view = View(period: run.period.description, periodLabel: run.period.label, offices: offices, groups: groups, submitted: submitted,
                            adopted: adopted, adoptionRate: ConsoleFormat.percent(adopted, of: submitted),
                            overdue: overdue, overdueCount: overdue.count, soon: deadlines.filter { !$0.overdue && ($0.dueAt.map { $0 < soonLimit } ?? false) })
            return await ConsolePage(deps: deps).render("dashboard", view, title: "工作台", section: "/", user: user)
        }
    }
}
