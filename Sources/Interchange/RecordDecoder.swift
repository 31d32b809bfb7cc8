package import Domain
import Foundation
import Tagged
import WorkingDays

/// Reads one line of the JSON Lines interchange format into a record, checking every field
/// (types, formats, lengths, impossible times, unknown fields). References to other records
/// are checked later, by the importer.
package enum RecordDecoder {
    /// Lines longer than this are refused before parsing (a record is a few KiB at most).
    package static let maxLineBytes = 1 << 20

    package static func decode(line bytes: [UInt8]) throws(FieldError) -> Record {
        try decode(line: bytes[...])
    }

    package static func decode(line bytes: ArraySlice<UInt8>) throws(FieldError) -> Record {
        guard bytes.count <= maxLineBytes else {
            throw FieldError("", "行过长：\(bytes.count) 字节（每行最多 \(maxLineBytes) 字节）")
        }
        let parsed: Result<JSONLine, FieldError> = bytes.withUnsafeBufferPointer { buffer in
            guard String(validating: buffer, as: UTF8.self) != nil else { return .failure(FieldError("", "不是有效的 UTF-8 文本")) }
            do throws(JSONLine.SyntaxError) {
                return .success(try JSONLine.parse(buffer))
            } catch {
                return .failure(FieldError("", "不是有效的 JSON（第 \(error.offset + 1) 个字节：\(error.reason)）"))
            }
        }
        guard case .object(let fields) = try parsed.get() else { throw FieldError("", "每行应为一个 JSON 对象") }
        return try decode(object: fields)
    }

    static func decode(object: [(key: String, value: JSONLine)]) throws(FieldError) -> Record {
        var f = JSONFields(object)
        let kind = try f.enumeration("kind", RecordKind.self)
        let record: Record
        switch kind {
        case .office: record = .office(try office(&f))
        case .unit: record = .unit(try unit(&f))
        case .person: record = .person(try person(&f))
        case .publication: record = .publication(try publication(&f))
        case .commission: record = .commission(try commission(&f))
        case .submission: record = .submission(try submission(&f))
        case .adoption: record = .adoption(try adoption(&f))
        case .forwarding: record = .forwarding(try forwarding(&f))
        case .instruction: record = .instruction(try instruction(&f))
        case .reply: record = .reply(try reply(&f))
        case .answer: record = .answer(try answer(&f))
        case .emergency: record = .emergency(try emergency(&f))
        case .absence: record = .absence(try absence(&f))
        case .quota: record = .quota(try quota(&f))
        case .meeting: record = .meeting(try meeting(&f))
        }
        try f.finish()
        return record
    }

    static func officeID(_ f: inout JSONFields, _ key: String) throws(FieldError) -> OfficeID? {
        guard let s = try f.optionalString(key, max: 32) else { return nil }
        guard let id = OfficeID(s) else { throw FieldError(f.name(key), "办公室编号 '\(s)' 无效（小写字母、数字和连字符，最多32个字符）") }
        return id
    }

    static func office(_ f: inout JSONFields) throws(FieldError) -> Office {
        guard let id = try officeID(&f, "id") else { throw FieldError("id", "缺少必填字段") }
        let o = Office(id: id, name: try f.string("name"), parent: try officeID(&f, "parent"))
        if o.parent == o.id { throw FieldError("parent", "不能是自身") }
        return o
    }

    static func unit(_ f: inout JSONFields) throws(FieldError) -> Domain.Unit {
        let id = try f.id("id")
        let u = Domain.Unit(id: UnitID(rawValue: id), name: try f.string("name"), kind: try f.enumeration("type", UnitKind.self),
                            group: try f.string("group", max: 40), parent: try f.optionalID("parent").map { UnitID(rawValue: $0) },
                            office: try required(officeID(&f, "office"), "office"))
        if u.parent?.rawValue == id { throw FieldError("parent", "不能是自身") }
        return u
    }

    static func person(_ f: inout JSONFields) throws(FieldError) -> Person {
        let id = try f.id("id")
        let name = try f.string("name", max: 60)
        let unit = try f.id("unit")
        var roles: Set<Role> = []
        for (i, v) in try f.list("roles", required: true, max: 8).enumerated() {
            guard case .string(let s) = v, let r = Role(rawValue: s) else {
                let shown = if case .string(let s) = v { s } else { JSONFields.typeName(v) }
                throw FieldError("roles[\(i)]", "未知角色 '\(shown)'（可选：\(Role.allCases.map(\.rawValue).joined(separator: ", "))）")
            }
            roles.insert(r)
        }
        let email = try f.optionalString("email", max: 120)
        if let email, !email.contains("@") { throw FieldError("email", "不是有效的电子邮件地址：'\(email)'") }
        return Person(id: PersonID(rawValue: id), name: name, unit: UnitID(rawValue: unit), roles: roles, phone: try f.optionalString("phone", max: 40), email: email)
    }

    static func publication(_ f: inout JSONFields) throws(FieldError) -> Publication {
        Publication(id: try f.id("id"), name: try f.string("name", max: 100), level: try f.enumeration("level", Level.self),
                    kind: try f.enumeration("type", PublicationKind.self), office: try officeID(&f, "office"))
    }

    static func commission(_ f: inout JSONFields) throws(FieldError) -> Commission {
        let c = Commission(id: try f.id("id"), office: try required(officeID(&f, "office"), "office"), topic: try f.string("topic", max: 500),
                           units: try f.ids("units", required: true).map { UnitID(rawValue: $0) }, assignedAt: try f.instant("assigned_at"),
                           due: try f.instant("due_at"))
        if c.due <= c.assignedAt { throw FieldError("due_at", "截止时间应晚于下达时间") }
        return c
    }

    static func required<T>(_ value: T?, _ field: String) throws(FieldError) -> T {
        guard let value else { throw FieldError(field, "缺少必填字段") }
        return value
    }
}
