import Domain
import Foundation
import Interchange
import Scheduling
import Tagged
import WorkingDays

/// A small record with deadline events of every kind, some settled, in two offices.
enum EventFixture {
    static let lines = [
        #"{"kind":"office","id":"city","name":"示例市人民政府办公室"}"#,
        #"{"kind":"office","id":"county-a","name":"清河县人民政府办公室","parent":"city"}"#,
        #"{"kind":"unit","id":"city-office","name":"市人民政府办公室","type":"office","group":"office","office":"city"}"#,
        #"{"kind":"unit","id":"county-01","name":"清河县人民政府","type":"county","group":"county","office":"city"}"#,
        #"{"kind":"unit","id":"dept-001","name":"市发展和改革委员会","type":"department","group":"dept-1","office":"city"}"#,
        #"{"kind":"unit","id":"town-01-01","name":"清河县城关镇","type":"township","group":"township","parent":"county-01","office":"county-a"}"#,
        #"{"kind":"commission","id":"YG-1","office":"city","topic":"关于报送招商引资情况的约稿","units":["county-01","dept-001"],"assigned_at":"2026-03-02T09:00:00+08:00","due_at":"2026-03-09T17:30:00+08:00"}"#,
        #"{"kind":"commission","id":"YG-2","office":"county-a","topic":"关于报送乡镇亮点工作的约稿","units":["town-01-01"],"assigned_at":"2026-03-10T09:00:00+08:00","due_at":"2026-03-20T17:30:00+08:00"}"#,
        #"{"kind":"instruction","id":"PS-1","leader":"王建国","level":"city","principal":true,"text":"请认真总结经验","at":"2026-03-04T10:00:00+08:00","handler":"county-01","urgency":"urgent"}"#,
        #"{"kind":"instruction","id":"PS-2","leader":"周省长","level":"province","text":"抓好落实","at":"2026-03-21T10:00:00+08:00","handler":"dept-001","due_at":"2026-04-10T17:30:00+08:00"}"#,
        #"{"kind":"reply","id":"PS-1-r","instruction":"PS-1","unit":"county-01","text":"已落实","at":"2026-03-09T16:00:00+08:00"}"#,
        #"{"kind":"answer","id":"YG-1-county-01","commission":"YG-1","unit":"county-01","at":"2026-03-05T10:00:00+08:00"}"#,
        #"{"kind":"emergency","id":"TF-1","unit":"county-01","title":"清河县一起道路交通事故","severity":"major","occurred_at":"2026-02-16T03:20:00+08:00","written_at":"2026-02-16T05:10:00+08:00"}"#,
        #"{"kind":"emergency","id":"TF-2","unit":"town-01-01","title":"城关镇一处山体滑坡","severity":"general","occurred_at":"2026-05-10T10:00:00+08:00"}"#,
        #"{"kind":"absence","id":"BB-1","unit":"county-01","leader":"赵县长","destination":"北京","reason":"参加全国会议","depart_at":"2026-04-13T08:00:00+08:00","return_at":"2026-04-16T18:00:00+08:00","acting_leader":"钱副县长","filed_at":"2026-04-09T10:00:00+08:00"}"#,
        #"{"kind":"absence","id":"BB-2","unit":"dept-001","leader":"孙主任","destination":"上海","reason":"招商洽谈","depart_at":"2026-05-06T08:00:00+08:00","return_at":"2026-05-08T18:00:00+08:00","acting_leader":"吴副主任"}"#,
        #"{"kind":"absence","id":"BB-3","unit":"town-01-01","leader":"周镇长","destination":"省城","reason":"培训","depart_at":"2026-05-07T23:30:00+08:00","return_at":"2026-05-09T18:00:00+08:00","acting_leader":"郑副镇长"}"#,
    ]

    /// One more absence, imported later.
    static let late = #"{"kind":"absence","id":"BB-4","unit":"county-01","leader":"赵县长","destination":"杭州","reason":"考察","depart_at":"2026-06-02T08:00:00+08:00","return_at":"2026-06-03T18:00:00+08:00","acting_leader":"钱副县长"}"#

