package import Foundation

/// Watches a folder tree and calls back once after each burst of changes.
///
/// On Linux it sleeps on kernel notifications (inotify) and costs nothing while the tree
/// is unchanged. Where those are unavailable (other platforms, or the kernel refusing more
/// instances or watches) it compares a scan of file sizes and modification times every
/// `pollInterval`. Either way, after a change it waits until the tree has settled (no
/// further change within `settle`; an editor may write a file in several steps) and then
/// calls back once. Callbacks may be spurious (a file touched but unchanged, say), so they
/// should be cheap when nothing really changed.
package struct FolderWatcher: Sendable {
    /// The folder; it may be missing at start, or deleted and re-created later.
    package var root: URL
    /// How long the tree must stay unchanged before the callback.
    package var settle: Duration
    /// The scan interval, used only where kernel notifications are unavailable.
    package var pollInterval: Duration

    package init(root: URL, settle: Duration, pollInterval: Duration) {
        self.root = root
        self.settle = settle
        self.pollInterval = pollInterval
    }

    /// Runs until the task is cancelled; every descriptor it opened is closed on return.
    ///
    /// - Parameters:
    ///   - onFallback: on Linux, told why if the kernel refuses notifications (at start or
    ///     later) and the watcher polls instead. Other platforms always poll, unreported.
    ///   - onChange: called after each settled burst of changes, never concurrently.
    ///   - onReady: called once, when changes from then on are seen (the watches are in
    ///     place, or the polling baseline is taken).
    package func run(onFallback: @Sendable (String) -> Void, onReady: @Sendable () -> Void = {}, onChange: @Sendable () async -> Void) async {
        #if os(Linux)
        let tree: InotifyTree
        do {
            tree = try InotifyTree(root: root)
        } catch {
            onFallback(error.description)
            await poll(onReady: onReady, onChange: onChange)
            return
        }
        onReady()
        guard let failure = await notified(by: tree, onChange: onChange) else { return }
        onFallback(failure.description)
        // The change that ran out of watches may not have been reported yet.
        await onChange()
        await poll(onReady: {}, onChange: onChange)
        #else
        await poll(onReady: onReady, onChange: onChange)
        #endif
    }

    /// Observes `value` again every `settle` until two observations agree; returns the last.
    func settled<Value: Equatable>(from value: Value, observe: () -> Value) async -> Value {
        var current = value
        while !Task.isCancelled {
            try? await Task.sleep(for: settle)
            let again = observe()
            if again == current { break }
            current = again
        }
        return current
    }
}
