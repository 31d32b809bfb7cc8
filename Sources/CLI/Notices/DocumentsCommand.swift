import ArgumentParser
import Domain
import Foundation
import WorkingDays

/// `tally documents …`: the notices, year-end results and meeting packs kept with their
/// assessment runs, whether `tally notice` or a scheduled job made them.
struct DocumentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "documents",
        abstract: "已生成的文档：季度通报、年度考核结果和例会材料，随考核保存，可列出和取出。",
        subcommands: [DocumentsList.self, DocumentsGet.self],
        defaultSubcommand: DocumentsList.self
    )
}

/// `tally documents list [--run ID]`.
struct DocumentsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "列出已保存的文档，最新的在前。")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Only the documents of this run.") var run: String?
    @Option(name: .long, help: "At most this many rows.") var limit = 50

    struct Row: Encodable {
        var id: String
        var run: String
        var kind: String
        var format: String
        var office: String
        var period: String
        var title: String
        var sha256: String
        var createdAt: String
        var createdBy: String
    }

    func validate() throws {
        guard (1...100_000).contains(limit) else { throw ValidationError("--limit: 应在 1–100000 之间") }
    }

    func run() async throws {
        let store = try await StoreFactory.openService(global)
        let docs = try await store.documents(run: run, limit: limit)
        let rows = docs.map { d in
            Row(id: d.id, run: d.run, kind: d.kind, format: d.format, office: d.office.rawValue, period: d.period, title: d.title, sha256: d.sha256,
                createdAt: d.createdAt.iso, createdBy: d.createdBy)
        }
        if global.json { return printJSON(rows) }
        if rows.isEmpty { return print(run == nil ? "还没有保存的文档（tally notice 生成）。" : "考核 \(run!) 没有保存的文档。") }
        for r in rows {
            print("\(r.createdAt)  \(r.id)  \(r.title)  （\(r.createdBy == "cli" ? "命令行生成" : "任务 \(r.createdBy) 生成")）")
        }
    }
}

/// `tally documents get ID [--out FILE]`: the stored bytes, exactly as they were handed out.
struct DocumentsGet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "get", abstract: "取出一份已保存的文档（原样字节）。")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The document's id, e.g. RUN/quarterly-notice.docx (tally documents list shows them).") var id: String
    @Option(name: .long, help: "Write to this file (atomically) instead of standard output.") var out: String?

    func run() async throws {
        let store = try await StoreFactory.openService(global)
        guard let doc = try await store.document(id: id) else { throw CommandFailure("没有 id 为 \(id) 的文档（tally documents list 列出全部）") }
        guard let out else {
            if doc.format == "docx", isatty(STDOUT_FILENO) == 1 { throw CommandFailure("Word 文档是二进制文件，请用 --out 指定文件，或把标准输出重定向到文件") }
            return FileHandle.standardOutput.write(doc.content)
        }
        do { try doc.content.write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
            throw CommandFailure("无法写入 \(out)：\(error.localizedDescription)")
        }
    }
}
