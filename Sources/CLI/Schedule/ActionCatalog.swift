import Domain
import Scheduling

/// The actions this build of Tally knows. Later parts (notices, meeting packs, reminders,
/// assessment runs) register theirs here.
enum ActionCatalog {
    static func registry(inbox: (any InboxStore)?, node: String) -> ActionRegistry {
        ActionRegistry([EchoAction(), FailAction(), RecordAction(node: node), InboxPostAction(inbox: inbox)])
    }
}
