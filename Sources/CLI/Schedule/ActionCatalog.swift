import Domain
import Scheduling

/// The actions this build of Tally knows. Later parts (notices, meeting packs, reminders,
/// assessment runs) register theirs here.
enum ActionCatalog {
    /// `store` is nil when only checking schedule files.
    static func registry(store: (any ServiceStore)?, global: GlobalOptions, node: String) -> ActionRegistry {
        ActionRegistry([EchoAction(), FailAction(), RecordAction(node: node), InboxPostAction(inbox: store),
                        AssessRunAction(store: store, global: global)])
    }
}
