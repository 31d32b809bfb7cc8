import HTTPTypes
import Logging
import Tagged
import Domain
import Foundation
import Interchange
import WorkingDays

/// What people do with items — draft, edit, submit, review, adopt, forward, merge — with
/// the access checks, the workflow rules and the audit entry of each, shared by the API
/// and the console. Every change is one store transaction with its audit entry.
struct ItemActions: Sendable {
    let deps: WebDependencies

    /// The item, if `user` may see it (a draft only by those who may draft for its units).
    func detail(_ id: String, for user: SignedIn) async throws -> ItemDetail {
        guard let detail = try await deps.store.item(ItemID(rawValue: id)), visible(detail.item, to: user) else { throw APIError.notFound("信息") }
        return detail
    }

    func visible(_ item: Item, to user: SignedIn) -> Bool {
        guard item.units.contains(where: user.scope.canRead(unit:)) else { return false }
        return item.status != .draft || item.units.contains(where: user.scope.canDraft(for:))
    }

    func list(_ query: ItemQuery, for user: SignedIn) async throws -> Page<ItemSummary> {
        var query = query
        let organisation = try await deps.organisation.current()
        if let wanted = query.units {
            query.units = wanted.intersection(user.scope.units)
        } else if user.scope.units.count < organisation.units.count {
            query.units = user.scope.units
        }
        // Drafts are listed only for the units the person drafts for.
        if !user.scope.units.contains(where: user.scope.canDraft(for:)) {
            query.statuses = query.statuses.isEmpty ? Set(ItemStatus.allCases).subtracting([.draft]) : query.statuses.subtracting([.draft])
            if query.statuses.isEmpty { return Page(items: [], next: nil) }
        }
        return try await deps.store.items(query)
    }

    func create(_ new: NewItem, by user: SignedIn) async throws -> ItemDetail {
        let units = new.units.map { UnitID(rawValue: $0) }
        guard !units.isEmpty else { throw APIError.invalid("units", "至少填写一个报送单位") }
        guard Set(units).count == units.count else { throw APIError.invalid("units", "报送单位重复") }
        for (i, u) in units.enumerated() where !user.scope.canDraft(for: u) {
            throw APIError(.forbidden, "forbidden", "无权为单位 '\(u.rawValue)' 起草信息", field: "units[\(i)]")
        }
        let organisation = try await deps.organisation.current()
        let authors = try (new.authors ?? (user.account.role == .clerk ? [user.person.id.rawValue] : [])).enumerated().map { i, a in
            guard let p = organisation.people[PersonID(rawValue: a)], units.contains(p.unit) else {
                throw APIError.invalid("authors[\(i)]", "作者 '\(a)' 不是报送单位的人员")
            }
            return p.id
        }
        let id = try new.id.map { try Self.checkID($0, field: "id") } ?? Self.newID(prefix: units[0].rawValue)
        let now = deps.now()
        let draft = Item(id: ItemID(rawValue: id), units: units, authors: authors, category: try Self.category(new.category),
                         title: try Self.title(new.title), body: try Self.body(new.body ?? ""), status: .draft, createdAt: now,
                         commission: try new.commission.map { try Self.checkID($0, field: "commission") },
                         history: [ItemTransition(from: nil, to: .draft, by: user.person.id, at: now)])
        var entries = audit("item.create", item: draft, before: nil, by: user, organisation)
        var item = draft
        if new.submit == true {
            // Written once, as submitted, with both transitions in its history and both steps in the audit log.
            item = try Self.moved(draft, to: .submitted, by: user, at: now, note: nil)
            entries += audit("item.submit", item: item, before: draft, by: user, organisation)
        }
        try await write([.insert(.submission(item))], entries)
        return Self.written(item)
    }

