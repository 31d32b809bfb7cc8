import Assessment
import Tagged
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WebService

/// Each role reaching for what it must not: the answer is 403 or 404 and nothing changes.
@Suite("Access control")
struct AccessControlTests {
    /// A submitted item of dept-001 and a draft of dept-001, made by its clerk.
    static func items(_ client: any TestClientProtocol) async throws -> (submitted: String, draft: String) {
        let clerk = try await client.login("clerk-1")
        let submitted = try #require(try await client.call(.post, "/api/v1/items", token: clerk, json: ItemWorkflowTests.draft).object["id"] as? String)
        _ = try await client.call(.post, "/api/v1/items/\(submitted)/submit", token: clerk)
        let draft = try #require(try await client.call(.post, "/api/v1/items", token: clerk, json: ItemWorkflowTests.draft).object["id"] as? String)
        return (submitted, draft)
    }

    @Test(arguments: Backend.available)
    func anotherUnitsClerkSeesNoDraftsAndChangesNothing(_ backend: Backend) async throws {
        try await TestService.with(backend) { service, client in
            let (submitted, draft) = try await Self.items(client)
            let before = try #require(try await service.store.item(ItemID(rawValue: draft)))
            let other = try await client.login("clerk-2")
            #expect(try await client.call(.get, "/api/v1/items/\(draft)", token: other).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/items/\(submitted)", token: other).status == .notFound)
            #expect(try await client.call(.patch, "/api/v1/items/\(draft)", token: other, json: ["title": "被改了"]).status == .notFound)
            #expect(try await client.call(.post, "/api/v1/items/\(draft)/submit", token: other).status == .notFound)
            let list = try await client.call(.get, "/api/v1/items", token: other)
            #expect(list.items.isEmpty)
            let listOther = try await client.call(.get, "/api/v1/items?unit=dept-001", token: other)
            #expect(listOther.items.isEmpty)
            // Drafting for another unit is refused.
            let foreign = try await client.call(.post, "/api/v1/items", token: other, json: ItemWorkflowTests.draft)
            #expect(foreign.status == .forbidden)
            #expect(foreign.errorField == "units[0]")
            #expect(try await service.store.item(ItemID(rawValue: draft)) == before)
            #expect(try await service.store.items(ItemQuery()).items.count == 2)
        }
    }

    @Test(arguments: Backend.available)
    func onlyAdminsOfTheUnitReviewAndAdopt(_ backend: Backend) async throws {
        try await TestService.with(backend) { service, client in
            let (submitted, draft) = try await Self.items(client)
            let before = try #require(try await service.store.item(ItemID(rawValue: submitted)))
            let adopt: [String: Any] = ["level": "city", "publication": "p", "type": "briefing"]
            for person in ["clerk-1", "leader-1", "leader-city"] {
                let token = try await client.login(person)
                let r = try await client.call(.post, "/api/v1/items/\(submitted)/adopt", token: token, json: adopt)
                #expect(r.status == .forbidden, "\(person) adopting: \(r.text)")
                #expect(try await client.call(.post, "/api/v1/items/\(submitted)/return", token: token, json: ["note": "x"]).status == .forbidden)
                #expect(try await client.call(.post, "/api/v1/items/\(submitted)/forward", token: token, json: ["to": "province"]).status == .forbidden)
            }
            // A county admin does not reach the city's departments at all.
            let county = try await client.login("admin-county")
            #expect(try await client.call(.post, "/api/v1/items/\(submitted)/adopt", token: county, json: adopt).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/items/\(submitted)", token: county).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/items", token: county).items.isEmpty)
            // A leader reads their unit's submitted items but not its drafts.
            let leader = try await client.login("leader-1")
            #expect(try await client.call(.get, "/api/v1/items/\(submitted)", token: leader).status == .ok)
            #expect(try await client.call(.get, "/api/v1/items/\(draft)", token: leader).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/items", token: leader).items.compactMap { $0["id"] as? String } == [submitted])
            #expect(try await client.call(.post, "/api/v1/items", token: leader, json: ItemWorkflowTests.draft).status == .forbidden)
            #expect(try await service.store.item(ItemID(rawValue: submitted)) == before)
            #expect(try await service.store.audit(AuditQuery(offices: [.city, OfficeID("county-a")!], entity: "adoption")).isEmpty)
        }
    }

