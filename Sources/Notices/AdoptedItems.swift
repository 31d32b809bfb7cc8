import Assessment
import Tagged
import WorkingDays

/// 附件2 采用信息目录, read off a run's ledger: a run keeps no item titles, so each adoption
/// is listed by its item number, unit, level, the ledger's reason (which names the
/// publication and issue) and date. An adoption line is a line for an `item:` whose reason
/// reads `市《…》…采用`, `省《…》…采用` or `国办《…》…采用`, as the city rules'
/// `adoption_reason` writes it; a jointly submitted item has a line for each unit.
enum AdoptedItems {
    /// The level words an adoption reason starts with, lowest level first.
    static let levels = ["市", "省", "国办"]

    static func list(_ ledger: [LedgerLine], unitNames: [String: String]) -> [QuarterlyNotice.AdoptedItem] {
        let found = ledger.compactMap { line -> (line: LedgerLine, level: Int)? in
            guard line.source.hasPrefix("item:"), line.reason.contains("采用"),
                  let level = levels.firstIndex(where: { line.reason.hasPrefix($0 + "《") }) else { return nil }
            return (line, level)
        }
        let sorted = found.sorted { a, b in
            (a.line.date, a.line.source, a.level, a.line.unit.rawValue) < (b.line.date, b.line.source, b.level, b.line.unit.rawValue)
        }
        return sorted.enumerated().map { k, f in
            QuarterlyNotice.AdoptedItem(
                number: k + 1, item: String(f.line.source.dropFirst("item:".count)), unit: unitNames[f.line.unit.rawValue] ?? f.line.unit.rawValue,
                level: levels[f.level], publication: f.line.reason, date: ChineseTime.date(f.line.date), points: PointsText.format(f.line.points))
        }
    }
}
