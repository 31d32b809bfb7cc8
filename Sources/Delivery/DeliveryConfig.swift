package import Foundation
package import Scheduling
package import YAMLFiles

/// `schedules/delivery.yaml`: how reminders leave Tally — the SMTP server for email, the
/// webhooks (generic signed JSON, DingTalk and WeCom group robots) and the retry policy.
/// Secrets are never in the file: it names the environment variables that hold them.
/// Without the file only the in-app inbox is used.
package struct DeliveryConfig: Sendable, Equatable {
    package var email: EmailSettings?
    /// By name, as jobs address them (`webhook:city-robot`).
    package var webhooks: [String: WebhookSettings]
    package var retry: RetryPolicy

    package init(email: EmailSettings? = nil, webhooks: [String: WebhookSettings] = [:], retry: RetryPolicy = RetryPolicy()) {
        self.email = email
        self.webhooks = webhooks
        self.retry = retry
    }

    /// The outbox channel names this configuration can deliver to.
    package var channelNames: Set<String> {
        Set(webhooks.keys.map { "webhook:\($0)" } + (email == nil ? [] : ["email"]))
    }

    /// The file's name in the schedules folder.
    package static let fileName = "delivery.yaml"

    /// Reads `folder/delivery.yaml`; an empty configuration when there is none. Secrets
    /// named by `*_env` fields are read from `environment`; a missing one is an error naming
    /// the field, unless `secrets` is false (checking files, not sending: secrets are left empty).
    package static func load(folder: URL, environment: [String: String] = ProcessInfo.processInfo.environment,
                             secrets: Bool = true) throws(YAMLError) -> DeliveryConfig {
        let url = folder.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return DeliveryConfig() }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw YAMLError(file: url.path, line: 1, field: "", reason: "无法读取：\(error.localizedDescription)")
        }
        return try parse(text, file: url.path, environment: environment, secrets: secrets)
    }

    package static func parse(_ text: String, file: String, environment: [String: String], secrets: Bool = true) throws(YAMLError) -> DeliveryConfig {
        let environment: any SecretSource = secrets ? environment : Placeholders()
        let root = try YAMLNode.parse(text, file: file)
        let fields = try root.mapping(allowed: ["email", "webhooks", "retry"])
        var config = DeliveryConfig()
        if let email = fields["email"] { config.email = try EmailSettings(email, environment: environment) }
        if let hooks = fields["webhooks"] {
            for (name, node) in try hooks.namedMapping() {
                guard name.range(of: "^[a-z0-9][a-z0-9-]{0,39}$", options: .regularExpression) != nil else {
                    throw node.error("Webhook 名称应由小写字母、数字和 - 组成（不超过 40 个字符）")
                }
                config.webhooks[name] = try WebhookSettings(node, environment: environment)
            }
        }
        if let retry = fields["retry"] {
            let r = try retry.mapping(allowed: ["first", "longest", "give_up_after"])
            var policy = RetryPolicy()
            if let n = r["first"] { policy.first = try seconds(n) }
            if let n = r["longest"] { policy.longest = try seconds(n) }
            if let n = r["give_up_after"] { policy.giveUpAfter = try seconds(n) }
            guard policy.first <= policy.longest else { throw retry.error("first 不能大于 longest") }
            config.retry = policy
        }
        return config
    }

    /// `30s`, `5m`, `2h`, `3d` as seconds (at least 1 second, at most 30 days).
    static func seconds(_ node: YAMLNode) throws(YAMLError) -> Int64 {
        let text = try node.string()
        let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3600, "d": 86400]
        // `n <= 30 * 86400` before multiplying: a huge number is an error, not an overflow trap.
        guard let unit = text.last.flatMap({ units[$0] }), let n = Int64(text.dropLast()), n > 0, n <= 30 * 86400, n * unit <= 30 * 86400 else {
            throw node.error("应为时长，如 30s、5m、2h、3d（不超过 30 天），实际为 '\(text)'")
        }
        return n * unit
    }

    /// The secret in the environment variable a `*_env` field names.
    static func secret(_ node: YAMLNode, environment: some SecretSource) throws(YAMLError) -> String {
        let name = try node.string()
        guard let value = environment.value(of: name), !value.isEmpty else { throw node.error("环境变量 \(name) 未设置（密钥不写在文件里）") }
        return value
    }
}

/// Where `*_env` fields are looked up.
protocol SecretSource {
    func value(of name: String) -> String?
}

