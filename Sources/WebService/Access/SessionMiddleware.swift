import Domain
import HTTPTypes
import Logging
import Tagged
import Foundation
package import Hummingbird

/// Finds who is calling: a bearer token (`Authorization: Bearer …`, the API) or the session
/// cookie (the console). Unknown, expired or disabled sessions leave the request anonymous;
/// routes that need a person answer 401.
package struct SessionMiddleware: RouterMiddleware {
    package typealias Context = TallyRequestContext
    let dependencies: WebDependencies

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = Self.token(request) {
            context.user = try await Self.signedIn(token: token, dependencies)
        }
        return try await next(request, context)
    }

    static func token(_ request: Request) -> String? {
        if let auth = request.headers[.authorization], auth.lowercased().hasPrefix("bearer ") {
            let t = auth.dropFirst(7).trimmingCharacters(in: .whitespaces)
            return t.isEmpty ? nil : t
        }
        guard let cookie = request.cookies[SessionTokens.cookieName]?.value, !cookie.isEmpty else { return nil }
        return cookie
    }

    static func signedIn(token: String, _ deps: WebDependencies) async throws -> SignedIn? {
        let hash = SessionTokens.hash(token)
        guard let account = try await deps.store.session(tokenHash: hash, at: deps.now()) else { return nil }
        let organisation = try await deps.organisation.current()
        guard let person = organisation.people[account.person] else { return nil }
        return SignedIn(account: account, person: person, scope: AccessScope(person: person, role: account.role, organisation: organisation),
                        tokenHash: hash)
    }
}