    static func importAll(into store: any RecordStore) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tally-events-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("events.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        _ = try await Importer(store: store).importFile(file)
    }

    static func record(_ line: String) throws -> Domain.Record {
        try RecordDecoder.decode(line: Array(line.utf8))
    }

    static func time(_ iso: String) -> Instant { Instant(iso: iso)! }

    static let city = OfficeID("city")!
    static let county = OfficeID("county-a")!

    /// What every store must read, per kind, in order.
    static let expected: [DeadlineEvent.Kind: [RecordedEvent]] = [
        .absence: [
            RecordedEvent(event: DeadlineEvent(kind: .absence, id: "BB-1", unit: "county-01", at: time("2026-04-09T10:00:00+08:00"),
                                               depart: time("2026-04-13T08:00:00+08:00"), back: time("2026-04-16T18:00:00+08:00")),
                          office: city, settled: true, summary: "清河县人民政府 赵县长 赴北京（04-13 出发）"),
            RecordedEvent(event: DeadlineEvent(kind: .absence, id: "BB-2", unit: "dept-001", depart: time("2026-05-06T08:00:00+08:00"),
                                               back: time("2026-05-08T18:00:00+08:00")),
                          office: city, settled: false, summary: "市发展和改革委员会 孙主任 赴上海（05-06 出发）"),
            RecordedEvent(event: DeadlineEvent(kind: .absence, id: "BB-3", unit: "town-01-01", depart: time("2026-05-07T23:30:00+08:00"),
                                               back: time("2026-05-09T18:00:00+08:00")),
                          office: county, settled: false, summary: "清河县城关镇 周镇长 赴省城（05-07 出发）"),
        ],
        .instruction: [
            RecordedEvent(event: DeadlineEvent(kind: .instruction, id: "PS-1", unit: "county-01", at: time("2026-03-04T10:00:00+08:00"),
                                               urgency: "urgent", level: .city),
                          office: city, settled: true, summary: "王建国批示（清河县人民政府承办）"),
            RecordedEvent(event: DeadlineEvent(kind: .instruction, id: "PS-2", unit: "dept-001", at: time("2026-03-21T10:00:00+08:00"),
                                               due: time("2026-04-10T17:30:00+08:00"), urgency: "ordinary", level: .province),
                          office: city, settled: false, summary: "周省长批示（市发展和改革委员会承办）"),
        ],
        .commission: [
            RecordedEvent(event: DeadlineEvent(kind: .commission, id: "YG-1/county-01", unit: "county-01", at: time("2026-03-02T09:00:00+08:00"),
                                               due: time("2026-03-09T17:30:00+08:00")),
                          office: city, settled: true, summary: "约稿“关于报送招商引资情况的约稿”（清河县人民政府）"),
            RecordedEvent(event: DeadlineEvent(kind: .commission, id: "YG-1/dept-001", unit: "dept-001", at: time("2026-03-02T09:00:00+08:00"),
                                               due: time("2026-03-09T17:30:00+08:00")),
                          office: city, settled: false, summary: "约稿“关于报送招商引资情况的约稿”（市发展和改革委员会）"),
            RecordedEvent(event: DeadlineEvent(kind: .commission, id: "YG-2/town-01-01", unit: "town-01-01", at: time("2026-03-10T09:00:00+08:00"),
                                               due: time("2026-03-20T17:30:00+08:00")),
                          office: county, settled: false, summary: "约稿“关于报送乡镇亮点工作的约稿”（清河县城关镇）"),
        ],
        .emergency: [
            RecordedEvent(event: DeadlineEvent(kind: .emergency, id: "TF-1", unit: "county-01", at: time("2026-02-16T03:20:00+08:00"),
                                               severity: "major"),
                          office: city, settled: true, summary: "清河县人民政府突发事件“清河县一起道路交通事故”"),
            RecordedEvent(event: DeadlineEvent(kind: .emergency, id: "TF-2", unit: "town-01-01", at: time("2026-05-10T10:00:00+08:00"),
                                               severity: "general"),
                          office: county, settled: false, summary: "清河县城关镇突发事件“城关镇一处山体滑坡”"),
        ],
        .monthlyReport: [],
    ]
}
