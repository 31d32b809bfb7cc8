import Foundation
#if os(Linux)
import Glibc
#endif
import Synchronization
import Testing
@testable import FolderWatch

/// Timings are generous: the machine running the tests may be slow and busy.
@Suite(.serialized) struct FolderWatcherTests {
    @Test func seesAChangeInANestedFolder() async throws {
        let folder = try TempFolder()
        try folder.write("city/tests/case.yaml", "a: 1\n")
        let watch = try await Watch.start(folder)
        try folder.write("city/tests/case.yaml", "a: 2\n")
        #expect(await watch.waitForCalls(1), "no callback after a nested edit")
        await watch.stop()
    }

    @Test func watchesASubFolderCreatedAfterStart() async throws {
        let folder = try TempFolder()
        let watch = try await Watch.start(folder)
        try FileManager.default.createDirectory(at: folder.url("county/tests"), withIntermediateDirectories: true)
        #expect(await watch.waitForCalls(1), "no callback for the new folder")
        try await Task.sleep(for: .milliseconds(500))
        let before = watch.calls
        try folder.write("county/tests/case.yaml", "a: 1\n")
        #expect(await watch.waitForCalls(before + 1), "no callback for a file in the new folder")
        await watch.stop()
    }

    @Test func quickWritesGiveOneCallbackOnceSettled() async throws {
        let folder = try TempFolder()
        try folder.write("city/rules.lua", "BASE = 0\n")
        let watch = try await Watch.start(folder, settle: .seconds(1))
        for version in 1...5 {
            try folder.write("city/rules.lua", "BASE = \(version)\n")
            try folder.write("city/tests/case\(version).yaml", "a: \(version)\n")
        }
        #expect(await watch.waitForCalls(1))
        try await Task.sleep(for: .seconds(3))
        #expect(watch.calls == 1)
        await watch.stop()
    }

    @Test func followsARootDeletedAndCreatedAgain() async throws {
        let folder = try TempFolder()
        try folder.write("city/rules.lua", "BASE = 1\n")
        let watch = try await Watch.start(folder)
        try FileManager.default.removeItem(at: folder.root)
        #expect(await watch.waitForCalls(1), "no callback for the deleted root")
        try folder.write("city/rules.lua", "BASE = 2\n")
        #expect(await watch.waitForCalls(2), "no callback for the re-created root")
        try await Task.sleep(for: .milliseconds(500))
        let before = watch.calls
        try folder.write("city/rules.lua", "BASE = 3\n")
        #expect(await watch.waitForCalls(before + 1), "no callback for an edit in the re-created root")
        await watch.stop()
    }

    @Test func pollingSeesANestedChange() async throws {
        let folder = try TempFolder()
        try folder.write("city/tests/case.yaml", "a: 1\n")
        let counts = Counts()
        let watcher = FolderWatcher(root: folder.root, settle: .milliseconds(100), pollInterval: .milliseconds(100))
        let task = Task { await watcher.poll(onReady: { counts.ready.withLock { $0 = true } }) { counts.calls.withLock { $0 += 1 } } }
        #expect(await eventually { counts.ready.withLock { $0 } }, "polling never took its baseline")
        try folder.write("city/tests/case.yaml", "a: 22\n")
        #expect(await eventually { counts.calls.withLock { $0 } >= 1 }, "polling missed a nested edit")
        task.cancel()
        await task.value
    }

    #if os(Linux)
    @Test func cancellingStopsTheWatcherAndClosesItsDescriptor() async throws {
        let folder = try TempFolder()
        try folder.write("city/rules.lua", "BASE = 1\n")
        #expect(inotifyDescriptors(watching: folder.root).isEmpty)
        let watch = try await Watch.start(folder)
        #expect(inotifyDescriptors(watching: folder.root).count == 1)
        await watch.stop()
        #expect(inotifyDescriptors(watching: folder.root).isEmpty, "inotify descriptor left open")
        try folder.write("city/rules.lua", "BASE = 2\n")
        try await Task.sleep(for: .seconds(1))
        #expect(watch.calls == 0, "callback after cancellation")
    }

    /// The open descriptors in /proc/self/fd that are inotify instances watching `directory`
    /// (matched by inode in /proc/self/fdinfo, so suites running in parallel do not count).
    private func inotifyDescriptors(watching directory: URL) -> Set<String> {
        var info = stat()
        guard stat(directory.path, &info) == 0 else { return [] }
        let inode = "ino:\(String(info.st_ino, radix: 16)) "
        let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return Set(fds.filter { fd in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + fd)) == "anon_inode:inotify"
                && ((try? String(contentsOfFile: "/proc/self/fdinfo/" + fd, encoding: .utf8))?.contains(inode) ?? false)
        })
    }
    #endif
}

/// Callbacks seen by a watcher under test.
private final class Counts: Sendable {
    let calls = Mutex(0)
    let ready = Mutex(false)
    let fallbacks = Mutex<[String]>([])
}

/// A running watcher that counts its callbacks.
private struct Watch {
    let task: Task<Void, Never>
    let counts: Counts

    var calls: Int { counts.calls.withLock { $0 } }

    /// Starts watching and waits until the watcher sees changes (on a busy machine the task
    /// may start late: a change made before its watches exist would be missed).
    static func start(_ folder: TempFolder, settle: Duration = .milliseconds(100)) async throws -> Watch {
        let counts = Counts()
        let watcher = FolderWatcher(root: folder.root, settle: settle, pollInterval: .milliseconds(100))
        let task = Task {
            await watcher.run(onFallback: { reason in counts.fallbacks.withLock { $0.append(reason) } },
                              onReady: { counts.ready.withLock { $0 = true } },
                              onChange: { counts.calls.withLock { $0 += 1 } })
        }
        #expect(await eventually { counts.ready.withLock { $0 } }, "the watcher never became ready")
        #if os(Linux)
        #expect(counts.fallbacks.withLock { $0 }.isEmpty, "fell back to polling")
        #endif
        return Watch(task: task, counts: counts)
    }

    func waitForCalls(_ n: Int) async -> Bool {
        await eventually { calls >= n }
    }

    func stop() async {
        task.cancel()
        await task.value
    }
}

/// Polls `condition` for up to 120 s. Long, because in a full `swift test` on a 2-core machine
/// other suites block the cooperative threads (waiting for `tally` processes) for tens of
/// seconds, and neither the watcher's task nor this loop runs meanwhile (seen: 84–113 s).
private func eventually(_ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .seconds(120)
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return condition()
}

/// A fresh folder under the temporary directory, removed again at the end.
private final class TempFolder {
    let root: URL

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("folderwatch-\(UUID().uuidString)")
        root = base.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    /// Writes a file, creating its folders.
    func write(_ path: String, _ text: String) throws {
        let file = url(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }
}
