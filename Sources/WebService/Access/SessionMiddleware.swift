import Domain
import HTTPTypes
import Logging
import Tagged
import Foundation
package import Hummingbird

/// Finds who is calling: a bearer token (`Authorization: Bearer …`, the API) or the session
/// cookie (the console). Unknown, expired or disabled sessions leave the request anonymous;
/// routes that need a person answer 401. An API write (`POST`, `PUT`, `PATCH`, `DELETE` under
/// `/api/`) signed in by the cookie must carry the session's `X-CSRF-Token`, or it is refused
/// with 403 `csrf` before it reaches its route: another site's page can make the browser send
/// the cookie, but it cannot read the token. Console forms check their hidden `csrf` field.
package struct SessionMiddleware: RouterMiddleware {
    package typealias Context = TallyRequestContext
    let dependencies: WebDependencies

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let (token, viaCookie) = Self.token(request) {
            context.user = try await Self.signedIn(token: token, dependencies)
            context.user?.viaCookie = viaCookie
        }
        if let user = context.user, Self.isAPIWrite(request), !user.allowsWrite(csrf: request.headers[SessionTokens.csrfHeader]) {
            throw APIError(.forbidden, "csrf", "缺少或错误的 X-CSRF-Token：以浏览器会话调用接口写入时须携带会话的防伪令牌")
        }
        return try await next(request, context)
    }

    /// The bearer token, else the session cookie, and whether it was the cookie.
    static func token(_ request: Request) -> (String, viaCookie: Bool)? {
        if let auth = request.headers[.authorization], auth.lowercased().hasPrefix("bearer ") {
            let t = auth.dropFirst(7).trimmingCharacters(in: .whitespaces)
            return t.isEmpty ? nil : (t, false)
        }
        guard let cookie = request.cookies[SessionTokens.cookieName]?.value, !cookie.isEmpty else { return nil }
        return (cookie, true)
    }

    static func isAPIWrite(_ request: Request) -> Bool {
        ![.get, .head, .options].contains(request.method) && request.uri.path.hasPrefix("/api/")
    }

    static func signedIn(token: String, _ deps: WebDependencies) async throws -> SignedIn? {
        let hash = SessionTokens.hash(token)
        guard let account = try await deps.store.session(tokenHash: hash, at: deps.now()) else { return nil }
        guard let (person, scope) = try await deps.organisation.signedIn(account.person, role: account.role) else { return nil }
        return SignedIn(account: account, person: person, scope: scope, tokenHash: hash)
    }
}
