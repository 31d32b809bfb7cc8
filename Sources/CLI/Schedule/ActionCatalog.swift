import Delivery
import Domain
import Scheduling
import YAMLFiles

/// The actions this build of Tally knows.
enum ActionCatalog {
    /// `store` is nil when only checking schedule files; `enqueued` wakes the courier when a
    /// reminder stored outbox messages.
    static func registry(store: (any ServiceStore)?, global: GlobalOptions, node: String, delivery: DeliveryConfig,
                         enqueued: @escaping @Sendable () -> Void = {}) -> ActionRegistry {
        let stores = store.map { NotifyAction.Stores(inbox: $0, outbox: $0, people: $0) }
        return ActionRegistry([EchoAction(), FailAction(), RecordAction(node: node), InboxPostAction(inbox: store),
                               NotifyAction(stores: stores, configured: delivery.channelNames, enqueued: enqueued),
                               AssessRunAction(store: store, global: global), NoticeGenerateAction(store: store, global: global)])
    }

    /// The registry for checking schedule files (no database; secrets not needed).
    static func checking(_ global: GlobalOptions, node: String = "") throws -> ActionRegistry {
        registry(store: nil, global: global, node: node, delivery: try delivery(global, secrets: false))
    }

    /// `schedules/delivery.yaml`, with errors as command failures naming file, line and field.
    static func delivery(_ global: GlobalOptions, secrets: Bool = true) throws -> DeliveryConfig {
        do { return try DeliveryConfig.load(folder: global.schedulesURL, secrets: secrets) } catch {
            throw CommandFailure("发送设置有误：\(error.description)")
        }
    }
}
