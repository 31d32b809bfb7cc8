/// Why a working-day question could not be answered.
package enum CalendarError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No official arrangement is loaded for the year (and provisional planning was not chosen).
    case yearNotCovered(Int)
    /// A count ran past the years the calendar covers.
    case outOfRange(String)

    package var description: String {
        switch self {
        case .yearNotCovered(let year):
            "\(year) 年没有官方节假日安排数据（需要 schedules/calendar/CN/\(year).yaml），无法计算工作日"
        case .outOfRange(let what):
            "超出日历范围：\(what)"
        }
    }
}
