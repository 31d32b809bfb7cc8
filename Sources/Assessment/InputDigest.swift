import Tagged
import Domain
import WorkingDays

/// A digest of what a run read: the items with every fact scoring sees, the work records,
/// and the run's parameters. Two runs with equal digests and rule versions must agree.
enum InputDigest {
    static func of(table: ItemTable, work: WorkRecords, extra: [String]) -> String {
        var h = StableHasher()
        for s in extra { h.combine(s) }
        for i in 0..<table.count {
            h.combine(table.ids[i].rawValue)
            h.combine(Int64(table.submitted[i].ordinal))
            h.combine(table.category[i].rawValue)
            h.combine(table.merged[i])
            h.combine(Int64(table.commission[i]) < 0 ? nil : table.strings[Int(table.commission[i])])
            for k in Int(table.unitStart[i])..<Int(table.unitStart[i + 1]) { h.combine(table.strings[Int(table.unitRefs[k])]) }
            for k in Int(table.authorStart[i])..<Int(table.authorStart[i + 1]) { h.combine(table.strings[Int(table.authorRefs[k])]) }
            for k in Int(table.adoptionStart[i])..<Int(table.adoptionStart[i + 1]) {
                let a = table.adoptions[k]
                h.combine("\(a.level.rawValue)|\(a.kind.rawValue)|\(table.strings[Int(a.publication)])|\(a.issue < 0 ? "" : table.strings[Int(a.issue)])")
                h.combine(Int64(a.date.ordinal))
            }
            for k in Int(table.forwardingStart[i])..<Int(table.forwardingStart[i + 1]) {
                h.combine(table.forwardings[k].to.rawValue)
                h.combine(Int64(table.forwardings[k].date.ordinal))
            }
            for k in Int(table.instructionStart[i])..<Int(table.instructionStart[i + 1]) {
                let n = table.instructions[k]
                h.combine("\(n.level.rawValue)|\(n.principal)|\(table.strings[Int(n.leader)])")
                h.combine(Int64(n.date.ordinal))
            }
        }
        work.forEachRecord { h.combine($0.fingerprint) }
        return String(UInt64(bitPattern: h.value), radix: 16)
    }
}

extension WorkRecords {
    /// Calls `body` with every record, in a fixed order (for the digest), one at a time.
    func forEachRecord(_ body: (Record) -> Void) {
        for x in offices { body(.office(x)) }
        for x in units { body(.unit(x)) }
        for x in people { body(.person(x)) }
        for x in publications { body(.publication(x)) }
        for x in commissions { body(.commission(x)) }
        for x in answers { body(.answer(x)) }
        for x in instructions { body(.instruction(x)) }
        for x in replies { body(.reply(x)) }
        for x in emergencies { body(.emergency(x)) }
        for x in absences { body(.absence(x)) }
        for x in quotas { body(.quota(x)) }
    }
}
