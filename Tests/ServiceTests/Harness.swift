import Foundation
import Testing

/// Runs the built `tally` executable in a scratch folder holding a copy of the calendar
/// data and the given job files.
final class Harness {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let tally = root.appendingPathComponent(".build/debug/tally")

    let dir: URL
    let database: String
    /// The rules folder every command gets (`--rules`): the repository's unless a test
    /// points it at a modified copy.
    var rules = Harness.root.appendingPathComponent("rules")

    init(jobs: [String: String], database: String? = nil) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tally-service-\(UUID().uuidString)")
        let schedules = dir.appendingPathComponent("schedules")
        try FileManager.default.createDirectory(at: schedules, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("schedules/calendar"), to: schedules.appendingPathComponent("calendar"))
        for (name, text) in jobs { try text.write(to: schedules.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        self.database = database ?? dir.appendingPathComponent("data/tally.sqlite").path
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    var common: [String] { ["--schedules", dir.appendingPathComponent("schedules").path, "--rules", rules.path, "--database", database] }

    /// Starts `tally ARGS…` with output to files in the folder.
    func start(_ arguments: [String], log: String) throws -> Process {
        let p = Process()
        p.executableURL = Self.tally
        // `tally serve` listens on 8080 unless told: tests that do not use HTTP turn it off.
        let http = arguments.first == "serve" && !arguments.contains("--port") ? ["--port", "0"] : []
        p.arguments = arguments + http + common
        p.currentDirectoryURL = dir
        FileManager.default.createFile(atPath: dir.appendingPathComponent(log).path, contents: nil)
        let handle = try FileHandle(forWritingTo: dir.appendingPathComponent(log))
        p.standardOutput = handle
        p.standardError = handle
        var env = ProcessInfo.processInfo.environment
        env["TALLY_LOG_LEVEL"] = "info"
        p.environment = env
        try p.run()
        return p
    }

    /// Runs `tally ARGS…` to the end: exit status and combined output.
    func run(_ arguments: [String], env: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = Self.tally
        p.arguments = arguments + common
        p.currentDirectoryURL = dir
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        p.environment = ProcessInfo.processInfo.environment.merging(env) { _, b in b }
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Runs `tally ARGS…` to the end: exit status, standard output and standard error apart
    /// (`--json` output is on standard output, progress lines on standard error).
    func runSeparately(_ arguments: [String], env: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = Self.tally
        p.arguments = arguments + common
        p.currentDirectoryURL = dir
        // Files, not pipes: nothing blocks however much either stream holds.
        let id = UUID().uuidString
        let out = dir.appendingPathComponent("stdout-\(id)"), err = dir.appendingPathComponent("stderr-\(id)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        let outHandle = try FileHandle(forWritingTo: out), errHandle = try FileHandle(forWritingTo: err)
        defer {
            try? outHandle.close()
            try? errHandle.close()
        }
        p.standardOutput = outHandle
        p.standardError = errHandle
        p.environment = ProcessInfo.processInfo.environment.merging(env) { _, b in b }
        try p.run()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: try Data(contentsOf: out), as: UTF8.self), String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    func text(_ name: String) -> String {
        (try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }

    var recordFile: String { dir.appendingPathComponent("runs.txt").path }

    /// The lines `test.record` wrote: (start|done, key, node).
    func records() -> [(event: String, key: String, node: String)] {
        text("runs.txt").split(separator: "\n").map { line in
            let f = line.split(separator: " ").map(String.init)
            return (f[0], f[1], f[2])
        }
    }

    /// Waits (up to `timeout` seconds) until `condition` holds.
    func waitFor(_ timeout: Double, _ condition: () -> Bool) async throws -> Bool {
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }

    static func stop(_ p: Process, signal: Int32 = SIGTERM) {
        guard p.isRunning else { return }
        kill(p.processIdentifier, signal)
        p.waitUntilExit()
    }

    static var builtExecutable: Bool { FileManager.default.isExecutableFile(atPath: tally.path) }
}
