import ArgumentParser
import Domain
import Foundation
import Interchange

/// `tally export`: writes every record in the interchange format (what `import` reads).
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "把全部记录导出为 JSON Lines（可再次导入）。")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "Output file (default: standard output).") var out: String?

    func run() async throws {
        let store = try await StoreFactory.open(global)
        let sink: FileHandle
        var tmp: URL?
        if let out {
            let target = URL(fileURLWithPath: out)
            let t = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial")
            FileManager.default.createFile(atPath: t.path, contents: nil)
            guard let h = FileHandle(forWritingAtPath: t.path) else { throw CommandFailure("无法写入 \(out)") }
            sink = h
            tmp = t
        } else {
            sink = FileHandle.standardOutput
        }
        var buffer = Data()
        var count = 0
        try await store.export { record in
            buffer.append(contentsOf: RecordEncoder.line(record).utf8)
            buffer.append(0x0A)
            count += 1
            if buffer.count > 1 << 20 {
                sink.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        sink.write(buffer)
        if let tmp, let out {
            try sink.close()
            // Replace atomically: a reader never sees half an export.
            guard rename(tmp.path, out) == 0 else { throw CommandFailure("无法写入 \(out)") }
            FileHandle.standardError.write(Data("已导出 \(count) 条记录到 \(out)\n".utf8))
        }
    }
}
