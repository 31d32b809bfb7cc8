import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WebService

/// Pausing, resuming and running jobs through the API: only the job office's admins, with a
/// reason for a pause and an audit entry for each; everyone else gets 403 or 404 and
/// nothing changes.
@Suite("Schedule routes")
struct ScheduleRoutesTests {
    @Test(arguments: Backend.available)
    func anAdminPausesResumesAndRunsTheOfficesJobs(_ backend: Backend) async throws {
        try await TestService.with(backend) { _, client in
            let admin = try await client.login("admin-city")
            let noReason = try await client.call(.post, "/api/v1/schedules/city-quarterly/pause", token: admin, json: [:])
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.errorField == "note")

            let paused = try await client.call(.post, "/api/v1/schedules/city-quarterly/pause", token: admin, json: ["note": "春节调休，改期"])
            #expect(paused.status == .ok, "\(paused.text)")
            #expect(paused.object["paused"] as? Bool == true)
            #expect(paused.object["pause_note"] as? String == "春节调休，改期")
            let listed = try await client.call(.get, "/api/v1/schedules", token: admin).items.first { $0["job"] as? String == "city-quarterly" }
            #expect(listed?["paused"] as? Bool == true)
            #expect(listed?["next_fires"] is [Any])

            let resumed = try await client.call(.post, "/api/v1/schedules/city-quarterly/resume", token: admin, json: [:])
            #expect(resumed.object["paused"] as? Bool == false)

            let run = try await client.call(.post, "/api/v1/schedules/city-quarterly/run", token: admin, json: ["note": "补发通报"])
            #expect(run.status == .accepted, "\(run.text)")
            #expect(run.object["status"] as? String == "queued")
            let history = try await client.call(.get, "/api/v1/schedules/city-quarterly/history?pending=true", token: admin)
            #expect(history.items.map { $0["origin"] as? String } == ["manual"])
            #expect(try await client.call(.get, "/api/v1/schedules/city-quarterly/history?pending=maybe", token: admin).errorField == "pending")

            let audit = try await client.call(.get, "/api/v1/audit?entity=job", token: admin).items.compactMap { $0["action"] as? String }
            #expect(Set(audit) == ["schedule.pause", "schedule.resume", "schedule.run"], "\(audit)")
        }
    }

    @Test func othersCannotPauseOrRunAndNothingChanges() async throws {
        try await TestService.with { _, client in
            let clerk = try await client.login("clerk-1")
            let leader = try await client.login("leader-city")
            let county = try await client.login("admin-county")
            for token in [clerk, leader] {
                let r = try await client.call(.post, "/api/v1/schedules/city-quarterly/pause", token: token, json: ["note": "x"])
                #expect(r.status == .forbidden, "\(r.text)")
                #expect(try await client.call(.post, "/api/v1/schedules/city-quarterly/run", token: token, json: [:]).status == .forbidden)
            }
            // The county admin does not reach the city's jobs at all, but runs its own.
            #expect(try await client.call(.post, "/api/v1/schedules/city-quarterly/pause", token: county, json: ["note": "x"]).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/schedules/city-quarterly/history", token: county).status == .notFound)
            #expect(try await client.call(.post, "/api/v1/schedules/county-monthly/run", token: county, json: [:]).status == .accepted)
            #expect(try await client.call(.post, "/api/v1/schedules/no-such-job/run", token: county, json: [:]).status == .notFound)
            #expect(try await client.call(.post, "/api/v1/schedules/city-quarterly/run", json: [:]).status == .unauthorized)

            let admin = try await client.login("admin-city")
            let status = try await client.call(.get, "/api/v1/schedules", token: admin).items.first { $0["job"] as? String == "city-quarterly" }
            #expect(status?["paused"] as? Bool == false)
            #expect(try await client.call(.get, "/api/v1/schedules/city-quarterly/history?pending=true", token: admin).items.isEmpty)
        }
    }
}
