import Domain
import PostgresNIO
import Tagged
import WorkingDays

/// A new item written by the service (a draft, or an item submitted at once) with its audit
/// entries in one statement: data-modifying CTEs insert the item, its units, authors and
/// history and the audit lines, so the write is one round trip, atomic without `BEGIN` and
/// `COMMIT` (the general path takes nine). Ids are turned into row numbers inside the
/// statement; an id that names no row leaves a NULL that the NOT NULL columns refuse, which
/// fails the whole statement. An id already stored inserts nothing: the count says so.
///
/// The statement is prepared once per connection (its text never changes: the lists travel
/// as arrays), so the server does not parse and plan it on every submission.
struct PostgresItemInsert: PostgresPreparedStatement {
    typealias Row = Int64

    let item: Item
    let fingerprint: Int64
    let audit: [AuditEntry]

    /// Whether `changes` is one new item this statement can write (merged items, which refer
    /// to their sources, take the general path).
    static func applies(to changes: [RecordChange]) -> Item? {
        guard changes.count == 1, case .insert(.submission(let item)) = changes[0], item.mergedFrom.isEmpty else { return nil }
        return item
    }

    /// Runs the statement; throws `StoreError.constraint` when the id is already taken.
    func run(_ conn: PostgresConnection) async throws {
        guard !conn.isClosed else { throw ConnectionLost() }
        var inserted: Int64 = 0
        for try await count in try await conn.execute(self, logger: PostgresStore.logger) { inserted = count }
        guard inserted == 1 else { throw StoreError.constraint("\(RecordKind.submission.label)编号 '\(item.id.rawValue)' 已存在") }
    }

    static let name = "tally_item_insert"

    static let bindingDataTypes: [PostgresDataType] = [
        .text, .text, .text, .text, .text, .timestamptz, .timestamptz, .date, .text, .int8,   // $1–$10 the item
        .textArray, .textArray,                                                                // $11–$12 units, authors
        .textArray, .textArray, .textArray, .timestamptzArray, .textArray,                     // $13–$17 history
        .timestamptzArray, .textArray, .textArray, .textArray, .textArray, .textArray, .textArray, .textArray, // $18–$25 audit
    ]

    static let sql = """
        WITH new AS (
          INSERT INTO items (id, category, title, body, status, created_at, submitted_at, submitted_day, commission, fingerprint)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
          ON CONFLICT (id) DO NOTHING
          RETURNING seq
        ), item_units_new AS (
          INSERT INTO item_units (item, position, unit)
          SELECT new.seq, x.ord - 1, (SELECT u.seq FROM units u WHERE u.id = x.id)
          FROM new, unnest($11::text[]) WITH ORDINALITY AS x(id, ord)
        ), item_authors_new AS (
          INSERT INTO item_authors (item, position, person)
          SELECT new.seq, x.ord - 1, (SELECT p.seq FROM people p WHERE p.id = x.id)
          FROM new, unnest($12::text[]) WITH ORDINALITY AS x(id, ord)
        ), item_history_new AS (
          INSERT INTO item_history (item, position, from_status, to_status, by_person, at, note)
          SELECT new.seq, x.ord - 1, x.from_status, x.to_status, x.by_person, x.at, x.note
          FROM new, unnest($13::text[], $14::text[], $15::text[], $16::timestamptz[], $17::text[])
            WITH ORDINALITY AS x(from_status, to_status, by_person, at, note, ord)
        ), audit_new AS (
          INSERT INTO audit_log (at, actor, action, entity, entity_id, office, before, after)
          SELECT x.at, x.actor, x.action, x.entity, x.entity_id, x.office, x.before, x.after
          FROM new, unnest($18::timestamptz[], $19::text[], $20::text[], $21::text[], $22::text[], $23::text[], $24::text[], $25::text[])
            AS x(at, actor, action, entity, entity_id, office, before, after)
        )
        SELECT count(*) FROM new
        """

    func makeBindings() -> PostgresBindings {
        let lists = PostgresItemLists(item)
        let log = PostgresAuditColumns(audit)
        var b = PostgresBindings(capacity: Self.bindingDataTypes.count)
        b.append(item.id.rawValue); b.append(item.category.rawValue); b.append(item.title); b.append(item.body)
        b.append(item.status.rawValue); b.append(InstantParam(item.createdAt))
        b.append(item.submittedAt.map(InstantParam.init)); b.append(item.submittedAt.map { DayParam($0.day) })
        b.append(item.commission); b.append(fingerprint)
        b.append(lists.units); b.append(lists.authors)
        b.append(lists.from); b.append(lists.to); b.append(lists.by); b.append(lists.at); b.append(lists.note)
        b.append(log.at); b.append(log.actor); b.append(log.action); b.append(log.entity)
        b.append(log.entityID); b.append(log.office); b.append(log.before); b.append(log.after)
        return b
    }

    func decodeRow(_ row: PostgresRow) throws -> Int64 {
        var c = Cells(row)
        return try c.int()
    }
}
