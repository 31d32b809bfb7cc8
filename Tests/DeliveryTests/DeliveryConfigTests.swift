@testable import Delivery
import Foundation
import Scheduling
import Testing
import YAMLFiles

/// `schedules/delivery.yaml`: a full file reads back exactly; every mistake is reported with
/// the file, line and field.
@Suite struct DeliveryConfigTests {
    static let file = "schedules/delivery.yaml"

    static let full = """
        email:
          host: smtp.gov.example.cn
          port: 2525
          from: xxk@gov.example.cn
          from_name: 某市人民政府办公室信息科
          helo: tally.gov.example.cn
          username: xxk
          password_env: TALLY_SMTP_PASSWORD
          timeout: 45s
        webhooks:
          city-robot:
            preset: dingtalk
            url_env: TALLY_DINGTALK_URL
            secret_env: TALLY_DINGTALK_SECRET
          wecom-1:
            preset: wecom
            url: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc
          ops:
            url: https://ops.example.cn/hooks/tally
            secret_env: TALLY_HOOK_SECRET
            timeout: 5s
        retry:
          first: 30s
          longest: 1h
          give_up_after: 2d
        """

    static let environment = [
        "TALLY_SMTP_PASSWORD": "pw", "TALLY_DINGTALK_URL": "https://oapi.dingtalk.com/robot/send?access_token=tok",
        "TALLY_DINGTALK_SECRET": "SECabc", "TALLY_HOOK_SECRET": "hook-secret",
    ]

