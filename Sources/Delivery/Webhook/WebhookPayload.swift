import Crypto
import Domain
import Foundation
import WorkingDays

/// What a webhook preset posts: the URL (DingTalk's signed query added), headers and JSON
/// body for an outbox message.
struct WebhookPayload: Equatable {
    var url: URL
    var headers: [(String, String)]
    var body: Data

    static func == (a: WebhookPayload, b: WebhookPayload) -> Bool {
        a.url == b.url && a.body == b.body && a.headers.map { "\($0.0): \($0.1)" } == b.headers.map { "\($0.0): \($0.1)" }
    }

    /// The request for `m` at `now` (seconds; DingTalk signs milliseconds).
    static func make(_ m: OutboxMessage, settings: WebhookSettings, now: Instant) -> WebhookPayload {
        var headers = [("Content-Type", "application/json; charset=utf-8"), ("Idempotency-Key", MailMessage.messageID(m.key))]
        var url = settings.url
        let object: [String: Any]
        switch settings.preset {
        case .json:
            object = ["key": m.key, "office": m.office.rawValue, "subject": m.subject, "body": m.body,
                      "scheduled_at": m.scheduledAt.iso, "event": m.eventSubject ?? NSNull()]
        case .dingtalk:
            object = ["msgtype": "markdown", "markdown": ["title": m.subject, "text": "#### \(m.subject)\n\n\(m.body)"]]
            if let secret = settings.secret {
                let millis = String(now.seconds * 1000)
                let sign = Data(HMAC<SHA256>.authenticationCode(for: Data("\(millis)\n\(secret)".utf8), using: SymmetricKey(data: Data(secret.utf8))))
                    .base64EncodedString()
                var parts = URLComponents(url: url, resolvingAgainstBaseURL: false)!
                parts.percentEncodedQueryItems = (parts.percentEncodedQueryItems ?? []) + [
                    URLQueryItem(name: "timestamp", value: millis),
                    URLQueryItem(name: "sign", value: sign.addingPercentEncoding(withAllowedCharacters: .alphanumerics)),
                ]
                url = parts.url!
            }
        case .wecom:
            object = ["msgtype": "markdown", "markdown": ["content": "**\(m.subject)**\n\(m.body)"]]
        }
        let body = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        if settings.preset == .json, let secret = settings.secret {
            let timestamp = String(now.seconds)
            var signed = Data("\(timestamp).".utf8)
            signed.append(body)
            let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Data(secret.utf8)))
            headers.append(("X-Tally-Timestamp", timestamp))
            headers.append(("X-Tally-Signature", "sha256=" + mac.map { String(format: "%02x", $0) }.joined()))
        }
        return WebhookPayload(url: url, headers: headers, body: body)
    }

    /// Whether a 2xx answer body means the robot accepted the message: DingTalk and WeCom
    /// answer `{"errcode":0,…}`; a non-zero code is a failure with its `errmsg`.
    static func robotError(_ body: Data, preset: WebhookSettings.Preset) -> (code: Int, message: String)? {
        guard preset != .json else { return nil }
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any], let code = object["errcode"] as? Int else {
            return (-1, "应答不是机器人接口的 JSON：\(String(decoding: body.prefix(200), as: UTF8.self))")
        }
        return code == 0 ? nil : (code, object["errmsg"] as? String ?? "")
    }
}
