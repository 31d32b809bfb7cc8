import ArgumentParser
import Assessment
import Domain
import Foundation
import Notices
import Rules

/// `tally notice --period 2026Q2 [--office ID] [--run ID] [--format md|html|csv] [--out FILE]
/// [--top N]`: the quarterly notice (季度通报) of a stored assessment run — the office's
/// newest run of the quarter unless `--run` names one — compared with the newest run of the
/// quarter before when there is one.
struct NoticeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice",
        abstract: "季度通报：由已保存的季度考核生成通报（Markdown、HTML 或排名表 CSV）。",
        discussion: """
            模板：rules/<办公室>/templates/quarterly-notice.<格式>.mustache，本办公室优先，其次逐级上级办公室，
            最后是 --templates 目录中的默认模板。见 docs/notices.md。
            """
    )

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Quarter of the notice, e.g. 2026Q2.") var period: String
    @Option(name: .long, help: "Office whose run is used.") var office = "city"
    @Option(name: .long, help: "A stored run's id (default: the office's newest run of the quarter).") var run: String?
    @Option(name: .long, help: "md, html or csv (the ranking table).") var format = "md"
    @Option(name: .long, help: "Write to this file (atomically) instead of standard output.") var out: String?
    @Option(name: .long, help: "Units named per group as outstanding and as lagging.") var top = 10
    @Option(name: .long, help: "Folder of the default templates.") var templates = "templates"

    func validate() throws {
        guard let p = Period(period) else { throw ValidationError("--period: 应为季度，如 2026Q2，实际为 '\(period)'") }
        guard case .quarter = p else { throw ValidationError("--period: 通报按季度生成，应为如 2026Q2 的季度，实际为 '\(period)'") }
        guard OfficeID(office) != nil else { throw ValidationError("--office: '\(office)' 不是有效的办公室编号") }
        guard NoticeFormat(rawValue: format) != nil else {
            throw ValidationError("--format: 应为 \(NoticeFormat.allCases.map(\.rawValue).joined(separator: "、")) 之一，实际为 '\(format)'")
        }
        guard (1...1000).contains(top) else { throw ValidationError("--top: 应在 1–1000 之间") }
    }

    func run() async throws {
        let period = Period(self.period)!
        let office = OfficeID(self.office)!
        let store = try await StoreFactory.openService(global)
        guard let current = try await Self.run(store, id: run, office: office, period: period) else {
            let flag = office.rawValue == "city" ? "" : " --office \(office)"
            throw CommandFailure("还没有 \(period.label) 的考核：请先运行 tally assess --period \(period)\(flag)")
        }
        let previous = try await Self.run(store, id: nil, office: current.office, period: period.previous)
        let rules = try RuleFolder(global: global).ruleSet(for: current.office)
        let notice = NoticeBuilder(top: top, groupLabel: RunReport.label(ofGroup:))
            .notice(of: current, previous: previous, officeName: rules.source.manifest.name)
        let folders = rules.chain.reversed().map { global.rulesURL.appendingPathComponent($0.id.rawValue).appendingPathComponent("templates") }
            + [URL(fileURLWithPath: templates)]
        let text: String
        do { text = try NoticeRenderer(templateFolders: folders).render(notice, as: NoticeFormat(rawValue: format)!) } catch {
            throw CommandFailure(error.description)
        }
        guard let out else { return FileHandle.standardOutput.write(Data(text.utf8)) }
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
            throw CommandFailure("无法写入 \(out)：\(error.localizedDescription)")
        }
    }

    /// Run `id`, which must be of `period`, else the newest run of `office` and `period`;
    /// nil when there is none.
    private static func run(_ store: any ServiceStore, id: String?, office: OfficeID, period: Period) async throws -> AssessmentRun? {
        if let id {
            guard let run = try await store.run(id: id) else { throw CommandFailure("找不到考核 \(id)（tally assess runs 列出全部）") }
            guard run.period == period else { throw CommandFailure("考核 \(id) 是 \(run.period.label) 的，不是 \(period.label) 的") }
            return run
        }
        guard let newest = try await store.runs(office: office, period: period).first else { return nil }
        return try await store.run(id: newest.id)
    }
}
