import Domain
import Foundation
import Interchange
import Tagged
import Testing

/// What every `PeopleDirectory` does, on every available backend: an office's contacts are
/// the people of its own units only, by unit then person, with their roles and addresses.
@Suite struct PeopleDirectoryContractTests {
    static let lines = [
        #"{"kind":"office","id":"city","name":"示例市人民政府办公室"}"#,
        #"{"kind":"office","id":"county-a","name":"清河县人民政府办公室","parent":"city"}"#,
        #"{"kind":"unit","id":"city-office","name":"市人民政府办公室","type":"office","group":"office","office":"city"}"#,
        #"{"kind":"unit","id":"dept-001","name":"市发展和改革委员会","type":"department","group":"dept-1","office":"city"}"#,
        #"{"kind":"unit","id":"county-01","name":"清河县人民政府","type":"county","group":"county","office":"city"}"#,
        #"{"kind":"unit","id":"town-01-01","name":"清河县城关镇","type":"township","group":"township","parent":"county-01","office":"county-a"}"#,
        #"{"kind":"person","id":"p3","name":"王芳","unit":"dept-001","roles":["clerk"],"email":"wangfang@fgw.example.cn","phone":"0571-1234"}"#,
        #"{"kind":"person","id":"p1","name":"李强","unit":"dept-001","roles":["unit_leader","clerk"],"email":"liqiang@fgw.example.cn"}"#,
        #"{"kind":"person","id":"p2","name":"赵敏","unit":"city-office","roles":["admin"]}"#,
        #"{"kind":"person","id":"p4","name":"周杰","unit":"town-01-01","roles":["clerk"],"email":"zhou@town.example.cn"}"#,
    ]

    @Test(arguments: Backend.available)
    func contactsAreTheOfficesOwnUnitsPeopleWithTheirRoles(_ backend: Backend) async throws {
        try await withStore(backend) { t in
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tally-people-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let file = dir.appendingPathComponent("people.jsonl")
            try Data((Self.lines.joined(separator: "\n") + "\n").utf8).write(to: file)
            _ = try await Importer(store: t.store).importFile(file)

            let people = t.store as! any PeopleDirectory
            let city = try await people.contacts(office: OfficeID("city")!)
            #expect(city.map(\.person.id.rawValue) == ["p2", "p1", "p3"])  // city-office, then dept-001 by id
            #expect(city.map(\.unitName) == ["市人民政府办公室", "市发展和改革委员会", "市发展和改革委员会"])
            #expect(city[1].person == Person(id: "p1", name: "李强", unit: "dept-001", roles: [.unitLeader, .clerk], email: "liqiang@fgw.example.cn"))
            #expect(city[2].person == Person(id: "p3", name: "王芳", unit: "dept-001", roles: [.clerk], phone: "0571-1234",
                                             email: "wangfang@fgw.example.cn"))
            #expect(city[0].person.roles == [.admin] && city[0].person.email == nil)
            #expect(city[1].label == "李强（市发展和改革委员会 信息员、单位领导）")

            let county = try await people.contacts(office: OfficeID("county-a")!)
            #expect(county.map(\.person.id.rawValue) == ["p4"])
            #expect(county.first?.unitName == "清河县城关镇")
            #expect(try await people.contacts(office: OfficeID("nowhere")!).isEmpty)
        }
    }
}
