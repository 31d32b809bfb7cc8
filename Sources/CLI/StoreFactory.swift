import Domain
import Foundation
import SQLiteStore

/// Opens the store `--database` names and brings its schema up to date (a database written
/// by a newer Tally is refused).
enum StoreFactory {
    static func open(_ global: GlobalOptions, migrate: Bool = true) async throws -> any RecordStore {
        let url = global.database
        let store: any RecordStore
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            throw CommandFailure("PostgreSQL 存储尚未编入此版本：请使用 SQLite 文件路径")
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
