import Assessment
import Domain
import Foundation
import GRDB
import Tagged
import WorkingDays

/// Stored assessment runs as SQLite rows: the columns each read selects, in the order the
/// decoders here read them, and the JSON text of a result's maps and lists.
enum SQLiteRunRows {
    static let headerColumns = "id, office, period, as_of, created_at, input_digest, rule_version, ledger_lines, points"
    static let ledgerColumns = "unit, person, source, function, code, points, reason, day"
    static let resultColumns = """
        subject, id, name, grp, points, rank, group_size, submitted, adopted, instructions, compliance, grade, veto, reasons,
        reward, penalty, converted
        """

    /// A stored run's header from its row.
    static func header(_ row: Row) throws -> AssessmentRunHeader {
        let id: String = row[0]
        guard let office = OfficeID(row[1]) else { throw damaged(id, "office") }
        guard let period = Period(row[2]) else { throw damaged(id, "period") }
        return AssessmentRunHeader(id: id, office: office, period: period, asOf: Instant(seconds: row[3]), createdAt: Instant(seconds: row[4]),
                                   inputDigest: row[5], ruleVersion: row[6], ledgerLines: row[7], points: row[8])
    }

    static func ledgerLine(_ row: Row) -> LedgerLine {
        LedgerLine(unit: UnitID(rawValue: row[0]), person: (row[1] as String?).map(PersonID.init(rawValue:)), source: row[2],
                   function: row[3], code: row[4], points: row[5], reason: row[6], date: Day(ordinal: row[7]))
    }

    static func result(_ row: Row, run: String) throws -> SubjectResult {
        guard let subject = AssessmentSummary.Subject(rawValue: row[0]) else { throw damaged(run, "subject") }
        let decision = AssessmentDecision(grade: row[11], veto: row[12], reasons: try decode(row[13], run: run), reward: row[14],
                                          penalty: row[15], converted: row[16])
        return SubjectResult(subject: subject, id: row[1], name: row[2], group: row[3], points: row[4], rank: row[5], groupSize: row[6],
                             submitted: row[7], adopted: try decode(row[8], run: run), instructions: try decode(row[9], run: run),
                             compliance: try decode(row[10], run: run), decision: decision)
    }

    /// `value` as JSON text, object keys sorted (equal values, equal text).
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ text: String, run: String) throws -> T {
        do { return try JSONDecoder().decode(T.self, from: Data(text.utf8)) } catch { throw damaged(run, "JSON") }
    }

    private static func damaged(_ run: String, _ what: String) -> DatabaseError {
        DatabaseError(resultCode: .SQLITE_CORRUPT, message: "考核运行 \(run) 的存储数据无法读取（\(what)）")
    }
}
