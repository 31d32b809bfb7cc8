import Assessment
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Tagged
import Testing
import WebService
import WorkingDays

@Suite("Console: sign-in, pages, the item workflow and rule editing through forms")
struct ConsoleTests {
    @Test(arguments: Backend.available)
    func signInAndOut(_ backend: Backend) async throws {
        try await TestService.with(backend) { _, client in
            let anonymous = Browser(client: client)
            let home = try await anonymous.get("/")
            #expect(home.status == .seeOther)
            #expect(home.headers[.location] == "/login")
            #expect(try await anonymous.get("/items?status=submitted").headers[.location] == "/login?next=%2Fitems%3Fstatus%3Dsubmitted")
            #expect(try await anonymous.get("/login").text.contains("账号"))

            let refused = try await anonymous.post("/login", ["login": "admin-city", "password": "wrong-password"])
            #expect(refused.status == .unauthorized)
            #expect(refused.text.contains("账号或密码不正确"))
            #expect(refused.headers[.setCookie] == nil)

            let signIn = try await anonymous.post("/login", ["login": "admin-city", "password": Fixture.password, "next": "/items"])
            #expect(signIn.status == .seeOther)
            #expect(signIn.headers[.location] == "/items")
            let cookie = try #require(signIn.headers[.setCookie])
            #expect(cookie.hasPrefix("tally_session="))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.lowercased().contains("samesite=lax"))
            #expect(!cookie.contains("Secure"))

            let admin = try await Browser.signIn(client, "admin-city")
            let page = try await admin.get("/")
            #expect(page.status == .ok)
            #expect(page.text.contains("李主任"))
            #expect(page.text.contains("工作台"))
            #expect(try await admin.post("/logout", [:]).status == .forbidden)
            let out = try await admin.post("/logout", ["csrf": admin.csrf])
            #expect(out.status == .seeOther)
            #expect(out.headers[.location] == "/login")
            #expect(out.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await admin.get("/").headers[.location] == "/login")
        }
    }

    @Test func everyPageRendersForAnAdmin() async throws {
        try await TestService.with { service, client in
            try await Self.seed(service)
            let admin = try await Browser.signIn(client, "admin-city")
            let pages: [(String, [String])] = [
                ("/", ["本期实时排名", "一类部门", "已逾期", "核查项目进度", "七日内到期", "一季度经济形势"]),
                ("/items", ["信息报送", "起草信息"]), ("/items/new", ["保存草稿", "市发展改革委"]),
                ("/instructions", ["批示办理", "核查项目进度", "（已逾期）"]), ("/commissions", ["一季度经济形势", "未答复"]),
                ("/reports", ["领导外出报备", "北京", "突发事件报告", "较大"]),
                ("/notices", ["季度通报", "阅读"]), ("/notices/read?id=2026Q1-city-x/quarterly-notice.md", ["政务信息工作通报"]),
                ("/results", ["考核结果", "2026年第一季度"]), ("/results/2026Q1-city-x", ["市发展改革委", "得分说明"]),
                ("/results/2026Q1-city-x/explain?unit=dept-001", ["市级采用", "adopt.city", "一类部门第 1 名"]),
                ("/schedules", ["季度通报", "notice.generate"]), ("/schedules/city-quarterly", ["执行记录", "还没有执行记录"]), ("/rules", ["规则", "rules/county-a/score.lua:3", "查看与修改"]),
                ("/rules/city", ["版本记录", "score.lua"]), ("/rules/city/edit?file=score.lua", ["function score(item)", "检查并生效"]),
                ("/inbox", ["提醒", "本周报送截止"]),
            ]
            for (path, texts) in pages {
                let page = try await admin.get(path)
                #expect(page.status == .ok, "\(path): \(page.status)")
                #expect(page.headers[.contentType] == "text/html; charset=utf-8", "\(path)")
                for text in texts { #expect(page.text.contains(text), "\(path) lacks \(text)") }
            }
            let download = try await admin.get("/notices/download?id=2026Q1-city-x/quarterly-notice.md")
            #expect(download.headers[.contentType] == "text/markdown; charset=utf-8")
            #expect(try await admin.get("/console.css").text.contains("table.bars"))
            let missing = try await admin.get("/items/nope")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("信息不存在或无权查看"))
            #expect(!missing.text.contains("{\"error\""))
        }
    }

