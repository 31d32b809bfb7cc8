import Domain
import Foundation
import HTTPTypes
import NIOCore
import Tagged
import WorkingDays
package import Hummingbird

/// The console at `/`: server-rendered pages in 简体中文 beside the API, each reading and
/// changing the record through the same functions as the API, within the signed-in person's
/// reach. Anonymous visitors are sent to `/login`; every form carries the session's `csrf`.
package struct ConsoleRoutes: Sendable {
    let deps: WebDependencies

    package func register(_ router: Router<TallyRequestContext>) {
        let console = router.group().add(middleware: ConsoleErrors(deps: deps))
        LoginPage(deps: deps).register(console)
        DashboardPage(deps: deps).register(console)
        ItemListPage(deps: deps).register(console)
        ItemDetailPage(deps: deps).register(console)
        RecordPages(deps: deps).register(console)
        NoticePages(deps: deps).register(console)
        ResultPages(deps: deps).register(console)
        SchedulePage(deps: deps).register(console)
        RulePages(deps: deps).register(console)
        RuleEditPages(deps: deps).register(console)
        InboxPage(deps: deps).register(console)
        console.get("console.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: ConsoleViews.stylesheet)))
        }
    }
}