    func edit(_ id: String, _ edit: ItemEdit, by user: SignedIn) async throws -> ItemDetail {
        let current = try await detail(id, for: user)
        let item = current.item
        let byUnit = item.isEditableByUnit && item.units.contains(where: user.scope.canDraft(for:))
        let byOffice = [.submitted, .editing].contains(item.status) && item.units.contains(where: user.scope.canReview(unit:))
        guard byUnit || byOffice else {
            throw APIError.forbidden(item.isEditableByUnit ? "无权修改该信息" : "信息已「\(item.status.label)」，本单位不能再修改")
        }
        var next = item
        if let t = edit.title { next.title = try Self.title(t) }
        if let b = edit.body { next.body = try Self.body(b) }
        if let c = edit.category { next.category = try Self.category(c) }
        return try await replace(current, with: next, expected: edit.version, action: "item.edit", by: user)
    }

    func submit(_ id: String, _ step: StepRequest, by user: SignedIn) async throws -> ItemDetail {
        let current = try await detail(id, for: user)
        guard current.item.units.contains(where: user.scope.canDraft(for:)) else { throw APIError.forbidden("只有本单位信息员可以报送") }
        return try await move(current, to: .submitted, step, action: "item.submit", by: user)
    }

    /// return / edit / reserve / reject: the office's review steps.
    func review(_ id: String, to status: ItemStatus, _ step: StepRequest, by user: SignedIn) async throws -> ItemDetail {
        let current = try await detail(id, for: user)
        guard current.item.units.contains(where: user.scope.canReview(unit:)) else { throw APIError.forbidden("只有办公室管理员可以审核信息") }
        if status == .returned, (step.note ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw APIError.invalid("note", "退回时请写明修改意见")
        }
        return try await move(current, to: status, step, action: "item.\(status.rawValue)", by: user)
    }

    func adopt(_ id: String, _ request: AdoptRequest, by user: SignedIn) async throws -> ItemDetail {
        let current = try await detail(id, for: user)
        guard current.item.units.contains(where: user.scope.canReview(unit:)) else { throw APIError.forbidden("只有办公室管理员可以采用信息") }
        guard let level = Level(rawValue: request.level) else { throw APIError.invalid("level", "level 应为 city、province 或 state") }
        guard let kind = PublicationKind(rawValue: request.type) else { throw APIError.invalid("type", "type 应为 briefing、digest、special 或 feature") }
        let publication = request.publication.trimmingCharacters(in: .whitespaces)
        guard !publication.isEmpty, publication.count <= 100 else { throw APIError.invalid("publication", "请填写载体（不超过 100 字）") }
        if let issue = request.issue, issue.count > 40 { throw APIError.invalid("issue", "期号不超过 40 字") }
        let now = deps.now()
        let date = try request.date.map { text in
            guard let d = Day(iso: text) else { throw APIError.invalid("date", "date 应为 YYYY-MM-DD") }
            return d
        } ?? now.day
        if let submitted = current.item.submittedAt, date < submitted.day {
            throw APIError.invalid("date", "采用日期早于报送日期 \(submitted.day.iso)")
        }
        guard current.item.status.next.contains(.adopted) else {
            throw APIError.conflict("invalid_transition", WorkflowError(from: current.item.status, to: .adopted).description)
        }
        let adoption = Adoption(id: "\(id)-\(level.rawValue)-\(Self.suffix())", item: current.item.id, level: level, publication: publication,
                                kind: kind, issue: request.issue, date: date, recorded: now)
        var changes: [RecordChange] = [.insert(.adoption(adoption))]
        var next = current.item
        if current.item.status != .adopted {
            next = try Self.moved(current.item, to: .adopted, by: user, at: now, note: "\(level.label)级采用：\(publication)")
            changes.append(.replaceItem(next, expected: try expected(request.version, current)))
        }
        let organisation = try await deps.organisation.current()
        var entries = [AuditEntry(at: now, actor: user.person.id, action: "adoption.create", entity: RecordKind.adoption.rawValue, entityID: adoption.id,
                                  office: office(of: current.item, organisation), after: RecordEncoder.line(.adoption(adoption)))]
        if next != current.item { entries += audit("item.adopted", item: next, before: current.item, by: user, organisation) }
        try await write(changes, entries)
        return try await detail(id, for: user)
    }