    @Test func aClerkSeesOnlyTheirUnitAndCannotReachTheRuleEditor() async throws {
        try await TestService.with { service, client in
            try await Self.seed(service)
            let other = try await Browser.signIn(client, "clerk-2")
            let id = try await other.draft(title: "市教育局推进集团化办学", unit: "dept-002")
            let clerk = try await Browser.signIn(client, "clerk-1")
            let hidden = try await clerk.get("/items/\(id)")
            #expect(hidden.status == .notFound)
            #expect(!hidden.text.contains("集团化办学"))
            #expect(!(try await clerk.get("/items").text.contains("集团化办学")))
            #expect(!(try await clerk.get("/reports").text.contains("北京")), "dept-002's absence is not dept-001's")
            #expect(try await clerk.get("/schedules/county-monthly").status == .notFound)
            let rules = try await clerk.get("/rules")
            #expect(rules.status == .ok)
            #expect(!rules.text.contains("查看与修改"))
            for path in ["/rules/city", "/rules/city/edit?file=score.lua"] {
                let page = try await clerk.get(path)
                #expect(page.status == .forbidden, "\(path)")
                #expect(page.text.contains("只有该办公室的管理员可以查看和修改规则"))
            }
            let activate = try await clerk.post("/rules/city/activate", ["csrf": clerk.csrf, "file": "score.lua", "text": "function score() end"])
            #expect(activate.status == .forbidden)
            #expect(try await service.deps.operations.ruleFiles(office: .city).version == "v1")
            // Nor may a clerk adopt, even with a valid form.
            let own = try await clerk.draft(title: "市发展改革委项目建设")
            #expect(try await clerk.post("/items/\(own)/submit", ["csrf": clerk.csrf]).status == .seeOther)
            let detail = try await clerk.get("/items/\(own)")
            #expect(!detail.text.contains("登记采用"))
            let adopt = try await clerk.post("/items/\(own)/adopt", ["csrf": clerk.csrf, "level": "city", "publication": "市政府信息", "type": "briefing"])
            #expect(adopt.status == .forbidden)
            #expect(adopt.text.contains("只有办公室管理员可以采用信息"))
        }
    }

    @Test(arguments: Backend.available)
    func aClerkSubmitsTheAdminAdoptsAndTheRankingMoves(_ backend: Backend) async throws {
        try await TestService.with(backend) { service, client in
            let clerk = try await Browser.signIn(client, "clerk-1")
            let blank = try await clerk.post("/items", ["csrf": clerk.csrf, "unit": "dept-001", "category": "policy", "title": "  ", "body": "正文"])
            #expect(blank.status == .unprocessableContent)
            #expect(blank.text.contains("【标题】标题不能为空"))
            #expect(blank.text.contains("正文"), "the form keeps what was typed")
            let id = try await clerk.draft(title: "市发展改革委推进重大项目建设")
            let submitted = try await clerk.post("/items/\(id)/submit", ["csrf": clerk.csrf])
            #expect(submitted.headers[.location] == "/items/\(id)?ok=submit")
            #expect(try await clerk.get("/items/\(id)?ok=submit").text.contains("已报送"))

            let admin = try await Browser.signIn(client, "admin-city")
            #expect(try await admin.get("/").text.contains("data-unit=\"市发展改革委\">0 分"))
            let noLevel = try await admin.post("/items/\(id)/adopt", ["csrf": admin.csrf, "level": "city", "publication": "", "type": "briefing"])
            #expect(noLevel.status == .unprocessableContent)
            #expect(noLevel.text.contains("【载体】"))
            let adopted = try await admin.post("/items/\(id)/adopt",
                                               ["csrf": admin.csrf, "level": "city", "publication": "市政府信息", "type": "briefing", "issue": "2026-031"])
            #expect(adopted.status == .seeOther, "\(adopted.text)")
            let detail = try await admin.get("/items/\(id)")
            #expect(detail.text.contains("id=\"item-status\">已采用"))
            #expect(detail.text.contains("2026-031"))
            #expect(detail.text.contains("王芳"), "history names who did each step")
            let dashboard = try await admin.get("/")
            #expect(dashboard.text.contains("data-unit=\"市发展改革委\">3 分"))
            #expect(dashboard.text.contains("id=\"adoption-rate\">100.0%"))
            let stored = try #require(try await service.store.item(ItemID(rawValue: id)))
            #expect(stored.item.history.map(\.by) == ["clerk-1", "clerk-1", "admin-city"])
        }
    }

