import Tagged
import Domain
import LuaHost
import WorkingDays

/// A returned value that breaks the function's contract, with the path to the bad field.
struct ContractViolation: Error {
    var path: String
    var reason: String
}

/// Turns what rule functions return into Swift values, checking every field.
enum RuleOutputs {
    static let maxLinesPerCall = 1000

    /// `score`/`compliance`: nil (no points) or a list of lines
    /// `{code=, points=, reason=, date=?, unit=?, person=?}`.
    static func lines(_ r: inout LuaTapeReader, into lines: inout [ScoreLine]) throws(ContractViolation) {
        guard let first = r.nextKind() else { return }
        switch first {
        case .nil: return
        case .tableStart: break
        default: throw ContractViolation(path: "result", reason: "must be a list of lines or nil, got a \(typeName(r.token))")
        }
        var index = 0
        while let kind = r.nextKind(), kind != .tableEnd {
            index += 1
            guard kind == .tableStart else {
                if kind == .key {
                    throw ContractViolation(path: "result.\(r.string)", reason: "must be a list of lines (found a field; return { line1, line2 })")
                }
                throw ContractViolation(path: "result[\(index)]", reason: "must be a table, got a \(typeName(r.token))")
            }
            guard index <= maxLinesPerCall else {
                throw ContractViolation(path: "result", reason: "more than \(maxLinesPerCall) lines")
            }
            lines.append(try line(&r, path: "result[\(index)]"))
        }
    }

    private static func line(_ r: inout LuaTapeReader, path: @autoclosure () -> String) throws(ContractViolation) -> ScoreLine {
        var code: String?
        var points: Double?
        var reason: String?
        var date: Day?
        var unit: UnitID?
        var person: PersonID?
        while let kind = r.nextKind(), kind != .tableEnd {
            guard kind == .key else {
                throw ContractViolation(path: path(), reason: "a line is a table of named fields (code, points, reason…), not a list")
            }
            let field: Field?
            if r.stringEquals("code") { field = .code } else if r.stringEquals("points") { field = .points }
            else if r.stringEquals("reason") { field = .reason } else if r.stringEquals("date") { field = .date }
            else if r.stringEquals("unit") { field = .unit } else if r.stringEquals("person") { field = .person }
            else { field = nil }
            let name = field == nil ? r.string : ""
            let valueKind = r.nextKind() ?? .nil
            func bad(_ f: String, _ reason: String) -> ContractViolation {
                ContractViolation(path: "\(path()).\(f)", reason: "\(reason), got \(describe(r.token))")
            }
            switch field {
            case .code:
                guard valueKind == .string else { throw bad("code", "must be a non-empty string of at most 32 bytes") }
                let s = r.string
                guard (1...32).contains(s.utf8.count) else { throw bad("code", "must be a non-empty string of at most 32 bytes") }
                code = s
            case .points:
                guard valueKind == .integer || valueKind == .number, r.number.isFinite else { throw bad("points", "must be a finite number") }
                points = r.number
            case .reason:
                guard valueKind == .string else { throw bad("reason", "must be a non-empty string of at most 500 bytes") }
                let s = r.string
                guard !s.isEmpty, s.utf8.count <= 500 else { throw bad("reason", "must be a non-empty string of at most 500 bytes") }
                reason = s
            case .date:
                guard valueKind == .string, let d = Day(iso: r.string) ?? Instant(iso: r.string)?.day else {
                    throw bad("date", "must be a date 'YYYY-MM-DD'")
                }
                date = d
            case .unit:
                guard valueKind == .string, !r.string.isEmpty else { throw bad("unit", "must be a unit id string") }
                unit = UnitID(rawValue: r.string)
            case .person:
                guard valueKind == .string, !r.string.isEmpty else { throw bad("person", "must be a person id string") }
                person = PersonID(rawValue: r.string)
            case nil:
                throw ContractViolation(path: "\(path()).\(name)", reason: "unknown field (a line has code, points, reason, date, unit, person)")
            }
        }
        guard let code else { throw ContractViolation(path: "\(path()).code", reason: "is required") }
        guard let points else { throw ContractViolation(path: "\(path()).points", reason: "is required") }
        guard let reason else { throw ContractViolation(path: "\(path()).reason", reason: "is required") }
        return ScoreLine(code: code, points: points, reason: reason, date: date, unit: unit, person: person)
    }

    private enum Field { case code, points, reason, date, unit, person }

