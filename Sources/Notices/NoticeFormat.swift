/// The formats `tally notice` writes: Markdown and HTML through Mustache templates, CSV as
/// the document's main table only, and Word (.docx) laid out by `WordDocument`.
package enum NoticeFormat: String, Sendable, CaseIterable {
    case markdown = "md"
    case html
    case csv
    case docx

    /// The template's file name for this format and kind (`quarterly-notice.md.mustache`);
    /// nil for CSV and Word, which have no template.
    package func templateName(for kind: NoticeKind) -> String? {
        switch self {
        case .markdown, .html: "\(kind.templateBase).\(rawValue).mustache"
        case .csv, .docx: nil
        }
    }

    /// Binary output (Word) that must not go to a terminal.
    package var isBinary: Bool { self == .docx }
}
