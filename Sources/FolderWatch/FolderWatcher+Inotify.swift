#if os(Linux)
import Dispatch

extension FolderWatcher {
    /// Sleeps on the tree's inotify descriptor until the task is cancelled (returns nil) or a
    /// watch could not be added (returns why). Closes the descriptor before returning.
    func notified(by tree: InotifyTree, onChange: @Sendable () async -> Void) async -> InotifyError? {
        // Taken before the source starts draining: a change made since the watches were
        // added (queued on the descriptor) must count as new, not as already handled.
        var handled = tree.changeCount
        let (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let source = DispatchSource.makeReadSource(fileDescriptor: tree.fd, queue: DispatchQueue(label: "FolderWatch"))
        source.setEventHandler {
            if tree.drain() { wake.yield() }
        }
        source.resume()
        var failure: InotifyError?
        for await _ in wakeups {
            failure = tree.failure
            if failure != nil { break }
            let count = tree.changeCount
            guard count != handled else { continue }
            handled = await settled(from: count) { tree.changeCount }
            guard !Task.isCancelled else { break }
            await onChange()
        }
        wake.finish()
        // The descriptor may be closed only once the source has stopped reading it.
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            source.setCancelHandler {
                tree.close()
                done.resume()
            }
            source.cancel()
        }
        return failure
    }
}
#endif
