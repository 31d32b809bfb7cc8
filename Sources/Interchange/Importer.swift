package import Foundation
import Tagged
package import Domain
package import WorkingDays

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
    /// Stamped on adoptions, forwardings and instructions whose line gives no `recorded_at`
    /// (when the office recorded them; it decides the period they count in). Nil leaves
    /// them unstamped.
    package var recordedAt: Instant?

    package init(store: any RecordStore, recordedAt: Instant? = nil) {
        self.store = store
        self.recordedAt = recordedAt
    }

    /// Imports one file (`.jsonl`/`.ndjson`/`.json` JSON Lines, or `.csv` units or people).
    /// `progress` is called with the number of lines read so far.
    package func importFile(_ url: URL, displayName: String? = nil, progress: ((Int) -> Void)? = nil) async throws -> ImportReport {
        let name = displayName ?? url.path
        var run = Run(file: name, maxErrors: maxErrors, recordedAt: recordedAt)
        let tx = try await store.beginImport()
        do {
            if url.pathExtension.lowercased() == "csv" {
                for (line, parsed) in try CSVRecords.read(url) {
                    let fp = (try? parsed.get())?.fingerprint ?? 0
                    try await run.add(line: line, parsed, fingerprint: fp, tx: tx, batchSize: batchSize)
                }
                if run.lines == 0 { run.fail(line: 1, field: "", reason: "文件为空") }
            } else {
                let lines = try ParsedLines(url: url, batchSize: batchSize)
                defer { lines.cancel() }
                var lastLine = 0
                var reported = 0
                while let (batch, read) = try lines.next() {
                    for parsed in batch {
                        try await run.add(line: parsed.line, parsed.record, fingerprint: parsed.fingerprint, tx: tx, batchSize: batchSize)
                        lastLine = parsed.line
                    }
                    if read / 100_000 > reported {
                        reported = read / 100_000
                        progress?(read)
                    }
                }
                if run.lines == 0 { run.fail(line: max(lastLine, 1), field: "", reason: "文件为空") }
            }
            try await run.flush(tx: tx)
            try await run.settle()
            if !run.errors.isEmpty {
                try await tx.rollback()
                throw ImportFailure(file: name, errors: run.errors.sorted { $0.line < $1.line }, more: run.moreErrors)
            }
            try await tx.commit()
            return run.report
        } catch {
            if let t = run.inFlight?.task { _ = try? await t.value }
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
        let recordedAt: Instant?
        /// Lines whose fact was stamped with `recordedAt`.
        var stampedLines: Set<Int> = []
        var lines = 0
        /// Ids (and fingerprints) of the records read so far, per kind.
        var seen: [RecordKind: [String: Int64]] = [:]
        /// Statuses of items read so far in this file.
        var statuses: [String: ItemStatus] = [:]
        /// Store lookups already made.
        var stored: [RecordKind: Set<String>] = [:]
        var missing: [RecordKind: Set<String>] = [:]
        var storedStatuses: [String: ItemStatus] = [:]
        /// Records waiting to be written (with their lines, fingerprints, and the references
        /// that are not in the file before them, to be looked up in the store).
        var batch: [Record] = []
        var batchLines: [Int] = []
        var batchFingerprints: [Int64] = []
        var batchPending: [Int: [Record.Reference]] = [:]

        init(file: String, maxErrors: Int, recordedAt: Instant?) {
            report = ImportReport(file: file)
            self.maxErrors = maxErrors
            self.recordedAt = recordedAt
        }

        mutating func fail(line: Int, field: String, reason: String) {
            if errors.count < maxErrors {
                errors.append(ImportError(file: report.file, line: line, field: field, reason: reason))
            } else {
                moreErrors += 1
            }
        }

        mutating func add(line: Int, _ parsed: Result<Record, FieldError>, fingerprint fp: Int64, tx: any ImportTransaction, batchSize: Int) async throws {
            lines += 1
            var record: Record
            switch parsed {
            case .failure(let e):
                return fail(line: line, field: e.field, reason: e.reason)
            case .success(let r):
                record = r
            }
            if let recordedAt, record.factDay != nil, record.recorded == nil {
                record.stampRecorded(recordedAt)
                stampedLines.insert(line)
            }
            if let previous = seen[record.kind]?[record.id] {
                if previous != fp { fail(line: line, field: "id", reason: "\(record.kind.label)编号 '\(record.id)' 在本文件中重复出现且内容不同") }
                return
            }
            let pending = record.references.filter { seen[$0.kind]?[$0.id] == nil }
            seen[record.kind, default: [:]][record.id] = fp
            if case .submission(let item) = record { statuses[item.id.rawValue] = item.status }
            if !pending.isEmpty { batchPending[batch.count] = pending }
            batch.append(record)
            batchLines.append(line)
            batchFingerprints.append(fp)
            if batch.count >= batchSize { try await flush(tx: tx) }
        }

        /// Checks the batch's references against the file and the store, then writes it
        /// (unless errors were found: then only checking continues).
        mutating func flush(tx: any ImportTransaction) async throws {
            guard !batch.isEmpty else { return }
            defer {
                batch.removeAll(keepingCapacity: true)
                batchLines.removeAll(keepingCapacity: true)
                batchFingerprints.removeAll(keepingCapacity: true)
                batchPending.removeAll(keepingCapacity: true)
            }
            var lookups: [RecordKind: Set<String>] = [:]
            var itemLookups: Set<String> = []
            for pending in batchPending.values {
                for ref in pending where !isStored(ref) && !(missing[ref.kind]?.contains(ref.id) ?? false) {
                    lookups[ref.kind, default: []].insert(ref.id)
                }
            }
            for record in batch {
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
            var rejected: Set<Int> = []
            for (k, record) in batch.enumerated() {
                let line = batchLines[k]
                var ok = true
                for ref in batchPending[k] ?? [] where !isStored(ref) {
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
                if !ok { rejected.insert(k) }
            }
            guard errors.isEmpty, moreErrors == 0, rejected.isEmpty else { return }
            // The write runs while the next batch is checked: wait for the previous one first.
            try await settle()
            guard errors.isEmpty else { return }
            let records = batch
            let fingerprints = batchFingerprints
            let transaction = InFlightTransaction(tx)
            inFlight = (Task { try await transaction.tx.write(records, fingerprints: fingerprints) }, records, batchLines)
        }

        /// The batch being written, with what its outcomes refer to.
        var inFlight: (task: Task<[WriteOutcome], any Error>, records: [Record], lines: [Int])?

        /// Waits for the write in flight and accounts for its outcomes.
        mutating func settle() async throws {
            guard let (task, records, lines) = inFlight else { return }
            inFlight = nil
            let outcomes: [WriteOutcome]
            do {
                outcomes = try await task.value
            } catch let e as RecordWriteError {
                fail(line: lines[e.index], field: "", reason: "数据库拒绝了这条记录：\(e.message)")
                return
            }
            for (k, outcome) in outcomes.enumerated() {
                let line = lines[k]
                let record = records[k]
                switch outcome {
                case .inserted:
                    report.inserted += 1
                    report.records += 1
                    report.byKind[record.kind, default: 0] += 1
                    if stampedLines.contains(line), let day = record.factDay {
                        report.stamped += 1
                        report.earliestStamped = min(report.earliestStamped ?? day, day)
                    }
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

/// Hands the transaction to the task writing a batch. Safe because the importer never runs
/// two writes at once, and `ImportTransaction` implementations serialise look-ups made
/// during a write on their connection (see its documentation).
private final class InFlightTransaction: @unchecked Sendable {
    let tx: any ImportTransaction
    init(_ tx: any ImportTransaction) { self.tx = tx }
}
