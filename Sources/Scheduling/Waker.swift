import Foundation
package import WorkingDays

/// Lets a sleeping loop (the scheduler, the courier) be woken early. Signals are counted, so one that arrives
/// while the scheduler is busy makes its next wait return at once.
package final class Waker: @unchecked Sendable {
    package init() {}

    // Invariant: every field is only touched under `lock`.
    private let lock = NSLock()
    private var generation = 0
    private var observed = 0
    private var continuation: CheckedContinuation<Void, Never>?

    package func signal() {
        lock.lock()
        generation += 1
        let c = continuation
        continuation = nil
        lock.unlock()
        c?.resume()
    }

    /// Returns at `instant`, on a signal (or one since the last wait), or when cancelled.
    package func wait(until instant: Instant, clock: any SchedulerClock) async {
        let since = locked { observed }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await clock.sleep(until: instant) }
            group.addTask { await self.park(since: since) }
            await group.next()
            group.cancelAll()
        }
        locked { observed = generation }
    }

    private func park(since: Int) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                lock.lock()
                if generation != since || Task.isCancelled {
                    lock.unlock()
                    c.resume()
                } else {
                    continuation = c
                    lock.unlock()
                }
            }
        } onCancel: {
            let c = locked { () -> CheckedContinuation<Void, Never>? in
                defer { continuation = nil }
                return continuation
            }
            c?.resume()
        }
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
