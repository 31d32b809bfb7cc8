import DemoData
import Domain
import Foundation
import Interchange
import SQLiteStore
import Testing
import WorkingDays

/// A process killed in the middle of a large import leaves the database as it was; the
/// rerun completes.
@Suite(.serialized) struct CrashTests {
    static func demoFile() throws -> (URL, Int) {
        let calendar = try CalendarFile.load(schedules: Repository.root.appendingPathComponent("schedules"))
        var text = ""
        var count = 0
        try DemoDataSet(size: .city, seed: 7, calendar: calendar).generate { record in
            text += RecordEncoder.line(record) + "\n"
            count += 1
        }
        return (try temporaryFile("demo.jsonl", text), count)
    }

    func run(_ arguments: [String], in dir: URL) throws -> Process {
        let p = Process()
        p.executableURL = Repository.tally
        p.arguments = arguments
        p.currentDirectoryURL = dir
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// A fresh, migrated database in `dir` (what an earlier attempt left is removed).
    func freshDatabase(in dir: URL, _ db: URL) throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db.path + suffix) }
        let migrate = try run(["migrate"], in: dir)
        migrate.waitUntilExit()
        #expect(migrate.terminationStatus == 0)
    }

    @Test func sigkillDuringImportLeavesNothingAndTheRerunCompletes() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Repository.tally.path), "build the tally executable first (swift build)")
        let (file, count) = try Self.demoFile()
        let dir = file.deletingLastPathComponent()
        let db = dir.appendingPathComponent("data/tally.sqlite")

        // A kill can land before the import's one transaction commits (nothing may be left)
        // or, on a fast machine, just after it (everything is there); never in between. Tries
        // shorter and longer waits until one kill lands before the commit.
        var killedMidway = false
        for delay in [0.4, 0.15, 0.08, 0.25, 0.04, 0.8] {
            try freshDatabase(in: dir, db)
            let p = try run(["import", file.path], in: dir)
            try await Task.sleep(for: .seconds(delay))
            guard p.isRunning else {
                p.waitUntilExit()
                continue
            }
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            #expect(p.terminationReason == .uncaughtSignal)
            let store = try SQLiteStore(path: db.path)
            let total = try await store.counts().values.reduce(0, +)
            #expect(total == 0 || total == count, "a killed import left \(total) of \(count) records behind")
            #expect(try await store.integrityCheck() == "ok")
            if total == 0 {
                killedMidway = true
                break
            }
        }
        #expect(killedMidway, "no kill landed before the import committed")

        let store = try SQLiteStore(path: db.path)
        let rerun = try run(["import", file.path], in: dir)
        rerun.waitUntilExit()
        #expect(rerun.terminationStatus == 0)
        let after = try await store.counts()
        #expect(after.values.reduce(0, +) == count)
    }
}
