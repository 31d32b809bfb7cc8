import ArgumentParser
import Domain
import Foundation
import Rules
import WorkingDays

/// `tally rules versions --office ID`: the versions that went live, from the archive.
struct RulesVersions: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "versions",
        abstract: "列出某办公室曾经生效的规则版本。")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long) var office: String

    func validate() throws {
        guard OfficeID(office) != nil else { throw ValidationError("--office: '\(office)' 不是有效的办公室编号") }
    }

    func run() async throws {
        let archive = RuleArchive(directory: global.dataDirectory.appendingPathComponent("rule-versions"))
        let history = archive.history(of: OfficeID(office)!)
        if global.json { return printJSON(history) }
        guard !history.isEmpty else { throw CommandFailure("没有 \(office) 的规则版本记录（版本在 tally rules watch / serve 生效时记录）") }
        for e in history {
            print("\(e.activated.iso)  \(e.version.prefix(12))  \(e.files.joined(separator: " "))")
        }
    }
}

/// `tally rules show --office ID --version V [--file F]`: an archived version's files.
struct RulesShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "显示某个历史规则版本的文件内容。")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long) var office: String
    @Option(name: .long, help: "Version hash or a unique prefix (at least 6 hex digits).")
    var version: String
    @Option(name: .long, help: "Only this file.")
    var file: String?

    func validate() throws {
        guard OfficeID(office) != nil else { throw ValidationError("--office: '\(office)' 不是有效的办公室编号") }
    }

    func run() async throws {
        let archive = RuleArchive(directory: global.dataDirectory.appendingPathComponent("rule-versions"))
        guard let (full, files) = archive.files(of: OfficeID(office)!, version: version) else {
            throw CommandFailure("找不到 \(office) 的规则版本 \(version)")
        }
        if let file {
            guard let data = files[file] else { throw CommandFailure("版本 \(full.prefix(12)) 中没有文件 \(file)") }
            print(String(decoding: data, as: UTF8.self), terminator: "")
            return
        }
        print("# \(office) \(full)")
        for name in files.keys.sorted() {
            print("\n--- \(name)")
            print(String(decoding: files[name]!, as: UTF8.self), terminator: "")
        }
    }
}
