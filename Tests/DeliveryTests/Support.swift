import Domain
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import WorkingDays

/// Paths and helpers shared by the delivery tests.
enum Support {
    static let oracles = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("oracles")

    static let city = OfficeID("city")!

    /// Runs `python3 -c script args…` with `input` on stdin; its stdout.
    static func python(_ script: String, _ args: [String] = [], input: String = "") throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script] + args
        let stdin = Pipe(), stdout = Pipe()
        p.standardInput = stdin
        p.standardOutput = stdout
        try p.run()
        try stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw OracleFailure(description: "python3 exited with \(p.terminationStatus)") }
        return String(decoding: out, as: UTF8.self)
    }

    /// A port nothing listens on (bound, then released by a throwaway Python process).
    static func freePort() throws -> Int {
        let out = try python("import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()")
        return Int(out.trimmingCharacters(in: .whitespacesAndNewlines))!
    }

    /// The JSON objects of a JSONL file (none when it does not exist yet).
    static func jsonLines(_ url: URL) throws -> [[String: Any]] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    static func temporaryFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("tally-delivery-\(UUID().uuidString)-\(name)")
    }

    static func message(key: String = "instruction-follow-up@instruction:PS-2@2026-05-28T09:00:00+08:00|email|li@fgw.example.cn",
                        channel: String = "email", recipient: String = "li@fgw.example.cn", recipientName: String? = "王芳（市发展改革委 信息员）",
                        subject: String = "【提醒】周省长批示请于 4 月 10 日前办结", body: String = "王芳同志：\n\n请于今天 17:30 前报送办理情况。\n.\n谢谢！",
                        event: String? = "instruction:PS-2") -> OutboxMessage {
        OutboxMessage(key: key, office: city, channel: channel, recipient: recipient, recipientName: recipientName, subject: subject, body: body,
                      scheduledAt: Instant(iso: "2026-05-28T09:00:00+08:00")!, createdAt: Instant(iso: "2026-05-28T09:00:00+08:00")!,
                      eventSubject: event)
    }
}

struct OracleFailure: Error, CustomStringConvertible {
    var description: String
}

/// A server process started for a test (`python3 Tests/oracles/…`), stopped by `stop()`.
/// It prints a line starting with `ready` once it listens (`ready PORT` when it chose the port).
final class OracleServer: @unchecked Sendable {
    let process = Process()
    /// The port from the `ready` line, if it gave one.
    let port: Int?

    init(_ script: String, _ args: [String]) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + (script.hasSuffix(".py") ? [Support.oracles.appendingPathComponent(script).path] : ["-c", script]) + args
        let stdout = Pipe()
        process.standardOutput = stdout
        try process.run()
        var seen = Data()
        while !seen.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { throw OracleFailure(description: "\(script) exited before it was ready") }
            seen.append(chunk)
        }
        let line = String(decoding: seen.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        guard line.hasPrefix("ready") else { throw OracleFailure(description: "\(script) said '\(line)'") }
        port = Int(line.dropFirst("ready".count).trimmingCharacters(in: .whitespaces))
    }

    /// A bare TCP listener that accepts connections and never says anything.
    static func silentListener() throws -> OracleServer {
        try OracleServer("""
            import socket, time
            s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(16)
            print('ready', s.getsockname()[1], flush=True)
            conns = []
            while True:
                c, _ = s.accept(); conns.append(c)
            """, [])
    }

    /// SIGKILL: a child of the test process inherits its blocked signals, SIGTERM among them.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { if process.isRunning { stop() } }
}
