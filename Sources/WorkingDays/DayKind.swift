/// What a day is on the official working-day calendar.
package enum DayKind: Sendable, Equatable, CustomStringConvertible {
    /// Monday to Friday with no holiday.
    case workday
    /// Saturday or Sunday with no adjustment.
    case weekend
    /// An official day off (放假), with the holiday's name.
    case holiday(String)
    /// A weekend day made a working day (调休上班) for the named holiday.
    case adjustedWorkday(String)
    /// An office's own day off (local overlay), with its reason.
    case localDayOff(String)
    /// An office's own extra working day (local overlay), with its reason.
    case localWorkday(String)

    package var isWorkday: Bool {
        switch self {
        case .workday, .adjustedWorkday, .localWorkday: true
        case .weekend, .holiday, .localDayOff: false
        }
    }

    /// Chinese label for explanations, e.g. `调休上班（国庆节）`.
    package var description: String {
        switch self {
        case .workday: "工作日"
        case .weekend: "周末"
        case .holiday(let name): "法定节假日（\(name)）"
        case .adjustedWorkday(let name): "调休上班（\(name)）"
        case .localDayOff(let reason): "本地休息日（\(reason)）"
        case .localWorkday(let reason): "本地工作日（\(reason)）"
        }
    }
}
