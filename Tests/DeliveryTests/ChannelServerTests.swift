import Crypto
@testable import Delivery
import Domain
import Foundation
import Testing
import WorkingDays

/// `WebhookChannel` against a real HTTP server (Tests/oracles/webhook_sink.py) and
/// `EmailChannel` against a real SMTP server (Tests/oracles/smtp_sink.py, aiosmtpd): what
/// arrives, and which failures are transient.
@Suite(.serialized) struct ChannelServerTests {
    static let now = Instant(iso: "2026-05-28T09:00:37+08:00")!

    /// Runs `body` with a webhook sink (answering `mode` unless the path names one) and the file it records to.
    func withWebhookSink(mode: String = "ok", _ body: (_ port: Int, _ log: URL) async throws -> Void) async throws {
        let log = Support.temporaryFile("hooks.jsonl")
        let server = try OracleServer("webhook_sink.py", ["--port", "0", "--out", log.path, "--mode", mode])
        defer {
            server.stop()
            try? FileManager.default.removeItem(at: log)
        }
        try await body(try #require(server.port), log)
    }

    func send(_ channel: some DeliveryChannel, _ m: OutboxMessage) async -> Result<String, DeliveryFailure> {
        do throws(DeliveryFailure) { return .success(try await channel.send(m, now: Self.now)) } catch { return .failure(error) }
    }

    static let hook = Support.message(channel: "webhook:city-robot", recipient: "city-robot", recipientName: nil)

    @Test func aDingTalkMessageArrivesSignedAndIsDelivered() async throws {
        try await withWebhookSink { port, log in
            let secret = "SEC0f1e2d3c4b5a"
            let settings = WebhookSettings(preset: .dingtalk, url: URL(string: "http://127.0.0.1:\(port)/robot/send?access_token=tok")!, secret: secret)
            let answer = try await WebhookChannel(name: "city-robot", settings: settings).send(Self.hook, now: Self.now)
            #expect(answer.hasPrefix("HTTP 200"))
            let requests = try Support.jsonLines(log)
            #expect(requests.count == 1)
            let r = try #require(requests.first)
            let path = try #require(r["path"] as? String)
            let query = try #require(URLComponents(string: "http://x\(path)")?.percentEncodedQueryItems)
            #expect(query.map(\.name) == ["access_token", "timestamp", "sign"])
            #expect(query[1].value == String(Self.now.seconds * 1000))
            #expect(query[2].value == (try WebhookPayloadTests.dingTalkSigns([(secret, Self.now.seconds * 1000)])).first)
            let headers = try #require(r["headers"] as? [String: String])
            #expect(headers["content-type"] == "application/json; charset=utf-8")
            #expect(headers["idempotency-key"] == MailMessage.messageID(Self.hook.key))
            let body = try #require((r["body"] as? String).map { Data($0.utf8) })
            let object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
            #expect((object["markdown"] as? [String: String])?["title"] == Self.hook.subject)
        }
    }

    @Test func aJSONWebhookArrivesWithAVerifiableSignature() async throws {
        try await withWebhookSink { port, log in
            let settings = WebhookSettings(preset: .json, url: URL(string: "http://127.0.0.1:\(port)/hooks/tally")!, secret: "hook-secret")
            let answer = try await WebhookChannel(name: "ops", settings: settings).send(Self.hook, now: Self.now)
            #expect(answer.hasPrefix("HTTP 200"))
            let r = try #require(try Support.jsonLines(log).first)
            let headers = try #require(r["headers"] as? [String: String])
            let body = Data(try #require(r["body"] as? String).utf8)  // as the server received it
            let timestamp = try #require(headers["x-tally-timestamp"])
            #expect(timestamp == String(Self.now.seconds))
            var signed = Data("\(timestamp).".utf8)
            signed.append(body)
            let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: Data("hook-secret".utf8)))
            #expect(headers["x-tally-signature"] == "sha256=" + WebhookPayloadTests.hex(mac))
            #expect((try JSONSerialization.jsonObject(with: body) as? [String: Any])?["key"] as? String == Self.hook.key)
        }
    }

