import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Tagged
import WorkingDays

/// Signing in and out, shared by the API (`/api/v1/auth/…`) and the console (`/login`,
/// `/logout`): the password check behind the attempt limiter, the session row and the
/// `tally_session` cookie.
struct Sessions: Sendable {
    let deps: WebDependencies

    /// A session just opened.
    struct Opened: Sendable {
        var token: String
        var expires: Instant
        var user: SignedIn
    }

    /// Checks `password` for `login` and opens a session of `kind`; throws `APIError`
    /// (field `login` when empty, 401 on a wrong password, 429 after too many failures).
    func signIn(login rawLogin: String, password: String, kind: SessionKind, remoteAddress: String?) async throws -> Opened {
        let login = rawLogin.trimmingCharacters(in: .whitespaces)
        guard !login.isEmpty else { throw APIError.invalid("login", "请输入账号") }
        let keys = ["login:" + login] + (remoteAddress.map { ["ip:" + $0] } ?? [])
        let wait = await deps.limiter.wait(keys)
        if wait > 0 { throw APIError(.tooManyRequests, "too_many_attempts", "登录失败次数过多，请 \(wait) 秒后再试") }
        guard let stored = try await deps.store.account(PersonID(rawValue: login)), !stored.account.disabled,
              deps.passwords.verify(password, hash: stored.passwordHash) else {
            await deps.limiter.failed(keys)
            deps.logger.notice("sign-in refused", metadata: ["login": "\(login)"])
            throw APIError(.unauthorized, "invalid_credentials", "账号或密码不正确")
        }
        await deps.limiter.succeeded("login:" + login)
        let token = SessionTokens.make()
        let now = deps.now()
        let expires = now.adding(seconds: deps.sessionSeconds)
        try await deps.store.openSession(tokenHash: SessionTokens.hash(token), person: stored.account.person, kind: kind, expires: expires, now: now)
        guard let user = try await SessionMiddleware.signedIn(token: token, deps) else {
            throw APIError(.forbidden, "no_person", "账号对应的人员不在名册中")
        }
        return Opened(token: token, expires: expires, user: user)
    }

    /// Ends `user`'s session.
    func signOut(_ user: SignedIn) async throws {
        try await deps.store.endSession(tokenHash: user.tokenHash)
    }

    /// The console's session cookie (HttpOnly, SameSite=Lax, Secure when configured); an
    /// empty token clears it.
    func cookie(_ token: String) -> Cookie {
        Cookie(name: SessionTokens.cookieName, value: token, maxAge: token.isEmpty ? 0 : Int(deps.sessionSeconds), path: "/",
               secure: deps.secureCookies, httpOnly: true, sameSite: .lax)
    }
}
