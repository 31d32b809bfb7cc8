import Foundation
import Domain
import Tagged
import WorkingDays

/// The year's work of a generated data set: commissions, items with their workflow and
/// facts, instructions and replies, emergencies, absences, quotas, meetings.
struct DemoWork {
    let set: DemoDataSet
    let organisation: DemoOrganisation
    let items: SampleItems
    let workdays: [Day]

    init(set: DemoDataSet, organisation: DemoOrganisation) throws {
        self.set = set
        self.organisation = organisation
        items = try SampleItems(units: set.units, year: set.year, calendar: set.calendar)
        workdays = try set.calendar.workdays(in: Day(year: set.year, month: 1, day: 1)!, Day(year: set.year, month: 12, day: 31)!)
    }

    func at(_ day: Day, _ hour: Int, _ minute: Int = 0) -> Instant { Instant(day: day, minute: hour * 60 + minute) }

    /// The working day `n` working days after `day` (clamped to the year's last working day).
    func workday(after day: Day, _ n: Int) -> Day {
        var lo = 0
        var hi = workdays.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if workdays[mid] < day { lo = mid + 1 } else { hi = mid }
        }
        return workdays[min(max(lo + n, 0), workdays.count - 1)]
    }

    func generate(_ emit: (Record) throws -> Void) throws {
        var r = SeededRandom(seed: set.seed &+ 17)
        let units = set.units
        // Commissions: two a month, each to eight units, due five working days later.
        for k in 1...24 {
            let day = workdays[(k - 1) * workdays.count / 24]
            let chosen = (0..<8).map { units[(k * 37 + $0 * 101) % units.count].id }
            try emit(.commission(Commission(
                id: "YG-\(set.year)-\(k < 10 ? "0" : "")\(k)", office: .city, topic: "关于报送\(DemoTexts.topics[k % DemoTexts.topics.count])情况的约稿",
                units: Array(Set(chosen)).sorted(), assignedAt: at(day, 9), due: at(workday(after: day, 5), 17, 30))))
        }
        for index in 0..<set.itemCount {
            try emitItem(index, &r, emit)
        }
        try emitCompliance(&r, emit)
        for q in 1...4 {
            let day = workday(after: Day(year: set.year, month: q * 3 - 2, day: 1)!, 9)
            try emit(.meeting(Meeting(id: "LH-\(set.year)-Q\(q)", office: .city, title: "\(set.year)年第\(["一", "二", "三", "四"][q - 1])季度政务信息工作例会",
                                      startsAt: at(day, 15), place: "市政府三楼会议室",
                                      agenda: ["通报上季度政务信息工作情况", "部署本季度重点约稿选题", "交流信息工作经验"])))
        }
    }

    private func emitItem(_ index: Int, _ r: inout SeededRandom, _ emit: (Record) throws -> Void) throws {
        let facts = items.item(index, seed: set.seed)
        let id = facts.id
        let unitName = set.units.first { $0.id == facts.units[0] }?.name ?? facts.units[0].rawValue
        let created = at(facts.submitted, 8 + index % 3, index % 60)
        let submitted = created.adding(minutes: 30 + index % 120)
        var sources: [ItemID] = []
        if facts.merged {
            for (k, u) in facts.units.enumerated() {
                let sid = ItemID(rawValue: "\(id.rawValue)-s\(k + 1)")
                let author = PersonID(rawValue: "\(u.rawValue)-p1")
                try emit(.submission(Item(
                    id: sid, units: [u], authors: [author], category: facts.category,
                    title: DemoTexts.title(facts.category, unit: set.units.first { $0.id == u }?.name ?? u.rawValue, index: index + k),
                    body: DemoTexts.body(facts.category, unit: unitName, index: index), status: .merged, createdAt: created, submittedAt: submitted,
                    history: [ItemTransition(from: nil, to: .submitted, by: author, at: submitted),
                              ItemTransition(from: .submitted, to: .merged, by: "city-admin-2", at: submitted.adding(minutes: 90))])))
                sources.append(sid)
            }
        }
        let cityAdoption = facts.adoptions.first { $0.level == .city }
        var history: [ItemTransition] = []
        let author: PersonID? = facts.merged ? "city-admin-2" : facts.authors.first
        history.append(ItemTransition(from: nil, to: .submitted, by: author, at: submitted))
        let status: ItemStatus
        if let cityAdoption {
            let decided = max(at(cityAdoption.date, 15), submitted.adding(minutes: 60))
            history.append(ItemTransition(from: .submitted, to: .editing, by: "city-admin-2", at: submitted.adding(minutes: 30)))
            history.append(ItemTransition(from: .editing, to: .adopted, by: "city-admin-1", at: decided))
            status = .adopted
        } else {
            let roll = r.below(10)
            status = roll < 6 ? .rejected : roll < 9 ? .reserved : .submitted
            if status != .submitted {
                history.append(ItemTransition(from: .submitted, to: status, by: "city-admin-2", at: submitted.adding(minutes: 24 * 60),
                                              note: status == .rejected ? "内容一般，未采用" : "列入备用"))
            }
        }
        try emit(.submission(Item(
            id: id, units: facts.units, authors: facts.merged ? [] : facts.authors, category: facts.category,
            title: DemoTexts.title(facts.category, unit: unitName, index: index), body: DemoTexts.body(facts.category, unit: unitName, index: index),
            status: status, createdAt: created, submittedAt: submitted, commission: facts.commission, mergedFrom: sources, history: history)))
        for (k, a) in facts.adoptions.enumerated() {
            try emit(.adoption(Adoption(id: "\(id.rawValue)-a\(k + 1)", item: id, level: a.level, publication: a.publication, kind: a.kind, issue: a.issue, date: a.date)))
        }
        for (k, f) in facts.forwardings.enumerated() {
            try emit(.forwarding(Forwarding(id: "\(id.rawValue)-f\(k + 1)", item: id, to: f.to, date: f.date)))
        }
        for (k, s) in facts.instructions.enumerated() {
            let iid = "\(id.rawValue)-i\(k + 1)"
            let urgent = r.chance(0.3)
            let when = at(s.date, 10)
            try emit(.instruction(Instruction(id: iid, item: id, leader: s.leader, level: s.level, principal: s.principal,
                                              text: "请\(unitName)认真总结经验做法，抓好贯彻落实，并及时反馈办理情况。", at: when,
                                              handler: facts.units[0], urgency: urgent ? .urgent : .ordinary)))
            let roll = r.below(10)
            guard roll < 9 else { continue }  // 10 %: never answered
            let limit = urgent ? 5 : 15
            let days = roll < 7 ? 1 + r.below(limit - 1) : limit + 2 + r.below(10)
            try emit(.reply(Reply(id: "\(iid)-r", instruction: iid, unit: facts.units[0], text: "已按批示要求抓好落实，现将办理情况报告如下。",
                                  at: at(workday(after: s.date, days), 16))))
        }
        if let c = facts.commission {
            try emit(.answer(CommissionAnswer(id: "\(id.rawValue)-ans", commission: c, unit: facts.units[0], item: id, at: submitted)))
        }
    }

    private func emitCompliance(_ r: inout SeededRandom, _ emit: (Record) throws -> Void) throws {
        let counties = set.units.filter { $0.group == "county" }
        let leaders = set.units.filter { $0.group == "county" || $0.group.hasPrefix("dept") }
        for q in 1...4 {
            let first = Day(year: set.year, month: q * 3 - 2, day: 1)!
            for (k, u) in counties.enumerated() {
                let occurred = Instant(day: first.adding(days: r.below(88)), minute: r.below(24 * 60))
                let severity: Emergency.Severity = r.chance(0.15) ? .major : r.chance(0.03) ? .serious : .general
                let writtenLimit = severity == .general ? 120 : severity == .major ? 60 : 30
                let late = r.chance(0.12)
                let written = occurred.adding(minutes: late ? writtenLimit + 30 + r.below(240) : 20 + r.below(writtenLimit - 20))
                let phone: Instant? = severity == .general ? nil : occurred.adding(minutes: 5 + r.below(10))
                // One concealed and two omitted emergencies in the year, so vetoes have something to do.
                let finding: Emergency.Finding? = q == 2 && k == 4 ? .concealed : (q == 3 && (k == 7 || k == 9)) ? .omitted : nil
                try emit(.emergency(Emergency(
                    id: "TF-\(set.year)-Q\(q)-\(u.id.rawValue)", unit: u.id, title: "\(u.name.replacingOccurrences(of: "人民政府", with: ""))\(DemoTexts.events[(k + q) % DemoTexts.events.count])",
                    severity: severity, occurredAt: occurred, learnedAt: occurred.adding(minutes: 5), phoneAt: finding == nil ? phone : nil,
                    writtenAt: finding == nil ? written : nil, finding: finding,
                    followups: finding == nil ? [written.adding(minutes: 24 * 60)] : [])))
            }
            for (k, u) in leaders.enumerated() where (k + q) % 3 == 0 {
                let depart = workday(after: first, 5 + r.below(50))
                let days = 2 + r.below(3)
                let roll = r.below(20)
                let filed: Instant? = roll < 17 ? at(workday(after: depart, -(1 + r.below(3))), 10)
                    : roll < 19 ? at(depart, 14) : nil
                try emit(.absence(Absence(
                    id: "BB-\(set.year)-Q\(q)-\(u.id.rawValue)", unit: u.id, leader: DemoOrganisation.name(k * 7 + q),
                    destination: ["北京", "省城", "上海", "深圳", "杭州"][(k + q) % 5], reason: ["参加全省工作会议", "赴外地招商考察", "参加培训"][(k + q) % 3],
                    departAt: at(depart, 8), returnAt: at(depart.adding(days: days), 18), actingLeader: DemoOrganisation.name(k * 7 + q + 1),
                    actingPhone: "1380000\(String(k % 10000).leftPadded(4))", filedAt: filed)))
            }
        }
        for u in set.units {
            let monthly: Int = switch u.group {
            case "county": 8
            case "dept-1": 4
            case "dept-2": 2
            default: 1
            }
            for m in 1...12 {
                try emit(.quota(Quota(subject: .unit(u.id), period: .month(set.year, m), required: monthly)))
            }
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
