import ArgumentParser
import Domain

/// `tally migrate`: brings the database schema up to date.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "升级数据库结构（其他命令启动时也会自动执行）。")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let store = try await StoreFactory.open(global, migrate: false)
        do {
            let applied = try await store.migrate()
            print(applied.isEmpty ? "数据库结构已是最新。" : "已应用迁移：\(applied.joined(separator: ", "))")
        } catch let e as StoreError {
            throw CommandFailure(e.description)
        }
    }
}
