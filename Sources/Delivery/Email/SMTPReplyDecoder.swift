import NIOCore

/// One reply of an SMTP server: its code and text lines (a multi-line reply's `250-` lines
/// joined).
struct SMTPReply: Sendable, Equatable {
    var code: Int
    var lines: [String]

    var text: String { "\(code) " + lines.joined(separator: " / ") }
    /// 2xx and 3xx.
    var isPositive: Bool { (200..<400).contains(code) }
    /// 5xx: the server will not accept this, however often it is tried.
    var isPermanent: Bool { (500..<600).contains(code) }
}

/// Splits the server's bytes into replies (RFC 5321 §4.2: `NNN-text` continues, `NNN text`
/// ends a reply). Lines longer than 4 KiB are an error.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    private var lines: [String] = []

    struct Malformed: Error, CustomStringConvertible {
        var line: String
        var description: String { "SMTP 服务器的应答格式不对：\(line.prefix(80))" }
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let end = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > 4096 { throw Malformed(line: "（超过 4 KiB 的行）") }
            return .needMoreData
        }
        let length = end - buffer.readerIndex + 1
        var line = buffer.readString(length: length) ?? ""
        while line.last == "\n" || line.last == "\r" || line.last == "\r\n" { line.removeLast() }
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)), (200..<600).contains(code),
              bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-") else { throw Malformed(line: line) }
        lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
        if bytes.count > 3, bytes[3] == UInt8(ascii: "-") { return .continue }
        let reply = SMTPReply(code: code, lines: lines)
        lines = []
        context.fireChannelRead(wrapInboundOut(reply))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue, buffer.readableBytes > 0 {}
        return .needMoreData
    }
}
