import ArgumentParser
import DemoData
import Domain
import Foundation
import Interchange
import PostgresStore
import SQLiteStore
import WorkingDays

/// Imports the province-size demo data set into a fresh database (records/s), then reads one
/// year's items with their adoptions, forwardings and instructions for assessment (items/s).
struct StoreBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "store", abstract: "Import and year-read throughput.")

    @Option(help: "city or province.") var size = "province"
    @Option(help: "Seed of the generated data.") var seed: UInt64 = 2026
    @Option(help: "Schedules folder (calendar data).") var schedules = "schedules"
    @Option(help: "Working folder for the generated file and the database.") var work = "data/bench"
    @Option(help: "Year reads to time; the median is reported.") var reads = 3
    @Option(help: "Read this already imported SQLite database instead of importing (for read-only runs).") var reuse: String?
    @Option(help: "Also measure PostgreSQL: a server URL whose role may create databases (a fresh one is made and dropped).")
    var postgres: String?
    @Option(help: "Also read this already imported PostgreSQL database instead of importing into a fresh one (for read-only runs).")
    var reusePostgres: String?

    func validate() throws {
        if postgres != nil && reusePostgres != nil { throw ValidationError("--postgres or --reuse-postgres, not both") }
    }

    func run() async throws {
        let calendar = try CalendarFile.load(schedules: URL(fileURLWithPath: schedules))
        guard let s = DemoDataSet.Size(rawValue: size) else { throw ValidationError("--size: city or province") }
        let set = DemoDataSet(size: s, seed: seed, calendar: calendar)
        let dir = URL(fileURLWithPath: work)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("demo-\(size)-\(seed).jsonl")
        try BenchDataFile.ensure(file, of: set)
        let bytes = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        let year = Period.year(set.year)

        if reuse == nil {
            let t0 = ContinuousClock.now
            let nothing = try await Importer(store: NullStore()).importFile(file)
            let t = seconds(ContinuousClock.now - t0)
            print(String(format: "import into no store (reading and checking only): %d records (%.0f MB) in %.2f s = %.0f records/s",
                         nothing.records, Double(bytes) / 1e6, t, Double(nothing.records) / t))
        }

        let dbPath = reuse ?? dir.appendingPathComponent("bench-\(UUID().uuidString).sqlite").path
        defer { if reuse == nil { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dbPath + suffix) } } }
        let sqlite = try SQLiteStore(path: dbPath)
        try await sqlite.migrate()
        try await measure(sqlite, named: "SQLite", importing: reuse == nil ? file : nil, year: year)

        if let reusePostgres {
            let store = try await PostgresStore.open(reusePostgres)
            do {
                try await measure(store, named: "PostgreSQL", importing: nil, year: year)
            } catch {
                await store.close()
                throw error
            }
            await store.close()
        } else if let postgres {
            let admin = try PostgresURL(postgres)
            let url = try await PostgresAdmin.createDatabase(on: admin, prefix: "tally_bench_")
            let store = try await PostgresStore.open(url)
            do {
                try await store.migrate()
                try await measure(store, named: "PostgreSQL", importing: file, year: year)
            } catch {
                await store.close()
                try? await PostgresAdmin.dropDatabase(url.database, on: admin)
                throw error
            }
            await store.close()
            try await PostgresAdmin.dropDatabase(url.database, on: admin)
        }
    }

    /// Imports `file` (when given) into `store`, then times `reads` year reads and prints the median.
    private func measure(_ store: any RecordStore, named name: String, importing file: URL?, year: Period) async throws {
        if let file {
            let started = ContinuousClock.now
            let report = try await Importer(store: store).importFile(file)
            let t = seconds(ContinuousClock.now - started)
            print(String(format: "import into %@: %d records in %.2f s = %.0f records/s", name, report.records, t, Double(report.records) / t))
        }
        var times: [Double] = []
        var items = 0
        var facts = 0
        for _ in 0..<reads {
            let t0 = ContinuousClock.now
            let table = try await store.itemTable(submittedFrom: year.first, through: year.last)
            times.append(seconds(ContinuousClock.now - t0))
            items = table.count
            facts = table.adoptions.count + table.forwardings.count + table.instructions.count
        }
        let t = median(times)
        print(String(format: "year read from %@: %d items with %d adoptions/forwardings/instructions in %.3f s = %.0f items/s",
                     name, items, facts, t, Double(items) / t))
    }
}

extension FileHandle {
    static func forWritingCreating(_ url: URL) throws -> FileHandle {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        return try FileHandle(forWritingTo: url)
    }
}
