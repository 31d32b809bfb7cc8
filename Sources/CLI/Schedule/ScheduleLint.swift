import ArgumentParser
import Scheduling

/// `tally schedule lint`: checks every schedule file without touching the database.
struct ScheduleLint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "检查日程文件：未知字段、无效或永不触发的规则、未知动作，逐条给出 文件:行号。")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let set = try ScheduleCommand.load(global, registry: ActionCatalog.checking(global, node: "lint"))
        let offices = Set(set.jobs.map(\.office.rawValue)).sorted()
        print("✓ 日程文件无误：\(set.jobs.count) 个任务（办公室：\(offices.joined(separator: "、"))）")
    }
}

/// `tally schedule actions`: the actions jobs may name, with their parameters.
struct ScheduleActions: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "actions", abstract: "列出可用的动作及其参数。")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        for action in try ActionCatalog.checking(global).all {
            print("\(action.name)：\(action.summary)")
            for p in action.parameters {
                print("    \(p.name)（\(p.kind.rawValue)\(p.required ? "，必填" : "")）：\(p.summary)")
            }
        }
    }
}
