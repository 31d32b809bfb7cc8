package import Foundation
import Tagged
package import Domain

/// Imports interchange files into a store, each file in one transaction: every line is
/// checked (fields, references, workflow invariants, duplicate ids), all errors are
/// collected (up to `maxErrors`) and, if there is any, nothing of the file is written.
///
/// References may point to records earlier in the same file or already stored. Importing
/// a file a second time changes nothing; a stored id with different content is an error.
package struct Importer {
    package let store: any RecordStore
    package var maxErrors = 50
    package var batchSize = 2000

    package init(store: any RecordStore) { self.store = store }

    /// Imports one file (`.jsonl`/`.ndjson`/`.json` JSON Lines, or `.csv` units or people).
    /// `progress` is called with the number of lines read so far.
    package func importFile(_ url: URL, displayName: String? = nil, progress: ((Int) -> Void)? = nil) async throws -> ImportReport {
        let name = displayName ?? url.path
        var run = Run(file: name, maxErrors: maxErrors)
        let tx = try await store.beginImport()
        do {
            if url.pathExtension.lowercased() == "csv" {
                for (line, parsed) in try CSVRecords.read(url) {
                    try await run.add(line: line, parsed, tx: tx, batchSize: batchSize)
                }
                if run.lines == 0 { run.fail(line: 1, field: "", reason: "文件为空") }
            } else {
                var reader = try LineReader(url: url, maxLineBytes: RecordDecoder.maxLineBytes)
                var nonEmpty = 0
                while let line = try reader.next() {
                    switch line {
                    case .tooLong(let n):
                        nonEmpty += 1
                        run.fail(line: reader.lineNumber, field: "", reason: "行过长：\(n) 字节（每行最多 \(RecordDecoder.maxLineBytes) 字节）")
                    case .text(let bytes):
                        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                        nonEmpty += 1
                        let parsed: Result<Record, FieldError>
                        do { parsed = .success(try RecordDecoder.decode(line: bytes)) } catch { parsed = .failure(error) }
                        try await run.add(line: reader.lineNumber, parsed, tx: tx, batchSize: batchSize)
                    }
                    if reader.lineNumber % 100_000 == 0 { progress?(reader.lineNumber) }
                }
                if nonEmpty == 0 { run.fail(line: max(reader.lineNumber, 1), field: "", reason: "文件为空") }
            }
            try await run.flush(tx: tx)
            if !run.errors.isEmpty {
                try await tx.rollback()
                throw ImportFailure(file: name, errors: run.errors.sorted { $0.line < $1.line }, more: run.moreErrors)
            }
            try await tx.commit()
            return run.report
        } catch {
            try? await tx.rollback()
            throw error
        }
    }

    /// The state of one file's import.
    struct Run {
        var report: ImportReport
        var errors: [ImportError] = []
        var moreErrors = 0
        let maxErrors: Int
        var lines = 0
        /// Ids (and fingerprints) of the records read so far, per kind.
        var seen: [RecordKind: [String: Int64]] = [:]
        /// Statuses of items read so far in this file.
        var statuses: [String: ItemStatus] = [:]
        /// Store lookups already made.
        var stored: [RecordKind: Set<String>] = [:]
        var missing: [RecordKind: Set<String>] = [:]
        var storedStatuses: [String: ItemStatus] = [:]
        /// Records waiting to be written, with the references that are not in the file
        /// before them (to be looked up in the store).
        var batch: [(line: Int, record: Record, pending: [Record.Reference])] = []

        init(file: String, maxErrors: Int) {
            report = ImportReport(file: file)
            self.maxErrors = maxErrors
        }

        mutating func fail(line: Int, field: String, reason: String) {
            if errors.count < maxErrors {
                errors.append(ImportError(file: report.file, line: line, field: field, reason: reason))
            } else {
                moreErrors += 1
            }
        }

        mutating func add(line: Int, _ parsed: Result<Record, FieldError>, tx: any ImportTransaction, batchSize: Int) async throws {
            lines += 1
            let record: Record
            switch parsed {
            case .failure(let e):
                return fail(line: line, field: e.field, reason: e.reason)
            case .success(let r):
                record = r
            }
            let fp = record.fingerprint
            if let previous = seen[record.kind]?[record.id] {
                if previous != fp { fail(line: line, field: "id", reason: "\(record.kind.label)编号 '\(record.id)' 在本文件中重复出现且内容不同") }
                return
            }
            let pending = record.references.filter { seen[$0.kind]?[$0.id] == nil }
            seen[record.kind, default: [:]][record.id] = fp
            if case .submission(let item) = record { statuses[item.id.rawValue] = item.status }
            batch.append((line, record, pending))
            if batch.count >= batchSize { try await flush(tx: tx) }
        }

        /// Checks the batch's references against the file and the store, then writes it
        /// (unless errors were found: then only checking continues).
        mutating func flush(tx: any ImportTransaction) async throws {
            guard !batch.isEmpty else { return }
            defer { batch.removeAll(keepingCapacity: true) }
            var lookups: [RecordKind: Set<String>] = [:]
            var itemLookups: Set<String> = []
            for (_, record, pending) in batch {
                for ref in pending where !isStored(ref) && !(missing[ref.kind]?.contains(ref.id) ?? false) {
                    lookups[ref.kind, default: []].insert(ref.id)
                }
                if case .adoption(let a) = record, statuses[a.item.rawValue] == nil { itemLookups.insert(a.item.rawValue) }
            }
            for (kind, ids) in lookups {
                let found = try await tx.existing(kind, Array(ids))
                stored[kind, default: []].formUnion(found)
                missing[kind, default: []].formUnion(ids.subtracting(found))
            }
            if !itemLookups.isEmpty {
                for (id, status) in try await tx.itemStatuses(Array(itemLookups)) { storedStatuses[id] = status }
            }
            var writable: [(line: Int, record: Record)] = []
            for (line, record, pending) in batch {
                var ok = true
                for ref in pending where !isStored(ref) {
                    ok = false
                    let later = seen[ref.kind]?[ref.id] != nil
                    fail(line: line, field: ref.field, reason: later
                         ? "\(ref.kind.label) '\(ref.id)' 在本文件后面才出现（引用的记录须在前面或已导入）"
                         : "\(ref.kind.label) '\(ref.id)' 不存在（须在本文件前面或已导入）")
                }
                if case .adoption(let a) = record, let status = statuses[a.item.rawValue] ?? storedStatuses[a.item.rawValue], !status.wasSubmitted {
                    ok = false
                    fail(line: line, field: "item", reason: "信息 '\(a.item.rawValue)' 尚未报送（状态：\(status.label)），不能被采用")
                }
                if ok { writable.append((line, record)) }
            }
            guard errors.isEmpty, moreErrors == 0 else { return }
            let outcomes: [WriteOutcome]
            do {
                outcomes = try await tx.write(writable.map(\.record))
            } catch let e as RecordWriteError {
                fail(line: writable[e.index].line, field: "", reason: "数据库拒绝了这条记录：\(e.message)")
                return
            }
            for (k, outcome) in outcomes.enumerated() {
                let (line, record) = writable[k]
                switch outcome {
                case .inserted:
                    report.inserted += 1
                    report.records += 1
                    report.byKind[record.kind, default: 0] += 1
                case .unchanged:
                    report.unchanged += 1
                    report.records += 1
                    report.byKind[record.kind, default: 0] += 1
                case .conflict:
                    fail(line: line, field: "id", reason: "\(record.kind.label)编号 '\(record.id)' 已存在且内容不同（导入只新增记录，不修改已有记录）")
                }
            }
        }

        private func isStored(_ ref: Record.Reference) -> Bool {
            stored[ref.kind]?.contains(ref.id) ?? false
        }
    }
}
