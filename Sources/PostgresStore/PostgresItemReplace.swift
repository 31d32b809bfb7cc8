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

        var units = ArrayParam(.text), authors = ArrayParam(.text), sources = ArrayParam(.text)
        for u in item.units { units.append(u.rawValue) }
        for a in item.authors { authors.append(a.rawValue) }
        for s in item.mergedFrom { sources.append(s.rawValue) }
        var from = ArrayParam(.text), to = ArrayParam(.text), by = ArrayParam(.text), at = ArrayParam(.timestamptz), note = ArrayParam(.text)
        for t in item.history {
            from.append(t.from?.rawValue); to.append(t.to.rawValue); by.append(t.by?.rawValue); at.append(t.at); note.append(t.note)
        }
        let log = PostgresAuditColumns(audit)
        // An id that names no row leaves a NULL that the NOT NULL columns refuse.
        try await conn.run("""
            WITH units_new AS (
              INSERT INTO item_units (item, position, unit)
              SELECT \(seq), x.ord - 1, (SELECT u.seq FROM units u WHERE u.id = x.id) FROM unnest(\(units)::text[]) WITH ORDINALITY AS x(id, ord)
            ), authors_new AS (
              INSERT INTO item_authors (item, position, person)
              SELECT \(seq), x.ord - 1, (SELECT p.seq FROM people p WHERE p.id = x.id) FROM unnest(\(authors)::text[]) WITH ORDINALITY AS x(id, ord)
            ), sources_new AS (
              INSERT INTO item_sources (item, position, source)
              SELECT \(seq), x.ord - 1, (SELECT s.seq FROM items s WHERE s.id = x.id) FROM unnest(\(sources)::text[]) WITH ORDINALITY AS x(id, ord)
            ), history_new AS (
              INSERT INTO item_history (item, position, from_status, to_status, by_person, at, note)
              SELECT \(seq), x.ord - 1, x.from_status, x.to_status, x.by_person, x.at, x.note
              FROM unnest(\(from)::text[], \(to)::text[], \(by)::text[], \(at)::timestamptz[], \(note)::text[])
                WITH ORDINALITY AS x(from_status, to_status, by_person, at, note, ord)
            )
            INSERT INTO audit_log (at, actor, action, entity, entity_id, office, before, after)
            SELECT * FROM unnest(\(log.at)::timestamptz[], \(log.actor)::text[], \(log.action)::text[], \(log.entity)::text[],
                                 \(log.entityID)::text[], \(log.office)::text[], \(log.before)::text[], \(log.after)::text[])
            """)
    }
}

/// Audit entries as one array per column, for an `unnest` insert.
struct PostgresAuditColumns {
    var at = ArrayParam(.timestamptz), actor = ArrayParam(.text), action = ArrayParam(.text), entity = ArrayParam(.text)
    var entityID = ArrayParam(.text), office = ArrayParam(.text), before = ArrayParam(.text), after = ArrayParam(.text)

    init(_ entries: [AuditEntry]) {
        for e in entries {
            at.append(e.at); actor.append(e.actor?.rawValue); action.append(e.action); entity.append(e.entity)
            entityID.append(e.entityID); office.append(e.office.rawValue); before.append(e.before); after.append(e.after)
        }
    }
}
