import Domain
import Tagged

/// An item's lists and history as one array per column, for `unnest` inserts (ids, which
/// the statements turn into row numbers).
struct PostgresItemLists {
    var units = ArrayParam(.text), authors = ArrayParam(.text), sources = ArrayParam(.text)
    var from = ArrayParam(.text), to = ArrayParam(.text), by = ArrayParam(.text), at = ArrayParam(.timestamptz), note = ArrayParam(.text)

    init(_ item: Item) {
        for u in item.units { units.append(u.rawValue) }
        for a in item.authors { authors.append(a.rawValue) }
        for s in item.mergedFrom { sources.append(s.rawValue) }
        for t in item.history {
            from.append(t.from?.rawValue); to.append(t.to.rawValue); by.append(t.by?.rawValue); at.append(t.at); note.append(t.note)
        }
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
