import Domain
import Foundation
import NIOCore
import NIOPosix

/// Sends one message per connection to an SMTP server (RFC 5321): EHLO, AUTH PLAIN when a
/// user is configured (the server must offer it), MAIL FROM, RCPT TO, DATA, QUIT. Refusals
/// with 5xx codes are permanent failures; 4xx codes, connection errors and timeouts are
/// transient (the courier tries again later).
///
/// TLS is not spoken here: send through the office's mail relay on its own network (the
/// usual set-up for government intranets), or a local relay (Postfix) that adds TLS.
struct SMTPClient: Sendable {
    var settings: EmailSettings

    /// Delivers `data` (a complete RFC 5322 message, CRLF line ends) to `recipient`; returns
    /// the server's answer to the end of DATA.
    func send(_ data: String, to recipient: String) async throws(DeliveryFailure) -> String {
        do {
            return try await withThrowingTaskGroup(of: String.self) { group in
                group.addTask { try await self.converse(data, to: recipient) }
                group.addTask {
                    try await Task.sleep(for: .seconds(settings.timeout))
                    throw DeliveryFailure(transient: true, "SMTP 服务器 \(settings.host):\(settings.port) 在 \(settings.timeout) 秒内未完成发送")
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
        } catch let failure as DeliveryFailure {
            throw failure
        } catch {
            throw DeliveryFailure(transient: true, "无法连接 SMTP 服务器 \(settings.host):\(settings.port)：\(error)")
        }
    }

    private func converse(_ data: String, to recipient: String) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                    return try NIOAsyncChannel<SMTPReply, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            var replies = inbound.makeAsyncIterator()
            func expect(_ codes: Set<Int>, after step: String) async throws -> SMTPReply {
                guard let reply = try await replies.next() else {
                    throw DeliveryFailure(transient: true, "SMTP 服务器在 \(step) 时断开了连接")
                }
                guard codes.contains(reply.code) else {
                    throw DeliveryFailure(transient: !reply.isPermanent, "SMTP 服务器拒绝了 \(step)：\(reply.text)")
                }
                return reply
            }
            func command(_ line: String, expecting codes: Set<Int>, step: String? = nil) async throws -> SMTPReply {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
                return try await expect(codes, after: step ?? String(line.prefix(while: { $0 != ":" && $0 != " " })))
            }
            _ = try await expect([220], after: "连接")
            let ehlo = try await command("EHLO \(settings.helo)", expecting: [250])
            if let user = settings.username, let password = settings.password {
                guard ehlo.lines.contains(where: { $0.uppercased().hasPrefix("AUTH") && $0.uppercased().contains("PLAIN") }) else {
                    throw DeliveryFailure(transient: false, "SMTP 服务器不支持 AUTH PLAIN 登录")
                }
                let token = Data("\0\(user)\0\(password)".utf8).base64EncodedString()
                _ = try await command("AUTH PLAIN \(token)", expecting: [235], step: "登录（AUTH）")
            }
            _ = try await command("MAIL FROM:<\(settings.from)>", expecting: [250])
            _ = try await command("RCPT TO:<\(recipient)>", expecting: [250, 251], step: "收件人 \(recipient)")
            _ = try await command("DATA", expecting: [354])
            try await outbound.write(ByteBuffer(string: Self.dotStuffed(data) + "\r\n.\r\n"))
            let accepted = try await expect([250], after: "邮件内容")
            try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
            _ = try? await replies.next()
            return accepted.text
        }
    }

    /// Doubles a leading dot on every line (RFC 5321 §4.5.2).
    static func dotStuffed(_ data: String) -> String {
        (data.hasPrefix(".") ? "." : "") + data.replacingOccurrences(of: "\r\n.", with: "\r\n..")
    }
}
