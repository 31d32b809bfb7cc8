import CSV
import Domain
import Foundation

/// Units and people as offices keep them in spreadsheets (UTF-8 CSV with a header row):
///
/// - units:  `id,name,type,group,parent,office`
/// - people: `id,name,unit,roles,phone,email` (roles separated by `;`, e.g. `clerk;unit_leader`)
///
/// Columns may come in any order; empty cells are absent values. Each row becomes the same
/// record a JSON line would.
enum CSVRecords {
    static let unitColumns: Set<String> = ["id", "name", "type", "group", "parent", "office"]
    static let personColumns: Set<String> = ["id", "name", "unit", "roles", "phone", "email"]

    /// Every data row as (line number, parsed record or the field error).
    static func read(_ url: URL) throws -> [(Int, Result<Record, FieldError>)] {
        let data = try Data(contentsOf: url)
        guard let text = String(data: data, encoding: .utf8) else {
            return [(1, .failure(FieldError("", "不是有效的 UTF-8 文本（请另存为 UTF-8 编码的 CSV）")))]
        }
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        guard !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [] }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: body, hasHeaderRow: true)
        } catch {
            return [(1, .failure(FieldError("", "无法读取 CSV：\(error)")))]
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        let columns = Set(header)
        let kind: RecordKind
        let required: Set<String>
        if columns.isSubset(of: unitColumns), columns.contains("type") || columns.contains("office") {
            kind = .unit
            required = ["id", "name", "type", "group", "office"]
        } else if columns.isSubset(of: personColumns), columns.contains("roles") || columns.contains("unit") {
            kind = .person
            required = ["id", "name", "unit", "roles"]
        } else {
            let unknown = columns.subtracting(unitColumns.union(personColumns)).sorted()
            let reason = unknown.isEmpty ? "表头既不是单位表也不是人员表" : "未知列：\(unknown.joined(separator: ", "))"
            return [(1, .failure(FieldError("", "\(reason)（单位表：\(unitColumns.sorted().joined(separator: ","))；人员表：\(personColumns.sorted().joined(separator: ","))）")))]
        }
        let absent = required.subtracting(columns).sorted()
        if !absent.isEmpty { return [(1, .failure(FieldError(absent[0], "缺少这一列")))] }
        var out: [(Int, Result<Record, FieldError>)] = []
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard row.count == header.count else {
                out.append((line, .failure(FieldError("", "应有 \(header.count) 列，实际 \(row.count) 列"))))
                continue
            }
            var object: [(key: String, value: JSONLine)] = [("kind", .string(kind.rawValue))]
            for (name, value) in zip(header, row) {
                let v = value.trimmingCharacters(in: .whitespaces)
                guard !v.isEmpty else { continue }
                object.append((name, name == "roles"
                    ? .array(v.split(whereSeparator: { ";|、，,".contains($0) }).map { .string($0.trimmingCharacters(in: .whitespaces)) })
                    : .string(v)))
            }
            do { out.append((line, .success(try RecordDecoder.decode(object: object)))) } catch { out.append((line, .failure(error))) }
        }
        return out
    }
}