    @Test func failuresAreTransientOrPermanentAsTheServerAnswers() async throws {
        try await withWebhookSink { port, log in
            let expected: [(mode: String, transient: Bool?)] = [
                ("ok", nil), ("500", true), ("429", true), ("400", false), ("errcode", false), ("ratelimit", true),
            ]
            for (mode, transient) in expected {
                let settings = WebhookSettings(preset: .dingtalk, url: URL(string: "http://127.0.0.1:\(port)/\(mode)/robot/send?access_token=tok")!, secret: "SEC1")
                switch await send(WebhookChannel(name: "city-robot", settings: settings), Self.hook) {
                case .success(let answer):
                    #expect(transient == nil, "\(mode) was delivered: \(answer)")
                case .failure(let failure):
                    #expect(failure.transient == transient, "\(mode): \(failure)")
                    if mode == "errcode" { #expect(failure.reason.contains("310000")) }
                }
            }
            // The JSON preset reads only the status.
            for (mode, transient) in [("errcode", nil), ("500", true), ("400", false)] as [(String, Bool?)] {
                let settings = WebhookSettings(preset: .json, url: URL(string: "http://127.0.0.1:\(port)/\(mode)/hooks")!, secret: "s")
                switch await send(WebhookChannel(name: "ops", settings: settings), Self.hook) {
                case .success: #expect(transient == nil, "json \(mode)")
                case .failure(let failure): #expect(failure.transient == transient, "json \(mode): \(failure)")
                }
            }
            let requests = try Support.jsonLines(log)
            #expect(requests.count == 9)
        }
    }

    @Test func anUnreachableWebhookIsTransient() async throws {
        let port = try Support.freePort()
        let settings = WebhookSettings(preset: .wecom, url: URL(string: "http://127.0.0.1:\(port)/cgi-bin/webhook/send?key=k")!, timeout: 5)
        guard case .failure(let failure) = await send(WebhookChannel(name: "wecom", settings: settings), Self.hook) else {
            Issue.record("delivered to a closed port")
            return
        }
        #expect(failure.transient)
    }

    @Test func aWebhookThatNeverAnswersTimesOutAsTransient() async throws {
        try await withWebhookSink(mode: "hang") { port, _ in
            let settings = WebhookSettings(preset: .wecom, url: URL(string: "http://127.0.0.1:\(port)/send?key=k")!, timeout: 2)
            let start = ContinuousClock.now
            let result = await send(WebhookChannel(name: "wecom", settings: settings), Self.hook)
            let elapsed = ContinuousClock.now - start
            guard case .failure(let failure) = result else {
                Issue.record("a hanging server delivered")
                return
            }
            #expect(failure.transient)
            #expect(elapsed >= .milliseconds(1_900) && elapsed < .seconds(10), "\(elapsed)")
        }
    }

    // MARK: Email

    func withSMTPSink(_ body: (_ port: Int, _ log: URL) async throws -> Void) async throws {
        let log = Support.temporaryFile("mail.jsonl")
        let port = try Support.freePort()
        let server = try OracleServer("smtp_sink.py", ["--port", String(port), "--out", log.path])
        defer {
            server.stop()
            try? FileManager.default.removeItem(at: log)
        }
        try await body(port, log)
    }

    @Test func anEmailArrivesDecodableAtARealSMTPServer() async throws {
        try await withSMTPSink { port, log in
            let settings = EmailSettings(host: "127.0.0.1", port: port, from: "xxk@gov.example.cn", fromName: "某市人民政府办公室信息科", timeout: 10)
            let subject = "【提醒】周省长批示请于 4 月 10 日前办结，" + String(repeating: "请高度重视", count: 20)
            let body = "王芳同志：\n\n.\n..leading dots\n请于今天 17:30 前报送办理情况。\n" + String(repeating: "正文", count: 300)
            let m = Support.message(subject: subject, body: body)
            let answer = try await EmailChannel(settings: settings).send(m, now: Self.now)
            #expect(answer.contains("250"))
            let mails = try Support.jsonLines(log)
            #expect(mails.count == 1)
            let mail = try #require(mails.first)
            #expect(mail["mail_from"] as? String == "xxk@gov.example.cn")
            #expect(mail["rcpt_to"] as? String == "li@fgw.example.cn")
            #expect(mail["subject"] as? String == subject)
            #expect(mail["from"] as? String == "某市人民政府办公室信息科 <xxk@gov.example.cn>")
            #expect(mail["to"] as? String == "王芳（市发展改革委 信息员） <li@fgw.example.cn>")
            #expect(mail["body"] as? String == body)
            #expect(mail["date"] as? String == "Thu, 28 May 2026 09:00:37 +0800")
            #expect(mail["message_id"] as? String == "<\(MailMessage.messageID(m.key))@tally>")
            #expect(mail["scheduled_at"] as? String == "2026-05-28T09:00:00+08:00")
        }
    }

    @Test func aBadRecipientIsPermanentWithoutConnecting() async throws {
        let settings = EmailSettings(host: "127.0.0.1", port: try Support.freePort(), from: "xxk@gov.example.cn", timeout: 5)
        guard case .failure(let failure) = await send(EmailChannel(settings: settings), Support.message(recipient: "王芳@例子.cn")) else {
            Issue.record("sent to a bad address")
            return
        }
        #expect(!failure.transient)
    }

    @Test func loggingInWhereTheServerOffersNoAuthIsPermanent() async throws {
        try await withSMTPSink { port, log in
            let settings = EmailSettings(host: "127.0.0.1", port: port, from: "xxk@gov.example.cn", username: "xxk", password: "pw", timeout: 10)
            guard case .failure(let failure) = await send(EmailChannel(settings: settings), Support.message()) else {
                Issue.record("sent without logging in")
                return
            }
            #expect(!failure.transient, "\(failure)")
            let mails = try Support.jsonLines(log)
            #expect(mails.isEmpty)
        }
    }

    @Test func aRefusedConnectionIsTransient() async throws {
        let settings = EmailSettings(host: "127.0.0.1", port: try Support.freePort(), from: "xxk@gov.example.cn", timeout: 5)
        guard case .failure(let failure) = await send(EmailChannel(settings: settings), Support.message()) else {
            Issue.record("delivered to a closed port")
            return
        }
        #expect(failure.transient, "\(failure)")
    }

    @Test func aServerThatNeverAnswersTimesOutAsTransient() async throws {
        let listener = try OracleServer.silentListener()
        defer { listener.stop() }
        let settings = EmailSettings(host: "127.0.0.1", port: try #require(listener.port), from: "xxk@gov.example.cn", timeout: 2)
        let start = ContinuousClock.now
        let result = await send(EmailChannel(settings: settings), Support.message())
        let elapsed = ContinuousClock.now - start
        guard case .failure(let failure) = result else {
            Issue.record("a silent server accepted mail")
            return
        }
        #expect(failure.transient, "\(failure)")
        #expect(failure.reason.contains("2 秒内未完成"), "\(failure)")
        #expect(elapsed >= .milliseconds(1_900) && elapsed < .seconds(10), "\(elapsed)")
    }
}
