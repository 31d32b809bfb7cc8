import AsyncHTTPClient
package import Domain
import Foundation
import NIOCore
import NIOHTTP1
package import WorkingDays

/// A `webhook:<name>` channel: posts each outbox message as JSON in the preset's shape.
/// 2xx answers are delivered (for robots: with `errcode` 0); 408, 429, 5xx, robot rate limits and
/// network errors are transient; other 4xx answers and robot errors (bad key or signature)
/// are permanent.
package struct WebhookChannel: DeliveryChannel {
    let name: String
    let settings: WebhookSettings

    package init(name: String, settings: WebhookSettings) {
        self.name = name
        self.settings = settings
    }

    /// DingTalk's "sending too fast" and WeCom's "api freq out of limit".
    static let robotRateLimits: Set<Int> = [130101, 45009]

    package func send(_ message: OutboxMessage, now: Instant) async throws(DeliveryFailure) -> String {
        let payload = WebhookPayload.make(message, settings: settings, now: now)
        var request = HTTPClientRequest(url: payload.url.absoluteString)
        request.method = .POST
        for (k, v) in payload.headers { request.headers.add(name: k, value: v) }
        request.body = .bytes(ByteBuffer(bytes: payload.body))
        let status: UInt, body: Data
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(settings.timeout))
            status = response.status.code
            body = Data(try await response.body.collect(upTo: 64 * 1024).readableBytesView)
        } catch {
            throw DeliveryFailure(transient: true, "Webhook \(name) 无法访问：\(error)")
        }
        let text = String(decoding: body.prefix(200), as: UTF8.self)
        guard (200..<300).contains(status) else {
            throw DeliveryFailure(transient: status == 408 || status == 429 || status >= 500, "Webhook \(name) 应答 HTTP \(status)：\(text)")
        }
        if let (code, msg) = WebhookPayload.robotError(body, preset: settings.preset) {
            throw DeliveryFailure(transient: Self.robotRateLimits.contains(code), "Webhook \(name) 的机器人拒绝了消息（errcode \(code)）：\(msg)")
        }
        return "HTTP \(status) \(text)"
    }
}
