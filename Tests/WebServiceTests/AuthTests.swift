import Assessment
import Tagged
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WebService

@Suite("Signing in and sessions")
struct AuthTests {
    @Test func signsInAndOut() async throws {
        try await TestService.with { _, client in
            let token = try await client.login("clerk-1")
            let me = try await client.call(.get, "/api/v1/me", token: token)
            #expect(me.status == .ok)
            #expect(me.object["person"] as? String == "clerk-1")
            #expect(me.object["role"] as? String == "clerk")
            #expect(me.object["offices"] as? [String] == ["city"])
            #expect(try await client.call(.post, "/api/v1/auth/logout", token: token).status == .noContent)
            let after = try await client.call(.get, "/api/v1/me", token: token)
            #expect(after.status == .unauthorized)
            #expect(after.errorCode == "unauthenticated")
        }
    }

    @Test func refusesWrongPasswordsUnknownPeopleAndMissingTokens() async throws {
        try await TestService.with { _, client in
            let wrong = try await client.call(.post, "/api/v1/auth/login", json: ["login": "clerk-1", "password": "nope-nope-nope"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.errorCode == "invalid_credentials")
            let unknown = try await client.call(.post, "/api/v1/auth/login", json: ["login": "nobody", "password": Fixture.password])
            #expect(unknown.status == .unauthorized)
            #expect(unknown.errorCode == "invalid_credentials")
            #expect(try await client.call(.get, "/api/v1/items").status == .unauthorized)
            #expect(try await client.call(.get, "/api/v1/items", token: "made-up-token").status == .unauthorized)
        }
    }

    @Test func limitsRepeatedFailures() async throws {
        try await TestService.with { _, client in
            for _ in 0..<5 {
                let r = try await client.call(.post, "/api/v1/auth/login", json: ["login": "clerk-2", "password": "guess-guess"])
                #expect(r.status == .unauthorized)
            }
            // Even the right password waits until the window has passed.
            let blocked = try await client.call(.post, "/api/v1/auth/login", json: ["login": "clerk-2", "password": Fixture.password])
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.errorCode == "too_many_attempts")
            // Another person is not affected.
            _ = try await client.login("clerk-1")
        }
    }

    @Test func disabledAccountsEndTheirSessions() async throws {
        try await TestService.with { service, client in
            let token = try await client.login("clerk-2")
            let admin = try await client.login("admin-city")
            let r = try await client.call(.put, "/api/v1/accounts/clerk-2", token: admin,
                                          json: ["role": "clerk", "password": "another-pass-1", "disabled": true])
            #expect(r.status == .ok, "\(r.text)")
            #expect(try await client.call(.get, "/api/v1/me", token: token).status == .unauthorized)
            let again = try await client.call(.post, "/api/v1/auth/login", json: ["login": "clerk-2", "password": "another-pass-1"])
            #expect(again.status == .unauthorized)
            #expect(try await service.store.account("clerk-2")?.account.disabled == true)
        }
    }

    @Test func changesOwnPasswordAndStoresOnlyAHash() async throws {
        try await TestService.with { service, client in
            let token = try await client.login("leader-1")
            let weak = try await client.call(.put, "/api/v1/me/password", token: token, json: ["current": Fixture.password, "new": "short"])
            #expect(weak.status == .unprocessableContent)
            #expect(weak.errorField == "new")
            let wrong = try await client.call(.put, "/api/v1/me/password", token: token, json: ["current": "not-it-at-all", "new": "a-new-password"])
            #expect(wrong.errorField == "current")
            let ok = try await client.call(.put, "/api/v1/me/password", token: token, json: ["current": Fixture.password, "new": "a-new-password"])
            #expect(ok.status == .noContent)
            let stored = try #require(try await service.store.account("leader-1"))
            #expect(stored.passwordHash.hasPrefix("$2"))
            #expect(!stored.passwordHash.contains("a-new-password"))
            _ = try await client.login("leader-1", password: "a-new-password")
        }
    }

    /// Stored sessions are keyed by the token's SHA-256 in lowercase hex (FIPS 180-2 vectors):
    /// a change of this encoding would sign everybody out.
    @Test func tokenHashIsLowercaseHexSHA256() {
        #expect(SessionTokens.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SessionTokens.hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
