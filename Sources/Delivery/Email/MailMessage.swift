import Crypto
import Domain
import Foundation
import WorkingDays

/// An outbox message as an email (RFC 5322 with MIME): UTF-8 subject and sender name as
/// encoded words, the body base64 in 76-character lines, `Date:` from the courier's clock in
/// Beijing time, and a `Message-ID` made from the outbox key, so a repeat is recognisable.
enum MailMessage {
    static func render(_ m: OutboxMessage, settings: EmailSettings, now: Instant) -> String {
        var headers: [(String, String)] = []
        let from = settings.fromName.map { "\(displayName($0)) <\(settings.from)>" } ?? "<\(settings.from)>"
        headers.append(("From", from))
        headers.append(("To", m.recipientName.map { "\(displayName($0)) <\(m.recipient)>" } ?? "<\(m.recipient)>"))
        headers.append(("Subject", encodedWord(m.subject)))
        headers.append(("Date", rfc5322Date(now)))
        headers.append(("Message-ID", "<\(messageID(m.key))@tally>"))
        headers.append(("X-Tally-Scheduled-At", m.scheduledAt.iso))
        headers.append(("MIME-Version", "1.0"))
        headers.append(("Content-Type", "text/plain; charset=UTF-8"))
        headers.append(("Content-Transfer-Encoding", "base64"))
        let body = Data(m.body.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return headers.map { "\($0.0): \($0.1)" }.joined(separator: "\r\n") + "\r\n\r\n" + body
    }

    /// The hex SHA-256 of the outbox key, first 32 digits.
    static func messageID(_ key: String) -> String {
        SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined().prefix(32).description
    }

    /// A display name as an RFC 5322 phrase: encoded words when it needs them, else quoted
    /// when it holds specials (`Li, Qiang (FGW)` would otherwise read as two addresses).
    static func displayName(_ name: String) -> String {
        let encoded = encodedWord(name)
        guard encoded == name, name.contains(where: { "()<>[]:;@\\,.\"".contains($0) }) else { return encoded }
        return "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// RFC 2047 `=?UTF-8?B?…?=` for non-ASCII text (and for ASCII text too long for one header
    /// line), in pieces of at most 36 bytes of UTF-8 (never splitting a character), so each
    /// encoded word is at most 60 characters and a header's first line (`Subject: ` and a word)
    /// stays within the 76 RFC 2047 asks for.
    static func encodedWord(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII || $0.value < 32 }) || text.utf8.count > 900 else { return text }
        var words: [String] = []
        var chunk = Data()
        for ch in text {
            let bytes = Data(String(ch).utf8)
            if chunk.count + bytes.count > 36 {
                words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=")
                chunk = Data()
            }
            chunk.append(bytes)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(chunk.base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    /// `Tue, 14 Apr 2026 09:00:00 +0800`.
    static func rfc5322Date(_ t: Instant) -> String {
        let zone = Zone.shanghai
        let local = zone.local(t)
        let (y, mo, d) = local.day.components
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let seconds = Int(((t.seconds % 60) + 60) % 60)
        return "\(days[local.day.weekday - 1]), " + String(format: "%02d", d) + " \(months[mo - 1]) \(y) "
            + String(format: "%02d:%02d:%02d", local.hour, local.minute, seconds) + " +0800"
    }
}
