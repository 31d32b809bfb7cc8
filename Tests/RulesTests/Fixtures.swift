import Tagged
import Domain
import Foundation
@testable import Rules
import WorkingDays

/// A temporary rules folder for one test.
final class RulesFolder {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("tally-rules-\(UUID().uuidString)/rules")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Write-then-rename, as editors do: readers see the old file or the new one.
        try data.write(to: url, options: .atomic)
    }

    func remove(_ path: String) throws { try FileManager.default.removeItem(at: root.appendingPathComponent(path)) }

    /// A root office with all four functions; `score` gives `points` per adoption.
    func writeMinimalCity(points: Int = 3) throws {
        try write("city/office.yaml", "name: 测试市政府办公室\n")
        try write("city/rules.lua", Self.minimalRules(points: points))
    }

    static func minimalRules(points: Int) -> String {
        """
        local POINTS = \(points)
        function score(item, ctx)
          if #item.adoptions == 0 then return nil end
          local lines = {}
          for i, a in ipairs(item.adoptions) do
            lines[i] = { code = "C2", points = POINTS, reason = "采用", date = a.date }
          end
          return lines
        end
        function compliance(fact, ctx)
          if fact.outcome == "late" then return { { code = "D1", points = -5, reason = "迟报" } } end
          return nil
        end
        function assess(summary, ctx)
          return { grade = summary.rank == 1 and "先进一等" or "合格", veto = false, reasons = {} }
        end
        function deadline(event, ctx)
          return { due = cal.at(cal.add_workdays(event.at, 5), "17:30"), reminders = {} }
        end
        """
    }

    var sources: [OfficeID: OfficeSource] { RuleSourceReader(root: root).read().offices }
    var problems: [RuleError] { RuleSourceReader(root: root).read().problems }

    func ruleSet(_ office: String) throws -> RuleSet {
        let (sets, problems) = RuleSet.resolve(sources)
        guard let set = sets[OfficeID(office)!] else { throw problems.first ?? RuleError(kind: .load, office: nil, message: "no \(office)") }
        return set
    }
}

enum Shared {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let calendar: WorkCalendar = try! CalendarFile.load(schedules: repository.appendingPathComponent("schedules"))
    static let now = Instant(iso: "2026-04-01T09:00:00+08:00")!

    static func item(_ id: String = "I-1", units: [UnitID] = ["county-a"], adoptions: [AdoptionFact] = []) -> ItemFacts {
        ItemFacts(id: ItemID(rawValue: id), units: units, category: .economy, submitted: Day(iso: "2026-03-02")!, adoptions: adoptions)
    }

    static let cityBriefing = AdoptionFact(level: .city, publication: "每日要情", kind: .briefing, date: Day(iso: "2026-03-03")!)
}
