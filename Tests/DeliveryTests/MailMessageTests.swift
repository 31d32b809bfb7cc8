@testable import Delivery
import Domain
import Foundation
import NIOCore
import NIOEmbedded
import Testing
import WorkingDays

/// Emails as `MailMessage` renders them, checked by decoding them here (and against Python's
/// `email.utils` for dates), dot-stuffing, and the SMTP reply decoder.
@Suite struct MailMessageTests {
    static let settings = EmailSettings(host: "127.0.0.1", port: 25, from: "xxk@gov.example.cn", fromName: "某市人民政府办公室信息科")
    static let now = Instant(iso: "2026-05-28T09:00:37+08:00")!

    /// Header name → unfolded value, and the body, of a rendered message.
    static func split(_ mail: String) -> (headers: [(String, String)], rawHeaderLines: [String], body: String) {
        let parts = mail.components(separatedBy: "\r\n\r\n")
        let lines = parts[0].components(separatedBy: "\r\n")
        var headers: [(String, String)] = []
        for line in lines {
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                headers[headers.count - 1].1 += "\r\n" + line
            } else {
                let colon = line.firstIndex(of: ":")!
                headers.append((String(line[..<colon]), String(line[line.index(colon, offsetBy: 2)...])))
            }
        }
        return (headers, lines, parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    static func header(_ name: String, _ mail: String) -> String? { split(mail).headers.first { $0.0 == name }?.1 }

    /// Decodes RFC 2047 `=?UTF-8?B?…?=` words separated by folding white space (and plain
    /// ASCII text when there are none); every encoded word must be at most 75 characters.
    static func decodeWords(_ value: String) -> String? {
        guard value.hasPrefix("=?") else { return value }
        var bytes = Data()
        for word in value.components(separatedBy: "\r\n ") {
            guard word.count <= 75, word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?="),
                  let data = Data(base64Encoded: String(word.dropFirst(10).dropLast(2))) else { return nil }
            bytes.append(data)
        }
        return String(data: bytes, encoding: .utf8)
    }

    @Test func aChineseSubjectAndNamesDecodeBack() throws {
        let subject = "【提醒】周省长批示请于 4 月 10 日前办结，" + String(repeating: "请各单位高度重视并按时报送😀", count: 12)
        let m = Support.message(subject: subject)
        let mail = MailMessage.render(m, settings: Self.settings, now: Self.now)
        #expect(Self.decodeWords(try #require(Self.header("Subject", mail))) == subject)
        let to = try #require(Self.header("To", mail))
        #expect(to.hasSuffix(" <li@fgw.example.cn>"))
        #expect(Self.decodeWords(String(to.dropLast(" <li@fgw.example.cn>".count))) == "王芳（市发展改革委 信息员）")
        let from = try #require(Self.header("From", mail))
        #expect(Self.decodeWords(String(from.dropLast(" <xxk@gov.example.cn>".count))) == "某市人民政府办公室信息科")
        // ASCII stays as it is; without names the addresses stand alone.
        var plain = Support.message(recipientName: nil, subject: "Weekly reminder")
        plain.recipientName = nil
        let plainMail = MailMessage.render(plain, settings: EmailSettings(host: "h", port: 25, from: "xxk@gov.example.cn"), now: Self.now)
        #expect(Self.header("Subject", plainMail) == "Weekly reminder")
        #expect(Self.header("To", plainMail) == "<li@fgw.example.cn>")
        #expect(Self.header("From", plainMail) == "<xxk@gov.example.cn>")
    }

    @Test func noHeaderLineIsLongerThan998OrNonASCII() throws {
        let m = Support.message(recipientName: String(repeating: "很长的名字", count: 200), subject: String(repeating: "长标题", count: 500))
        let mail = MailMessage.render(m, settings: Self.settings, now: Self.now)
        let lines = Self.split(mail).rawHeaderLines
        #expect(lines.count > 20)  // folded
        for line in lines {
            #expect(line.utf8.count <= 998)
            #expect(line.unicodeScalars.allSatisfy { $0.isASCII && ($0.value >= 32 || $0 == "\t") }, "\(line)")
        }
        #expect(Self.decodeWords(try #require(Self.header("Subject", mail))) == m.subject)
    }

    /// The display name and address Python's `email.utils.getaddresses` reads from each of
    /// the `From` and `To` headers of `mail`.
    static func pythonAddresses(_ mail: String) throws -> [String] {
        try Support.python("""
            import sys, email, email.utils, email.header
            msg = email.message_from_string(sys.stdin.read())
            for name in ("From", "To"):
                for display, addr in email.utils.getaddresses([msg[name]]):
                    print(str(email.header.make_header(email.header.decode_header(display))) + "|" + addr)
            """, input: mail).split(separator: "\n").map(String.init)
    }

    @Test func asciiDisplayNamesWithSpecialsStayOneAddress() throws {
        let settings = EmailSettings(host: "h", port: 25, from: "xxk@gov.example.cn", fromName: "Tally, City \"Office\"")
        let m = Support.message(recipientName: "Li, Qiang (FGW)")
        let mail = MailMessage.render(m, settings: settings, now: Self.now)
        #expect(try Self.pythonAddresses(mail) == ["Tally, City \"Office\"|xxk@gov.example.cn", "Li, Qiang (FGW)|li@fgw.example.cn"])
        // Chinese names come back the same way.
        let chinese = MailMessage.render(Support.message(), settings: Self.settings, now: Self.now)
        #expect(try Self.pythonAddresses(chinese) == ["某市人民政府办公室信息科|xxk@gov.example.cn", "王芳（市发展改革委 信息员）|li@fgw.example.cn"])
    }

    @Test func aLongASCIISubjectStaysWithinTheLineLimit() throws {
        let subject = String(repeating: "Reminder: please report the status of instruction PS-2. ", count: 25)
        let mail = MailMessage.render(Support.message(subject: subject), settings: Self.settings, now: Self.now)
        for line in Self.split(mail).rawHeaderLines { #expect(line.utf8.count <= 998, "\(line.utf8.count)") }
        #expect(Self.decodeWords(try #require(Self.header("Subject", mail))) == subject)
    }

    @Test func theBodyIsBase64OfTheUTF8Body() throws {
        let body = "王芳同志：\n\n请于今天 17:30 前报送。\n.\n..\n" + String(repeating: "这是一段很长的正文。", count: 80) + "\r\nEnd 😀"
        let mail = MailMessage.render(Support.message(body: body), settings: Self.settings, now: Self.now)
        #expect(Self.header("Content-Transfer-Encoding", mail) == "base64")
        #expect(Self.header("Content-Type", mail) == "text/plain; charset=UTF-8")
        #expect(Self.header("MIME-Version", mail) == "1.0")
        let lines = Self.split(mail).body.components(separatedBy: "\r\n")
        #expect(lines.count > 10 && lines.allSatisfy { $0.count <= 76 })
        let decoded = try #require(Data(base64Encoded: lines.joined()))
        #expect(String(data: decoded, encoding: .utf8) == body)
    }

    @Test func theDateIsRFC5322InBeijingTime() throws {
        #expect(MailMessage.rfc5322Date(Self.now) == "Thu, 28 May 2026 09:00:37 +0800")
        #expect(Self.header("Date", MailMessage.render(Support.message(), settings: Self.settings, now: Self.now)) == "Thu, 28 May 2026 09:00:37 +0800")
        let known = [
            ("2026-01-01T00:30:00+08:00", "Thu, 01 Jan 2026 00:30:00 +0800"),  // still 31 Dec in UTC
            ("2025-12-31T23:59:59+08:00", "Wed, 31 Dec 2025 23:59:59 +0800"),
            ("2024-02-29T12:00:00+08:00", "Thu, 29 Feb 2024 12:00:00 +0800"),
            ("2026-03-01T07:59:59+08:00", "Sun, 01 Mar 2026 07:59:59 +0800"),
            ("2026-06-01T09:00:00+08:00", "Mon, 01 Jun 2026 09:00:00 +0800"),
            ("2026-10-03T18:05:09+08:00", "Sat, 03 Oct 2026 18:05:09 +0800"),
            ("2000-01-01T00:00:00+08:00", "Sat, 01 Jan 2000 00:00:00 +0800"),
        ]
        for (iso, expected) in known { #expect(MailMessage.rfc5322Date(Instant(iso: iso)!) == expected) }
        // Against Python's email.utils over a spread of instants (1990–2100).
        var seconds: [Int64] = []
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<400 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            seconds.append(631_152_000 + Int64(x >> 33) % 3_471_292_800)
        }
        let python = try Support.python("""
            import sys, email.utils, datetime
            tz = datetime.timezone(datetime.timedelta(hours=8))
            for line in sys.stdin:
                print(email.utils.format_datetime(datetime.datetime.fromtimestamp(int(line), tz)))
            """, input: seconds.map(String.init).joined(separator: "\n") + "\n")
        let expected = python.split(separator: "\n").map(String.init)
        #expect(expected.count == seconds.count)
        for (s, e) in zip(seconds, expected) { #expect(MailMessage.rfc5322Date(Instant(seconds: s)) == e, "\(s)") }
    }

    @Test func theMessageIDIsStablePerKey() throws {
        let m = Support.message()
        let a = MailMessage.render(m, settings: Self.settings, now: Self.now)
        var changed = m
        changed.subject = "另一个标题"
        let b = MailMessage.render(changed, settings: Self.settings, now: Self.now.adding(seconds: 3600))
        let id = try #require(Self.header("Message-ID", a))
        #expect(Self.header("Message-ID", b) == id)
        #expect(id.range(of: "^<[0-9a-f]{32}@tally>$", options: .regularExpression) != nil)
        var other = m
        other.key += "x"
        #expect(Self.header("Message-ID", MailMessage.render(other, settings: Self.settings, now: Self.now)) != id)
        #expect(Self.header("X-Tally-Scheduled-At", a) == "2026-05-28T09:00:00+08:00")
    }

    @Test func dotStuffingDoublesEveryLeadingDot() {
        #expect(SMTPClient.dotStuffed(".a\r\n.\r\nb.c\r\n..d\r\ne") == "..a\r\n..\r\nb.c\r\n...d\r\ne")
        #expect(SMTPClient.dotStuffed("plain\r\ntext") == "plain\r\ntext")
        #expect(SMTPClient.dotStuffed("") == "")
        #expect(SMTPClient.dotStuffed(".") == "..")
    }

    // MARK: SMTP replies

    static func decoder() -> EmbeddedChannel { EmbeddedChannel(handler: ByteToMessageHandler(SMTPReplyDecoder())) }

    @Test func aMultiLineReplyIsOneReply() throws {
        let channel = Self.decoder()
        try channel.writeInbound(ByteBuffer(string: "250-smtp.example.cn Hello\r\n250-AUTH PLAIN LOGIN\r\n"))
        #expect(try channel.readInbound(as: SMTPReply.self) == nil)
        try channel.writeInbound(ByteBuffer(string: "250-SIZE 1024"))
        try channel.writeInbound(ByteBuffer(string: "0000\r\n250 SMTPUTF8\r\n354 go ahead\n220\r\n"))
        let ehlo = try #require(try channel.readInbound(as: SMTPReply.self))
        #expect(ehlo == SMTPReply(code: 250, lines: ["smtp.example.cn Hello", "AUTH PLAIN LOGIN", "SIZE 10240000", "SMTPUTF8"]))
        #expect(ehlo.text == "250 smtp.example.cn Hello / AUTH PLAIN LOGIN / SIZE 10240000 / SMTPUTF8")
        #expect(try channel.readInbound(as: SMTPReply.self) == SMTPReply(code: 354, lines: ["go ahead"]))
        #expect(try channel.readInbound(as: SMTPReply.self) == SMTPReply(code: 220, lines: [""]))
        #expect(try channel.readInbound(as: SMTPReply.self) == nil)
        _ = try channel.finish()
    }

    @Test func replyCodesSayWhetherToRetry() {
        #expect(SMTPReply(code: 550, lines: []).isPermanent && !SMTPReply(code: 550, lines: []).isPositive)
        #expect(!SMTPReply(code: 421, lines: []).isPermanent && !SMTPReply(code: 421, lines: []).isPositive)
        #expect(SMTPReply(code: 354, lines: []).isPositive)
    }

    @Test(arguments: ["hello\r\n", "25 ok\r\n", "250x ok\r\n", "999 what\r\n", "abc-def\r\n", "\r\n"])
    func aMalformedLineIsAnError(_ line: String) {
        let channel = Self.decoder()
        #expect(throws: SMTPReplyDecoder.Malformed.self) { try channel.writeInbound(ByteBuffer(string: line)) }
        _ = try? channel.finish()
    }

    @Test func anEndlessLineIsAnError() {
        let channel = Self.decoder()
        #expect(throws: SMTPReplyDecoder.Malformed.self) { try channel.writeInbound(ByteBuffer(string: "250-" + String(repeating: "x", count: 5000))) }
        _ = try? channel.finish()
    }
}
