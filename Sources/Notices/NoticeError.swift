/// Why a notice could not be rendered.
package enum NoticeError: Error, CustomStringConvertible {
    case templateMissing(name: String, searched: [String])
    case templateUnreadable(path: String, reason: String)
    case templateInvalid(path: String, reason: String)
    case formatUnsupported(kind: NoticeKind, format: NoticeFormat)
    case documentFailed(reason: String)

    package var description: String {
        switch self {
        case .templateMissing(let name, let searched): "找不到通报模板 \(name)（已查找：\(searched.joined(separator: "、"))）"
        case .templateUnreadable(let path, let reason): "无法读取通报模板 \(path)：\(reason)"
        case .templateInvalid(let path, let reason): "通报模板 \(path) 有语法错误：\(reason)"
        case .formatUnsupported(let kind, let format):
            "\(kind.label)不能生成 \(format.rawValue) 格式（可用：\(kind.formats.map(\.rawValue).joined(separator: "、"))）"
        case .documentFailed(let reason): "无法生成 Word 文档：\(reason)"
        }
    }
}