    @Test func aFullFileReadsBackExactly() throws {
        let config = try DeliveryConfig.parse(Self.full, file: Self.file, environment: Self.environment)
        #expect(config.email == EmailSettings(host: "smtp.gov.example.cn", port: 2525, from: "xxk@gov.example.cn", fromName: "某市人民政府办公室信息科",
                                              helo: "tally.gov.example.cn", username: "xxk", password: "pw", timeout: 45))
        #expect(config.webhooks == [
            "city-robot": WebhookSettings(preset: .dingtalk, url: URL(string: "https://oapi.dingtalk.com/robot/send?access_token=tok")!, secret: "SECabc"),
            "wecom-1": WebhookSettings(preset: .wecom, url: URL(string: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc")!),
            "ops": WebhookSettings(preset: .json, url: URL(string: "https://ops.example.cn/hooks/tally")!, secret: "hook-secret", timeout: 5),
        ])
        #expect(config.retry == RetryPolicy(first: 30, longest: 3600, giveUpAfter: 2 * 86400))
        #expect(config.channelNames == ["email", "webhook:city-robot", "webhook:wecom-1", "webhook:ops"])
        #expect(Set(config.channels.keys) == config.channelNames)
    }

    @Test func defaultsApplyToWhatTheFileLeavesOut() throws {
        let config = try DeliveryConfig.parse("email:\n  host: 10.0.0.5\n  from: xxk@gov.example.cn\n", file: Self.file, environment: [:])
        #expect(config.email == EmailSettings(host: "10.0.0.5", port: 25, from: "xxk@gov.example.cn"))
        #expect(config.webhooks.isEmpty && config.retry == RetryPolicy())
    }

    @Test func withoutSecretsMissingVariablesAreAccepted() throws {
        let config = try DeliveryConfig.parse(Self.full, file: Self.file, environment: [:], secrets: false)
        #expect(config.email?.password?.isEmpty == false)
        #expect(config.webhooks["city-robot"]?.url.scheme == "https")
        #expect(config.webhooks.count == 3)
        // With secrets, the same file without its variables is refused.
        #expect(throws: YAMLError.self) { try DeliveryConfig.parse(Self.full, file: Self.file, environment: [:]) }
    }

    /// The error `text` gives, checked to name `line` and `field` (and to say so when printed).
    func expectError(_ text: String, line: Int, field: String, environment: [String: String] = environment,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        do {
            let config = try DeliveryConfig.parse(text, file: Self.file, environment: environment)
            Issue.record("no error; read \(config)", sourceLocation: sourceLocation)
        } catch {
            #expect(error.file == Self.file, sourceLocation: sourceLocation)
            #expect(error.line == line, "\(error)", sourceLocation: sourceLocation)
            #expect(error.field == field, "\(error)", sourceLocation: sourceLocation)
            #expect(!error.reason.isEmpty, sourceLocation: sourceLocation)
            #expect(error.description.hasPrefix("\(Self.file):\(line): \(field): "), sourceLocation: sourceLocation)
        }
    }

    @Test func anUnknownFieldIsNamed() {
        expectError("email:\n  host: h\n  from: a@b.cn\n  prot: 25\n", line: 4, field: "email.prot")
        expectError("emails:\n  host: h\n", line: 1, field: "emails")
        expectError("webhooks:\n  ops:\n    url: https://x.example.cn/\n    secret_env: TALLY_HOOK_SECRET\n    secret: s\n", line: 5, field: "webhooks.ops.secret")
        expectError("retry:\n  first: 30s\n  last: 1h\n", line: 3, field: "retry.last")
    }

    @Test func aBadPortIsNamed() {
        expectError("email:\n  host: h\n  port: 70000\n  from: a@b.cn\n", line: 3, field: "email.port")
        expectError("email:\n  host: h\n  port: 0\n  from: a@b.cn\n", line: 3, field: "email.port")
        expectError("email:\n  host: h\n  port: smtp\n  from: a@b.cn\n", line: 3, field: "email.port")
    }

    @Test func aBadSenderAddressIsNamed() {
        expectError("email:\n  host: h\n  from: 信息科\n", line: 3, field: "email.from")
        expectError("email:\n  host: h\n  from: a@b.cn <x>\n", line: 3, field: "email.from")
        expectError("email:\n  host: h\n  from: a@-b.cn\n", line: 3, field: "email.from")
    }

    @Test func aMissingHostIsNamed() {
        expectError("email:\n  from: a@b.cn\n  port: 25\n", line: 2, field: "email.host")
    }

    @Test func aUsernameNeedsItsPassword() {
        expectError("email:\n  host: h\n  from: a@b.cn\n  username: xxk\n", line: 2, field: "email")
    }

    @Test func aWebhookPresetTypoIsNamed() {
        expectError("webhooks:\n  city-robot:\n    preset: dingding\n    url: https://oapi.dingtalk.com/robot/send\n", line: 3,
                    field: "webhooks.city-robot.preset")
    }

    @Test func aJSONWebhookNeedsASecret() {
        expectError("webhooks:\n  ops:\n    url: https://ops.example.cn/hooks\n", line: 3, field: "webhooks.ops")
    }

    @Test func aWebhookNeedsAnHTTPAddress() {
        expectError("webhooks:\n  ops:\n    url: ftp://ops.example.cn/\n    secret_env: TALLY_HOOK_SECRET\n", line: 3, field: "webhooks.ops.url")
        expectError("webhooks:\n  ops:\n    url: https://ops.example.cn/\n    url_env: TALLY_DINGTALK_URL\n    secret_env: TALLY_HOOK_SECRET\n",
                    line: 3, field: "webhooks.ops")
    }

    @Test func aMissingEnvironmentVariableIsNamed() {
        expectError("email:\n  host: h\n  from: a@b.cn\n  username: u\n  password_env: NOT_SET\n", line: 5, field: "email.password_env")
        expectError("webhooks:\n  r:\n    preset: dingtalk\n    url_env: NOT_SET\n", line: 4, field: "webhooks.r.url_env")
        expectError("webhooks:\n  r:\n    preset: dingtalk\n    url: https://oapi.dingtalk.com/robot/send\n    secret_env: NOT_SET\n", line: 5,
                    field: "webhooks.r.secret_env")
        // Set but empty is as good as missing.
        expectError("webhooks:\n  r:\n    preset: dingtalk\n    url_env: EMPTY\n", line: 4, field: "webhooks.r.url_env", environment: ["EMPTY": ""])
    }

    @Test func aBadDurationIsNamed() {
        expectError("retry:\n  first: 5x\n", line: 2, field: "retry.first")
        expectError("retry:\n  longest: 0s\n", line: 2, field: "retry.longest")
        expectError("retry:\n  give_up_after: 31d\n", line: 2, field: "retry.give_up_after")
        expectError("retry:\n  first: m\n", line: 2, field: "retry.first")
        expectError("email:\n  host: h\n  from: a@b.cn\n  timeout: 30\n", line: 4, field: "email.timeout")
    }

    @Test func aHugeDurationIsAnErrorNotACrash() {
        // n * unit must not overflow Int64 (this trapped before).
        expectError("retry:\n  give_up_after: 999999999999999d\n", line: 2, field: "retry.give_up_after")
        expectError("retry:\n  first: 9223372036854775807h\n", line: 2, field: "retry.first")
    }

    @Test func aFirstWaitLongerThanTheLongestIsRefused() {
        expectError("retry:\n  first: 2h\n  longest: 1h\n", line: 2, field: "retry")
    }

    @Test func aBadWebhookNameIsNamed() {
        expectError("webhooks:\n  City_Robot:\n    preset: wecom\n    url: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=a\n", line: 3,
                    field: "webhooks.City_Robot")
    }
}
