import Tagged
import Assessment
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WebService
import WorkingDays

@Suite("Runs, documents, inbox, audit, health and metrics")
struct ServiceRoutesTests {
    @Test func adminsRunAssessmentsEveryoneInTheOfficeReadsThem() async throws {
        try await TestService.with { service, client in
            let admin = try await client.login("admin-city")
            let bad = try await client.call(.post, "/api/v1/runs", token: admin, json: ["office": "city", "period": "2026Q5"])
            #expect(bad.errorField == "period")
            let started = try await client.call(.post, "/api/v1/runs", token: admin, json: ["office": "city", "period": "2026Q1"])
            #expect(started.status == .created, "\(started.text)")
            let id = try #require(started.object["id"] as? String)
            let clerk = try await client.login("clerk-1")
            let runs = try await client.call(.get, "/api/v1/runs?office=city", token: clerk)
            #expect(runs.items.compactMap { $0["id"] as? String } == [id])
            let run = try await client.call(.get, "/api/v1/runs/\(id)", token: clerk)
            #expect((run.object["results"] as? [[String: Any]])?.first?["id"] as? String == "dept-001")
            let ledger = try await client.call(.get, "/api/v1/runs/\(id)/ledger?unit=dept-001", token: clerk)
            #expect(ledger.items.first?["code"] as? String == "adopt.city")
            #expect(try await client.call(.get, "/api/v1/runs/\(id)/ledger?unit=dept-002", token: clerk).status == .notFound)
            let county = try await client.login("admin-county")
            #expect(try await client.call(.get, "/api/v1/runs/\(id)", token: county).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/runs", token: county).items.isEmpty)
            let live = try await client.call(.get, "/api/v1/rankings/live?period=2026Q2", token: clerk)
            #expect((live.object["run"] as? [String: Any])?["period"] as? String == "2026Q2")
            #expect(try await service.store.audit(AuditQuery(offices: [.city], entity: "run")).map(\.entityID) == [id])
        }
    }