    @Test func theNewItemFormSubmitsAtOnceWhenAsked() async throws {
        try await TestService.with { service, client in
            let clerk = try await Browser.signIn(client, "clerk-1")
            #expect(try await clerk.get("/items/new").text.contains("保存并报送"))
            let created = try await clerk.post("/items", ["csrf": clerk.csrf, "unit": "dept-001", "category": "policy", "title": "直接报送的信息",
                                                          "body": "正文", "action": "submit"])
            #expect(created.status == .seeOther, "\(created.text)")
            let location = try #require(created.headers[.location])
            #expect(location.hasSuffix("?ok=submit"))
            let id = String(location.dropFirst("/items/".count).prefix { $0 != "?" })
            let stored = try #require(try await service.store.item(ItemID(rawValue: id)))
            #expect(stored.item.status == .submitted)
            #expect(stored.item.history.map(\.to) == [.draft, .submitted])
            #expect(try await clerk.get(location).text.contains("已报送"))
            // The other button keeps a draft.
            let draft = try await clerk.draft(title: "先存草稿")
            #expect(try await service.store.item(ItemID(rawValue: draft))?.item.status == .draft)
        }
    }

    @Test func theDashboardListsTheEarliestDeadlinesAndCountsTheRest() async throws {
        try await TestService.with { service, client in
            let at = Instant(iso: "2026-04-01T09:00:00+08:00")!
            var changes: [RecordChange] = (0..<25).map { i in
                .insert(.instruction(Instruction(id: "late-\(i)", leader: "赵市长", level: .city, principal: true, text: "逾期批示 \(i)号", at: at,
                                                 handler: "dept-001", due: Instant(iso: "2026-05-01T09:00:00+08:00")!.adding(minutes: i))))
            }
            changes += (0..<3).map { i in
                .insert(.instruction(Instruction(id: "soon-\(i)", leader: "赵市长", level: .city, principal: true, text: "将到期批示 \(i)号", at: at,
                                                 handler: "dept-001", due: Instant(iso: "2026-05-14T09:00:00+08:00")!)))
            }
            // Drawn once before the deadlines exist: the page drawn then must not be served after.
            let admin = try await Browser.signIn(client, "admin-city")
            #expect(try await admin.get("/").text.contains("没有逾期事项"))
            try await service.store.apply(changes, audit: [])
            let page = try await admin.get("/").text
            #expect(page.components(separatedBy: "<tr class=\"overdue\">").count - 1 == Deadlines.shown)
            #expect(page.contains("共 25 项，这里列出逾期最久的 \(Deadlines.shown) 项"))
            // The longest overdue first: 0 … 19 shown, 20 … 24 counted only.
            #expect(page.contains("逾期批示 0号") && page.contains("逾期批示 19号"))
            #expect(!page.contains("逾期批示 20号"))
            #expect(page.components(separatedBy: "<tr class=\"soon\">").count - 1 == 3)
            #expect(!page.contains("最早到期的"))
            // Another unit's clerk sees none of dept-001's deadlines.
            let other = try await Browser.signIn(client, "clerk-2")
            let theirs = try await other.get("/").text
            #expect(!theirs.contains("逾期批示") && !theirs.contains("将到期批示"))
            // The handler's clerk sees them too, in a page under their own name.
            let handler = try await Browser.signIn(client, "clerk-1")
            let own = try await handler.get("/").text
            #expect(own.contains("共 25 项") && own.contains("王芳") && !own.contains("李主任"))
        }
    }

