import Foundation

/// Reads a file line by line in large chunks, with line numbers, without ever holding more
/// than one chunk plus one line (capped at `maxLineBytes`) in memory.
struct LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEOF = false
    private(set) var lineNumber = 0
    let maxLineBytes: Int

    init(url: URL, maxLineBytes: Int) throws {
        handle = try FileHandle(forReadingFrom: url)
        self.maxLineBytes = maxLineBytes
    }

    enum Line {
        case text(ArraySlice<UInt8>)
        /// The line was longer than the limit; its bytes were skipped.
        case tooLong(Int)
    }

    /// The next line without its terminator (`\n` or `\r\n`), or nil at the end.
    mutating func next() throws -> Line? {
        var skipped = 0
        while true {
            if let nl = buffer[start...].firstIndex(of: 0x0A) {
                lineNumber += 1
                var end = nl
                if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                let line = buffer[start..<end]
                start = nl + 1
                if skipped > 0 { return .tooLong(skipped + line.count) }
                if line.count > maxLineBytes { return .tooLong(line.count) }
                return .text(line)
            }
            if atEOF {
                guard start < buffer.count || skipped > 0 else { return nil }
                lineNumber += 1
                let line = buffer[start...]
                start = buffer.count
                if skipped > 0 || line.count > maxLineBytes { return .tooLong(skipped + line.count) }
                return .text(line)
            }
            // Keep an over-long line from growing without bound: drop what we have of it.
            if buffer.count - start > maxLineBytes {
                skipped += buffer.count - start
                buffer.removeAll(keepingCapacity: true)
                start = 0
            } else if start > 0 {
                buffer.removeSubrange(0..<start)
                start = 0
            }
            let chunk = try handle.read(upToCount: 4 << 20) ?? Data()
            if chunk.isEmpty { atEOF = true } else { buffer.append(contentsOf: chunk) }
        }
    }
}
