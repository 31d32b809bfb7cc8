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
struct PostgresItemInsert {
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
        let lists = PostgresItemLists(item)
        let log = PostgresAuditColumns(audit)
        let submittedAt = item.submittedAt.map(InstantParam.init)
        let submittedDay = item.submittedAt.map { DayParam($0.day) }
        var inserted: Int64 = 0
        for try await row in try await conn.rows("""
            WITH new AS (
              INSERT INTO items (id, category, title, body, status, created_at, submitted_at, submitted_day, commission, fingerprint)
              VALUES (\(item.id.rawValue), \(item.category.rawValue), \(item.title), \(item.body), \(item.status.rawValue),
                      \(InstantParam(item.createdAt)), \(submittedAt)::timestamptz, \(submittedDay)::date, \(item.commission)::text, \(fingerprint))
              ON CONFLICT (id) DO NOTHING
              RETURNING seq
            ), item_units_new AS (
              INSERT INTO item_units (item, position, unit)
              SELECT new.seq, x.ord - 1, (SELECT u.seq FROM units u WHERE u.id = x.id)
              FROM new, unnest(\(lists.units)::text[]) WITH ORDINALITY AS x(id, ord)
            ), item_authors_new AS (
              INSERT INTO item_authors (item, position, person)
              SELECT new.seq, x.ord - 1, (SELECT p.seq FROM people p WHERE p.id = x.id)
              FROM new, unnest(\(lists.authors)::text[]) WITH ORDINALITY AS x(id, ord)
            ), item_history_new AS (
              INSERT INTO item_history (item, position, from_status, to_status, by_person, at, note)
              SELECT new.seq, x.ord - 1, x.from_status, x.to_status, x.by_person, x.at, x.note
              FROM new, unnest(\(lists.from)::text[], \(lists.to)::text[], \(lists.by)::text[], \(lists.at)::timestamptz[], \(lists.note)::text[])
                WITH ORDINALITY AS x(from_status, to_status, by_person, at, note, ord)
            ), audit_new AS (
              INSERT INTO audit_log (at, actor, action, entity, entity_id, office, before, after)
              SELECT x.at, x.actor, x.action, x.entity, x.entity_id, x.office, x.before, x.after
              FROM new, unnest(\(log.at)::timestamptz[], \(log.actor)::text[], \(log.action)::text[], \(log.entity)::text[], \(log.entityID)::text[],
                               \(log.office)::text[], \(log.before)::text[], \(log.after)::text[]) AS x(at, actor, action, entity, entity_id, office, before, after)
            )
            SELECT count(*) FROM new
            """) {
            var c = Cells(row)
            inserted = try c.int()
        }
        guard inserted == 1 else { throw StoreError.constraint("\(RecordKind.submission.label)编号 '\(item.id.rawValue)' 已存在") }
    }
}
