/// Where an adoption, forwarding or instruction happens: the city office itself (本级),
/// the provincial government office (省政府办公厅) or the State Council office (国务院办公厅).
package enum Level: String, Sendable, Codable, CaseIterable, Comparable {
    case city
    case province
    case state

    /// 市 / 省 / 国.
    package var label: String {
        switch self {
        case .city: "市"
        case .province: "省"
        case .state: "国"
        }
    }

    private var rank: Int {
        switch self {
        case .city: 0
        case .province: 1
        case .state: 2
        }
    }

    package static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
}
