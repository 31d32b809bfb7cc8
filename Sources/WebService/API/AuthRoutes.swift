import HTTPTypes
import Logging
import Tagged
import Domain
import Foundation
package import Hummingbird
import WorkingDays

/// Signing in and out, and who is signed in.
///
/// `POST /api/v1/auth/login` `{"login","password","kind":"api"|"console"}` answers the token
/// (the console sets its own `tally_session` cookie: HttpOnly, SameSite=Lax). `GET /me` also
/// answers the session's anti-forgery token, which cookie-signed-in API writes send as
/// `X-CSRF-Token`.
package struct AuthRoutes: Sendable {
    let deps: WebDependencies

    struct Login: Decodable {
        var login: String
        var password: String
        var kind: SessionKind?
    }

    struct SessionBody: ResponseEncodable {
        var token: String
        var expires: Instant
        var user: UserBody
    }

    package func register(_ group: RouterGroup<TallyRequestContext>) {
        group.post("auth/login") { request, context in try await login(request, context) }
        group.post("auth/logout") { _, context -> Response in
            let user = try context.requireUser()
            let sessions = Sessions(deps: deps)
            try await sessions.signOut(user)
            var response = Response(status: .noContent)
            response.setCookie(sessions.cookie(""))
            return response
        }
        group.get("me") { _, context -> UserBody in
            UserBody(try context.requireUser())
        }
        group.put("me/password") { request, context -> Response in
            struct Change: Decodable { var current: String; var new: String }
            let user = try context.requireUser()
            let change = try await request.decode(as: Change.self, context: context)
            guard let stored = try await deps.store.account(user.account.person), deps.passwords.verify(change.current, hash: stored.passwordHash)
            else { throw APIError.invalid("current", "当前密码不正确") }
            if let weak = Passwords.weakness(change.new) { throw APIError.invalid("new", weak) }
            try await deps.store.saveAccount(stored.account, passwordHash: deps.passwords.hash(change.new))
            try await deps.store.endSessions(of: user.account.person)
            try await deps.store.apply([], audit: [AuditEntry(at: deps.now(), actor: user.person.id, action: "account.password", entity: "account",
                                                               entityID: user.person.id.rawValue, office: user.scope.offices.min() ?? .city)])
            return Response(status: .noContent)
        }
    }

    func login(_ request: Request, _ context: TallyRequestContext) async throws -> SessionBody {
        let body = try await request.decode(as: Login.self, context: context)
        let opened = try await Sessions(deps: deps).signIn(login: body.login, password: body.password, kind: body.kind ?? .api,
                                                           remoteAddress: context.remoteAddress)
        return SessionBody(token: opened.token, expires: opened.expires, user: UserBody(opened.user))
    }
}

/// The signed-in person as the API shows them.
package struct UserBody: ResponseEncodable, Sendable {
    var person: String
    var name: String
    var role: String
    var roleLabel: String
    var unit: String
    var offices: [String]
    var csrfToken: String

    init(_ user: SignedIn) {
        person = user.person.id.rawValue
        name = user.person.name
        role = user.account.role.rawValue
        roleLabel = user.account.role.label
        unit = user.person.unit.rawValue
        offices = user.scope.offices.map(\.rawValue).sorted()
        csrfToken = user.csrfToken
    }

    enum CodingKeys: String, CodingKey {
        case person, name, role, unit, offices
        case roleLabel = "role_label"
        case csrfToken = "csrf_token"
    }
}
