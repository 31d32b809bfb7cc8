import Foundation

/// A long command's progress on standard error: on a terminal one bar redrawn in place
/// (phases done of `phases`, the current phase and the time since the start); otherwise
/// one log line per phase, for log files and pipes.
final class ProgressLog: @unchecked Sendable {
    private let start = Date()
    private let lock = NSLock()
    private let phases: Int
    private var done = 0
    private let terminal = isatty(STDERR_FILENO) == 1

    /// `phases`: how many `phase` calls a complete run makes (for the bar).
    init(phases: Int) { self.phases = max(1, phases) }

    func phase(_ name: String) {
        lock.withLock {
            let elapsed = Date().timeIntervalSince(start)
            if terminal {
                let filled = min(done, phases) * 20 / phases
                let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 20 - filled)
                write(String(format: "\r\u{1B}[K[%@] %d/%d %@… %.1f 秒", bar, min(done + 1, phases), phases, name, elapsed))
            } else {
                write(String(format: "[%6.2f 秒] %@…\n", elapsed, name))
            }
            done += 1
        }
    }

    /// Ends the bar (or logs the end).
    func finish() {
        lock.withLock {
            let elapsed = Date().timeIntervalSince(start)
            if terminal {
                write(String(format: "\r\u{1B}[K[%@] 完成 %.1f 秒\n", String(repeating: "█", count: 20), elapsed))
            } else {
                write(String(format: "[%6.2f 秒] 完成\n", elapsed))
            }
        }
    }

    /// Clears the bar after a failure or cancellation, so the message starts on a clean line.
    func abandon() {
        lock.withLock { if terminal { write("\r\u{1B}[K") } }
    }

    private func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }
}
