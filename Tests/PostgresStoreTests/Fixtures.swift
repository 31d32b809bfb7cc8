import Domain
import Foundation
import PostgresStore
import SQLiteStore
import Tagged
import WorkingDays

/// Records of every kind, in an order they may be imported in (each refers only to
/// records before it), with optional fields both set and unset, lists, and instants and
/// days before 1970 and 2000 as well as after.
enum Fixture {
    static func day(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y, month: m, day: d)! }
    static func at(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 9, _ min: Int = 30, _ s: Int = 0) -> Instant {
        Instant(day: day(y, m, d), minute: h * 60 + min, second: s)
    }

    static let city = OfficeID("city")!
    static let east = OfficeID("east")!

    static var records: [Domain.Record] {
        var r: [Domain.Record] = [
            .office(Office(id: city, name: "市政府办公室")),
            .office(Office(id: east, name: "东区办公室", parent: city)),
            .unit(Domain.Unit(id: "u-office", name: "市府办", kind: .office, group: "直属", office: city)),
            .unit(Domain.Unit(id: "u-county", name: "东县", kind: .county, group: "县区", parent: "u-office", office: city)),
            .unit(Domain.Unit(id: "u-town", name: "东镇", kind: .township, group: "乡镇", parent: "u-county", office: east)),
            .unit(Domain.Unit(id: "u-dept", name: "发改委", kind: .department, group: "部门", office: city)),
            .person(Person(id: "p-admin", name: "管理员", unit: "u-office", roles: [.admin, .clerk], phone: "0100", email: "a@x.cn")),
            .person(Person(id: "p-clerk", name: "张三", unit: "u-county", roles: [.clerk])),
            .person(Person(id: "p-lead", name: "李四", unit: "u-county", roles: [.unitLeader, .clerk], phone: "0101")),
            .publication(Publication(id: "pub-brief", name: "政务快报", level: .city, kind: .briefing, office: city)),
            .publication(Publication(id: "pub-state", name: "国办信息", level: .state, kind: .digest)),
            .commission(Commission(id: "c-1", office: city, topic: "营商环境", units: ["u-county", "u-dept"],
                                   assignedAt: at(2026, 3, 2), due: at(2026, 3, 20, 17, 0))),
            .commission(Commission(id: "c-old", office: city, topic: "千年虫", units: [],
                                   assignedAt: at(1999, 12, 1), due: at(1999, 12, 31, 23, 59, 59))),
        ]
        r += [
            .submission(Item(id: "i-draft", units: ["u-county"], authors: ["p-clerk"], category: .progress, title: "草稿",
                             status: .draft, createdAt: at(2026, 3, 3))),
            .submission(Item(id: "i-a", units: ["u-county", "u-town"], authors: ["p-clerk", "p-lead"], category: .policy,
                             title: "落实政策", body: "正文\n第二段", status: .adopted, createdAt: at(2026, 3, 4, 8, 0),
                             submittedAt: at(2026, 3, 4, 10, 15, 7), commission: "c-1",
                             history: [ItemTransition(from: nil, to: .draft, by: "p-clerk", at: at(2026, 3, 4, 8, 0)),
                                       ItemTransition(from: .draft, to: .submitted, by: "p-clerk", at: at(2026, 3, 4, 10, 15, 7)),
                                       ItemTransition(from: .submitted, to: .adopted, at: at(2026, 3, 5), note: "采用")])),
            .submission(Item(id: "i-b", units: ["u-dept"], category: .economy, title: "经济运行", status: .submitted,
                             createdAt: at(2026, 3, 6), submittedAt: at(2026, 3, 6, 23, 59))),
            .submission(Item(id: "i-merged", units: ["u-office"], authors: ["p-admin"], category: .other, title: "综合",
                             status: .submitted, createdAt: at(2026, 3, 7), submittedAt: at(2026, 3, 7, 12, 0), mergedFrom: ["i-a", "i-b"])),
            .submission(Item(id: "i-1999", units: ["u-county"], category: .emergency, title: "世纪之交", status: .rejected,
                             createdAt: at(1999, 12, 30), submittedAt: at(1999, 12, 31))),
            .submission(Item(id: "i-1969", units: ["u-county"], category: .award, title: "很久以前", status: .reserved,
                             createdAt: Instant(seconds: -86_401), submittedAt: Instant(seconds: -1))),
            .adoption(Adoption(id: "a-1", item: "i-a", level: .city, publication: "政务快报", kind: .briefing, issue: "2026-12", date: day(2026, 3, 5))),
            .adoption(Adoption(id: "a-2", item: "i-a", level: .state, publication: "国办信息", kind: .digest, date: day(2026, 3, 9))),
            .adoption(Adoption(id: "a-old", item: "i-1999", level: .province, publication: "省快报", kind: .special, date: day(1999, 12, 31))),
            .forwarding(Forwarding(id: "f-1", item: "i-b", to: .province, date: day(2026, 3, 7))),
            .instruction(Instruction(id: "n-1", item: "i-a", leader: "王市长", level: .city, principal: true, text: "请抓好落实",
                                     at: at(2026, 3, 6, 16, 0), handler: "u-county", due: at(2026, 3, 13), urgency: .urgent)),
            .instruction(Instruction(id: "n-2", leader: "赵副市长", level: .city, principal: false, text: "阅", at: at(2026, 3, 8),
                                     handler: "u-dept")),
            .reply(Reply(id: "r-1", instruction: "n-1", unit: "u-county", text: "已落实", at: at(2026, 3, 12))),
            .answer(CommissionAnswer(id: "ans-1", commission: "c-1", unit: "u-county", item: "i-a", at: at(2026, 3, 4, 10, 16))),
            .answer(CommissionAnswer(id: "ans-2", commission: "c-1", unit: "u-dept", at: at(2026, 3, 19))),
            .emergency(Emergency(id: "e-1", unit: "u-town", title: "山体滑坡", severity: .major, occurredAt: at(2026, 3, 10, 3, 0),
                                 learnedAt: at(2026, 3, 10, 3, 20), phoneAt: at(2026, 3, 10, 3, 40), writtenAt: at(2026, 3, 10, 4, 30),
                                 finding: .concealed, followups: [at(2026, 3, 10, 8, 0), at(2026, 3, 11, 8, 0)])),
            .emergency(Emergency(id: "e-2", unit: "u-dept", title: "停电", severity: .especiallySerious, occurredAt: at(2026, 3, 11))),
            .absence(Absence(id: "ab-1", unit: "u-county", leader: "李四", destination: "北京", reason: "开会",
                             departAt: at(2026, 3, 15), returnAt: at(2026, 3, 18), actingLeader: "张三", actingPhone: "0102",
                             filedAt: at(2026, 3, 14))),
            .absence(Absence(id: "ab-2", unit: "u-dept", leader: "钱五", destination: "上海", reason: "调研",
                             departAt: at(2026, 4, 1), returnAt: at(2026, 4, 2), actingLeader: "孙六")),
            .quota(Quota(subject: .unit("u-county"), period: .year(2026), required: 24)),
            .quota(Quota(subject: .person("p-clerk"), period: .quarter(2026, 1), required: 6)),
            .quota(Quota(subject: .unit("u-dept"), period: .month(2026, 3), required: 0)),
            .meeting(Meeting(id: "m-1", office: city, title: "信息工作例会", startsAt: at(2026, 3, 20, 14, 30), place: "三楼会议室",
                             agenda: ["通报采用情况", "部署二季度工作"])),
            .meeting(Meeting(id: "m-2", office: east, title: "碰头会", startsAt: at(2026, 3, 27), place: "二楼")),
        ]
        return r
    }

    /// `records` as `export` returns them: kinds in dependency order, ids in byte order.
    static func exported(_ records: [Domain.Record]) -> [Domain.Record] {
        records.enumerated().sorted { a, b in
            if a.element.kind != b.element.kind { return a.element.kind < b.element.kind }
            return Array(a.element.id.utf8).lexicographicallyPrecedes(Array(b.element.id.utf8))
        }.map(\.element)
    }

    /// A larger, generated data set for the year read: `n` submitted items over 2026 spread
    /// across units and authors, with adoptions, forwardings and instructions.
    static func generated(items n: Int) -> [Domain.Record] {
        var r: [Domain.Record] = [.office(Office(id: city, name: "市政府办公室"))]
        let units = (0..<20).map { UnitID(rawValue: "gu-\($0)") }
        let people = (0..<40).map { PersonID(rawValue: "gp-\($0)") }
        for (k, u) in units.enumerated() {
            r.append(.unit(Domain.Unit(id: u, name: "单位\(k)", kind: k % 2 == 0 ? .county : .department, group: "组", office: city)))
        }
        for (k, p) in people.enumerated() {
            r.append(.person(Person(id: p, name: "人\(k)", unit: units[k % units.count], roles: [.clerk])))
        }
        r.append(.commission(Commission(id: "gc", office: city, topic: "约稿", units: [units[0]], assignedAt: at(2026, 1, 2), due: at(2026, 12, 30))))
        let year = day(2026, 1, 1).ordinal
        for i in 0..<n {
            // Ids not in insertion order, so that insertion order and id order differ.
            let id = ItemID(rawValue: "gi-\((i * 7919) % n)")
            let submitted = Instant(day: Day(ordinal: year + (i * 37) % 365), minute: 600 + i % 300)
            let itemUnits = [units[i % 20]] + (i % 5 == 0 ? [units[(i + 3) % 20]] : [])
            r.append(.submission(Item(id: id, units: itemUnits, authors: [people[i % 40]] + (i % 3 == 0 ? [people[(i + 1) % 40]] : []),
                                      category: ItemCategory.allCases[i % ItemCategory.allCases.count], title: "信息\(i)",
                                      status: .submitted, createdAt: Instant(seconds: submitted.seconds - 3600), submittedAt: submitted,
                                      commission: i % 50 == 0 ? "gc" : nil,
                                      mergedFrom: i % 97 == 1 ? [ItemID(rawValue: "gi-\(((i - 1) * 7919) % n)")] : [])))
            if i % 4 == 0 {
                r.append(.adoption(Adoption(id: "ga-\(i)", item: id, level: .city, publication: "快报\(i % 3)", kind: .briefing,
                                            issue: i % 8 == 0 ? "第\(i % 12)期" : nil, date: Day(ordinal: submitted.day.ordinal + 2))))
            }
            if i % 11 == 0 {
                r.append(.adoption(Adoption(id: "gb-\(i)", item: id, level: .province, publication: "省刊", kind: .digest,
                                            date: Day(ordinal: submitted.day.ordinal + 5))))
                r.append(.forwarding(Forwarding(id: "gf-\(i)", item: id, to: .state, date: Day(ordinal: submitted.day.ordinal + 1))))
            }
            if i % 13 == 0 {
                r.append(.instruction(Instruction(id: "gn-\(i)", item: id, leader: "领导\(i % 4)", level: .city, principal: i % 2 == 0,
                                                  text: "批示", at: Instant(seconds: submitted.seconds + 86_400), handler: units[i % 20])))
            }
        }
        return r
    }
}