    /// `assess`: `{grade=?, veto=?, reasons=?, reward=?, penalty=?, converted=?}`.
    static func decision(_ v: LuaValue) throws(ContractViolation) -> AssessmentDecision {
        guard case .table(let f) = v else {
            throw ContractViolation(path: "result", reason: "must be a table like { grade = \"合格\", veto = false }, got \(describe(v))")
        }
        var d = AssessmentDecision()
        for (key, value) in f {
            let p = "result.\(key)"
            switch key {
            case "grade": d.grade = try optionalString(value, p)
            case "reward": d.reward = try optionalString(value, p)
            case "penalty": d.penalty = try optionalString(value, p)
            case "veto":
                guard case .bool(let b) = value else { throw ContractViolation(path: p, reason: "must be true or false, got \(describe(value))") }
                d.veto = b
            case "reasons":
                guard let list = value.arrayValue else { throw ContractViolation(path: p, reason: "must be a list of strings, got \(describe(value))") }
                d.reasons = try list.enumerated().map { (i, x) throws(ContractViolation) in
                    guard case .string(let s) = x else { throw ContractViolation(path: "\(p)[\(i + 1)]", reason: "must be a string, got \(describe(x))") }
                    return s
                }
            case "converted":
                guard let n = value.doubleValue, n.isFinite else { throw ContractViolation(path: p, reason: "must be a number, got \(describe(value))") }
                d.converted = n
            default:
                throw ContractViolation(path: p, reason: "unknown field (assess returns grade, veto, reasons, reward, penalty, converted)")
            }
        }
        return d
    }

    /// `deadline`: nil (no deadline) or `{due=, phone_due=?, basis=?, reminders=?}`.
    static func deadline(_ v: LuaValue) throws(ContractViolation) -> DeadlineDecision? {
        if case .nil = v { return nil }
        guard case .table(let f) = v else {
            throw ContractViolation(path: "result", reason: "must be nil or a table like { due = ..., reminders = {...} }, got \(describe(v))")
        }
        guard let dueValue = f["due"] else { throw ContractViolation(path: "result.due", reason: "is required") }
        var d = DeadlineDecision(due: try instant(dueValue, "result.due"))
        for (key, value) in f {
            let p = "result.\(key)"
            switch key {
            case "due": break
            case "phone_due": d.phoneDue = try instant(value, p)
            case "basis": d.basis = try optionalString(value, p)
            case "reminders":
                guard let list = value.arrayValue else { throw ContractViolation(path: p, reason: "must be a list, got \(describe(value))") }
                guard list.count <= 50 else { throw ContractViolation(path: p, reason: "at most 50 reminders") }
                for (i, item) in list.enumerated() {
                    let ip = "\(p)[\(i + 1)]"
                    guard case .table(let r) = item else { throw ContractViolation(path: ip, reason: "must be a table { at =, to =, note = }") }
                    for k in r.keys where !["at", "to", "note"].contains(k) {
                        throw ContractViolation(path: "\(ip).\(k)", reason: "unknown field (a reminder has at, to, note)")
                    }
                    let to = try optionalString(r["to"] ?? .nil, "\(ip).to") ?? "reporter"
                    guard ["reporter", "handler", "unit_leader", "office"].contains(to) else {
                        throw ContractViolation(path: "\(ip).to", reason: "must be reporter, handler, unit_leader or office, got '\(to)'")
                    }
                    d.reminders.append(.init(at: try instant(r["at"] ?? .nil, "\(ip).at"), to: to,
                                             note: try optionalString(r["note"] ?? .nil, "\(ip).note") ?? ""))
                }
            default:
                throw ContractViolation(path: p, reason: "unknown field (deadline returns due, phone_due, basis, reminders)")
            }
        }
        return d
    }

    private static func optionalString(_ v: LuaValue, _ path: String) throws(ContractViolation) -> String? {
        switch v {
        case .nil: return nil
        case .string(let s): return s
        default: throw ContractViolation(path: path, reason: "must be a string, got \(describe(v))")
        }
    }

    private static func instant(_ v: LuaValue, _ path: String) throws(ContractViolation) -> Instant {
        guard case .string(let s) = v, let t = Instant(iso: s) else {
            throw ContractViolation(path: path, reason: "must be a time like 2026-03-02T17:30:00+08:00, got \(describe(v))")
        }
        return t
    }

    static func describe(_ v: LuaValue) -> String {
        switch v {
        case .string(let s): "'\(s.prefix(40))'"
        case .integer(let i): String(i)
        case .number(let d): String(d)
        case .bool(let b): String(b)
        case .nil: "nil"
        case .array, .table: "a table"
        }
    }

    static func describe(_ t: LuaTapeReader.Token) -> String {
        switch t {
        case .string(let s): "'\(s.prefix(40))'"
        case .integer(let i): String(i)
        case .number(let d): String(d)
        case .bool(let b): String(b)
        case .nil: "nil"
        case .tableStart, .tableEnd, .key: "a table"
        }
    }

    static func typeName(_ t: LuaTapeReader.Token) -> String {
        switch t {
        case .string: "string"
        case .integer, .number: "number"
        case .bool: "boolean"
        case .nil: "nil"
        case .tableStart, .tableEnd, .key: "table"
        }
    }
}
