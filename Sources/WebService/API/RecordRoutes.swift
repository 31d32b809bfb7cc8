import Tagged
import Domain
import Foundation
package import Hummingbird
import Interchange

/// `/api/v1/records/{kind}`: the other facts of the work — 批示 and their replies, 约稿 and
/// answers, emergency reports, absence reports, quotas, meetings, publications — written in
/// the interchange format (`docs/interchange.md`; the path gives `kind`), checked field by
/// field as an import line is, and listed within the caller's reach.
package struct RecordRoutes: Sendable {
    let deps: WebDependencies

    package func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("records/{kind}") { request, context -> Response in
            let user = try context.requireUser()
            let kind = try Self.kind(context, RecordPermissions.readable)
            let unit = request.query("unit").map { UnitID(rawValue: $0) }
            let limit = try request.pageLimit(default: 100)
            let offset = Int(try request.cursor() ?? 0)
            let (records, more) = try await RecordReading(deps: deps).list(kind, for: user, unit: unit, offset: offset, limit: limit)
            let lines = records.map(RecordEncoder.line)
            let next = more ? ",\"next\":\"\(offset + limit)\"" : ""
            return Self.json("{\"items\":[\(lines.joined(separator: ","))]\(next)}")
        }
        group.post("records/{kind}") { request, context -> Response in
            let user = try context.requireUser()
            let kind = try Self.kind(context, RecordPermissions.writable)
            var record = try await Self.decode(request, context, kind: kind)
            let organisation = try await deps.organisation.current()
            for reference in record.references where [.unit, .person, .office].contains(reference.kind) {
                let known = switch reference.kind {
                case .unit: organisation.units[UnitID(rawValue: reference.id)] != nil
                case .person: organisation.people[PersonID(rawValue: reference.id)] != nil
                default: OfficeID(reference.id).map { organisation.offices[$0] != nil } ?? false
                }
                if !known { throw APIError.invalid(reference.field, "\(reference.kind.label) '\(reference.id)' 不存在") }
            }
            if let refusal = RecordPermissions.refusal(record, user, organisation) { throw APIError.forbidden(refusal) }
            let now = deps.now()
            if record.factDay != nil, record.recorded == nil { record.stampRecorded(now) }
            let line = RecordEncoder.line(record)
            let office = RecordPermissions.office(of: record, organisation, default: organisation.office(of: user.person.unit) ?? .city)
            do {
                try await deps.store.apply([.insert(record)], audit: [AuditEntry(at: now, actor: user.person.id, action: "\(kind.rawValue).create",
                                                                                 entity: kind.rawValue, entityID: record.id, office: office, after: line)])
            } catch let e as StoreError {
                throw APIError.conflict("constraint", e.description)
            }
            await deps.operations.recorded(kind)
            var response = Self.json(line)
            response.status = .created
            response.headers[.location] = "/api/v1/records/\(kind.rawValue)/\(record.id)"
            return response
        }
        group.get("records/{kind}/{id}") { _, context -> Response in
            let user = try context.requireUser()
            let kind = try Self.kind(context, RecordPermissions.readable)
            let id = try context.parameters.decoded("id")
            let found = try await RecordReading(deps: deps).record(kind, id: id, for: user)
            guard let found else { throw APIError.notFound(kind.label) }
            return Self.json(RecordEncoder.line(found))
        }
    }

    static func kind(_ context: TallyRequestContext, _ allowed: [RecordKind]) throws -> RecordKind {
        let text = try context.parameters.decoded("kind")
        guard let kind = RecordKind(rawValue: text), allowed.contains(kind) else {
            throw APIError(.notFound, "not_found", "没有这类记录：'\(text)'（可用：\(allowed.map(\.rawValue).joined(separator: "、"))）")
        }
        return kind
    }

    /// The body as an interchange line of `kind` (a `kind` field, if given, must agree).
    static func decode(_ request: Request, _ context: TallyRequestContext, kind: RecordKind) async throws -> Record {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard var object = (try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))) as? [String: Any] else {
            throw APIError(.badRequest, "invalid_json", "请求体应为一个 JSON 对象")
        }
        if let given = object["kind"] as? String, given != kind.rawValue {
            throw APIError.invalid("kind", "kind 应为 \(kind.rawValue)（与地址一致），实际为 '\(given)'")
        }
        object["kind"] = kind.rawValue
        let bytes = Array(try JSONSerialization.data(withJSONObject: object))
        do {
            return try RecordDecoder.decode(line: bytes)
        } catch {
            throw APIError.invalid(error.field, error.field.isEmpty ? error.reason : "\(error.field)：\(error.reason)")
        }
    }

    static func json(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
