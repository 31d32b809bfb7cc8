import Assessment
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Tagged
import Synchronization
import Testing
import WebService

@Suite("Other facts: 批示, replies, 约稿, reports, quotas")
struct RecordRoutesTests {
    nonisolated(unsafe) static let instruction: [String: Any] = [
        "id": "I-1", "leader": "赵市长", "level": "city", "principal": true, "text": "请市发展改革委抓紧研究落实。",
        "at": "2026-05-12T09:00:00+08:00", "handler": "dept-001", "due_at": "2026-05-20T17:30:00+08:00", "urgency": "ordinary",
    ]

    @Test(arguments: Backend.available)
    func leadersInstructUnitsReplyAbsencesAreFiled(_ backend: Backend) async throws {
        try await TestService.with(backend) { service, client in
            let leader = try await client.login("leader-city")
            let made = try await client.call(.post, "/api/v1/records/instruction", token: leader, json: Self.instruction)
            #expect(made.status == .created, "\(made.text)")
            #expect(made.headers[.location] == "/api/v1/records/instruction/I-1")
            #expect(made.object["recorded_at"] as? String != nil)
            let clerk = try await client.login("clerk-1")
            let reply = try await client.call(.post, "/api/v1/records/reply", token: clerk, json: [
                "id": "R-1", "instruction": "I-1", "unit": "dept-001", "text": "已召开专题会研究落实。", "at": "2026-05-15T16:00:00+08:00",
            ])
            #expect(reply.status == .created, "\(reply.text)")
            let unitLeader = try await client.login("leader-1")
            let absence = try await client.call(.post, "/api/v1/records/absence", token: unitLeader, json: [
                "id": "A-1", "unit": "dept-001", "leader": "刘局长", "destination": "北京", "reason": "参加全国发展改革工作会议",
                "depart_at": "2026-05-18T08:00:00+08:00", "return_at": "2026-05-20T20:00:00+08:00", "acting_leader": "王副局长",
                "filed_at": "2026-05-14T10:00:00+08:00",
            ])
            #expect(absence.status == .created, "\(absence.text)")
            let ops = try #require(service.deps.operations as? FixedOperations)
            #expect(ops.recordedKinds.withLock { $0 } == [.instruction, .reply, .absence])
            // Listed within reach: dept-001's clerk sees its instruction, dept-002's does not.
            #expect(try await client.call(.get, "/api/v1/records/instruction", token: clerk).items.compactMap { $0["id"] as? String } == ["I-1"])
            let other = try await client.login("clerk-2")
            #expect(try await client.call(.get, "/api/v1/records/instruction", token: other).items.isEmpty)
            #expect(try await client.call(.get, "/api/v1/records/instruction/I-1", token: other).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/records/reply/R-1", token: clerk).object["text"] as? String == "已召开专题会研究落实。")
            let audit = try await service.store.audit(AuditQuery(offices: [.city], entity: "instruction"))
            #expect(audit.first?.actor == "leader-city")
        }
    }

    @Test func refusalsNameTheFieldOrTheRuleAndWriteNothing() async throws {
        try await TestService.with { service, client in
            let clerk = try await client.login("clerk-1")
            // A clerk does not write instructions; another unit's clerk does not reply for dept-001.
            #expect(try await client.call(.post, "/api/v1/records/instruction", token: clerk, json: Self.instruction).status == .forbidden)
            let other = try await client.login("clerk-2")
            var replyForOthers: [String: Any] = ["id": "R-9", "instruction": "I-9", "unit": "dept-001", "text": "x", "at": "2026-05-15T16:00:00+08:00"]
            #expect(try await client.call(.post, "/api/v1/records/reply", token: other, json: replyForOthers).status == .forbidden)
            // Field errors come from the interchange decoder.
            let admin = try await client.login("admin-city")
            var noDue = Self.instruction
            noDue["at"] = "yesterday"
            let badTime = try await client.call(.post, "/api/v1/records/instruction", token: admin, json: noDue)
            #expect(badTime.status == .unprocessableContent)
            #expect(badTime.errorField == "at")
            var ghost = Self.instruction
            ghost["handler"] = "dept-999"
            #expect(try await client.call(.post, "/api/v1/records/instruction", token: admin, json: ghost).errorField == "handler")
            var wrongKind = Self.instruction
            wrongKind["kind"] = "reply"
            #expect(try await client.call(.post, "/api/v1/records/instruction", token: admin, json: wrongKind).errorField == "kind")
            #expect(try await client.call(.post, "/api/v1/records/submission", token: admin, json: [:]).status == .notFound)
            // A reply to an instruction that does not exist is refused by the store, whole.
            replyForOthers["id"] = "R-10"
            let orphan = try await client.call(.post, "/api/v1/records/reply", token: clerk, json: replyForOthers)
            #expect(orphan.status == .conflict)
            // The same id twice.
            #expect(try await client.call(.post, "/api/v1/records/instruction", token: admin, json: Self.instruction).status == .created)
            #expect(try await client.call(.post, "/api/v1/records/instruction", token: admin, json: Self.instruction).status == .conflict)
            #expect(try await service.store.counts()[.reply] == 0)
            #expect(try await service.store.counts()[.instruction] == 1)
            // The county's admin cannot set the city departments' quotas.
            let county = try await client.login("admin-county")
            let quota = try await client.call(.post, "/api/v1/records/quota", token: county, json: ["unit": "dept-001", "period": "2026Q2", "required": 6])
            #expect(quota.status == .forbidden)
            #expect(try await client.call(.post, "/api/v1/records/quota", token: admin, json: ["unit": "dept-001", "period": "2026Q2", "required": 6]).status == .created)
        }
    }
}