    func forward(_ id: String, _ request: ForwardRequest, by user: SignedIn) async throws -> ItemDetail {
        let current = try await detail(id, for: user)
        guard current.item.units.contains(where: user.scope.canReview(unit:)) else { throw APIError.forbidden("只有办公室管理员可以转报信息") }
        guard let to = Level(rawValue: request.to), to != .city else { throw APIError.invalid("to", "to 应为 province 或 state") }
        guard current.item.status.wasSubmitted, current.item.status != .returned else {
            throw APIError.conflict("invalid_transition", "信息尚未报送，不能转报")
        }
        let now = deps.now()
        let date = try request.date.map { text in
            guard let d = Day(iso: text) else { throw APIError.invalid("date", "date 应为 YYYY-MM-DD") }
            return d
        } ?? now.day
        let forwarding = Forwarding(id: "\(id)-to-\(to.rawValue)-\(Self.suffix())", item: current.item.id, to: to, date: date, recorded: now)
        let organisation = try await deps.organisation.current()
        try await write([.insert(.forwarding(forwarding))], [
            AuditEntry(at: now, actor: user.person.id, action: "forwarding.create", entity: RecordKind.forwarding.rawValue, entityID: forwarding.id,
                       office: office(of: current.item, organisation), after: RecordEncoder.line(.forwarding(forwarding))),
        ])
        return try await detail(id, for: user)
    }

    func merge(_ request: MergeRequest, by user: SignedIn) async throws -> ItemDetail {
        guard request.sources.count >= 2 else { throw APIError.invalid("sources", "至少选择两条信息合编") }
        guard Set(request.sources).count == request.sources.count else { throw APIError.invalid("sources", "信息重复") }
        var sources: [ItemDetail] = []
        for (i, s) in request.sources.enumerated() {
            guard let d = try? await detail(s, for: user) else { throw APIError(.notFound, "not_found", "信息 '\(s)' 不存在或无权查看", field: "sources[\(i)]") }
            guard d.item.units.contains(where: user.scope.canReview(unit:)) else { throw APIError.forbidden("只有办公室管理员可以合编信息") }
            guard d.item.status.next.contains(.merged) else {
                throw APIError(.conflict, "invalid_transition", "信息 '\(s)' 状态为「\(d.item.status.label)」，不能合编", field: "sources[\(i)]")
            }
            sources.append(d)
        }
        let now = deps.now()
        var units: [UnitID] = []
        for d in sources { for u in d.item.units where !units.contains(u) { units.append(u) } }
        let id = try request.id.map { try Self.checkID($0, field: "id") } ?? Self.newID(prefix: "merged")
        let merged = Item(id: ItemID(rawValue: id), units: units, authors: [], category: try Self.category(request.category),
                          title: try Self.title(request.title), body: try Self.body(request.body ?? ""), status: .submitted, createdAt: now,
                          submittedAt: now, mergedFrom: sources.map(\.item.id),
                          history: [ItemTransition(from: nil, to: .submitted, by: user.person.id, at: now, note: "合编")])
        let organisation = try await deps.organisation.current()
        var changes: [RecordChange] = []
        var entries: [AuditEntry] = []
        for d in sources {
            let folded = try Self.moved(d.item, to: .merged, by: user, at: now, note: "合编入 \(id)")
            changes.append(.replaceItem(folded, expected: d.version))
            entries += audit("item.merged", item: folded, before: d.item, by: user, organisation)
        }
        changes.append(.insert(.submission(merged)))
        entries += audit("item.merge", item: merged, before: nil, by: user, organisation)
        try await write(changes, entries)
        return try await detail(id, for: user)
    }

    // MARK: Helpers

