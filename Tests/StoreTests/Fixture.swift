/// One record of every kind, in an order where references point backwards.
enum Fixture {
    static let lines = [
        #"{"kind":"office","id":"city","name":"示例市人民政府办公室"}"#,
        #"{"kind":"office","id":"county-a","name":"清河县人民政府办公室","parent":"city"}"#,
        #"{"kind":"unit","id":"city-office","name":"市人民政府办公室","type":"office","group":"office","office":"city"}"#,
        #"{"kind":"unit","id":"county-01","name":"清河县人民政府","type":"county","group":"county","office":"city"}"#,
        #"{"kind":"unit","id":"town-01-01","name":"清河县城关镇","type":"township","group":"township","parent":"county-01","office":"county-a"}"#,
        #"{"kind":"unit","id":"dept-001","name":"市发展和改革委员会","type":"department","group":"dept-1","office":"city"}"#,
        #"{"kind":"person","id":"admin-1","name":"刘信息","unit":"city-office","roles":["admin"],"email":"xinxike@example.gov.cn","phone":"0000-1234567"}"#,
        #"{"kind":"person","id":"p1","name":"张三","unit":"county-01","roles":["clerk","unit_leader"]}"#,
        #"{"kind":"person","id":"p2","name":"李四","unit":"dept-001","roles":["clerk"]}"#,
        #"{"kind":"publication","id":"pub-brief","name":"每日要情","level":"city","type":"briefing","office":"city"}"#,
        #"{"kind":"commission","id":"YG-2026-01","office":"city","topic":"关于报送招商引资情况的约稿","units":["county-01","dept-001"],"assigned_at":"2026-03-02T09:00:00+08:00","due_at":"2026-03-09T17:30:00+08:00"}"#,
        #"{"kind":"submission","id":"I-1","units":["county-01"],"authors":["p1"],"category":"economy","title":"清河县一季度工业增长","body":"正文","status":"adopted","created_at":"2026-03-02T09:00:00+08:00","submitted_at":"2026-03-02T10:00:00+08:00","commission":"YG-2026-01","history":[{"to":"submitted","at":"2026-03-02T10:00:00+08:00","by":"p1"},{"from":"submitted","to":"editing","at":"2026-03-02T11:00:00+08:00","by":"admin-1"},{"from":"editing","to":"adopted","at":"2026-03-03T15:00:00+08:00","by":"admin-1","note":"采用"}]}"#,
        #"{"kind":"submission","id":"I-2","units":["dept-001"],"authors":["p2"],"category":"progress","title":"市发改委推进项目建设","status":"merged","created_at":"2026-03-04T09:00:00+08:00","submitted_at":"2026-03-04T09:30:00+08:00"}"#,
        #"{"kind":"submission","id":"I-3","units":["dept-001","county-01"],"category":"progress","title":"全市项目建设综合","status":"adopted","created_at":"2026-03-05T09:00:00+08:00","submitted_at":"2026-03-05T09:00:00+08:00","merged_from":["I-2"]}"#,
        #"{"kind":"submission","id":"I-4","units":["county-01"],"authors":["p1"],"category":"other","title":"草稿","status":"draft","created_at":"2026-03-06T09:00:00+08:00"}"#,
        #"{"kind":"adoption","id":"A-1","item":"I-1","level":"city","publication":"每日要情","type":"briefing","issue":"2026-045","date":"2026-03-03"}"#,
        #"{"kind":"adoption","id":"A-2","item":"I-1","level":"province","publication":"省政府办公厅专报","type":"special","date":"2026-03-20"}"#,
        #"{"kind":"forwarding","id":"F-1","item":"I-1","to":"province","date":"2026-03-05"}"#,
        #"{"kind":"instruction","id":"PS-1","item":"I-1","leader":"王建国","level":"city","principal":true,"text":"请认真总结经验","at":"2026-03-04T10:00:00+08:00","handler":"county-01","urgency":"urgent"}"#,
        #"{"kind":"instruction","id":"PS-2","leader":"周省长","level":"province","text":"抓好落实","at":"2026-03-21T10:00:00+08:00","handler":"dept-001","due_at":"2026-04-10T17:30:00+08:00"}"#,
        #"{"kind":"reply","id":"PS-1-r","instruction":"PS-1","unit":"county-01","text":"已落实","at":"2026-03-09T16:00:00+08:00"}"#,
        #"{"kind":"answer","id":"YG-2026-01-county-01","commission":"YG-2026-01","unit":"county-01","item":"I-1","at":"2026-03-02T10:00:00+08:00"}"#,
        #"{"kind":"emergency","id":"TF-1","unit":"county-01","title":"清河县一起道路交通事故","severity":"major","occurred_at":"2026-02-16T03:20:00+08:00","learned_at":"2026-02-16T03:30:00+08:00","phone_at":"2026-02-16T03:45:00+08:00","written_at":"2026-02-16T05:10:00+08:00","followups":["2026-02-17T08:00:00+08:00"]}"#,
        #"{"kind":"emergency","id":"TF-2","unit":"county-01","title":"瞒报的事件","severity":"general","occurred_at":"2026-05-10T10:00:00+08:00","finding":"concealed"}"#,
        #"{"kind":"absence","id":"BB-1","unit":"county-01","leader":"赵县长","destination":"北京","reason":"参加全国会议","depart_at":"2026-04-13T08:00:00+08:00","return_at":"2026-04-16T18:00:00+08:00","acting_leader":"钱副县长","acting_phone":"13800000000","filed_at":"2026-04-09T10:00:00+08:00"}"#,
        #"{"kind":"quota","unit":"county-01","period":"2026-03","required":8}"#,
        #"{"kind":"quota","person":"p1","period":"2026Q1","required":3}"#,
        #"{"kind":"meeting","id":"LH-2026-Q1","office":"city","title":"2026年第一季度政务信息工作例会","starts_at":"2026-01-16T15:00:00+08:00","place":"市政府三楼会议室","agenda":["通报上季度情况","部署约稿"]}"#,
    ]

    static var text: String { lines.joined(separator: "\n") + "\n" }
}
