import ArgumentParser
import Domain
import Foundation
import Interchange
import WorkingDays

/// `tally import FILE…`: imports interchange files, each all-or-nothing.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "导入 JSON Lines（.jsonl）或 CSV（单位、人员）文件；每个文件要么全部导入，要么一条也不导入。",
        discussion: "Format: docs/interchange.md. Errors read FILE:LINE: field: reason.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Files to import, in order.") var files: [String]
    @Option(name: .long, help: ArgumentHelp(
        "When adoptions, forwardings and instructions without recorded_at were recorded: an ISO 8601 instant, or 'none' for history counted on its own dates (default: now).",
        valueName: "instant|none"))
    var recordedAt: String?

    struct Output: Encodable {
        var file: String
        var records: Int
        var inserted: Int
        var unchanged: Int
        var kinds: [String: Int]
    }

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("至少给出一个文件") }
        if let recordedAt, recordedAt != "none", Instant(iso: recordedAt) == nil {
            throw ValidationError("--recorded-at: 应为带时区的 ISO 8601 时间（如 2026-07-10T09:00:00+08:00）或 none，实际为 '\(recordedAt)'")
        }
        for f in files where !FileManager.default.fileExists(atPath: f) {
            throw ValidationError("文件不存在：\(f)")
        }
    }

    /// A hint when facts dated well before the import were stamped as recorded now: if they
    /// are history, their closed periods would send them to later ones.
    static func historyHint(_ r: ImportReport, stamp: Instant) -> String? {
        guard let earliest = r.earliestStamped else { return nil }
        let (y, m, _) = stamp.day.components
        guard let previousMonth = Day(year: m == 1 ? y - 1 : y, month: m == 1 ? 12 : m - 1, day: 1), earliest < previousMonth else { return nil }
        return "  提示：\(r.stamped) 条采用、转报和批示没有写 recorded_at，已记为 \(stamp.iso) 录入，其中最早的发生在 \(earliest.iso)。"
            + "考核时，关账后才录入的事实计入之后的期间；如果这是历史数据，请用 --recorded-at none 重新导入到新数据库（或在行中写 recorded_at）。"
    }

    func run() async throws {
        let store = try await StoreFactory.open(global)
        let stamp: Instant? = switch recordedAt {
        case "none": nil
        case let given?: Instant(iso: given)!
        case nil: try global.currentInstant()
        }
        let importer = Importer(store: store, recordedAt: stamp)
        var outputs: [Output] = []
        var failed = false
        for file in files {
            let started = Date()
            do {
                let r = try await importer.importFile(URL(fileURLWithPath: file), displayName: file) { lines in
                    if !global.json { FileHandle.standardError.write(Data("  \(file)：已读 \(lines) 行…\n".utf8)) }
                }
                outputs.append(Output(file: file, records: r.records, inserted: r.inserted, unchanged: r.unchanged,
                                      kinds: Dictionary(uniqueKeysWithValues: r.byKind.map { ($0.key.rawValue, $0.value) })))
                if !global.json {
                    let seconds = Date().timeIntervalSince(started)
                    let kinds = r.byKind.sorted { $0.key < $1.key }.map { "\($0.key.label) \($0.value)" }.joined(separator: "，")
                    print("✓ \(file)：\(r.records) 条记录（新增 \(r.inserted)，已存在且相同 \(r.unchanged)），\(String(format: "%.1f", seconds)) 秒\(kinds.isEmpty ? "" : "：" + kinds)")
                    if let stamp, let hint = Self.historyHint(r, stamp: stamp) { print(hint) }
                }
            } catch let e as ImportFailure {
                failed = true
                FileHandle.standardError.write(Data((e.description + "\n").utf8))
            }
        }
        if global.json { printJSON(outputs) }
        if failed { throw CommandFailure("有文件未能导入。") }
    }
}
