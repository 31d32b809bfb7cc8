import Logging
import PostgresNIO
import Synchronization

/// Runs a list of queries on one connection and, at the same time, on helper connections
/// that read the same snapshot (`pg_export_snapshot()` on the first, `SET TRANSACTION
/// SNAPSHOT` on the others), so that several server processes share one consistent read.
///
/// Each free connection takes the next job of the list (so the longest should come first),
/// runs its query, which answers one row of array columns (see `ArrayColumn`), and hands
/// them to the job's `finish`, on that connection's task: decoding one answer overlaps the
/// queries still running.
///
/// The helpers are connections of their own, opened for the call and closed after it: taken
/// from the store's pool, they could wait for a connection that only this read would free.
/// A helper that cannot connect leaves its share to the others.
struct PostgresSnapshotQueries {
    /// A connection in a `REPEATABLE READ` transaction, which stays open until `run` returns.
    let conn: PostgresConnection
    /// Where to open the helpers.
    let url: PostgresURL
    /// How many helpers to open (0: run every query on `conn`).
    let helpers: Int

    /// A query and what to do with its answer.
    struct Job: Sendable {
        var query: PostgresQuery
        /// Called with the columns of the query's row (none when it has no row).
        var finish: @Sendable ([ArrayColumn]) throws -> Void
    }

    /// Runs every job; returns when all are finished.
    func run(_ jobs: [Job]) async throws {
        let queue = Queue(count: jobs.count)
        let helpers = min(helpers, jobs.count - 1)
        let snapshot = helpers > 0 ? try await exportSnapshot() : ""
        try await withThrowingTaskGroup { group in
            for id in 0..<helpers {
                group.addTask { try await help(queue, jobs, snapshot: snapshot, id: id + 1) }
            }
            group.addTask { try await work(queue, jobs, on: conn) }
            try await group.waitForAll()
        }
    }

    /// Runs jobs from `queue` on `c` until none is left.
    private func work(_ queue: Queue, _ jobs: [Job], on c: PostgresConnection) async throws {
        while let k = queue.take() {
            try jobs[k].finish(try await c.arrayColumns(jobs[k].query))
        }
    }

    /// A helper: connects, takes the snapshot, works, and closes.
    private func help(_ queue: Queue, _ jobs: [Job], snapshot: String, id: Int) async throws {
        guard let c = try? await PostgresConnection.connect(configuration: url.connectionConfiguration(), id: id,
                                                            logger: PostgresStore.logger)
        else { return }
        do {
            if !queue.isEmpty {
                try await c.run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                try await c.run(PostgresQuery(unsafeSQL: "SET TRANSACTION SNAPSHOT '\(snapshot)'"))
                try await work(queue, jobs, on: c)
                try await c.run("COMMIT")
            }
            try await c.close()
        } catch {
            try? await c.close()
            throw error
        }
    }

    private func exportSnapshot() async throws -> String {
        guard let id = try await conn.strings("SELECT pg_export_snapshot()").first else {
            throw DecodeFailure(message: "no snapshot exported")
        }
        return id
    }

    /// Indexes of the jobs not yet taken.
    private final class Queue: Sendable {
        private let next = Atomic<Int>(0)
        private let count: Int

        init(count: Int) { self.count = count }

        var isEmpty: Bool { next.load(ordering: .relaxed) >= count }

        /// The next job's index, nil when all are taken.
        func take() -> Int? {
            let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
            return k < count ? k : nil
        }
    }
}

extension PostgresConnection {
    /// The array columns of `query`'s one row (none when it has no row).
    func arrayColumns(_ query: PostgresQuery) async throws -> [ArrayColumn] {
        var out: [ArrayColumn] = []
        for try await row in try await rows(query) {
            out = try row.map { try ArrayColumn($0.bytes) }
        }
        return out
    }
}
