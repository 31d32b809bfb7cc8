import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import WebService

/// A browser sends the session cookie to Tally whichever site's page asks it to; API writes
/// signed in by the cookie therefore need the session's anti-forgery token, which another
/// site cannot read. Bearer tokens, which a browser never sends by itself, need none.
@Suite("Anti-forgery tokens for cookie sessions")
struct CSRFTests {
    @Test(arguments: Backend.available)
    func cookieWritesNeedTheSessionsTokenAndNothingHappensWithout(_ backend: Backend) async throws {
        try await TestService.with(backend) { _, client in
            let token = try await client.login("clerk-1")
            let me = try await client.call(.get, "/api/v1/me", token: token)
            let csrf = try #require(me.object["csrf_token"] as? String)
            #expect(csrf.count == 32)

            let before = try await client.call(.get, "/api/v1/items", token: token).items.count
            let missing = try await client.cookieCall(.post, "/api/v1/items", cookie: token, csrf: nil, json: ItemWorkflowTests.draft)
            #expect(missing.status == .forbidden)
            #expect(missing.errorCode == "csrf")
            let wrong = try await client.cookieCall(.post, "/api/v1/items", cookie: token, csrf: String(repeating: "0", count: 32), json: ItemWorkflowTests.draft)
            #expect(wrong.status == .forbidden)
            #expect(wrong.errorCode == "csrf")
            #expect(try await client.call(.get, "/api/v1/items", token: token).items.count == before)

            // Reads by cookie need no token; writes with the right one go through.
            #expect(try await client.cookieCall(.get, "/api/v1/items", cookie: token, csrf: nil).status == .ok)
            let made = try await client.cookieCall(.post, "/api/v1/items", cookie: token, csrf: csrf, json: ItemWorkflowTests.draft)
            #expect(made.status == .created, "\(made.text)")
            #expect(try await client.call(.get, "/api/v1/items", token: token).items.count == before + 1)
            // A bearer write needs no anti-forgery token.
            #expect(try await client.call(.post, "/api/v1/items", token: token, json: ItemWorkflowTests.draft).status == .created)
        }
    }

    @Test func oneSessionsTokenDoesNotOpenAnother() async throws {
        try await TestService.with { _, client in
            let clerk = try await client.login("clerk-1")
            let admin = try await client.login("admin-city")
            let clerkCSRF = try #require(try await client.call(.get, "/api/v1/me", token: clerk).object["csrf_token"] as? String)
            let adminCSRF = try #require(try await client.call(.get, "/api/v1/me", token: admin).object["csrf_token"] as? String)
            #expect(clerkCSRF != adminCSRF)
            let crossed = try await client.cookieCall(.post, "/api/v1/auth/logout", cookie: admin, csrf: clerkCSRF)
            #expect(crossed.status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/me", token: admin).status == .ok)
        }
    }
}

extension TestClientProtocol {
    /// A request signed in by the console's session cookie, with or without `X-CSRF-Token`.
    func cookieCall(_ method: HTTPRequest.Method, _ uri: String, cookie: String, csrf: String?, json: [String: Any]? = nil) async throws -> Reply {
        var headers: HTTPFields = [.cookie: "tally_session=\(cookie)"]
        if let csrf { headers[HTTPField.Name("X-CSRF-Token")!] = csrf }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        }
        let response = try await execute(uri: uri, method: method, headers: headers, body: body)
        return Reply(status: response.status, headers: response.headers, body: Data(response.body.readableBytesView))
    }
}
