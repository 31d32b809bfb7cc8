import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Tagged
import Synchronization
import Testing
import WebService
import WorkingDays

/// The reminder outbox through the API: admins list their offices' messages by state and
/// put a given-up one back; others are refused and nothing changes.
@Suite("Reminder routes")
struct ReminderRoutesTests {
    static func message(_ key: String, office: OfficeID) -> OutboxMessage {
        OutboxMessage(key: key, office: office, channel: "email", recipient: "\(key)@example.gov.cn", recipientName: "王伟", subject: "请及时报送",
                      body: "……", scheduledAt: Fixture.now, createdAt: Fixture.now)
    }

    @Test(arguments: Backend.available)
    func adminsListTheirOfficesRemindersAndPutAGivenUpOneBack(_ backend: Backend) async throws {
        try await TestService.with(backend) { service, client in
            try await service.store.enqueue([Self.message("city-1", office: .city), Self.message("county-1", office: OfficeID("county-a")!)])
            let claimed = try await service.store.claimDeliveries(now: Fixture.now, node: "n", leaseUntil: Fixture.now.adding(seconds: 60), limit: 10)
            let city = try #require(claimed.first { $0.message.key == "city-1" })
            try await service.store.record(.dead("550 mailbox unavailable"), key: "city-1", fence: city.fence, at: Fixture.now)

            let admin = try await client.login("admin-city")
            let all = try await client.call(.get, "/api/v1/reminders", token: admin)
            #expect(Set(all.items.compactMap { $0["key"] as? String }) == ["city-1", "county-1"])
            let dead = try await client.call(.get, "/api/v1/reminders?state=dead", token: admin).items
            #expect(dead.map { $0["key"] as? String } == ["city-1"])
            #expect(dead.first?["last_error"] as? String == "550 mailbox unavailable" || dead.first?["outcome"] as? String == "550 mailbox unavailable")
            #expect(try await client.call(.get, "/api/v1/reminders?state=lost", token: admin).errorField == "state")

            let county = try await client.login("admin-county")
            #expect(try await client.call(.get, "/api/v1/reminders", token: county).items.compactMap { $0["key"] as? String } == ["county-1"])
            #expect(try await client.call(.post, "/api/v1/reminders/retry", token: county, json: ["key": "city-1"]).status == .notFound)
            // Only a given-up or cancelled message goes back.
            #expect(try await client.call(.post, "/api/v1/reminders/retry", token: county, json: ["key": "county-1"]).status == .conflict)

            let retried = try await client.call(.post, "/api/v1/reminders/retry", token: admin, json: ["key": "city-1"])
            #expect(retried.status == .ok, "\(retried.text)")
            #expect(retried.object["state"] as? String == "pending")
            #expect((service.deps.operations as? FixedOperations)?.courierWakes.withLock { $0 } == 1)
            let audit = try await client.call(.get, "/api/v1/audit?entity=reminder", token: admin).items
            #expect(audit.map { $0["action"] as? String } == ["reminder.retry"])
        }
    }

    @Test func othersCannotReadOrRetryReminders() async throws {
        try await TestService.with { service, client in
            try await service.store.enqueue([Self.message("city-1", office: .city)])
            for person in ["clerk-1", "leader-city", "leader-1"] {
                let token = try await client.login(person)
                #expect(try await client.call(.get, "/api/v1/reminders", token: token).status == .forbidden)
                #expect(try await client.call(.post, "/api/v1/reminders/retry", token: token, json: ["key": "city-1"]).status == .forbidden)
            }
            #expect(try await client.call(.get, "/api/v1/reminders").status == .unauthorized)
            #expect(try await service.store.outbox(states: [.pending], limit: 10).count == 1)
        }
    }
}
