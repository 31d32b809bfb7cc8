import Foundation
import HTTPTypes
import Logging
import Tagged
import Assessment
import Domain
package import Hummingbird
import WorkingDays
import NIOCore
import Synchronization

/// Assessment runs: list, start (admins), results and rankings, a unit's ledger, and the live
/// ranking the dashboard shows.
package struct RunRoutes: Sendable {
    let deps: WebDependencies
    /// The live ranking as last encoded, per office and period.
    let encodedRankings = EncodedRankings()

    struct HeaderBody: ResponseEncodable, Sendable {
        var id: String
        var office: String
        var period: String
        var periodLabel: String
        var asOf: Instant
        var createdAt: Instant
        var inputDigest: String
        var ruleVersion: String
        var ledgerLines: Int
        var points: Double

        init(_ h: AssessmentRunHeader) {
            id = h.id
            office = h.office.rawValue
            period = h.period.description
            periodLabel = h.period.label
            asOf = h.asOf
            createdAt = h.createdAt
            inputDigest = h.inputDigest
            ruleVersion = h.ruleVersion
            ledgerLines = h.ledgerLines
            points = h.points
        }

        enum CodingKeys: String, CodingKey {
            case id, office, period, points
            case periodLabel = "period_label"
            case asOf = "as_of"
            case createdAt = "created_at"
            case inputDigest = "input_digest"
            case ruleVersion = "rule_version"
            case ledgerLines = "ledger_lines"
        }
    }

    /// A run with its results, grouped rankings first.
    struct RunBody: ResponseEncodable, Sendable {
        var run: HeaderBody
        var results: [SubjectResult]
        var pending: Int
    }

    struct StartRun: Decodable {
        var office: String
        var period: String
        var asOf: String?

        enum CodingKeys: String, CodingKey {
            case office, period
            case asOf = "as_of"
        }
    }

    package func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("runs") { request, context -> ListBody<HeaderBody> in
            let user = try context.requireUser()
            let headers = try await RunReading(deps: deps).runs(office: try request.office(), period: try request.period(), for: user)
            return ListBody(headers.map(HeaderBody.init))
        }
        group.post("runs") { request, context -> EditedResponse<HeaderBody> in
            let user = try context.requireUser()
            let start = try await request.decode(as: StartRun.self, context: context)
            guard let office = OfficeID(start.office) else { throw APIError.invalid("office", "'\(start.office)' 不是有效的办公室编号") }
            guard user.scope.canAdminister(office: office) else { throw APIError.forbidden("只有该办公室的管理员可以开展考核") }
            guard let period = Period(start.period) else { throw APIError.invalid("period", "period 应为 2026、2026Q2 或 2026-05") }
            let now = deps.now()
            let asOf = try start.asOf.map { text in
                guard let t = Instant(iso: text) else { throw APIError.invalid("as_of", "as_of 应为带时区的 ISO 8601 时间") }
                return t
            } ?? now
            let run = try await deps.operations.assess(office: office, period: period, asOf: asOf)
            try await deps.store.apply([], audit: [AuditEntry(at: now, actor: user.person.id, action: "run.create", entity: "run", entityID: run.id,
                                                               office: office, after: "{\"period\":\"\(period)\",\"rule_version\":\"\(run.ruleVersion)\"}")])
            return EditedResponse(status: .created, headers: [.location: "/api/v1/runs/\(run.id)"], response: HeaderBody(run.header))
        }
        group.get("runs/{id}") { _, context -> RunBody in
            let user = try context.requireUser()
            let run = try await RunReading(deps: deps).run(id: try context.parameters.decoded("id"), for: user)
            return RunBody(run: HeaderBody(run.header), results: run.results, pending: run.pending)
        }
        group.get("runs/{id}/ledger") { request, context -> ListBody<LedgerLine> in
            let user = try context.requireUser()
            let id = try context.parameters.decoded("id")
            guard let unitText = request.query("unit") else { throw APIError.invalid("unit", "请指定单位 unit") }
            return ListBody(try await RunReading(deps: deps).ledger(run: id, unit: UnitID(rawValue: unitText), for: user))
        }
        // Every request gets the same computation until the next one (every few seconds): it is
        // encoded once per filter (a province's ranking is ~8,000 results, 2 MB of JSON, ~150 ms
        // to encode). The ETag names the computation and the filter: a dashboard polling with
        // If-None-Match gets 304 and no body until the ranking changes.
        group.get("rankings/live") { request, context -> Response in
            let user = try context.requireUser()
            let filter = try RankingFilter(request)
            let run = try await RunReading(deps: deps).live(office: try request.office(), period: try request.period(), for: user)
            let answer = try encodedRankings.body(slot: "\(run.office)|\(run.period)|\(filter.key)",
                                                  version: run.computation) {
                try TallyJSON.bytes(RunBody(run: HeaderBody(run.header), results: run.results.filter(filter.admits), pending: run.pending))
            }
            let headers: HTTPFields = [.eTag: answer.etag, .cacheControl: "private, no-cache"]
            if EntityTag.matches(answer.etag, request.headers[.ifNoneMatch]) {
                return Response(status: .notModified, headers: headers)
            }
            var response = TallyJSON.response(answer.body)
            response.headers.append(contentsOf: headers)
            return response
        }
    }
}

/// `subject=unit|person` and `group=…` of the live ranking (the dashboard's bars need the
/// units of one group, a fraction of the whole answer).
struct RankingFilter {
    var subject: AssessmentSummary.Subject?
    var group: String?

    init(_ request: Request) throws {
        if let text = request.query("subject") {
            guard let s = AssessmentSummary.Subject(rawValue: text) else {
                throw APIError.invalid("subject", "subject 应为 unit 或 person，实际为 '\(text)'")
            }
            subject = s
        }
        group = try request.text("group")
    }

    var key: String { "\(subject?.rawValue ?? "*")|\(group ?? "*")" }

    func admits(_ r: SubjectResult) -> Bool {
        (subject == nil || r.subject == subject) && (group == nil || r.group == group)
    }
}

/// Encoded answers kept per slot (office and period) while their version (which computation)
/// is the same; a few slots at most. One request encodes a new version; the others answer the
/// previous one meanwhile (the live ranking trails the record by a few seconds anyway).
final class EncodedRankings: Sendable {
    /// An encoded answer and the entity tag naming it.
    struct Answer {
        var body: ByteBuffer
        var etag: String
    }

    private struct Slot {
        var answer: Answer
        var version: String
        /// The version a request is encoding now.
        var encoding: String?
    }

    private let slots = Mutex<[String: Slot]>([:])
    static let maxSlots = 32

    func body(slot: String, version: String, encode: () throws -> ByteBuffer) throws -> Answer {
        let ready: Answer? = slots.withLock { slots in
            guard let s = slots[slot] else { return nil }
            if s.version == version || s.encoding != nil { return s.answer }
            slots[slot]?.encoding = version
            return nil
        }
        if let ready { return ready }
        do {
            let answer = Answer(body: try encode(), etag: EntityTag.make(slot + "#" + version))
            slots.withLock { slots in
                if slots[slot] == nil, slots.count >= Self.maxSlots, let any = slots.keys.first { slots[any] = nil }
                slots[slot] = Slot(answer: answer, version: version)
            }
            return answer
        } catch {
            slots.withLock { $0[slot]?.encoding = nil }
            throw error
        }
    }
}
