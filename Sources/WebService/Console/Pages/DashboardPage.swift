import Assessment
import Domain
import Foundation
import HTTPTypes
import Mustache
import Hummingbird
import NIOCore
import Tagged
import WorkingDays

/// `/`: this quarter's live ranking per group as bars, the adoption rate, and the deadlines
/// that are overdue or due within a week.
struct DashboardPage: Sendable {
    let deps: WebDependencies
    let rankings = DashboardRankings()

    struct Option {
        var value: String
        var label: String
        var selected: Bool
    }

    /// A bar, or (with `gap`) a row standing for the results not drawn.
    struct Bar {
        var rank: Int = 0
        var name: String = ""
        var points: String = ""
        var width: Int = 0
        var mine: Bool = false
        var gap: String? = nil
    }

    struct Group {
        var key: String
        var name: String
        var bars: [Bar]
        /// The link drawing the whole group, when it is folded.
        var all: String?
        var count: Int
    }

    struct View {
        var period: String
        var periodLabel: String
        var offices: [Option]
        /// The bar charts, drawn by `dashboard-groups` (kept per computation and viewer's unit).
        var groupsHTML: String
        var submitted: Int
        var adopted: Int
        var adoptionRate: String
        var deadlines: Deadlines.Lists
    }

    func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("/") { request, context -> Response in
            let user = try context.requireUser()
            let run = try await RunReading(deps: deps).live(office: try request.office(), period: try request.period(), for: user)
            let organisation = try await deps.organisation.current()
            let ranking = rankings.ranking(of: run)
            let whole = request.query("group")
            let mineID = user.person.unit.rawValue
            // Viewers whose unit is not ranked share a chart.
            let key = "\(run.office)|\(run.period)|\(run.computation)|\(whole ?? "")|\(ranking.units.contains(mineID) ? mineID : "")"
            let groupsHTML = rankings.drawn("chart|" + key) {
                ConsoleViews.render("dashboard-groups", Charts(groups: Self.groups(ranking, whole: whole, mine: mineID, office: run.office, period: run.period)))
            }
            let submitted = ranking.submitted
            let adopted = ranking.adopted
            let deadlines = try await Deadlines(deps: deps).lists(for: user, organisation)
            let offices = user.scope.offices.sorted().map {
                Option(value: $0.rawValue, label: organisation.offices[$0]?.name ?? $0.rawValue, selected: $0 == run.office)
            }
            let view = View(period: run.period.description, periodLabel: run.period.label, offices: offices, groupsHTML: groupsHTML, submitted: submitted,
                            adopted: adopted, adoptionRate: ConsoleFormat.percent(adopted, of: submitted), deadlines: deadlines)
            // The page is drawn again only when something it shows changed (everyone polling
            // an unchanged dashboard shares one drawing per reach).
            // Each part prefixed by its length: no two different pages have the same key.
            let shown = ["page", key, view.period, "\(submitted)", "\(adopted)"] + deadlines.keyParts + offices.flatMap { [$0.value, $0.label, "\($0.selected)"] }
            let content = rankings.drawn(shown.map { "\($0.utf8.count):\($0)" }.joined()) { ConsoleViews.render("dashboard", view) }
            return await ConsolePage(deps: deps).render(content: content, title: "工作台", section: "/", user: user)
        }
    }

    struct Charts: MustacheParent {
        var groups: [Group]
        func child(named name: String) -> Any? { name == "groups" ? groups : nil }
    }

    /// Each group's bars: folded (head, tail and the viewer's unit) unless it is `whole`.
    static func groups(_ ranking: DashboardRanking, whole: String?, mine mineID: String, office: OfficeID, period: Period) -> [Group] {
        ranking.groups.map { group in
            let ranked = group.entries
            let mine = ranked.firstIndex { $0.id == mineID }
            let slots = group.key == whole ? (0..<ranked.count).map(BarSlot.bar) : BarSelection.slots(count: ranked.count, mine: mine)
            let bars = slots.map { slot -> Bar in
                switch slot {
                case .gap(let hidden): return Bar(gap: "…… 其间 \(hidden) 个单位未列出 ……")
                case .bar(let i):
                    let r = ranked[i]
                    return Bar(rank: r.rank, name: r.name, points: ConsoleFormat.points(r.points),
                               width: group.top > 0 ? Int((max(r.points, 0) / group.top * 100).rounded()) : 0, mine: i == mine)
                }
            }
            return Group(key: group.key, name: GroupLabel.of(group.key), bars: bars,
                         all: bars.count < ranked.count ? wholeGroup(group.key, office: office, period: period) : nil, count: ranked.count)
        }
    }

    /// The dashboard with one group drawn whole.
    static func wholeGroup(_ key: String, office: OfficeID, period: Period) -> String {
        var link = URLComponents()
        link.path = "/"
        link.queryItems = [URLQueryItem(name: "office", value: office.rawValue), URLQueryItem(name: "period", value: period.description),
                           URLQueryItem(name: "group", value: key)]
        return (link.string ?? "/") + "#group-\(key)"
    }
}

// The dashboard draws hundreds of rows: its views name their fields for the template
// directly, as Mirror-based look-ups were a quarter of the page's time.

extension DashboardPage.View: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "period": period
        case "periodLabel": periodLabel
        case "offices": offices
        case "groupsHTML": groupsHTML
        case "submitted": submitted
        case "adopted": adopted
        case "adoptionRate": adoptionRate
        case "overdue": deadlines.overdue
        case "overdueCount": deadlines.overdueCount
        case "overdueMore": deadlines.overdueCount > deadlines.overdue.count
        case "soon": deadlines.soon
        case "soonCount": deadlines.soonCount
        case "soonMore": deadlines.soonCount > deadlines.soon.count
        case "shown": Deadlines.shown
        default: nil
        }
    }
}

extension DashboardPage.Group: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "key": key
        case "name": self.name
        case "bars": bars
        case "all": all
        case "count": count
        default: nil
        }
    }
}

extension DashboardPage.Bar: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "rank": rank
        case "name": self.name
        case "points": points
        case "width": width
        case "mine": mine
        case "gap": gap
        default: nil
        }
    }
}

extension DashboardPage.Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": value
        case "label": label
        case "selected": selected
        default: nil
        }
    }
}
