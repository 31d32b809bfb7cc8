import Foundation
import Domain
import Tagged

/// Offices, units, people and publications of a generated data set.
struct DemoOrganisation {
    let units: [SampleUnit]
    let year: Int
    static let cityLeaders = SampleItems.cityLeaders
    /// County-01's townships are assessed by its own office (`county-a`), the rest by the city.
    static let countyOffice = OfficeID("county-a")!

    func office(of unit: SampleUnit) -> OfficeID {
        unit.group == "township" && unit.id.rawValue.hasPrefix("town-01-") ? Self.countyOffice : .city
    }

    func clerks(of unit: SampleUnit) -> [PersonID] {
        (1...3).map { PersonID(rawValue: "\(unit.id.rawValue)-p\($0)") }
    }

    func leader(of unit: SampleUnit) -> PersonID { PersonID(rawValue: "\(unit.id.rawValue)-leader") }

    static let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"]
    static let given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平"]

    static func name(_ i: Int) -> String { surnames[i % surnames.count] + given[(i / surnames.count + i) % given.count] }

    func records() -> [Record] {
        var out: [Record] = [
            .office(Office(id: .city, name: "示例市人民政府办公室")),
            .office(Office(id: Self.countyOffice, name: "清河县人民政府办公室", parent: .city)),
            .unit(Domain.Unit(id: "city-office", name: "市人民政府办公室", kind: .office, group: "office", office: .city)),
        ]
        for u in units {
            let kind: UnitKind = u.group == "county" ? .county : u.group == "township" ? .township : .department
            let parent: UnitID? = u.group == "township" ? UnitID(rawValue: "county-" + u.id.rawValue.split(separator: "-")[1]) : nil
            out.append(.unit(Domain.Unit(id: u.id, name: u.name, kind: kind, group: u.group, parent: parent, office: office(of: u))))
        }
        // The county office's own desk: a unit of that office, so its admin's reach is the
        // county office's subtree (its townships), not the city's.
        let countyDesk = UnitID(rawValue: "county-a-office")
        if units.contains(where: { $0.id.rawValue == "county-01" }) {
            out.append(.unit(Domain.Unit(id: countyDesk, name: "清河县人民政府办公室", kind: .office, group: "office", parent: "county-01",
                                         office: Self.countyOffice)))
        }
        out.append(.person(Person(id: "city-admin-1", name: "刘信息", unit: "city-office", roles: [.admin], phone: "0000-1234567", email: "xinxike@example.gov.cn")))
        out.append(.person(Person(id: "city-admin-2", name: "陈编辑", unit: "city-office", roles: [.admin])))
        if units.contains(where: { $0.id.rawValue == "county-01" }) {
            out.append(.person(Person(id: "county-a-admin-1", name: "赵县办", unit: countyDesk, roles: [.admin], phone: "0000-7654321")))
        }
        for (i, leader) in Self.cityLeaders.enumerated() {
            out.append(.person(Person(id: PersonID(rawValue: "city-leader-\(i + 1)"), name: leader, unit: "city-office", roles: [.cityLeader])))
        }
        var n = 0
        for u in units {
            for p in clerks(of: u) {
                n += 1
                out.append(.person(Person(id: p, name: Self.name(n), unit: u.id, roles: [.clerk],
                                          phone: "1390000\(String(format: "%04d", n % 10000))")))
            }
            n += 1
            out.append(.person(Person(id: leader(of: u), name: Self.name(n), unit: u.id, roles: [.unitLeader])))
        }
        for p in [("pub-city-brief", "每日要情", Level.city, PublicationKind.briefing), ("pub-city-digest", "政务信息", .city, .digest),
                  ("pub-city-special", "政务信息专报", .city, .special), ("pub-city-feature", "政务信息特刊", .city, .feature),
                  ("pub-province-brief", "省政府办公厅每日要情", .province, .briefing), ("pub-province-special", "省政府办公厅专报", .province, .special),
                  ("pub-state-digest", "国务院办公厅信息综合", .state, .digest)] {
            out.append(.publication(Publication(id: p.0, name: p.1, level: p.2, kind: p.3, office: p.2 == .city ? .city : nil)))
        }
        return out
    }
}
