package import Foundation
import Mustache

/// Renders a notice document in a format: the one entry point the CLI and scheduled jobs
/// share, so both give the same bytes. Markdown and HTML go through the first template
/// found in `templateFolders` (an office's own folder first, then its ancestors', then the
/// shipped defaults); CSV is the document's main table; Word is laid out from the view
/// model's blocks.
package struct DocumentRenderer: Sendable {
    package var templateFolders: [URL]

    package init(templateFolders: [URL]) { self.templateFolders = templateFolders }

    /// The document's bytes: UTF-8 text (CSV with a byte-order mark) or a .docx file.
    package func render(_ document: NoticeDocument, as format: NoticeFormat) throws(NoticeError) -> Data {
        guard document.kind.formats.contains(format) else { throw .formatUnsupported(kind: document.kind, format: format) }
        switch (format, document) {
        case (.csv, .quarterly(let n)): return Data(RankingCSV.text(n).utf8)
        case (.csv, .yearEnd(let r)): return Data(YearEndCSV.text(r).utf8)
        case (.docx, .quarterly(let n)): return try WordDocument.data(n.blocks)
        case (.docx, .yearEnd(let r)): return try WordDocument.data(r.blocks)
        case (.docx, .meeting(let m)): return try WordDocument.data(m.blocks)
        default: return Data(try template(format.templateName(for: document.kind)!).render(document.model).utf8)
        }
    }

    private func template(_ name: String) throws(NoticeError) -> MustacheTemplate {
        guard let file = templateFolders.map({ $0.appendingPathComponent(name) }).first(where: { FileManager.default.fileExists(atPath: $0.path) })
        else { throw .templateMissing(name: name, searched: templateFolders.map(\.path)) }
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch { throw .templateUnreadable(path: file.path, reason: "\(error)") }
        do { return try MustacheTemplate(string: text) } catch { throw .templateInvalid(path: file.path, reason: "\(error)") }
    }
}
