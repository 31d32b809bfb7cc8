import Assessment
import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Tagged
import WorkingDays

/// `/results`: the stored assessment runs of the person's offices; `/results/{id}` a run's
/// ranking per group with grades; `/results/{id}/explain?unit=…` the ledger lines that make
/// up a unit's points (as `tally assess explain` shows them).
struct ResultPages: Sendable {
    let deps: WebDependencies

    struct RunRow {
        var id: String
        var office: String
        var period: String
        var asOf: String
        var ruleVersion: String
    }

    struct ResultRow {
        var runID: String
        var rank: Int
        var id: String
        var name: String
        var points: String
        var submitted: Int
        var adopted: String
        var decision: String
        var explainable: Bool
    }

    struct Group {
        var name: String
        var rows: [ResultRow]
    }

    struct LedgerRow {
        var date: String
        var code: String
        var reason: String
        var points: String
        var source: String
    }

    struct ListView { var runs: [RunRow] }
    struct RunView {
        var id: String
        var period: String
        var asOf: String
        var ruleVersion: String
        var groups: [Group]
    }
    struct ExplainView {
        var run: String
        var period: String
        var unit: String
        var total: String
        var placing: String
        var lines: [LedgerRow]
    }

    func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("results") { _, context -> Response in
            let user = try context.requireUser()
            let organisation = try await deps.organisation.current()
            let runs = try await RunReading(deps: deps).runs(office: nil, period: nil, for: user).map {
                RunRow(id: $0.id, office: organisation.offices[$0.office]?.name ?? $0.office.rawValue, period: $0.period.label,
                       asOf: ConsoleFormat.time($0.asOf), ruleVersion: String($0.ruleVersion.prefix(12)))
            }
            return await ConsolePage(deps: deps).render("results", ListView(runs: runs), title: "考核结果", section: "/results", user: user)
        }
        group.get("results/{id}") { _, context -> Response in
            let user = try context.requireUser()
            let run = try await RunReading(deps: deps).run(id: try context.parameters.decoded("id"), for: user)
            let groups = Dictionary(grouping: run.results.filter { $0.subject == .unit }, by: \.group).sorted { $0.key < $1.key }.map { key, results in
                Group(name: GroupLabel.of(key), rows: results.sorted { $0.rank < $1.rank }.map { r in
                    ResultRow(runID: run.id, rank: r.rank, id: r.id, name: r.name, points: ConsoleFormat.points(r.points), submitted: r.submitted,
                              adopted: "\(r.adopted["city"] ?? 0)/\(r.adopted["province"] ?? 0)/\(r.adopted["state"] ?? 0)",
                              decision: Self.decision(r.decision), explainable: user.scope.canRead(unit: UnitID(rawValue: r.id)))
                })
            }
            let view = RunView(id: run.id, period: run.period.label, asOf: ConsoleFormat.time(run.asOf), ruleVersion: String(run.ruleVersion.prefix(12)),
                               groups: groups)
            return await ConsolePage(deps: deps).render("result", view, title: "考核结果", section: "/results", user: user)
        }
        group.get("results/{id}/explain") { request, context -> Response in
            let user = try context.requireUser()
            let id = try context.parameters.decoded("id")
            let unit = UnitID(rawValue: request.query("unit") ?? user.person.unit.rawValue)
            let reading = RunReading(deps: deps)
            let lines = try await reading.ledger(run: id, unit: unit, for: user)
            let run = try await reading.run(id: id, for: user)
            let result = run.results.first { $0.subject == .unit && $0.id == unit.rawValue }
            let organisation = try await deps.organisation.current()
            let view = ExplainView(
                run: run.id, period: run.period.label, unit: organisation.units[unit]?.name ?? unit.rawValue,
                total: ConsoleFormat.points(lines.reduce(0) { $0 + $1.points }),
                placing: result.map { "\(GroupLabel.of($0.group))第 \($0.rank) 名（共 \($0.groupSize) 个）" } ?? "",
                lines: lines.map { LedgerRow(date: $0.date.iso, code: $0.code, reason: $0.reason, points: ConsoleFormat.points($0.points), source: $0.source) })
            return await ConsolePage(deps: deps).render("explain", view, title: "得分说明", section: "/results", user: user)
        }
    }

    static func decision(_ d: AssessmentDecision) -> String {
        var parts = [d.grade, d.reward, d.penalty].compactMap { $0 }
        if d.veto { parts.append("否决：" + d.reasons.joined(separator: "；")) }
        return parts.joined(separator: "，")
    }
}
