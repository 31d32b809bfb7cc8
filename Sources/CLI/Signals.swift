import Dispatch
import Foundation

/// SIGINT and SIGTERM handled in Swift instead of ending the process: long commands cancel
/// their work cleanly (nothing half-stored), the service stops its tasks.
enum Signals {
    /// Calls `handler` (once) on SIGINT or SIGTERM until the returned watch is cancelled.
    static func watch(_ handler: @escaping @Sendable () -> Void) -> Watch {
        let once = OnceFlag()
        var sources: [any DispatchSourceSignal] = []
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { if once.set() { handler() } }
            source.resume()
            sources.append(source)
        }
        return Watch(sources: sources)
    }

    /// Signal sources; `cancel` restores the default action.
    final class Watch: @unchecked Sendable {
        private let sources: [any DispatchSourceSignal]

        init(sources: [any DispatchSourceSignal]) { self.sources = sources }

        func cancel() {
            for s in sources { s.cancel() }
            signal(SIGINT, SIG_DFL)
            signal(SIGTERM, SIG_DFL)
        }
    }
}

/// Runs work that SIGINT or SIGTERM cancels: the result, or nil when it was cancelled.
enum CancelOnInterrupt {
    static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T? {
        // The signals are caught before the work starts, so that an early Ctrl-C cancels it
        // instead of ending the process.
        let canceller = Canceller()
        let watch = Signals.watch { canceller.cancel() }
        defer { watch.cancel() }
        let task = Task { try await body() }
        canceller.attach { task.cancel() }
        do {
            return try await task.value
        } catch is CancellationError {
            return nil
        }
    }
}

/// Cancels the work attached to it, now or, if cancelled before, as soon as it is attached.
private final class Canceller: @unchecked Sendable {
    // Invariant: `cancelled` and `action` are only touched while holding `lock`.
    private let lock = NSLock()
    private var cancelled = false
    private var action: (@Sendable () -> Void)?

    func cancel() {
        let run = lock.withLock { () -> (@Sendable () -> Void)? in
            cancelled = true
            return action
        }
        run?()
    }

    func attach(_ action: @escaping @Sendable () -> Void) {
        let now = lock.withLock { () -> Bool in
            self.action = action
            return cancelled
        }
        if now { action() }
    }
}

/// True the first time only.
final class OnceFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false

    func set() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if done { return false }
        done = true
        return true
    }
}
