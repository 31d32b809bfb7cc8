import Assessment
import Tagged
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WebService

@Suite("Items: draft, submit, review, adopt — on every store")
struct ItemWorkflowTests {
    nonisolated(unsafe) static let draft: [String: Any] = ["units": ["dept-001"], "category": "policy", "title": "市发展改革委推进重大项目建设", "body": "一季度开工项目 12 个。"]

    @Test(arguments: Backend.available)
    func clerkDraftsAndSubmitsAdminAdopts(_ backend: Backend) async throws {
        try await TestService.with(backend) { service, client in
            let clerk = try await client.login("clerk-1")
            let created = try await client.call(.post, "/api/v1/items", token: clerk, json: Self.draft)
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.object["id"] as? String)
            #expect(created.headers[.location] == "/api/v1/items/\(id)")
            let createdRead = try await client.call(.get, "/api/v1/items/\(id)", token: clerk)
            #expect(NSDictionary(dictionary: created.object) == NSDictionary(dictionary: createdRead.object), "\(created.text)\n\(createdRead.text)")
            #expect(created.object["status"] as? String == "draft")
            #expect(created.object["authors"] as? [String] == ["clerk-1"])

            let edited = try await client.call(.patch, "/api/v1/items/\(id)", token: clerk, json: ["title": "市发展改革委重大项目建设提速"])
            #expect(edited.object["title"] as? String == "市发展改革委重大项目建设提速")
            let submitted = try await client.call(.post, "/api/v1/items/\(id)/submit", token: clerk)
            #expect(submitted.status == .ok, "\(submitted.text)")
            // The answer is the item as stored, version included (it is not read back for a draft).
            let fresh = try await client.call(.get, "/api/v1/items/\(id)", token: clerk)
            #expect(NSDictionary(dictionary: submitted.object) == NSDictionary(dictionary: fresh.object), "\(submitted.text)\n\(fresh.text)")
            let stored0 = try #require(try await service.store.item(ItemID(rawValue: id)))
            #expect(submitted.object["version"] as? String == String(stored0.version))
            #expect(submitted.object["status"] as? String == "submitted")
            #expect(submitted.object["submitted_at"] as? String != nil)
            // Once submitted, the unit may no longer edit it.
            let late = try await client.call(.patch, "/api/v1/items/\(id)", token: clerk, json: ["title": "改标题"])
            #expect(late.status == .forbidden)

            let admin = try await client.login("admin-city")
            let adopted = try await client.call(.post, "/api/v1/items/\(id)/adopt", token: admin,
                                                json: ["level": "city", "publication": "pub-city-brief", "type": "briefing", "issue": "2026-031"])
            #expect(adopted.status == .ok, "\(adopted.text)")
            #expect(adopted.object["status"] as? String == "adopted")
            let adoptions = adopted.object["adoptions"] as? [[String: Any]] ?? []
            #expect(adoptions.count == 1)
            #expect(adoptions.first?["issue"] as? String == "2026-031")
            // A second adoption, at the province, keeps it adopted and adds the fact.
            let again = try await client.call(.post, "/api/v1/items/\(id)/adopt", token: admin,
                                              json: ["level": "province", "publication": "省政府信息专报", "type": "special"])
            #expect((again.object["adoptions"] as? [[String: Any]])?.count == 2)
            let history = (again.object["history"] as? [[String: Any]] ?? []).compactMap { $0["to"] as? String }
            #expect(history == ["draft", "submitted", "adopted"])

            // The stored item tells the same story, and export → import keeps it valid.
            let stored = try #require(try await service.store.item(ItemID(rawValue: id)))
            #expect(stored.item.status == .adopted)
            #expect(stored.adoptions.map(\.level) == [.city, .province])
            #expect(stored.item.history.map(\.by) == ["clerk-1", "clerk-1", "admin-city"])

            // Every change is in the audit log with who, what, before and after.
            let audit = try await service.store.audit(AuditQuery(offices: [.city], entityID: id))
            #expect(audit.map(\.action).sorted() == ["item.adopted", "item.create", "item.edit", "item.submit"])
            let submit = try #require(audit.first { $0.action == "item.submit" })
            #expect(submit.actor == "clerk-1")
            #expect(submit.before?.contains("\"status\":\"draft\"") == true)
            #expect(submit.after?.contains("\"status\":\"submitted\"") == true)
            let adoptionEntries = try await service.store.audit(AuditQuery(offices: [.city], entity: "adoption"))
            #expect(adoptionEntries.count == 2)
        }
    }

    @Test(arguments: Backend.available)
    func aDraftIsSubmittedInTheSameRequestWhenAsked(_ backend: Backend) async throws {
        try await TestService.with(backend) { service, client in
            let clerk = try await client.login("clerk-1")
            var body = Self.draft
            body["submit"] = true
            let created = try await client.call(.post, "/api/v1/items", token: clerk, json: body)
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.object["id"] as? String)
            #expect(created.object["status"] as? String == "submitted")
            #expect(created.object["submitted_at"] as? String != nil)
            let steps = (created.object["history"] as? [[String: Any]] ?? []).map { "\($0["from"] as? String ?? "-")→\($0["to"] as? String ?? "?")" }
            #expect(steps == ["-→draft", "draft→submitted"])
            // The answer is what is stored, version included.
            let fresh = try await client.call(.get, "/api/v1/items/\(id)", token: clerk)
            #expect(NSDictionary(dictionary: created.object) == NSDictionary(dictionary: fresh.object), "\(created.text)\n\(fresh.text)")
            // Both steps are in the audit log, the second from draft to submitted.
            let audit = try await service.store.audit(AuditQuery(offices: [.city], entityID: id))
            #expect(audit.map(\.action).sorted() == ["item.create", "item.submit"])
            let submit = try #require(audit.first { $0.action == "item.submit" })
            #expect(submit.before?.contains("\"status\":\"draft\"") == true)
            #expect(submit.after?.contains("\"status\":\"submitted\"") == true)
            // The unit can no longer edit it; the office can adopt it straight away.
            #expect(try await client.call(.patch, "/api/v1/items/\(id)", token: clerk, json: ["title": "改标题"]).status == .forbidden)
            let admin = try await client.login("admin-city")
            let adopted = try await client.call(.post, "/api/v1/items/\(id)/adopt", token: admin,
                                                json: ["level": "city", "publication": "pub-city-brief", "type": "briefing"])
            #expect(adopted.status == .ok, "\(adopted.text)")

            // Another unit's clerk may not submit for dept-001; a non-boolean flag is refused; nothing is stored.
            let before = try await service.store.counts()[.submission]
            var foreign = body
            foreign["id"] = "foreign-submit"
            let other = try await client.login("clerk-2")
            let refused = try await client.call(.post, "/api/v1/items", token: other, json: foreign)
            #expect(refused.status == .forbidden, "\(refused.text)")
            var odd = body
            odd["id"] = "odd-submit"
            odd["submit"] = "yes"
            let bad = try await client.call(.post, "/api/v1/items", token: clerk, json: odd)
            #expect(bad.status.code >= 400 && bad.status.code < 500, "\(bad.text)")
            #expect(try await service.store.counts()[.submission] == before)
            #expect(try await service.store.item("foreign-submit") == nil)
            #expect(try await service.store.item("odd-submit") == nil)
        }
    }

    @Test func returnNeedsANoteAndSendsItBackToTheUnit() async throws {
        try await TestService.with { _, client in
            let clerk = try await client.login("clerk-1")
            let id = try #require(try await client.call(.post, "/api/v1/items", token: clerk, json: Self.draft).object["id"] as? String)
            _ = try await client.call(.post, "/api/v1/items/\(id)/submit", token: clerk)
            let admin = try await client.login("admin-city")
            let bare = try await client.call(.post, "/api/v1/items/\(id)/return", token: admin)
            #expect(bare.status == .unprocessableContent)
            #expect(bare.errorField == "note")
            let returned = try await client.call(.post, "/api/v1/items/\(id)/return", token: admin, json: ["note": "补充具体数据"])
            #expect(returned.object["status"] as? String == "returned")
            // The unit edits it again and resubmits.
            #expect(try await client.call(.patch, "/api/v1/items/\(id)", token: clerk, json: ["body": "开工项目 12 个，总投资 86 亿元。"]).status == .ok)
            let resubmitted = try await client.call(.post, "/api/v1/items/\(id)/submit", token: clerk)
            #expect(resubmitted.object["status"] as? String == "submitted")
            // Steps the workflow does not allow are refused with what the status is.
            let rejected = try await client.call(.post, "/api/v1/items/\(id)/reject", token: admin)
            #expect(rejected.object["status"] as? String == "rejected")
            let adoptRejected = try await client.call(.post, "/api/v1/items/\(id)/adopt", token: admin,
                                                      json: ["level": "city", "publication": "p", "type": "briefing"])
            #expect(adoptRejected.status == .conflict)
            #expect(adoptRejected.errorCode == "invalid_transition")
        }
    }

    @Test(arguments: Backend.available)
    func staleVersionsAreRefusedWithNothingChanged(_ backend: Backend) async throws {
        try await TestService.with(backend) { service, client in
            let clerk = try await client.login("clerk-1")
            let created = try await client.call(.post, "/api/v1/items", token: clerk, json: Self.draft)
            let id = try #require(created.object["id"] as? String)
            let version = try #require(created.object["version"] as? String)
            #expect(try await client.call(.patch, "/api/v1/items/\(id)", token: clerk, json: ["title": "第一次修改", "version": version]).status == .ok)
            let stale = try await client.call(.patch, "/api/v1/items/\(id)", token: clerk, json: ["title": "基于旧版本的修改", "version": version])
            #expect(stale.status == .conflict)
            #expect(stale.errorCode == "stale")
            #expect(try await service.store.item(ItemID(rawValue: id))?.item.title == "第一次修改")
        }
    }

    @Test(arguments: Backend.available)
    func mergeFoldsSubmissionsIntoOneItem(_ backend: Backend) async throws {
        try await TestService.with(backend) { service, client in
            var ids: [String] = []
            for (person, unit) in [("clerk-1", "dept-001"), ("clerk-2", "dept-002")] {
                let token = try await client.login(person)
                var draft = Self.draft
                draft["units"] = [unit]
                let id = try #require(try await client.call(.post, "/api/v1/items", token: token, json: draft).object["id"] as? String)
                _ = try await client.call(.post, "/api/v1/items/\(id)/submit", token: token)
                ids.append(id)
            }
            let admin = try await client.login("admin-city")
            let merged = try await client.call(.post, "/api/v1/items/merge", token: admin,
                                               json: ["title": "全市重大项目建设综述", "category": "progress", "sources": ids])
            #expect(merged.status == .created, "\(merged.text)")
            #expect(merged.object["units"] as? [String] == ["dept-001", "dept-002"])
            #expect(merged.object["merged_from"] as? [String] == ids)
            for id in ids { #expect(try await service.store.item(ItemID(rawValue: id))?.item.status == .merged) }
            // Merging them again is refused and changes nothing.
            let twice = try await client.call(.post, "/api/v1/items/merge", token: admin, json: ["title": "再合编", "category": "progress", "sources": ids])
            #expect(twice.status == .conflict)
            #expect(try await service.store.items(ItemQuery(statuses: [.submitted])).items.count == 1)
        }
    }

    @Test func listsPageByPageNewestFirst() async throws {
        try await TestService.with { _, client in
            let clerk = try await client.login("clerk-1")
            var made: [String] = []
            for n in 1...5 {
                var draft = Self.draft
                draft["title"] = "第 \(n) 条信息"
                made.append(try #require(try await client.call(.post, "/api/v1/items", token: clerk, json: draft).object["id"] as? String))
            }
            let first = try await client.call(.get, "/api/v1/items?limit=2", token: clerk)
            #expect(first.items.compactMap { $0["id"] as? String } == [made[4], made[3]])
            let next = try #require(first.object["next"] as? String)
            let second = try await client.call(.get, "/api/v1/items?limit=2&cursor=\(next)", token: clerk)
            #expect(second.items.compactMap { $0["id"] as? String } == [made[2], made[1]])
            let found = try await client.call(.get, "/api/v1/items?q=%E7%AC%AC%203%20%E6%9D%A1", token: clerk)
            #expect(found.items.compactMap { $0["id"] as? String } == [made[2]])
            let bad = try await client.call(.get, "/api/v1/items?limit=0", token: clerk)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.errorField == "limit")
        }
    }

    @Test func badInputNamesTheField() async throws {
        try await TestService.with { service, client in
            let clerk = try await client.login("clerk-1")
            let notJSON = try await client.call(.post, "/api/v1/items", token: clerk, raw: "{\"units\": [")
            #expect(notJSON.status == .badRequest)
            #expect(notJSON.errorCode == "invalid_json")
            let missing = try await client.call(.post, "/api/v1/items", token: clerk, json: ["units": ["dept-001"], "category": "policy"])
            #expect(missing.errorCode == "missing_field")
            #expect(missing.errorField == "title")
            let wrongType = try await client.call(.post, "/api/v1/items", token: clerk, raw: #"{"units":"dept-001","category":"policy","title":"x"}"#)
            #expect(wrongType.errorField == "units")
            var badCategory = Self.draft
            badCategory["category"] = "gossip"
            let category = try await client.call(.post, "/api/v1/items", token: clerk, json: badCategory)
            #expect(category.status == .unprocessableContent)
            #expect(category.errorField == "category")
            var blank = Self.draft
            blank["title"] = "   "
            #expect(try await client.call(.post, "/api/v1/items", token: clerk, json: blank).errorField == "title")
            var slash = Self.draft
            slash["id"] = "a/b"
            #expect(try await client.call(.post, "/api/v1/items", token: clerk, json: slash).errorField == "id")
            var strangers = Self.draft
            strangers["authors"] = ["clerk-2"]
            #expect(try await client.call(.post, "/api/v1/items", token: clerk, json: strangers).errorField == "authors[0]")
            #expect(try await service.store.items(ItemQuery()).items.isEmpty)
        }
    }

    /// The router matches the raw path: ids are percent-decoded before use, and a bad escape
    /// or an encoded NUL is a 422 naming the parameter, on every store (PostgreSQL refuses NUL).
    @Test(arguments: Backend.available)
    func pathParametersArePercentDecoded(_ backend: Backend) async throws {
        try await TestService.with(backend) { _, client in
            let clerk = try await client.login("clerk-1")
            let id = try #require(try await client.call(.post, "/api/v1/items", token: clerk, json: Self.draft).object["id"] as? String)
            let everyByteEscaped = id.utf8.map { String(format: "%%%02X", $0) }.joined()
            let read = try await client.call(.get, "/api/v1/items/\(everyByteEscaped)", token: clerk)
            #expect(read.status == .ok, "\(read.text)")
            #expect(read.object["id"] as? String == id)
            let submitted = try await client.call(.post, "/api/v1/items/\(everyByteEscaped)/submit", token: clerk)
            #expect(submitted.object["status"] as? String == "submitted", "\(submitted.text)")

            for bad in ["%ZZ", "abc%", "%00", "x%00y"] {
                let reply = try await client.call(.get, "/api/v1/items/\(bad)", token: clerk)
                #expect(reply.status == .unprocessableContent, "\(bad): \(reply.text)")
                #expect(reply.errorField == "id", "\(bad)")
            }
            // A well-formed id that does not exist is still a plain 404.
            #expect(try await client.call(.get, "/api/v1/items/%E6%97%A0", token: clerk).status == .notFound)
        }
    }
}
