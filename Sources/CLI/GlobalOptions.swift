import ArgumentParser
import Foundation
import WorkingDays

/// Options every subcommand takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Rules folder (one sub-folder per office).")
    var rules: String = "rules"

    @Option(name: .long, help: "Schedules folder (job files and calendar data).")
    var schedules: String = "schedules"

    @Option(name: .long, help: "Database: an SQLite file path, sqlite:PATH, or postgres://… (default ./data/tally.sqlite).")
    var database: String = "data/tally.sqlite"

    @Option(name: .long, help: "Fix \"now\" for deterministic runs (ISO 8601 with offset). Also TALLY_NOW.")
    var now: String?

    @Flag(name: .long, help: "Print JSON for machines.")
    var json = false

    var rulesURL: URL { URL(fileURLWithPath: rules) }
    var schedulesURL: URL { URL(fileURLWithPath: schedules) }
    /// The default notice templates: `templates/` beside the rules folder (the repository's
    /// layout); an office's own templates live in `rules/<office>/templates/`.
    var defaultTemplatesURL: URL { rulesURL.standardizedFileURL.deletingLastPathComponent().appendingPathComponent("templates") }

    /// The data folder next to the database (archives, caches).
    var dataDirectory: URL {
        if database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") { return URL(fileURLWithPath: "data") }
        let path = database.hasPrefix("sqlite:") ? String(database.dropFirst(7)) : database
        return URL(fileURLWithPath: path).deletingLastPathComponent()
    }

    func validate() throws {
        if let now, Instant(iso: now) == nil {
            throw ValidationError("--now: 时间格式应为 ISO 8601 并带时区，如 2026-04-01T09:00:00+08:00，实际为 '\(now)'")
        }
    }

    /// The frozen "now": --now, else TALLY_NOW, else the clock.
    func currentInstant() throws -> Instant {
        if let now { return Instant(iso: now)! }
        if let env = ProcessInfo.processInfo.environment["TALLY_NOW"] {
            guard let t = Instant(iso: env) else { throw CommandFailure("TALLY_NOW: 时间格式应为 ISO 8601 并带时区，实际为 '\(env)'") }
            return t
        }
        return Instant(seconds: Int64(Date().timeIntervalSince1970))
    }

    /// The national calendar plus the office's overlay, if any.
    func calendar(office: String? = nil) throws -> WorkCalendar {
        do {
            return try CalendarFile.load(schedules: schedulesURL, office: office)
        } catch {
            throw CommandFailure("无法读取工作日历：\(error)")
        }
    }
}

/// Writes JSON (sorted keys, no escaped slashes) to standard output.
func printJSON(_ value: some Encodable) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    let data = (try? encoder.encode(value)) ?? Data("null".utf8)
    print(String(decoding: data, as: UTF8.self))
}
