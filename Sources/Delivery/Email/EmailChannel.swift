package import Domain
package import WorkingDays

/// The `email` channel: each outbox message is one email to its recipient's address.
package struct EmailChannel: DeliveryChannel {
    let settings: EmailSettings

    package init(settings: EmailSettings) { self.settings = settings }

    package func send(_ message: OutboxMessage, now: Instant) async throws(DeliveryFailure) -> String {
        guard EmailAddress.isValid(message.recipient) else {
            throw DeliveryFailure(transient: false, "收件人地址无效：'\(message.recipient)'")
        }
        return try await SMTPClient(settings: settings).send(MailMessage.render(message, settings: settings, now: now), to: message.recipient)
    }
}