extension ItemTable {
    /// Every column by name, for comparing two tables.
    var columns: [(name: String, value: String)] {
        [("strings", "\(strings)"), ("ids", "\(ids)"), ("merged", "\(merged)"), ("category", "\(category)"),
         ("submitted", "\(submitted)"), ("commission", "\(commission)"), ("unitStart", "\(unitStart)"), ("unitRefs", "\(unitRefs)"),
         ("authorStart", "\(authorStart)"), ("authorRefs", "\(authorRefs)"), ("adoptionStart", "\(adoptionStart)"),
         ("adoptions", "\(adoptions)"), ("forwardingStart", "\(forwardingStart)"), ("forwardings", "\(forwardings)"),
         ("instructionStart", "\(instructionStart)"), ("instructions", "\(instructions)")]
    }

    /// The names of the columns that differ from `other`'s, with where they start to differ.
    func differences(from other: ItemTable) -> [String] {
        zip(columns, other.columns).compactMap { a, b in
            guard a.value != b.value else { return nil }
            let at = zip(a.value, b.value).prefix { $0 == $1 }.count
            return "\(a.name) at \(at): …\(a.value.dropFirst(max(0, at - 40)).prefix(120)) vs …\(b.value.dropFirst(max(0, at - 40)).prefix(120))"
        }
    }
}
