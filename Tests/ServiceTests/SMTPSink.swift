import Foundation
import Testing

/// The real SMTP server the delivery tests send to: `Tests/oracles/smtp_sink.py` (aiosmtpd)
/// on a free loopback port, writing each received message as a JSON line.
final class SMTPSink {
    struct Mail: Decodable, Equatable {
        var rcpt_to: String
        var subject: String
        var date: String
        var message_id: String
        var scheduled_at: String
        var body: String
        var to: String
    }

    let port: Int
    let file: URL
    private var process: Process?

    init(dir: URL) {
        port = SMTPSink.freePort()
        file = dir.appendingPathComponent("mail-\(port).jsonl")
    }

    deinit { stop() }

    /// Starts the server and waits until it listens.
    func start() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Harness.root.appendingPathComponent("Tests/oracles/smtp_sink.py").path, "--port", "\(port)", "--out", file.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let ready = pipe.fileHandleForReading.availableData
        try #require(String(decoding: ready, as: UTF8.self).hasPrefix("ready"), "the SMTP sink did not start (is aiosmtpd installed? scripts/install-deps test)")
        process = p
    }

    func stop() {
        guard let p = process, p.isRunning else { return }
        // SIGKILL: it keeps nothing in memory (every message is appended as it arrives).
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        process = nil
    }

    var mails: [Mail] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Mail.self, from: Data($0.utf8)) }
    }

    /// A port nothing listens on now (the kernel's pick for a socket bound to port 0).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}
