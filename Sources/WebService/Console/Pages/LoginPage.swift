import Domain
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Tagged
import WorkingDays

/// `/login` (the form; POST signs in and sets the `tally_session` cookie) and `/logout`.
struct LoginPage: Sendable {
    let deps: WebDependencies

    struct View {
        var login: String
        var next: String
        var error: String?
    }

    func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("login") { request, context -> Response in
            let next = Self.safeNext(request.query("next"))
            if context.user != nil { return ConsolePage.redirect(next) }
            return await show(View(login: "", next: next), user: nil)
        }
        // The sign-in form has no session yet, so no anti-forgery token: SameSite=Lax and the
        // fresh token of each sign-in are what protect it.
        group.post("login") { request, context -> Response in
            let form = try await ConsoleForm.read(request)
            let login = form["login"] ?? ""
            let next = Self.safeNext(form["next"])
            do {
                let opened = try await Sessions(deps: deps).signIn(login: login, password: form["password"] ?? "", kind: .console,
                                                                   remoteAddress: context.remoteAddress)
                var response = ConsolePage.redirect(next)
                response.setCookie(Sessions(deps: deps).cookie(opened.token))
                return response
            } catch let error as APIError {
                let status: HTTPResponse.Status = error.status == .tooManyRequests ? .tooManyRequests : .unauthorized
                return await show(View(login: login, next: next, error: error.message), user: nil, status: status)
            }
        }
        group.post("logout") { request, context -> Response in
            let (user, _) = try await ConsoleForm.signed(request, context)
            let sessions = Sessions(deps: deps)
            try await sessions.signOut(user)
            var response = ConsolePage.redirect("/login")
            response.setCookie(sessions.cookie(""))
            return response
        }
    }

    func show(_ view: View, user: SignedIn?, status: HTTPResponse.Status = .ok) async -> Response {
        await ConsolePage(deps: deps).render("login", view, title: "登录", section: "", user: user, status: status)
    }

    /// Only a path on this site (`/…`, not `//host`) is followed after signing in.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\") else { return "/" }
        return next
    }
}
