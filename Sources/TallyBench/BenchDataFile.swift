import DemoData
import Foundation
import Interchange

/// The generated data set a benchmark imports, written once and reused.
enum BenchDataFile {
    /// Writes `set` to `file` as JSON Lines unless it exists; a partial file is renamed into
    /// place only when complete, so an interrupted run never leaves a truncated data set.
    static func ensure(_ file: URL, of set: DemoDataSet) throws {
        guard !FileManager.default.fileExists(atPath: file.path) else { return }
        print("generating \(file.path)…")
        let partial = file.appendingPathExtension("partial")
        var text = Data()
        let handle = try FileHandle.forWritingCreating(partial)
        try set.generate { record in
            text.append(contentsOf: RecordEncoder.line(record).utf8)
            text.append(0x0A)
            if text.count > 8 << 20 {
                handle.write(text)
                text.removeAll(keepingCapacity: true)
            }
        }
        handle.write(text)
        try handle.close()
        try? FileManager.default.removeItem(at: file)
        try FileManager.default.moveItem(at: partial, to: file)
    }
}
