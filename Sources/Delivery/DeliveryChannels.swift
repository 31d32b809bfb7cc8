package import Domain

extension DeliveryConfig {
    /// The channels this configuration delivers through, by outbox channel name.
    package var channels: [String: any DeliveryChannel] {
        var out: [String: any DeliveryChannel] = [:]
        if let email { out["email"] = EmailChannel(settings: email) }
        for (name, hook) in webhooks { out["webhook:\(name)"] = WebhookChannel(name: name, settings: hook) }
        return out
    }
}
