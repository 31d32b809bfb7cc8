package import Foundation
import Mustache

/// Renders a notice in a format. Markdown and HTML go through the first template found in
/// `templateFolders` (an office's own folder first, then its ancestors', then the shipped
/// defaults); CSV is the ranking table.
package struct NoticeRenderer: Sendable {
    package var templateFolders: [URL]

    package init(templateFolders: [URL]) { self.templateFolders = templateFolders }

    package func render(_ notice: QuarterlyNotice, as format: NoticeFormat) throws(NoticeError) -> String {
        guard let name = format.templateName else { return RankingCSV.text(notice) }
        guard let file = templateFolders.map({ $0.appendingPathComponent(name) }).first(where: { FileManager.default.fileExists(atPath: $0.path) })
        else { throw .templateMissing(name: name, searched: templateFolders.map(\.path)) }
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch { throw .templateUnreadable(path: file.path, reason: "\(error)") }
        let template: MustacheTemplate
        do { template = try MustacheTemplate(string: text) } catch { throw .templateInvalid(path: file.path, reason: "\(error)") }
        return template.render(notice)
    }
}

/// Why a notice could not be rendered.
package enum NoticeError: Error, CustomStringConvertible {
    case templateMissing(name: String, searched: [String])
    case templateUnreadable(path: String, reason: String)
    case templateInvalid(path: String, reason: String)

    package var description: String {
        switch self {
        case .templateMissing(let name, let searched): "找不到通报模板 \(name)（已查找：\(searched.joined(separator: "、"))）"
        case .templateUnreadable(let path, let reason): "无法读取通报模板 \(path)：\(reason)"
        case .templateInvalid(let path, let reason): "通报模板 \(path) 有语法错误：\(reason)"
        }
    }
}
