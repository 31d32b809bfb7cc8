/// The formats `tally notice` writes: Markdown and HTML through Mustache templates, CSV as
/// the ranking table only.
package enum NoticeFormat: String, Sendable, CaseIterable {
    case markdown = "md"
    case html
    case csv

    /// The template's file name for this format (`quarterly-notice.md.mustache`); nil for
    /// CSV, which has no template.
    package var templateName: String? {
        self == .csv ? nil : "quarterly-notice.\(rawValue).mustache"
    }
}
