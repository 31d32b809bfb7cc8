package import Foundation
package import Domain
import YAMLFiles

/// Reads `rules/<office>/` folders, refusing what the sandbox should never see: oversized
/// or too many files, precompiled chunks, text that is not UTF-8.
package struct RuleSourceReader: Sendable {
    package static let maxFileBytes = 256 * 1024
    package static let maxFiles = 50

    package let root: URL
    /// The name shown for the root in errors (`rules`).
    package let rootName: String

    package init(root: URL) {
        self.root = root
        self.rootName = root.standardizedFileURL.lastPathComponent
    }

    /// Every office folder, and the problems that kept some from being read.
    package func read() -> (offices: [OfficeID: OfficeSource], problems: [RuleError]) {
        var offices: [OfficeID: OfficeSource] = [:]
        var problems: [RuleError] = []
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
        } catch {
            return ([:], [RuleError(kind: .load, office: nil, file: rootName, message: "无法读取规则目录：\(error.localizedDescription)")])
        }
        for name in names where !name.hasPrefix(".") {
            var isDir: ObjCBool = false
            let url = root.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue else { continue }
            guard let id = OfficeID(name) else {
                problems.append(RuleError(kind: .load, office: nil, file: "\(rootName)/\(name)",
                                          message: "文件夹名不是有效的办公室编号（小写字母、数字和连字符，最多32个字符）"))
                continue
            }
            do {
                offices[id] = try readOffice(id, url: url)
            } catch {
                problems.append(error)
            }
        }
        return (offices, problems)
    }

    /// Reads one office folder.
    package func readOffice(_ id: OfficeID, url: URL) throws(RuleError) -> OfficeSource {
        let folder = "\(rootName)/\(id)"
        let manifestPath = "\(folder)/office.yaml"
        guard let manifestBytes = try? Array(Data(contentsOf: url.appendingPathComponent("office.yaml"))) else {
            throw RuleError(kind: .load, office: id, file: folder, message: "缺少 office.yaml（办公室名称、上级办公室和预算）")
        }
        let manifest: OfficeManifest
        do {
            manifest = try OfficeManifest.parse(String(decoding: manifestBytes, as: UTF8.self), file: manifestPath)
        } catch {
            throw RuleError(kind: .load, office: id, file: error.file, line: error.line,
                            message: error.field.isEmpty ? error.reason : "\(error.field): \(error.reason)")
        }
        let files = try readFiles(in: url, relative: "", office: id, folder: folder) { $0.hasSuffix(".lua") }
        let tests = try readFiles(in: url.appendingPathComponent("tests"), relative: "tests/", office: id, folder: folder) {
            $0.hasSuffix(".json") || $0.hasSuffix("_test.lua")
        }
        if files.isEmpty && manifest.parent == nil {
            throw RuleError(kind: .load, office: id, file: folder, message: "根办公室没有任何 .lua 规则文件")
        }
        return OfficeSource(id: id, manifest: manifest, manifestBytes: manifestBytes, files: files, tests: tests, folder: folder)
    }

    private func readFiles(in dir: URL, relative: String, office: OfficeID, folder: String, include: (String) -> Bool) throws(RuleError) -> [RuleFile] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        let chosen = names.filter { !$0.hasPrefix(".") && include($0) }.sorted()
        guard chosen.count <= Self.maxFiles else {
            throw RuleError(kind: .load, office: office, file: folder + (relative.isEmpty ? "" : "/" + relative.dropLast()),
                            message: "文件过多：\(chosen.count) 个（每个办公室最多 \(Self.maxFiles) 个）")
        }
        var files: [RuleFile] = []
        for name in chosen {
            let path = "\(folder)/\(relative)\(name)"
            guard Self.isValidFileName(name) else {
                throw RuleError(kind: .load, office: office, file: path, message: "文件名只能包含小写字母、数字、下划线和连字符，最长40个字符")
            }
            let url = dir.appendingPathComponent(name)
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            guard size <= Self.maxFileBytes else {
                throw RuleError(kind: .load, office: office, file: path, message: "文件过大：\(size) 字节（最多 \(Self.maxFileBytes) 字节）")
            }
            guard let data = try? Data(contentsOf: url) else {
                throw RuleError(kind: .load, office: office, file: path, message: "无法读取文件")
            }
            let bytes = Array(data)
            guard bytes.count <= Self.maxFileBytes else {
                throw RuleError(kind: .load, office: office, file: path, message: "文件过大：\(bytes.count) 字节（最多 \(Self.maxFileBytes) 字节）")
            }
            if bytes.first == 0x1B {
                throw RuleError(kind: .load, office: office, file: path, message: "不接受预编译的 Lua 字节码，只接受源代码文本")
            }
            if bytes.contains(0) {
                throw RuleError(kind: .load, office: office, file: path, message: "文件含有 NUL 字节，不是文本文件")
            }
            if String(validating: bytes, as: UTF8.self) == nil {
                throw RuleError(kind: .load, office: office, file: path, message: "文件不是有效的 UTF-8 文本")
            }
            files.append(RuleFile(name: relative + name, path: path, bytes: bytes))
        }
        return files
    }

    static func isValidFileName(_ name: String) -> Bool {
        let u = Array(name.utf8)
        guard (1...40).contains(u.count) else { return false }
        return u.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 || $0 == 45 || $0 == 46 }
    }
}
