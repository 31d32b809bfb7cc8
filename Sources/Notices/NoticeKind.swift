/// The documents `tally notice` makes: the quarterly notice (季度通报), the year-end results
/// (年度考核结果) and the regular meeting pack (例会材料).
package enum NoticeKind: String, Sendable, CaseIterable {
    case quarterly
    case yearEnd = "year-end"
    case meeting

    /// The first part of the kind's template names: `quarterly-notice.md.mustache`.
    package var templateBase: String {
        switch self {
        case .quarterly: "quarterly-notice"
        case .yearEnd: "year-end-results"
        case .meeting: "meeting-pack"
        }
    }

    /// The formats the kind can be written in: the meeting pack has no table of its own to
    /// give as CSV.
    package var formats: [NoticeFormat] {
        self == .meeting ? [.markdown, .html, .docx] : NoticeFormat.allCases
    }

    /// How people name the kind: 季度通报.
    package var label: String {
        switch self {
        case .quarterly: "季度通报"
        case .yearEnd: "年度考核结果"
        case .meeting: "例会材料"
        }
    }
}
