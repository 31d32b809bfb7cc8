import Crypto
@testable import Delivery
import Domain
import Foundation
import Testing
import WorkingDays

/// What each webhook preset posts, with signatures checked independently: the JSON preset's
/// HMAC recomputed here, DingTalk's `sign` computed by Python as DingTalk documents it.
@Suite struct WebhookPayloadTests {
    static let now = Instant(iso: "2026-05-28T09:00:37+08:00")!

    static func hex(_ bytes: some Sequence<UInt8>) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    static func header(_ name: String, _ p: WebhookPayload) -> String? { p.headers.first { $0.0 == name }?.1 }

    static func queryItems(_ url: URL) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQueryItems ?? []).map { ($0.name, $0.value ?? "") })
    }

    @Test func theJSONPresetIsSignedOverTimestampDotBody() throws {
        let settings = WebhookSettings(preset: .json, url: URL(string: "https://ops.example.cn/hooks/tally")!, secret: "s3cr3t-密钥")
        let m = Support.message(channel: "webhook:ops", recipient: "ops", recipientName: nil)
        let p = WebhookPayload.make(m, settings: settings, now: Self.now)
        #expect(p.url == settings.url)
        #expect(Self.header("Content-Type", p) == "application/json; charset=utf-8")
        #expect(Self.header("Idempotency-Key", p) == MailMessage.messageID(m.key))
        #expect(Self.header("X-Tally-Timestamp", p) == String(Self.now.seconds))
        var signed = Data("\(Self.now.seconds).".utf8)
        signed.append(p.body)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Data("s3cr3t-密钥".utf8)))
        #expect(Self.header("X-Tally-Signature", p) == "sha256=" + Self.hex(mac))
        let object = try #require(try JSONSerialization.jsonObject(with: p.body) as? [String: Any])
        #expect(object["key"] as? String == m.key && object["office"] as? String == "city")
        #expect(object["subject"] as? String == m.subject && object["body"] as? String == m.body)
        #expect(object["scheduled_at"] as? String == "2026-05-28T09:00:00+08:00" && object["event"] as? String == "instruction:PS-2")
        // Without an event: null, and the signature still covers exactly the body sent.
        var bare = m
        bare.eventSubject = nil
        let q = WebhookPayload.make(bare, settings: settings, now: Self.now)
        #expect((try JSONSerialization.jsonObject(with: q.body) as? [String: Any])?["event"] is NSNull)
        var signedQ = Data("\(Self.now.seconds).".utf8)
        signedQ.append(q.body)
        #expect(Self.header("X-Tally-Signature", q) == "sha256=" + Self.hex(HMAC<SHA256>.authenticationCode(for: signedQ, using: SymmetricKey(data: Data("s3cr3t-密钥".utf8)))))
    }

    /// DingTalk's documented signature, computed by Python: base64(HMAC-SHA256(key: secret,
    /// "<ms>\n<secret>")), then URL-encoded with quote_plus.
    static func dingTalkSigns(_ cases: [(secret: String, millis: Int64)]) throws -> [String] {
        let out = try Support.python("""
            import sys, hmac, hashlib, base64, urllib.parse
            for line in sys.stdin:
                ms, secret = line.rstrip("\\n").split("\\t", 1)
                mac = hmac.new(secret.encode("utf-8"), f"{ms}\\n{secret}".encode("utf-8"), digestmod=hashlib.sha256).digest()
                print(urllib.parse.quote_plus(base64.b64encode(mac)))
            """, input: cases.map { "\($0.millis)\t\($0.secret)\n" }.joined())
        return out.split(separator: "\n").map(String.init)
    }

    @Test func theDingTalkSignIsWhatDingTalkDocuments() throws {
        let base = URL(string: "https://oapi.dingtalk.com/robot/send?access_token=0123abcd")!
        var cases: [(secret: String, millis: Int64, now: Instant)] = []
        for (i, secret) in ["SEC1234567890abcdef", "SECxyz+/=", "SEC" + String(repeating: "9", count: 64), "SEC密钥"].enumerated() {
            for k in 0..<8 {
                let now = Self.now.adding(seconds: Int64(i * 1000 + k * 37))
                cases.append((secret, now.seconds * 1000, now))
            }
        }
        let expected = try Self.dingTalkSigns(cases.map { ($0.secret, $0.millis) })
        #expect(expected.count == cases.count)
        // Some of the signatures hold '+', '/' or '=', which must be escaped.
        #expect(expected.contains { $0.contains("%2B") || $0.contains("%2F") })
        let m = Support.message(channel: "webhook:city-robot", recipient: "city-robot", recipientName: nil)
        for (c, sign) in zip(cases, expected) {
            let p = WebhookPayload.make(m, settings: WebhookSettings(preset: .dingtalk, url: base, secret: c.secret), now: c.now)
            let query = Self.queryItems(p.url)
            #expect(query["access_token"] == "0123abcd")
            #expect(query["timestamp"] == String(c.millis))
            #expect(query["sign"] == sign, "secret \(c.secret) at \(c.millis)")
            #expect(Self.header("X-Tally-Signature", p) == nil)
        }
        let p = WebhookPayload.make(m, settings: WebhookSettings(preset: .dingtalk, url: base, secret: "SEC1"), now: Self.now)
        let object = try #require(try JSONSerialization.jsonObject(with: p.body) as? [String: Any])
        #expect(object["msgtype"] as? String == "markdown")
        let markdown = try #require(object["markdown"] as? [String: String])
        #expect(markdown == ["title": m.subject, "text": "#### \(m.subject)\n\n\(m.body)"])
        // Without a secret (no 加签), the address is posted to as it is.
        #expect(WebhookPayload.make(m, settings: WebhookSettings(preset: .dingtalk, url: base), now: Self.now).url == base)
    }

    @Test func theWeComPresetPostsMarkdownToItsAddress() throws {
        let url = URL(string: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6")!
        let m = Support.message(channel: "webhook:wecom", recipient: "wecom", recipientName: nil)
        let p = WebhookPayload.make(m, settings: WebhookSettings(preset: .wecom, url: url), now: Self.now)
        #expect(p.url == url)
        let object = try #require(try JSONSerialization.jsonObject(with: p.body) as? [String: Any])
        #expect(object["msgtype"] as? String == "markdown")
        #expect((object["markdown"] as? [String: String]) == ["content": "**\(m.subject)**\n\(m.body)"])
        #expect(p.headers.map(\.0) == ["Content-Type", "Idempotency-Key"])
    }

    @Test func robotAnswersAreReadByPreset() {
        func error(_ body: String, _ preset: WebhookSettings.Preset) -> (code: Int, message: String)? {
            WebhookPayload.robotError(Data(body.utf8), preset: preset)
        }
        #expect(error(#"{"errcode":0,"errmsg":"ok"}"#, .dingtalk) == nil)
        #expect(error(#"{"errcode":0,"errmsg":"ok"}"#, .wecom) == nil)
        #expect(error(#"{"errcode":310000,"errmsg":"sign not match"}"#, .dingtalk)! == (310000, "sign not match"))
        #expect(error(#"{"errcode":93000,"errmsg":"invalid webhook url"}"#, .wecom)! == (93000, "invalid webhook url"))
        #expect(error(#"{"errcode":45009}"#, .wecom)! == (45009, ""))
        #expect(error("<html>gateway</html>", .dingtalk)?.code == -1)
        #expect(error(#"{"ok":true}"#, .wecom)?.code == -1)
        #expect(error(#"{"errcode":"0"}"#, .dingtalk)?.code == -1)
        #expect(error("", .dingtalk)?.code == -1)
        // The JSON preset's receivers answer what they like.
        #expect(error("<html>gateway</html>", .json) == nil)
        #expect(error(#"{"errcode":310000}"#, .json) == nil)
    }
}
