import Domain
import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore
import Tagged
import WorkingDays

/// Puts a rendered page into the layout (navigation, who is signed in, the sign-out form)
/// and answers it as HTML.
struct ConsolePage: Sendable {
    let deps: WebDependencies

    /// The navigation (every role sees every section, each within its reach).
    static let sections: [(path: String, label: String)] = [
        ("/", "工作台"), ("/items", "信息报送"), ("/instructions", "批示办理"), ("/commissions", "约稿"), ("/reports", "报备与突发"),
        ("/notices", "通报"), ("/results", "考核结果"), ("/schedules", "定时任务"), ("/rules", "规则"), ("/inbox", "提醒"),
    ]

    struct Link {
        var href: String
        var label: String
        var active: Bool
    }

    struct Layout {
        var title: String
        var user: UserView?
        var nav: [Link]
        var notice: String?
        var content: String
    }

    struct UserView {
        var name: String
        var role: String
        var unit: String
        var csrf: String
    }

    /// `template` rendered with `view` inside the layout; `section` is the navigation entry to
    /// highlight (its path).
    func render(_ template: String, _ view: Any, title: String, section: String, user: SignedIn?, notice: String? = nil,
                status: HTTPResponse.Status = .ok) async -> Response {
        await render(content: ConsoleViews.render(template, view), title: title, section: section, user: user, notice: notice, status: status)
    }

    /// A page already rendered (`content`) inside the layout.
    func render(content: String, title: String, section: String, user: SignedIn?, notice: String? = nil,
                status: HTTPResponse.Status = .ok) async -> Response {
        await html(ConsoleViews.render("layout", await layout(title: title, section: section, user: user, notice: notice, content: content)),
                   status: status)
    }

    func layout(title: String, section: String, user: SignedIn?, notice: String?, content: String) async -> Layout {
        var userView: UserView?
        if let user {
            let unit = (try? await deps.organisation.current().units[user.person.unit]?.name) ?? user.person.unit.rawValue
            userView = UserView(name: user.person.name, role: user.account.role.label, unit: unit, csrf: user.csrfToken)
        }
        let nav = user == nil ? [] : Self.sections.map { Link(href: $0.path, label: $0.label, active: $0.path == section) }
        return Layout(title: title, user: userView, nav: nav, notice: notice, content: content)
    }

    func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// 303 to `path` (after a form: the browser then GETs the result).
    static func redirect(_ path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path])
    }
}

// Every page goes through the layout: its views name their fields for the template directly
// (Mirror-based look-ups were a fifth of the dashboard's time).

extension ConsolePage.Layout: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "user": user
        case "nav": nav
        case "notice": notice
        case "content": content
        default: nil
        }
    }
}

extension ConsolePage.Link: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "href": href
        case "label": label
        case "active": active
        default: nil
        }
    }
}

extension ConsolePage.UserView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "role": role
        case "unit": unit
        case "csrf": csrf
        default: nil
        }
    }
}
