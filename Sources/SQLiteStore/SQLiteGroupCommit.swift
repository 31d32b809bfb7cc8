import GRDB
import Synchronization

/// Group commit for the service's small writes: writes that arrive while the pool's writer
/// connection is busy wait in a queue, and the next turn of the writer runs all of them (up to
/// `batchLimit`) in one `BEGIN IMMEDIATE` transaction, each inside its own savepoint.
///
/// Each write still succeeds or fails alone: one that throws is rolled back to its savepoint
/// and its caller gets the error, while the others in the batch commit. A caller is answered
/// only after the transaction holding its write has committed (or failed: then every write of
/// the batch gets that error and none of them is stored). A lone write is not delayed: when
/// the writer is idle it starts at once, as a batch of one.
final class SQLiteGroupCommit: Sendable {
    typealias Work = @Sendable (Database) throws -> Void

    private struct Pending {
        let work: Work
        let done: CheckedContinuation<Void, any Error>
    }

    private struct Queue {
        var pending: [Pending] = []
        /// A writer turn is scheduled or running and will take what is queued.
        var scheduled = false
    }

    private let pool: DatabasePool
    private let queue = Mutex(Queue())
    /// The most writes one transaction holds: keeps a turn of the writer short when a burst
    /// arrives, so other writers (imports, the scheduler) are not kept waiting behind it.
    let batchLimit: Int

    init(pool: DatabasePool, batchLimit: Int = 64) {
        self.pool = pool
        self.batchLimit = batchLimit
    }

    /// Runs `work` in a transaction shared with the writes queued beside it; returns once that
    /// transaction committed, throws what `work` threw (its changes undone) or what the commit threw.
    func write(_ work: @escaping Work) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            let start = queue.withLock { q in
                q.pending.append(Pending(work: work, done: done))
                if q.scheduled { return false }
                q.scheduled = true
                return true
            }
            if start { scheduleTurn() }
        }
    }

    private func scheduleTurn() {
        pool.asyncWriteWithoutTransaction { db in self.turn(db) }
    }

    /// One turn of the writer: the queued writes (up to the limit) in one transaction.
    private func turn(_ db: Database) {
        let batch = queue.withLock { q in
            let taken = Array(q.pending.prefix(batchLimit))
            q.pending.removeFirst(taken.count)
            return taken
        }
        var outcomes: [Result<Void, any Error>] = []
        outcomes.reserveCapacity(batch.count)
        do {
            try db.inTransaction(.immediate) {
                for pending in batch {
                    do {
                        try db.inSavepoint {
                            try pending.work(db)
                            return .commit
                        }
                        outcomes.append(.success(()))
                    } catch {
                        // Some errors (a full disk, an I/O error) make SQLite roll the whole
                        // transaction back: then no write of the batch is stored.
                        guard db.isInsideTransaction else { throw error }
                        outcomes.append(.failure(error))
                    }
                }
                return .commit
            }
        } catch {
            // The transaction itself failed (begin or commit): nothing of the batch is stored.
            outcomes = batch.map { _ in .failure(error) }
        }
        // The next turn is scheduled before anyone is answered, so that writes queued
        // meanwhile are not left waiting for a caller that never comes.
        let more = queue.withLock { q in
            if q.pending.isEmpty { q.scheduled = false; return false }
            return true
        }
        if more { scheduleTurn() }
        for (pending, outcome) in zip(batch, outcomes) {
            pending.done.resume(with: outcome)
        }
    }
}
