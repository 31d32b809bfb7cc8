import Domain
import Foundation
import Interchange
import Testing

/// Every kind of bad input is reported as FILE:LINE: field: reason, every bad line is named,
/// and the store is left exactly as it was.
@Suite struct BadInputTests {
    /// Imports `text` (after the fixture is stored) and returns the failure.
    func failure(_ name: String, _ contents: Data, backend: Backend = .sqlite) async throws -> (ImportFailure, Bool) {
        let t = try await backend.makeStore()
        let result = try await failure(name, contents, in: t.store)
        await t.close()
        return result
    }

    func failure(_ name: String, _ contents: Data, in store: any RecordStore) async throws -> (ImportFailure, Bool) {
        let t = (store: store, ())
        _ = try await Importer(store: t.store).importFile(try temporaryFile("fixture.jsonl", Fixture.text))
        var before: [String] = []
        try await t.store.export { before.append(RecordEncoder.line($0)) }
        let file = try temporaryFile(name, contents)
        var failure: ImportFailure?
        do {
            _ = try await Importer(store: t.store).importFile(file, displayName: name)
        } catch let f as ImportFailure {
            failure = f
        }
        var after: [String] = []
        try await t.store.export { after.append(RecordEncoder.line($0)) }
        return (try #require(failure, "the bad file was imported"), before == after)
    }

    func failure(_ name: String, _ text: String) async throws -> (ImportFailure, Bool) {
        try await failure(name, Data(text.utf8))
    }

    static let good = #"{"kind":"unit","id":"dept-002","name":"市教育局","type":"department","group":"dept-1","office":"city"}"#

    @Test(arguments: [
        ("{\"kind\":\"unit\",\"id\":", "", "不是有效的 JSON"),
        (#"{"kind":"unit","id":42,"name":"x","type":"department","group":"g","office":"city"}"#, "id", "应为文本，实际为数字"),
        (#"{"kind":"instruction","id":"PS-9","leader":"王","level":"city","principal":"yes","text":"t","at":"2026-03-04T10:00:00+08:00","handler":"county-01"}"#, "principal", "应为 true 或 false"),
        (#"{"kind":"quota","unit":"county-01","period":"2026-04","required":"8"}"#, "required", "应为整数"),
        (#"{"kind":"widget","id":"w"}"#, "kind", "未知取值 'widget'"),
        (#"{"kind":"unit","id":"u9","name":"x","type":"department","group":"g","office":"city","colour":"red"}"#, "colour", "未知字段"),
        (#"{"kind":"person","id":"p9","name":"王五","unit":"nowhere","roles":["clerk"]}"#, "unit", "单位 'nowhere' 不存在"),
        (#"{"kind":"adoption","id":"A-9","item":"I-4","level":"city","publication":"每日要情","type":"briefing","date":"2026-03-07"}"#, "item", "尚未报送"),
        (#"{"kind":"submission","id":"I-9","units":["county-01"],"category":"other","title":"t","status":"submitted","created_at":"2026-03-06T09:00:00+08:00","submitted_at":"2026-03-05T09:00:00+08:00"}"#, "submitted_at", "早于创建时间"),
        (#"{"kind":"submission","id":"I-9","units":["county-01"],"category":"other","title":"t","status":"adopted","created_at":"2026-03-06T09:00:00+08:00","submitted_at":"2026-03-06T09:30:00+08:00","history":[{"to":"adopted","at":"2026-03-06T10:00:00+08:00"}]}"#, "history[0].to", "第一步只能是草稿或报送"),
        (#"{"kind":"absence","id":"BB-9","unit":"county-01","leader":"赵","destination":"京","reason":"会","depart_at":"2026-04-13T08:00:00+08:00","return_at":"2026-04-12T18:00:00+08:00","acting_leader":"钱"}"#, "return_at", "返回时间应晚于出发时间"),
        (#"{"kind":"adoption","id":"A-9","item":"I-1","level":"city","publication":"每日要情","type":"briefing","date":"2026-02-30"}"#, "date", "日期格式应为 YYYY-MM-DD"),
        (#"{"kind":"reply","id":"R-9","instruction":"PS-1","unit":"county-01","text":"t","at":"2026-03-09 16:00"}"#, "at", "时间应为带时区的 ISO 8601"),
        (#"{"kind":"reply","id":"R-9","instruction":"PS-1","unit":"county-01","text":"t","at":"2206-03-09T16:00:00+08:00"}"#, "at", "时间不合理"),
        (#"{"kind":"emergency","id":"TF-9","unit":"county-01","title":"t","severity":"general","occurred_at":"2026-05-10T10:00:00+08:00","written_at":"2026-05-10T09:00:00+08:00"}"#, "written_at", "早于事发时间"),
        ("[1, 2, 3]", "", "每行应为一个 JSON 对象"),
    ])
    func badLineIsNamedAndNothingIsWritten(_ line: String, _ field: String, _ reason: String) async throws {
        let (f, untouched) = try await failure("bad.jsonl", Self.good + "\n" + line + "\n")
        #expect(untouched, "the store changed")
        #expect(f.errors.count == 1, "\(f.errors)")
        let e = try #require(f.errors.first)
        #expect(e.file == "bad.jsonl")
        #expect(e.line == 2)
        #expect(e.field == field)
        #expect(e.reason.contains(reason), "\(e.description)")
    }

    @Test func everyBadLineIsListed() async throws {
        let text = [Self.good, "not json", #"{"kind":"unit"}"#, Self.good.replacingOccurrences(of: "dept-002", with: "dept-003"), "{}", #"{"kind":"person","id":"p9","name":"王五","unit":"nowhere","roles":["clerk"]}"#].joined(separator: "\n")
        let (f, untouched) = try await failure("many.jsonl", text)
        #expect(untouched)
        #expect(f.errors.map(\.line) == [2, 3, 5, 6])
        #expect(f.description.contains("未导入任何记录"))
    }

    @Test func errorListIsCappedButCounted() async throws {
        let text = (0..<80).map { _ in "x" }.joined(separator: "\n")
        let (f, _) = try await failure("junk.jsonl", text)
        #expect(f.errors.count == 50)
        #expect(f.more == 30)
        #expect(f.description.contains("另有 30 处错误"))
    }

    @Test func duplicateIdWithDifferentContentInOneFile() async throws {
        let other = Self.good.replacingOccurrences(of: "市教育局", with: "市教育体育局")
        let (f, untouched) = try await failure("dup.jsonl", [Self.good, other].joined(separator: "\n"))
        #expect(untouched)
        #expect(f.errors.map(\.description) == ["dup.jsonl:2: id: 单位编号 'dept-002' 在本文件中重复出现且内容不同"])
    }

    @Test func referenceToALaterLineIsRefused() async throws {
        let person = #"{"kind":"person","id":"p9","name":"王五","unit":"dept-002","roles":["clerk"]}"#
        let (f, untouched) = try await failure("order.jsonl", [person, Self.good].joined(separator: "\n"))
        #expect(untouched)
        #expect(f.errors.first?.line == 1)
        #expect(f.errors.first?.reason.contains("后面才出现") == true)
    }

    @Test func invalidUTF8IsNamed() async throws {
        var data = Data((Self.good + "\n").utf8)
        data.append(contentsOf: Array(#"{"kind":"unit","id":"x","name":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8) + [0x0A])
        let (f, untouched) = try await failure("bytes.jsonl", data)
        #expect(untouched)
        #expect(f.errors.map(\.description) == ["bytes.jsonl:2: 不是有效的 UTF-8 文本"])
    }

    @Test func emptyFileIsAnError() async throws {
        let (f, untouched) = try await failure("empty.jsonl", "\n\n  \n")
        #expect(untouched)
        #expect(f.errors.first?.reason == "文件为空")
        let (g, _) = try await failure("zero.jsonl", "")
        #expect(g.errors.first?.reason == "文件为空")
    }

    @Test func lineFarBeyondTheLimitIsRefusedWithoutReadingItWhole() async throws {
        let huge = #"{"kind":"unit","id":"u","name":""# + String(repeating: "长", count: 3_000_000) + #""}"#
        let (f, untouched) = try await failure("huge.jsonl", Self.good + "\n" + huge + "\n" + Self.good.replacingOccurrences(of: "dept-002", with: "dept-004") + "\n")
        #expect(untouched)
        #expect(f.errors.count == 1)
        #expect(f.errors.first?.line == 2)
        #expect(f.errors.first?.reason.contains("行过长") == true)
    }

    @Test func csvUnitsAndPeopleImport() async throws {
        let t = try await Backend.sqlite.makeStore()
        try await csv(t)
        await t.close()
    }

    func csv(_ t: TestStore) async throws {
        _ = try await Importer(store: t.store).importFile(try temporaryFile("fixture.jsonl", Fixture.text))
        let units = try temporaryFile("units.csv", "\u{FEFF}id,name,type,group,parent,office\ndept-010,市统计局,department,dept-2,,city\ntown-01-02,\"清河县河口镇\",township,township,county-01,county-a\n")
        #expect(try await Importer(store: t.store).importFile(units).inserted == 2)
        let people = try temporaryFile("people.csv", "id,name,unit,roles,phone,email\np10,周六,dept-010,clerk;unit_leader,139,\n")
        #expect(try await Importer(store: t.store).importFile(people).inserted == 1)
        let bad = try temporaryFile("bad.csv", "id,name,unit,roles\np11,吴七,dept-010,boss\np12,郑八,nowhere,clerk\n")
        await #expect {
            _ = try await Importer(store: t.store).importFile(bad, displayName: "bad.csv")
        } throws: {
            ($0 as? ImportFailure)?.errors.map(\.description) == [
                "bad.csv:2: roles[0]: 未知角色 'boss'（可选：admin, clerk, unit_leader, city_leader）",
                "bad.csv:3: unit: 单位 'nowhere' 不存在（须在本文件前面或已导入）",
            ]
        }
    }
}
