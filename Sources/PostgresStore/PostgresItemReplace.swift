import Domain
import PostgresNIO
import Tagged
import WorkingDays

/// A stored item changed by the service (an edit or a workflow step) with its audit entries,
/// in two statements inside the caller's transaction instead of a dozen: the first updates the
/// row if its fingerprint is still the expected one and clears its lists (data-modifying
/// CTEs on different tables), the second writes the lists, history and audit lines anew.
/// The two cannot be one: a statement's CTEs do not see each other's changes, so inserting a
/// list row beside the delete of the row it replaces would break the list's keys.
struct PostgresItemReplace {
    let item: Item
    let fingerprint: Int64
    let expected: Int64
    let audit: [AuditEntry]

    /// Whether `changes` is one replaced item this path can write.
    static func applies(to changes: [RecordChange]) -> (item: Item, expected: Int64)? {
        guard changes.count == 1, case .replaceItem(let item, let expected) = changes[0] else { return nil }
        return (item, expected)
    }

    /// Throws `StaleRecord` when the item is gone or changed since it was read.
    func run(_ conn: PostgresConnection) async throws {
        let submittedAt = item.submittedAt.map(InstantParam.init)
        let submittedDay = item.submittedAt.map { DayParam($0.day) }
        var seq: Int64?
        for try await row in try await conn.rows("""
            WITH changed AS (
              UPDATE items SET category = \(item.category.rawValue), title = \(item.title), body = \(item.body), status = \(item.status.rawValue),
                created_at = \(InstantParam(item.createdAt)), submitted_at = \(submittedAt)::timestamptz, submitted_day = \(submittedDay)::date,
                commission = \(item.commission)::text, fingerprint = \(fingerprint)
              WHERE id = \(item.id.rawValue) AND fingerprint = \(expected)
              RETURNING seq
            ), units_gone AS (DELETE FROM item_units WHERE item IN (SELECT seq FROM changed)),
            authors_gone AS (DELETE FROM item_authors WHERE item IN (SELECT seq FROM changed)),
            sources_gone AS (DELETE FROM item_sources WHERE item IN (SELECT seq FROM changed)),
            history_gone AS (DELETE FROM item_history WHERE item IN (SELECT seq FROM changed))
            SELECT seq FROM changed
            """) {
            var c = Cells(row)
            seq = try c.int()
        }
        guard let seq else { throw StaleRecord(kind: .submission, id: item.id.rawValue) }

        let lists = PostgresItemLists(item)
        let log = PostgresAuditColumns(audit)
        // An id that names no row leaves a NULL that the NOT NULL columns refuse.
        try await conn.run("""
            WITH units_new AS (
              INSERT INTO item_units (item, position, unit)
              SELECT \(seq), x.ord - 1, (SELECT u.seq FROM units u WHERE u.id = x.id) FROM unnest(\(lists.units)::text[]) WITH ORDINALITY AS x(id, ord)
            ), authors_new AS (
              INSERT INTO item_authors (item, position, person)
              SELECT \(seq), x.ord - 1, (SELECT p.seq FROM people p WHERE p.id = x.id) FROM unnest(\(lists.authors)::text[]) WITH ORDINALITY AS x(id, ord)
            ), sources_new AS (
              INSERT INTO item_sources (item, position, source)
              SELECT \(seq), x.ord - 1, (SELECT s.seq FROM items s WHERE s.id = x.id) FROM unnest(\(lists.sources)::text[]) WITH ORDINALITY AS x(id, ord)
            ), history_new AS (
              INSERT INTO item_history (item, position, from_status, to_status, by_person, at, note)
              SELECT \(seq), x.ord - 1, x.from_status, x.to_status, x.by_person, x.at, x.note
              FROM unnest(\(lists.from)::text[], \(lists.to)::text[], \(lists.by)::text[], \(lists.at)::timestamptz[], \(lists.note)::text[])
                WITH ORDINALITY AS x(from_status, to_status, by_person, at, note, ord)
            )
            INSERT INTO audit_log (at, actor, action, entity, entity_id, office, before, after)
            SELECT * FROM unnest(\(log.at)::timestamptz[], \(log.actor)::text[], \(log.action)::text[], \(log.entity)::text[],
                                 \(log.entityID)::text[], \(log.office)::text[], \(log.before)::text[], \(log.after)::text[])
            """)
    }
}
