package import Yams

/// A node of a YAML document that knows its file, line and field path, so that every
/// reader can report `FILE:LINE: field: reason`.
///
/// Mapping keys are read as written (YAML 1.1 would turn a key like `off` into a boolean).
package struct YAMLNode {
    package let node: Node
    package let file: String
    package let path: String

    package var line: Int { node.mark?.line ?? 1 }

    /// Parses `text`; syntax errors name the file and line.
    package static func parse(_ text: String, file: String) throws(YAMLError) -> YAMLNode {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw YAMLError(file: file, line: 1, field: "", reason: "文件为空")
            }
            return YAMLNode(node: node, file: file, path: "")
        } catch let error as YAMLError {
            throw error
        } catch let error as YamlError {
            throw YAMLError(file: file, line: Self.line(of: error), field: "", reason: "YAML 语法错误：\(Self.summary(of: error))")
        } catch {
            throw YAMLError(file: file, line: 1, field: "", reason: "YAML 语法错误：\(error)")
        }
    }

    package func error(_ reason: String) -> YAMLError {
        YAMLError(file: file, line: line, field: path, reason: reason)
    }

    /// The entries of a mapping; keys outside `allowed` are rejected by name.
    package func mapping(allowed: Set<String>) throws(YAMLError) -> [String: YAMLNode] {
        guard case .mapping(let m) = node else { throw error("应为键值映射（mapping）") }
        var out: [String: YAMLNode] = [:]
        for (k, v) in m {
            guard case .scalar(let key) = k else { throw error("键必须是字符串") }
            let name = key.string
            let child = YAMLNode(node: v, file: file, path: path.isEmpty ? name : "\(path).\(name)")
            guard allowed.contains(name) else {
                throw YAMLError(file: file, line: k.mark?.line ?? line, field: child.path,
                                reason: "未知字段（允许的字段：\(allowed.sorted().joined(separator: ", "))）")
            }
            if out[name] != nil {
                throw YAMLError(file: file, line: k.mark?.line ?? line, field: child.path, reason: "字段重复")
            }
            out[name] = child
        }
        return out
    }

    /// The entries of a mapping whose keys are names the file chooses (webhook names…).
    package func namedMapping() throws(YAMLError) -> [String: YAMLNode] {
        guard case .mapping(let m) = node else { throw error("应为以名称为键的映射（mapping）") }
        return try mapping(allowed: Set(m.keys.compactMap { if case .scalar(let s) = $0 { s.string } else { nil } }))
    }

    package var isSequence: Bool {
        if case .sequence = node { return true }
        return false
    }

    package var isScalar: Bool {
        if case .scalar = node { return true }
        return false
    }

    package func sequence() throws(YAMLError) -> [YAMLNode] {
        guard case .sequence(let s) = node else { throw error("应为列表") }
        return s.enumerated().map { YAMLNode(node: $1, file: file, path: "\(path)[\($0)]") }
    }

    package func string() throws(YAMLError) -> String {
        guard case .scalar(let s) = node else { throw error("应为文本") }
        return s.string
    }

    package func int() throws(YAMLError) -> Int {
        guard case .scalar(let s) = node, let v = Int(s.string) else { throw error("应为整数") }
        return v
    }

    package func bool() throws(YAMLError) -> Bool {
        guard case .scalar(let s) = node else { throw error("应为 true 或 false") }
        switch s.string {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw error("应为 true 或 false，实际为 '\(s.string)'")
        }
    }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return 1
        }
    }

    private static func summary(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)"
        }
    }
}

/// Required and optional fields of a mapping, with errors that name them.
extension Dictionary where Key == String, Value == YAMLNode {
    package func required(_ key: String, in parent: YAMLNode) throws(YAMLError) -> YAMLNode {
        guard let v = self[key] else {
            throw YAMLError(file: parent.file, line: parent.line, field: parent.path.isEmpty ? key : "\(parent.path).\(key)", reason: "缺少必填字段")
        }
        return v
    }
}
