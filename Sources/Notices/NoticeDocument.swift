/// A document ready to render: the view model of one of the notice kinds.
package enum NoticeDocument: Sendable {
    case quarterly(QuarterlyNotice)
    case yearEnd(YearEndResults)
    case meeting(MeetingPack)

    package var kind: NoticeKind {
        switch self {
        case .quarterly: .quarterly
        case .yearEnd: .yearEnd
        case .meeting: .meeting
        }
    }

    /// The document's title (`某市人民政府办公室关于2026年第一季度全市政务信息工作情况的通报`).
    package var title: String {
        switch self {
        case .quarterly(let n): n.title
        case .yearEnd(let r): r.title
        case .meeting(let m): m.title
        }
    }

    /// The view model itself, as Mustache templates see it.
    var model: Any {
        switch self {
        case .quarterly(let n): n
        case .yearEnd(let r): r
        case .meeting(let m): m
        }
    }
}