    @Test func ruleEditsAreCheckedBeforeTheyGoLiveAndCanBeRolledBack() async throws {
        try await TestService.with { service, client in
            let admin = try await Browser.signIn(client, "admin-city")
            let broken = try await admin.post("/rules/city/activate", ["csrf": admin.csrf, "file": "score.lua", "text": "syntax error here"])
            #expect(broken.status == .unprocessableContent)
            #expect(broken.text.contains("检查未通过"))
            #expect(broken.text.contains("rules/city/score.lua:1: load: syntax error"))
            #expect(broken.text.contains("syntax error here"), "the text area keeps the edit")
            #expect(try await admin.get("/rules/city").text.contains("id=\"live-version\">v1<"))

            let badName = try await admin.post("/rules/city/check", ["csrf": admin.csrf, "file": "../x.lua", "text": "x"])
            #expect(badName.status == .unprocessableContent)
            #expect(badName.text.contains("【文件名】"))

            let checked = try await admin.post("/rules/city/check", ["csrf": admin.csrf, "file": "score.lua", "text": "function score() end", "period": "2026Q2"])
            #expect(checked.status == .ok)
            #expect(checked.text.contains("检查通过"))
            #expect(checked.text.contains("3 → 5"), "the shadow diff of rankings")
            #expect(checked.text.contains("adopted item scores"))
            #expect(try await service.deps.operations.ruleFiles(office: .city).version == "v1", "checking changes nothing")

            let live = try await admin.post("/rules/city/activate", ["csrf": admin.csrf, "file": "score.lua", "text": "function score() end"])
            #expect(live.status == .seeOther)
            #expect(live.headers[.location] == "/rules/city?ok=activated")
            let office = try await admin.get("/rules/city?ok=activated")
            #expect(office.text.contains("id=\"live-version\">v2<"))
            #expect(office.text.contains("修改已通过检查并生效"))
            #expect(office.text.contains("李主任"), "history says who made v2 live")
            #expect(office.text.contains("+1 −1 行"), "and what changed")
            #expect(office.text.contains("function score(item) return {} end"), "with the text before")

            let rolledBack = try await admin.post("/rules/city/rollback", ["csrf": admin.csrf, "version": "v1"])
            #expect(rolledBack.headers[.location] == "/rules/city?ok=rollback")
            let afterRollback = try await admin.get("/rules/city")
            #expect(afterRollback.text.contains("id=\"live-version\">v1<"))
            #expect(afterRollback.text.contains("由 v2 回退"))
            let audit = try await service.store.audit(AuditQuery(offices: [.city], entity: "rules"))
            #expect(audit.map(\.action).sorted() == ["rules.activate", "rules.rollback"])
            #expect(audit.allSatisfy { $0.actor == "admin-city" })
        }
    }

    @Test func aBrowserAtAnUnknownAddressGetsAPageAndAnAPIClientJSON() async throws {
        try await TestService.with { _, client in
            let page = try await client.execute(uri: "/no-such-page", method: .get, headers: [.accept: "text/html,application/xhtml+xml"])
            #expect(page.status == .notFound)
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(String(buffer: page.body).contains("没有这个页面"))
            let api = try await client.execute(uri: "/api/v1/no-such-thing", method: .get, headers: [.accept: "text/html"])
            #expect(api.status == .notFound)
            #expect(api.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(try await client.call(.get, "/no-such-page").errorCode == "not_found")
        }
    }

    @Test func formsWithoutTheSessionsTokenChangeNothing() async throws {
        try await TestService.with { service, client in
            let clerk = try await Browser.signIn(client, "clerk-1")
            let id = try await clerk.draft(title: "市发展改革委推进重大项目建设")
            let admin = try await Browser.signIn(client, "admin-city")
            for csrf in [nil, "forged", clerk.csrf] {
                var fields = ["level": "city", "publication": "市政府信息", "type": "briefing"]
                fields["csrf"] = csrf
                let refused = try await admin.post("/items/\(id)/adopt", fields)
                #expect(refused.status == .forbidden)
                #expect(refused.text.contains("防伪令牌"))
                // The clerk's own forms, with no token, a forged one or another session's.
                let foreign = csrf == clerk.csrf ? admin.csrf : csrf
                var submit: [String: String] = [:]
                submit["csrf"] = foreign
                #expect(try await clerk.post("/items/\(id)/submit", submit).status == .forbidden)
                #expect(try await clerk.post("/items", ["csrf": foreign ?? "", "unit": "dept-001", "category": "policy", "title": "伪造"]).status == .forbidden)
                #expect(try await admin.post("/rules/city/activate", ["csrf": csrf ?? "", "file": "score.lua", "text": "function score() end"]).status == .forbidden)
            }
            let stored = try #require(try await service.store.item(ItemID(rawValue: id)))
            #expect(stored.item.status == .draft)
            #expect(stored.adoptions.isEmpty)
            #expect(try await service.store.items(ItemQuery()).items.count == 1)
            #expect(try await service.deps.operations.ruleFiles(office: .city).version == "v1")
            #expect(try await clerk.get("/").status == .ok, "a refused sign-out form leaves the session")
        }
    }

