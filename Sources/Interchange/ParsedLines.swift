import Domain
import Foundation

/// One line as the parsing thread hands it to the importer.
struct ParsedLine: Sendable {
    var line: Int
    var record: Result<Record, FieldError>
    var fingerprint: Int64
}

/// Parses a JSON Lines file on its own thread, a batch at a time, while the importer checks
/// and writes the previous batches: the two halves of an import run on two cores.
///
/// At most `capacity` batches wait, so memory stays bounded whatever the file's size.
final class ParsedLines: @unchecked Sendable {
    // Invariant: `batches`, `finished` and `failure` are only touched with `condition` locked.
    private let condition = NSCondition()
    private var batches: [[ParsedLine]] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private let capacity: Int
    /// Lines read so far (including blank ones); written by the parser, read for progress.
    private var linesRead = 0

    init(url: URL, batchSize: Int, capacity: Int = 4) throws {
        self.capacity = capacity
        _ = try FileHandle(forReadingFrom: url)  // fail here, not on the thread, when it cannot be opened
        let thread = Thread { [self] in
            var batch: [ParsedLine] = []
            batch.reserveCapacity(batchSize)
            do {
                var reader = try LineReader(url: url, maxLineBytes: RecordDecoder.maxLineBytes)
                while let line = try reader.next() {
                    if isCancelled { break }
                    switch line {
                    case .tooLong(let n):
                        batch.append(ParsedLine(line: reader.lineNumber,
                                                record: .failure(FieldError("", "行过长：\(n) 字节（每行最多 \(RecordDecoder.maxLineBytes) 字节）")),
                                                fingerprint: 0))
                    case .text(let bytes):
                        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                        do throws(FieldError) {
                            let record = try RecordDecoder.decode(line: bytes)
                            batch.append(ParsedLine(line: reader.lineNumber, record: .success(record), fingerprint: record.fingerprint))
                        } catch {
                            batch.append(ParsedLine(line: reader.lineNumber, record: .failure(error), fingerprint: 0))
                        }
                    }
                    if batch.count >= batchSize {
                        put(batch, lines: reader.lineNumber)
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                put(batch, lines: reader.lineNumber)
                finish(nil)
            } catch {
                finish(error)
            }
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    private func put(_ batch: [ParsedLine], lines: Int) {
        condition.lock()
        while batches.count >= capacity && !cancelled { condition.wait() }
        if !batch.isEmpty { batches.append(batch) }
        linesRead = lines
        condition.broadcast()
        condition.unlock()
    }

    private func finish(_ error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, nil at the end of the file; throws the reader's I/O error.
    func next() throws -> (batch: [ParsedLine], linesRead: Int)? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        if !batches.isEmpty {
            let b = batches.removeFirst()
            condition.broadcast()
            return (b, linesRead)
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the parser (when the import ends early).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