    private func move(_ current: ItemDetail, to status: ItemStatus, _ step: StepRequest, action: String, by user: SignedIn) async throws -> ItemDetail {
        if let note = step.note, note.count > 500 { throw APIError.invalid("note", "意见不超过 500 字") }
        let next = try Self.moved(current.item, to: status, by: user, at: deps.now(), note: step.note)
        return try await replace(current, with: next, expected: step.version, action: action, by: user)
    }

    private func replace(_ current: ItemDetail, with next: Item, expected version: String?, action: String, by user: SignedIn) async throws -> ItemDetail {
        let organisation = try await deps.organisation.current()
        try await write([.replaceItem(next, expected: try expected(version, current))],
                        audit(action, item: next, before: current.item, by: user, organisation))
        // A draft has no adoptions or forwardings and none can be added to it (they need a
        // submitted item), so the stored detail is the item as written; read anything else back.
        if current.item.status == .draft, current.adoptions.isEmpty, current.forwardings.isEmpty { return Self.written(next) }
        return try await detail(next.id.rawValue, for: user)
    }

    /// The detail a store gives back for a just written item without facts: its version is
    /// the written record's fingerprint.
    static func written(_ item: Item) -> ItemDetail {
        ItemDetail(item: item, adoptions: [], forwardings: [], version: Record.submission(item).fingerprint)
    }

    static func moved(_ item: Item, to status: ItemStatus, by user: SignedIn, at: Instant, note: String?) throws -> Item {
        do {
            return try item.moved(to: status, by: user.person.id, at: at, note: note)
        } catch {
            throw APIError.conflict("invalid_transition", error.description)
        }
    }

    private func expected(_ version: String?, _ current: ItemDetail) throws -> Int64 {
        guard let version else { return current.version }
        guard let v = Int64(version) else { throw APIError.invalid("version", "version 应为读取信息时返回的 version") }
        return v
    }

    private func write(_ changes: [RecordChange], _ audit: [AuditEntry]) async throws {
        do {
            try await deps.store.apply(changes, audit: audit)
        } catch let e as StaleRecord {
            throw APIError.conflict("stale", "信息 '\(e.id)' 已被他人修改，请刷新后重试")
        } catch let e as StoreError {
            throw APIError.conflict("constraint", e.description)
        }
    }

    private func audit(_ action: String, item: Item, before: Item?, by user: SignedIn, _ organisation: Organisation) -> [AuditEntry] {
        [AuditEntry(at: deps.now(), actor: user.person.id, action: action, entity: RecordKind.submission.rawValue, entityID: item.id.rawValue,
                    office: office(of: item, organisation), before: before.map { RecordEncoder.line(.submission($0)) },
                    after: RecordEncoder.line(.submission(item)))]
    }

    private func office(of item: Item, _ organisation: Organisation) -> OfficeID {
        item.units.first.flatMap(organisation.office(of:)) ?? .city
    }

    static func title(_ t: String) throws -> String {
        let title = t.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty else { throw APIError.invalid("title", "标题不能为空") }
        guard title.count <= 300 else { throw APIError.invalid("title", "标题不超过 300 字") }
        return title
    }

    static func body(_ b: String) throws -> String {
        guard b.count <= 20_000 else { throw APIError.invalid("body", "正文不超过 20000 字") }
        return b
    }

    static func category(_ c: String) throws -> ItemCategory {
        guard let category = ItemCategory(rawValue: c) else {
            throw APIError.invalid("category", "category 应为 \(ItemCategory.allCases.map(\.rawValue).joined(separator: "、")) 之一")
        }
        return category
    }

    static func checkID(_ id: String, field: String) throws -> String {
        guard (1...64).contains(id.utf8.count), id.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x2F && $0 != 0x7F }) else {
            throw APIError.invalid(field, "编号为 1–64 个字符，不能含空白或斜杠")
        }
        return id
    }

    static func newID(prefix: String) -> String { "\(prefix.prefix(40))-\(suffix())\(suffix())" }

    static func suffix() -> String {
        let alphabet = Array("0123456789abcdefghjkmnpqrstuvwxyz")
        return String((0..<5).map { _ in alphabet.randomElement()! })
    }
}