    @Test func administrationIsForAdminsOfTheOffice() async throws {
        try await TestService.with { service, client in
            for person in ["clerk-1", "leader-1", "leader-city"] {
                let token = try await client.login(person)
                #expect(try await client.call(.get, "/api/v1/audit", token: token).status == .forbidden)
                #expect(try await client.call(.get, "/api/v1/accounts", token: token).status == .forbidden)
                #expect(try await client.call(.put, "/api/v1/accounts/clerk-2", token: token,
                                              json: ["role": "clerk", "password": "takeover-1234"]).status == .forbidden)
                #expect(try await client.call(.post, "/api/v1/runs", token: token, json: ["office": "city", "period": "2026Q1"]).status == .forbidden)
            }
            let county = try await client.login("admin-county")
            #expect(try await client.call(.post, "/api/v1/runs", token: county, json: ["office": "city", "period": "2026Q1"]).status == .forbidden)
            #expect(try await client.call(.put, "/api/v1/accounts/admin-city", token: county,
                                          json: ["role": "admin", "password": "takeover-1234"]).status == .notFound)
            // Giving someone a role they do not have in the roll is refused.
            let city = try await client.login("admin-city")
            let promote = try await client.call(.put, "/api/v1/accounts/clerk-1", token: city, json: ["role": "admin", "password": "promoted-1234"])
            #expect(promote.status == .unprocessableContent)
            #expect(promote.errorField == "role")
            #expect(try await service.store.account("clerk-1")?.account.role == .clerk)
            #expect(try await service.store.runs(office: nil, period: nil).isEmpty)
            // The county admin sees the county's accounts only.
            let accounts = try await client.call(.get, "/api/v1/accounts", token: county).items.compactMap { $0["person"] as? String }
            #expect(accounts == ["admin-county", "clerk-town"])
        }
    }

    @Test func scopesOfReadsFollowTheOfficeTree() async throws {
        try await TestService.with { _, client in
            let city = try await client.login("admin-city")
            let cityUnits = try await client.call(.get, "/api/v1/units", token: city).items.compactMap { $0["id"] as? String }
            #expect(cityUnits == ["city-office", "county-01", "dept-001", "dept-002", "town-01-01"])
            let county = try await client.login("admin-county")
            #expect(try await client.call(.get, "/api/v1/units", token: county).items.compactMap { $0["id"] as? String } == ["county-01", "town-01-01"])
            #expect(try await client.call(.get, "/api/v1/units/dept-001", token: county).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/people?unit=dept-001", token: county).status == .notFound)
            let clerk = try await client.login("clerk-1")
            #expect(try await client.call(.get, "/api/v1/people", token: clerk).items.compactMap { $0["id"] as? String } == ["clerk-1", "leader-1"])
            #expect(try await client.call(.get, "/api/v1/rules", token: county).items.compactMap { $0["office"] as? String } == ["county-a"])
            #expect(try await client.call(.get, "/api/v1/schedules", token: clerk).items.compactMap { $0["job"] as? String } == ["city-quarterly"])
        }
    }
}

@Suite("Rule editing routes")
struct RuleRouteTests {
    @Test func onlyTheOfficesAdminsReadAndChangeRules() async throws {
        try await TestService.with { service, client in
            for person in ["clerk-1", "leader-1", "leader-city"] {
                let token = try await client.login(person)
                #expect(try await client.call(.get, "/api/v1/rules/city/files", token: token).status == .forbidden)
                let put = try await client.call(.put, "/api/v1/rules/city/files/score.lua", token: token, json: ["text": "x"])
                #expect(put.status == .forbidden, "\(person)")
                #expect(try await client.call(.post, "/api/v1/rules/city/rollback", token: token, json: ["version": "abcdef"]).status == .forbidden)
            }
            let county = try await client.login("admin-county")
            #expect(try await client.call(.put, "/api/v1/rules/city/files/score.lua", token: county, json: ["text": "x"]).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/rules/county-a/files", token: county).status == .ok)
            #expect(try await service.store.audit(AuditQuery(offices: [.city, OfficeID("county-a")!], entity: "rules")).isEmpty)
        }
    }

    @Test func anEditIsCheckedAndRecordedWithWhoMadeIt() async throws {
        try await TestService.with { service, client in
            let admin = try await client.login("admin-city")
            let badName = try await client.call(.put, "/api/v1/rules/city/files/..%2Fescape.lua", token: admin, json: ["text": "x"])
            #expect(badName.status == .unprocessableContent || badName.status == .notFound)
            let rejected = try await client.call(.put, "/api/v1/rules/city/files/score.lua", token: admin, json: ["text": "syntax error here"])
            #expect(rejected.status == .unprocessableContent)
            #expect(rejected.object["activated"] as? Bool == false)
            #expect((rejected.object["errors"] as? [String])?.first?.hasPrefix("rules/city/score.lua:1:") == true)
            #expect(try await service.store.audit(AuditQuery(offices: [.city], entity: "rules")).isEmpty)
            let accepted = try await client.call(.put, "/api/v1/rules/city/files/score.lua", token: admin, json: ["text": "function score() end"])
            #expect(accepted.status == .ok)
            #expect(accepted.object["activated"] as? Bool == true)
            let audit = try await service.store.audit(AuditQuery(offices: [.city], entity: "rules"))
            #expect(audit.map(\.entityID) == ["city@v2"])
            #expect(audit.first?.actor == "admin-city")
            #expect(audit.first?.after == "function score() end")
            #expect(audit.first?.before == "function score(item) return {} end")
            let diff = try await client.call(.post, "/api/v1/rules/city/files/score.lua/diff", token: admin, json: ["text": "x"])
            #expect(diff.errorField == "period")
        }
    }
}
