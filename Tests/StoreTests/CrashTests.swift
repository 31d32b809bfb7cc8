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

    @Test func sigkillDuringImportLeavesNothingAndTheRerunCompletes() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Repository.tally.path), "build the tally executable first (swift build)")
        let (file, count) = try Self.demoFile()
        let dir = file.deletingLastPathComponent()
        let db = dir.appendingPathComponent("data/tally.sqlite")
        // The schema exists before the import starts.
        let migrate = try run(["migrate"], in: dir)
        migrate.waitUntilExit()
        #expect(migrate.terminationStatus == 0)

        var killedMidway = false
        for delay in [0.4, 0.15, 0.8] {
            let p = try run(["import", file.path], in: dir)
            try await Task.sleep(for: .seconds(delay))
            if p.isRunning {
                kill(p.processIdentifier, SIGKILL)
                p.waitUntilExit()
                killedMidway = p.terminationReason == .uncaughtSignal
                break
            }
            p.waitUntilExit()
        }
        #expect(killedMidway, "the import finished before it could be killed")

        let store = try SQLiteStore(path: db.path)
        let counts = try await store.counts()
        #expect(counts.values.reduce(0, +) == 0, "a killed import left records behind: \(counts)")
        #expect(try await store.integrityCheck() == "ok")

        let rerun = try run(["import", file.path], in: dir)
        rerun.waitUntilExit()
        #expect(rerun.terminationStatus == 0)
        let after = try await store.counts()
        #expect(after.values.reduce(0, +) == count)
    }
}
