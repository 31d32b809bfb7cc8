import Assessment
import Domain
import Foundation
import Tagged
import WorkingDays

/// Stored assessment runs as the PostgreSQL store reads and writes them: every read answers
/// one row of array columns (`ArrayColumn`), decoded here column by column; a result's
/// maps and lists are JSON text.
enum RunRows {
    static let headerColumns = ["id", "office", "period", "as_of", "created_at", "input_digest", "rule_version", "ledger_lines", "points"]
    static let ledgerColumns = ["unit", "person", "source", "function", "code", "points", "reason", "day"]
    static let resultColumns = [
        "subject", "id", "name", "grp", "points", "rank", "group_size", "submitted", "adopted", "instructions", "compliance", "grade",
        "veto", "reasons", "reward", "penalty", "converted",
    ]

    /// `array_agg(c1), array_agg(c2), …`: selected from a subquery `r` that selects `columns`
    /// in order, its rows as one row of arrays.
    static func arrays(_ columns: [String]) -> String {
        columns.map { "array_agg(r.\($0))" }.joined(separator: ", ")
    }

    /// Headers from the columns of `headerColumns` (further columns after them are left alone).
    static func headers(_ c: [ArrayColumn]) throws -> [AssessmentRunHeader] {
        guard c.count >= headerColumns.count else { throw DecodeFailure(message: "expected \(headerColumns.count) columns, got \(c.count)") }
        let ids = try c[0].strings(), offices = try c[1].strings(), periods = try c[2].strings(), asOf = try c[3].instants()
        let created = try c[4].instants(), digests = try c[5].strings(), versions = try c[6].strings(), lines = try c[7].integers()
        let points = try c[8].doubles()
        return try ids.indices.map { k in
            guard let office = OfficeID(offices[k]) else { throw DecodeFailure(message: "run \(ids[k]): bad office") }
            guard let period = Period(periods[k]) else { throw DecodeFailure(message: "run \(ids[k]): bad period") }
            return AssessmentRunHeader(id: ids[k], office: office, period: period, asOf: asOf[k], createdAt: created[k],
                                       inputDigest: digests[k], ruleVersion: versions[k], ledgerLines: Int(lines[k]), points: points[k])
        }
    }

    /// Ledger lines from the columns of `ledgerColumns`.
    static func ledger(_ c: [ArrayColumn]) throws -> [LedgerLine] {
        guard c.count >= ledgerColumns.count else { throw DecodeFailure(message: "expected \(ledgerColumns.count) columns, got \(c.count)") }
        let units = try c[0].strings(), persons = try c[1].texts().optionals(), sources = try c[2].strings(), functions = try c[3].strings()
        let codes = try c[4].strings(), points = try c[5].doubles(), reasons = try c[6].strings(), days = try c[7].days()
        return units.indices.map { k in
            LedgerLine(unit: UnitID(rawValue: units[k]), person: persons[k].map(PersonID.init(rawValue:)), source: sources[k],
                       function: functions[k], code: codes[k], points: points[k], reason: reasons[k], date: days[k])
        }
    }

    /// Results from the columns of `resultColumns`.
    static func results(_ c: [ArrayColumn]) throws -> [SubjectResult] {
        guard c.count >= resultColumns.count else { throw DecodeFailure(message: "expected \(resultColumns.count) columns, got \(c.count)") }
        let subjects = try c[0].strings(), ids = try c[1].strings(), names = try c[2].strings(), groups = try c[3].strings()
        let points = try c[4].doubles(), ranks = try c[5].integers(), sizes = try c[6].integers(), submitted = try c[7].integers()
        let adopted = try c[8].strings(), instructions = try c[9].strings(), compliance = try c[10].strings()
        let grades = try c[11].texts().optionals(), vetoes = try c[12].bools(), reasons = try c[13].strings()
        let rewards = try c[14].texts().optionals(), penalties = try c[15].texts().optionals(), converted = try c[16].optionalDoubles()
        return try ids.indices.map { k in
            guard let subject = AssessmentSummary.Subject(rawValue: subjects[k]) else { throw DecodeFailure(message: "bad subject") }
            let decision = AssessmentDecision(grade: grades[k], veto: vetoes[k], reasons: try decode(reasons[k]), reward: rewards[k],
                                              penalty: penalties[k], converted: converted[k])
            return SubjectResult(subject: subject, id: ids[k], name: names[k], group: groups[k], points: points[k], rank: Int(ranks[k]),
                                 groupSize: Int(sizes[k]), submitted: Int(submitted[k]), adopted: try decode(adopted[k]),
                                 instructions: try decode(instructions[k]), compliance: try decode(compliance[k]), decision: decision)
        }
    }

    /// `value` as JSON text, object keys sorted (equal values, equal text).
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ text: String) throws -> T {
        do { return try JSONDecoder().decode(T.self, from: Data(text.utf8)) } catch { throw DecodeFailure(message: "bad JSON: \(text)") }
    }
}

extension ArrayColumn {
    /// The elements of a `double precision` array without NULLs.
    func doubles() throws -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(count)
        try forEach { out.append(try Self.double($0)) }
        return out
    }

    /// The elements of a `double precision` array, nil for NULL.
    func optionalDoubles() throws -> [Double?] {
        var out: [Double?] = []
        out.reserveCapacity(count)
        try forEach { out.append(try $0.map(Self.double)) }
        return out
    }

    private static func double(_ bytes: UnsafeRawBufferPointer?) throws -> Double {
        guard let bytes, bytes.count == 8 else { throw DecodeFailure(message: "bad double precision") }
        return Double(bitPattern: UInt64(bigEndian: bytes.loadUnaligned(as: UInt64.self)))
    }
}

extension TextColumn {
    /// The column row by row, nil for NULL.
    func optionals() -> [String?] {
        refs.map { $0 < 0 ? nil : values[Int($0)] }
    }
}
