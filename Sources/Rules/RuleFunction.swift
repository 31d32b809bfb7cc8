/// The functions an office's rules provide, by their Lua names.
package enum RuleFunction: String, Sendable, CaseIterable, Codable {
    /// `score(item, ctx)` → list of point lines for an item.
    case score
    /// `compliance(fact, ctx)` → list of point lines for a compliance outcome.
    case compliance
    /// `assess(summary, ctx)` → grade, veto, reward for a unit's or person's period.
    case assess
    /// `deadline(event, ctx)` → due time and reminders for an event.
    case deadline

    /// Every office must have these, defined by itself or inherited.
    package static let required: [RuleFunction] = [.score, .compliance, .assess, .deadline]
}