    /// The dashboard polls the live ranking: filtered to what it draws, and 304 without a
    /// body while the computation is the same.
    @Test func liveRankingFiltersAndAnswersNotModifiedUntilTheRecordMoves() async throws {
        try await TestService.with { _, client in
            let clerk = try await client.login("clerk-1")
            let whole = try await client.call(.get, "/api/v1/rankings/live?period=2026Q2", token: clerk)
            let subjects = (whole.object["results"] as? [[String: Any]] ?? []).compactMap { $0["subject"] as? String }
            #expect(subjects == ["unit", "unit", "person"])
            let units = try await client.call(.get, "/api/v1/rankings/live?period=2026Q2&subject=unit&group=dept-1", token: clerk)
            #expect((units.object["results"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }.sorted() == ["dept-001", "dept-002"])
            let people = try await client.call(.get, "/api/v1/rankings/live?period=2026Q2&subject=person", token: clerk)
            #expect((people.object["results"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } == ["clerk-1"])
            let none = try await client.call(.get, "/api/v1/rankings/live?period=2026Q2&group=nobody", token: clerk)
            #expect((none.object["results"] as? [[String: Any]])?.isEmpty == true)
            let bad = try await client.call(.get, "/api/v1/rankings/live?period=2026Q2&subject=units", token: clerk)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.errorField == "subject")

            // Each filter has its own tag; the same tag comes back while nothing changed.
            let tag = try #require(units.headers[.eTag])
            #expect(tag != whole.headers[.eTag])
            #expect(try await client.call(.get, "/api/v1/rankings/live?period=2026Q2&subject=unit&group=dept-1", token: clerk).headers[.eTag] == tag)
            let unchanged = try await client.get("/api/v1/rankings/live?period=2026Q2&subject=unit&group=dept-1", token: clerk, ifNoneMatch: "\"0\", W/\(tag)")
            #expect(unchanged.status == .notModified)
            #expect(unchanged.body.isEmpty)
            #expect(unchanged.headers[.eTag] == tag)

            // An adoption moves the ranking: the old tag no longer matches and the new answer shows it.
            let id = try #require(try await client.call(.post, "/api/v1/items", token: clerk, json: ItemWorkflowTests.draft).object["id"] as? String)
            _ = try await client.call(.post, "/api/v1/items/\(id)/submit", token: clerk)
            let admin = try await client.login("admin-city")
            let adopted = try await client.call(.post, "/api/v1/items/\(id)/adopt", token: admin, json: ["level": "city", "publication": "pub-city-brief", "type": "briefing"])
            #expect(adopted.status == .ok, "\(adopted.text)")
            let moved = try await client.get("/api/v1/rankings/live?period=2026Q2&subject=unit&group=dept-1", token: clerk, ifNoneMatch: tag)
            #expect(moved.status == .ok)
            #expect(moved.headers[.eTag] != tag)
            let top = (moved.object["results"] as? [[String: Any]])?.first
            #expect(top?["id"] as? String == "dept-001")
            #expect(top?["points"] as? Double == 3)
        }
    }

    @Test func documentsDownloadWithTheirTypeWithinTheOffice() async throws {
        try await TestService.with { service, client in
            try await service.store.save(FixedOperations.run(office: .city, period: .quarter(2026, 1), asOf: Fixture.now, id: "2026Q1-city-x"))
            let content = Data("# 2026年第一季度政务信息工作通报\n".utf8)
            try await service.store.save(StoredDocument(run: "2026Q1-city-x", kind: "quarterly-notice",
                                                        format: "md", office: .city, period: "2026Q1", title: "季度通报", content: content,
                                                        sha256: "00", createdAt: Fixture.now, createdBy: "cli"))
            let clerk = try await client.login("clerk-1")
            let list = try await client.call(.get, "/api/v1/documents", token: clerk)
            let download = try #require(list.items.first?["download"] as? String)
            let got = try await client.call(.get, download, token: clerk)
            #expect(got.status == .ok)
            #expect(got.body == content)
            #expect(got.headers[.contentType] == "text/markdown; charset=utf-8")
            #expect(try await client.call(.get, "/api/v1/documents/2026Q1-city-x/quarterly-notice.md", token: clerk).object["kind"] as? String == "quarterly-notice")
            let county = try await client.login("admin-county")
            #expect(try await client.call(.get, download, token: county).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/documents/nope/content", token: clerk).status == .notFound)
        }
    }

    @Test func inboxShowsWhatIsAddressedToTheCaller() async throws {
        try await TestService.with { service, client in
            for (key, audience) in [("a", "office"), ("b", "unit:dept-001"), ("c", "unit:dept-002"), ("d", "leaders"), ("e", "units")] {
                _ = try await service.store.post(InboxMessage(key: key, office: .city, audience: audience, title: "提醒 \(key)", body: "", createdAt: Fixture.now))
            }
            let clerk = try await client.login("clerk-1")
            #expect(Set(try await client.call(.get, "/api/v1/inbox", token: clerk).items.compactMap { $0["key"] as? String }) == ["b", "e"])
            let leader = try await client.login("leader-1")
            #expect(Set(try await client.call(.get, "/api/v1/inbox", token: leader).items.compactMap { $0["key"] as? String }) == ["b", "d"])
            let admin = try await client.login("admin-city")
            #expect(Set(try await client.call(.get, "/api/v1/inbox", token: admin).items.compactMap { $0["key"] as? String }) == ["a", "b", "c", "e"])
        }
    }

    @Test func auditPagesAndStaysWithinTheOffice() async throws {
        try await TestService.with { _, client in
            let clerk = try await client.login("clerk-1")
            for _ in 0..<3 { _ = try await client.call(.post, "/api/v1/items", token: clerk, json: ItemWorkflowTests.draft) }
            let town = try await client.login("clerk-town")
            var draft = ItemWorkflowTests.draft
            draft["units"] = ["town-01-01"]
            _ = try await client.call(.post, "/api/v1/items", token: town, json: draft)
            let admin = try await client.login("admin-city")
            let first = try await client.call(.get, "/api/v1/audit?limit=2", token: admin)
            #expect(first.items.count == 2)
            let next = try #require(first.object["next"] as? String)
            let rest = try await client.call(.get, "/api/v1/audit?limit=2&cursor=\(next)", token: admin)
            #expect(rest.items.count == 2)
            let county = try await client.login("admin-county")
            let countyLog = try await client.call(.get, "/api/v1/audit", token: county)
            #expect(countyLog.items.count == 1)
            #expect(countyLog.items.first?["office"] as? String == "county-a")
            #expect(countyLog.items.first?["actor"] as? String == "clerk-town")
        }
    }

    @Test func healthReadinessMetricsAndUnknownRoutes() async throws {
        try await TestService.with { _, client in
            #expect(try await client.call(.get, "/health").text == "ok")
            let ready = try await client.call(.get, "/ready")
            #expect(ready.object["status"] as? String == "ready")
            #expect(ready.object["outbox_pending"] as? Int == 2)
            let missing = try await client.call(.get, "/api/v1/nothing-here")
            #expect(missing.status == .notFound)
            #expect(missing.errorCode == "not_found")
            _ = try await client.login("clerk-1")
            let metrics = try await client.call(.get, "/metrics").text
            #expect(metrics.contains(#"tally_http_requests_total{method="POST",route="/api/v1/auth/login",status="200"} 1"#))
            #expect(metrics.contains(#"status="404""#))
            #expect(metrics.contains("tally_outbox_pending_messages 2"))
            #expect(metrics.contains("tally_scheduler_lag_seconds 0.5"))
            #expect(!metrics.contains(Fixture.password))
            let spec = try await client.call(.get, "/api/v1/openapi.yaml")
            #expect(spec.text.hasPrefix("openapi: 3"))
        }
    }

    /// With a metrics token, /metrics answers only the scraper holding it (a session token of
    /// any role is not enough); health and readiness stay open for the load balancer.
    @Test func metricsBehindATokenWhenTheServiceHasOne() async throws {
        let secret = "scrape-4d1c9a7e2f0b"
        try await TestService.with(metricsToken: secret) { _, client in
            #expect(try await client.call(.get, "/metrics").status == .unauthorized)
            let admin = try await client.login("admin-city")
            #expect(try await client.call(.get, "/metrics", token: admin).status == .unauthorized)
            #expect(try await client.call(.get, "/metrics", token: secret + "x").status == .unauthorized)
            #expect(try await client.call(.get, "/metrics", token: String(secret.dropLast())).status == .unauthorized)
            let scraped = try await client.call(.get, "/metrics", token: secret)
            #expect(scraped.status == .ok)
            #expect(scraped.text.contains("tally_http_requests_total"))
            #expect(try await client.call(.get, "/health").status == .ok)
            #expect(try await client.call(.get, "/ready").status == .ok)
        }
    }
}