    /// Records, a stored run, a notice and a reminder for the pages to show.
    static func seed(_ service: TestService) async throws {
        let at = Instant(iso: "2026-05-06T09:00:00+08:00")!
        try await service.store.apply([
            .insert(.instruction(Instruction(id: "ins-1", leader: "赵市长", level: .city, principal: true, text: "核查项目进度", at: at, handler: "dept-001",
                                             due: Instant(iso: "2026-05-10T18:00:00+08:00")!))),
            .insert(.commission(Commission(id: "com-1", office: .city, topic: "一季度经济形势", units: ["dept-001", "dept-002"], assignedAt: at,
                                           due: Instant(iso: "2026-05-15T18:00:00+08:00")!))),
            .insert(.absence(Absence(id: "abs-1", unit: "dept-002", leader: "陈局长", destination: "北京", reason: "参加会议", departAt: at,
                                     returnAt: at.adding(seconds: 3 * 86_400), actingLeader: "副局长", filedAt: at))),
            .insert(.emergency(Emergency(id: "em-1", unit: "dept-001", title: "道路塌陷", severity: .major, occurredAt: at, phoneAt: at.adding(minutes: 20)))),
        ], audit: [])
        try await service.store.save(FixedOperations.run(office: .city, period: .quarter(2026, 1), asOf: Fixture.now, id: "2026Q1-city-x"))
        _ = try await service.store.save(StoredDocument(run: "2026Q1-city-x", kind: "quarterly-notice", format: "md", office: .city, period: "2026Q1",
                                                        title: "季度通报", content: Data("# 2026年第一季度政务信息工作通报\n".utf8), sha256: "00",
                                                        createdAt: Fixture.now, createdBy: "cli"))
        _ = try await service.store.post(InboxMessage(key: "k1", office: .city, audience: "office", title: "本周报送截止", body: "请于周五前报送", createdAt: Fixture.now))
    }
}

/// A browser on the console: its session cookie and the anti-forgery token its pages carry.
struct Browser {
    let client: any TestClientProtocol
    var cookie: String?
    var csrf: String = ""

    init(client: any TestClientProtocol) { self.client = client }

    /// Signs `person` in through the form and reads the token from the first page.
    static func signIn(_ client: any TestClientProtocol, _ person: String) async throws -> Browser {
        var browser = Browser(client: client)
        let response = try await browser.post("/login", ["login": person, "password": Fixture.password])
        #expect(response.status == .seeOther, "sign-in of \(person): \(response.text)")
        let header = try #require(response.headers[.setCookie])
        browser.cookie = String(header.prefix { $0 != ";" })
        let page = try await browser.get("/")
        let marker = "name=\"csrf\" value=\""
        let start = try #require(page.text.range(of: marker)).upperBound
        browser.csrf = String(page.text[start...].prefix { $0 != "\"" })
        return browser
    }

    func get(_ path: String) async throws -> Reply { try await send(.get, path, body: nil) }

    func post(_ path: String, _ fields: [String: String]) async throws -> Reply {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
        return try await send(.post, path, body: body)
    }

    func send(_ method: HTTPRequest.Method, _ path: String, body: String?) async throws -> Reply {
        var headers: HTTPFields = [:]
        if let cookie { headers[.cookie] = cookie }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return Reply(status: response.status, headers: response.headers, body: Data(response.body.readableBytesView))
    }

    /// Drafts an item of the person's unit through the form; its id.
    func draft(title: String, unit: String = "dept-001") async throws -> String {
        let created = try await post("/items", ["csrf": csrf, "unit": unit, "category": "policy", "title": title, "body": "一季度开工项目 12 个。"])
        #expect(created.status == .seeOther, "\(created.text)")
        let location = try #require(created.headers[.location])
        return String(location.dropFirst("/items/".count).prefix { $0 != "?" })
    }
}
