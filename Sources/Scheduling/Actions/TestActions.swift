import Foundation

/// `test.echo`: succeeds with its `text` (for trying schedules out).
package struct EchoAction: ScheduledAction {
    package init() {}
    package let name = "test.echo"
    package let summary = "测试：记录一行文字，不做其他事"
    package let parameters = [ParameterSpec("text", .string, "写入执行记录的文字")]

    package func run(_ run: ActionRun) async throws -> String {
        if case .string(let s)? = run.params["text"] { return s }
        return "已执行：\(run.explanation)"
    }
}

/// `test.fail`: always fails with its `message` (to see failures recorded).
package struct FailAction: ScheduledAction {
    package init() {}
    package let name = "test.fail"
    package let summary = "测试：总是失败"
    package let parameters = [ParameterSpec("message", .string, "失败原因")]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    package func run(_ run: ActionRun) async throws -> String {
        if case .string(let s)? = run.params["message"] { throw Failure(description: s) }
        throw Failure(description: "测试失败")
    }
}

/// `test.record`: appends `start KEY NODE` to a file, waits `seconds`, appends `done KEY NODE`.
/// Crash and two-instance tests read the file to see which runs started and which ended.
package struct RecordAction: ScheduledAction {
    let node: String

    package init(node: String) { self.node = node }

    package let name = "test.record"
    package let summary = "测试：在文件中记录开始和完成（用于崩溃与多实例测试）"
    package let parameters = [
        ParameterSpec("file", .string, required: true, "记录文件路径"),
        ParameterSpec("seconds", .int, "开始与完成之间等待的秒数"),
    ]

    /// Idempotent, as handlers must be: a run killed after its effect but before the
    /// scheduler recorded its success is run again by another instance, and then finds its
    /// `done` line already written and adds nothing. A run taken over while its first
    /// instance still lives (a lease that ran out on a starved machine) waits for the key's
    /// lock, which a killed process drops at once, and then finds the line too.
    package func run(_ run: ActionRun) async throws -> String {
        guard case .string(let path)? = run.params["file"] else { throw FailAction.Failure(description: "缺少 file") }
        let lock = open(path + ".lock." + run.idempotencyKey.map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined(), O_RDWR | O_CREAT, 0o644)
        guard lock >= 0 else { throw FailAction.Failure(description: "无法打开 \(path) 的锁文件") }
        defer { close(lock) }
        while flock(lock, LOCK_EX | LOCK_NB) != 0 { try await Task.sleep(for: .milliseconds(50)) }
        if let text = try? String(contentsOfFile: path, encoding: .utf8), text.contains("done \(run.idempotencyKey) ") {
            return "此前已记录（同一幂等键不重复执行）"
        }
        try append("start \(run.idempotencyKey) \(node) \(run.attempt)\n", to: path)
        if case .int(let s)? = run.params["seconds"], s > 0 { try await Task.sleep(for: .seconds(s)) }
        try append("done \(run.idempotencyKey) \(node) \(run.attempt)\n", to: path)
        return "已记录"
    }

    private func append(_ line: String, to path: String) throws {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard fd >= 0 else { throw FailAction.Failure(description: "无法打开 \(path)") }
        defer { close(fd) }
        let bytes = Array(line.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else { throw FailAction.Failure(description: "无法写入 \(path)") }
    }
}
