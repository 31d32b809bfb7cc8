import Assessment
import Domain
import Foundation
import PostgresStore
import Scheduling
import SQLiteStore

/// What the service needs of a database: the record, the scheduler's occurrences, the
/// inbox and the events deadlines count from. Both stores are all four.
typealias ServiceStore = RecordStore & OccurrenceStore & InboxStore & EventSource & AssessmentRunStore & OutboxStore & DocumentStore
    & PeopleDirectory & WorkStore & AccountStore

/// Opens the store `--database` names and brings its schema up to date (a database written
/// by a newer Tally is refused).
enum StoreFactory {
    static func open(_ global: GlobalOptions, migrate: Bool = true) async throws -> any RecordStore {
        try await openService(global, migrate: migrate)
    }

    static func openService(_ global: GlobalOptions, migrate: Bool = true) async throws -> any ServiceStore {
        let url = global.database
        let store: any ServiceStore
        if PostgresURL.matches(url) {
            // The store runs its connection pool in a task of its own: nothing to start here.
            do {
                store = try await PostgresStore.open(url)
            } catch let e as StoreError {
                throw CommandFailure(e.description)
            }
        } else {
            let path = url.hasPrefix("sqlite:") ? String(url.dropFirst(7)) : url
            do {
                store = try SQLiteStore(path: path)
            } catch {
                throw CommandFailure("无法打开数据库 \(path)：\(error)")
            }
        }
        if migrate {
            do {
                try await store.migrate()
            } catch let e as StoreError {
                throw CommandFailure(e.description)
            }
        }
        return store
    }
}
