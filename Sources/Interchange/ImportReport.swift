package import Domain
package import WorkingDays

/// What one file's import did.
package struct ImportReport: Sendable, Equatable {
    package var file: String
    package var records = 0
    package var inserted = 0
    /// Records already stored with the same content (importing a file twice changes nothing).
    package var unchanged = 0
    package var byKind: [RecordKind: Int] = [:]
    /// New adoptions, forwardings and instructions stamped with the import's time (their
    /// lines gave no `recorded_at`), and the earliest date among them.
    package var stamped = 0
    package var earliestStamped: Day?

    package init(file: String) { self.file = file }
}

/// A file that was not imported: every error found (up to the limit), nothing written.
package struct ImportFailure: Error, Sendable, Equatable, CustomStringConvertible {
    package var file: String
    package var errors: [ImportError]
    /// Errors beyond the listed ones.
    package var more: Int

    package var description: String {
        var lines = errors.map(\.description)
        if more > 0 { lines.append("……另有 \(more) 处错误未列出") }
        lines.append("\(file)：未导入任何记录（整个文件要么全部导入，要么一条也不导入）")
        return lines.joined(separator: "\n")
    }
}
