import Domain
import Foundation
import Rules
import Scheduling
import WorkingDays

/// The offices' `deadline` rules, for reminders counted from a deadline: the Lua rule
/// engine loaded from `--rules`, kept live by the service's rule watcher.
struct RuleDeadlines: DeadlineRules {
    let engine: RuleEngine

    init(_ global: GlobalOptions) throws {
        let dataDirectory = global.dataDirectory
        engine = RuleEngine(rulesDirectory: global.rulesURL, calendar: try global.calendar(),
                            archive: RuleArchive(directory: dataDirectory.appendingPathComponent("rule-versions")),
                            statusFile: dataDirectory.appendingPathComponent("rules-status.json"))
        _ = engine.reload()
    }

    /// Throws `CalendarError.yearNotCovered` when the rule failed on a year without
    /// calendar data (the scheduler then waits for that year's file).
    func deadline(for event: DeadlineEvent, office: OfficeID, now: Instant) throws -> DeadlineDecision? {
        let context = RuleContext(now: now, office: office)
        do {
            return try engine.withRules(office) { (rules) throws(RuleError) in try rules.deadline(event, context: context) }
        } catch {
            if let year = error.uncoveredYear { throw CalendarError.yearNotCovered(year) }
            throw error
        }
    }

    func version(office: OfficeID) -> String {
        engine.liveRuleSet(office)?.version ?? "none"
    }
}