extension Dictionary: SecretSource where Key == String, Value == String {
    func value(of name: String) -> String? { self[name] }
}

/// Every variable "set" to a placeholder (which also reads as a URL, for `url_env`): for
/// checking files without their secrets.
private struct Placeholders: SecretSource {
    func value(of name: String) -> String? { "https://example.invalid/\(name)" }
}

/// The SMTP server reminders are sent through.
package struct EmailSettings: Sendable, Equatable {
    package var host: String
    package var port: Int
    /// The envelope and `From:` address.
    package var from: String
    /// The display name of `From:` (`某市人民政府办公室信息科`).
    package var fromName: String?
    /// The name given in EHLO.
    package var helo: String
    package var username: String?
    package var password: String?
    /// Seconds for the whole conversation with the server.
    package var timeout: Int64

    package init(host: String, port: Int, from: String, fromName: String? = nil, helo: String = "tally.localdomain", username: String? = nil,
                 password: String? = nil, timeout: Int64 = 30) {
        self.host = host
        self.port = port
        self.from = from
        self.fromName = fromName
        self.helo = helo
        self.username = username
        self.password = password
        self.timeout = timeout
    }

    init(_ node: YAMLNode, environment: some SecretSource) throws(YAMLError) {
        let f = try node.mapping(allowed: ["host", "port", "from", "from_name", "helo", "username", "password_env", "timeout"])
        host = try f.required("host", in: node).string()
        port = try f["port"]?.int() ?? 25
        guard (1...65535).contains(port) else { throw f["port"]!.error("应在 1–65535 之间") }
        from = try f.required("from", in: node).string()
        guard EmailAddress.isValid(from) else { throw f["from"]!.error("不是有效的邮箱地址：'\(from)'") }
        fromName = try f["from_name"]?.string()
        helo = try f["helo"]?.string() ?? "tally.localdomain"
        username = try f["username"]?.string()
        if let p = f["password_env"] { password = try DeliveryConfig.secret(p, environment: environment) }
        guard (username == nil) == (password == nil) else { throw node.error("username 和 password_env 应同时给出") }
        timeout = try f["timeout"].map(DeliveryConfig.seconds) ?? 30
    }
}

/// A webhook reminders are posted to.
package struct WebhookSettings: Sendable, Equatable {
    package enum Preset: String, Sendable, CaseIterable {
        /// Tally's own JSON, signed with HMAC-SHA256 over `timestamp.body` (`X-Tally-Signature`).
        case json
        /// DingTalk group robot (钉钉群机器人): markdown message, optional 加签 secret.
        case dingtalk
        /// WeCom group robot (企业微信群机器人): markdown message; the key is in the URL.
        case wecom
    }

    package var preset: Preset
    package var url: URL
    package var secret: String?
    package var timeout: Int64

    package init(preset: Preset, url: URL, secret: String? = nil, timeout: Int64 = 15) {
        self.preset = preset
        self.url = url
        self.secret = secret
        self.timeout = timeout
    }

    init(_ node: YAMLNode, environment: some SecretSource) throws(YAMLError) {
        let f = try node.mapping(allowed: ["preset", "url", "url_env", "secret_env", "timeout"])
        let presetText = try f["preset"]?.string() ?? "json"
        guard let preset = Preset(rawValue: presetText) else {
            throw f["preset"]!.error("应为 \(Preset.allCases.map(\.rawValue).joined(separator: "、")) 之一，实际为 '\(presetText)'")
        }
        self.preset = preset
        let text: String
        switch (f["url"], f["url_env"]) {
        case (let u?, nil): text = try u.string()
        case (nil, let e?): text = try DeliveryConfig.secret(e, environment: environment)
        default: throw node.error("应给出 url 或 url_env（二者之一；含密钥的地址请用 url_env）")
        }
        guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw (f["url"] ?? f["url_env"]!).error("不是有效的 http(s) 地址")
        }
        self.url = url
        secret = try f["secret_env"].map { n throws(YAMLError) in try DeliveryConfig.secret(n, environment: environment) }
        if preset == .json, secret == nil { throw node.error("json 预设的 Webhook 需要 secret_env（用于签名）") }
        timeout = try f["timeout"].map(DeliveryConfig.seconds) ?? 15
    }
}

/// Email addresses as Tally sends to them: ASCII `local@domain`.
package enum EmailAddress {
    package static func isValid(_ s: String) -> Bool {
        s.range(of: #"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$"#,
                options: .regularExpression) != nil
    }
}
