import Domain
import WorkingDays

extension ItemTable {
    /// When the facts of item `i` dated `date` (its adoptions, forwardings and
    /// instructions) were recorded: the latest of them, or `unrecorded` when none says.
    func recorded(ofItem i: Int, on date: Day) -> Int64 {
        var latest = ItemTable.unrecorded
        for k in Int(adoptionStart[i])..<Int(adoptionStart[i + 1]) where adoptions[k].date == date {
            latest = max(latest, adoptions[k].recorded)
        }
        for k in Int(forwardingStart[i])..<Int(forwardingStart[i + 1]) where forwardings[k].date == date {
            latest = max(latest, forwardings[k].recorded)
        }
        for k in Int(instructionStart[i])..<Int(instructionStart[i + 1]) where instructions[k].date == date {
            latest = max(latest, instructions[k].recorded)
        }
        return latest
    }
}
