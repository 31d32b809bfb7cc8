package import Assessment
package import Domain
import GRDB
import Tagged
import WorkingDays

/// Stored assessment runs in SQLite. A save is one `BEGIN IMMEDIATE` transaction that
/// inserts the ledger and results through one prepared statement each; reads see one
/// snapshot.
extension SQLiteStore: AssessmentRunStore {
    package func save(_ run: AssessmentRun) async throws {
        let header = run.header
        let ruleFiles = try SQLiteRunRows.json(run.ruleFiles)
        try await immediate { db in
            do {
                try db.execute(sql: """
                    INSERT INTO assessment_runs (id, office, period, as_of, created_at, input_digest, rule_version, rule_files, pending,
                      ledger_lines, points)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
                    """, arguments: [run.id, run.office.rawValue, run.period.description, run.asOf.seconds, run.createdAt.seconds,
                                     run.inputDigest, run.ruleVersion, ruleFiles, run.pending, header.ledgerLines, header.points])
                guard db.changesCount == 1 else { throw StoreError.constraint("考核运行 \(run.id) 已存在") }
                // A million lines and more: bound through the C API (no per-row argument array);
                // a binding stays until rebound, so the run id is bound once.
                let line = try SQLiteStatement(db, """
                    INSERT INTO assessment_ledger (run, position, unit, person, source, function, code, points, reason, day)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                line.bind(1, run.id)
                for (k, l) in run.ledger.enumerated() {
                    line.bind(2, k)
                    line.bind(3, l.unit.rawValue)
                    line.bind(4, l.person?.rawValue)
                    line.bind(5, l.source)
                    line.bind(6, l.function)
                    line.bind(7, l.code)
                    line.bind(8, l.points)
                    line.bind(9, l.reason)
                    line.bind(10, l.date.ordinal)
                    try line.run()
                }
                let result = try db.cachedStatement(sql: """
                    INSERT INTO assessment_results (run, position, \(SQLiteRunRows.resultColumns))
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for (k, r) in run.results.enumerated() {
                    let d = r.decision
                    try result.execute(arguments: [
                        run.id, k, r.subject.rawValue, r.id, r.name, r.group, r.points, r.rank, r.groupSize, r.submitted,
                        try SQLiteRunRows.json(r.adopted), try SQLiteRunRows.json(r.instructions), try SQLiteRunRows.json(r.compliance),
                        d.grade, d.veto, try SQLiteRunRows.json(d.reasons), d.reward, d.penalty, d.converted,
                    ])
                }
            } catch let e as DatabaseError where e.resultCode == .SQLITE_CONSTRAINT {
                throw StoreError.constraint(e.message ?? "\(e)")
            }
        }
    }

    package func run(id: String) async throws -> AssessmentRun? {
        try await pool.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT \(SQLiteRunRows.headerColumns), rule_files, pending FROM assessment_runs WHERE id = ?
                """, arguments: [id])
            else { return nil }
            let header = try SQLiteRunRows.header(row)
            var ledger: [LedgerLine] = []
            ledger.reserveCapacity(header.ledgerLines)
            let lines = try Row.fetchCursor(db, sql: """
                SELECT \(SQLiteRunRows.ledgerColumns) FROM assessment_ledger WHERE run = ? ORDER BY position
                """, arguments: [id])
            while let line = try lines.next() { ledger.append(SQLiteRunRows.ledgerLine(line)) }
            let results = try Row.fetchAll(db, sql: """
                SELECT \(SQLiteRunRows.resultColumns) FROM assessment_results WHERE run = ? ORDER BY position
                """, arguments: [id]).map { try SQLiteRunRows.result($0, run: id) }
            return AssessmentRun(id: id, office: header.office, period: header.period, asOf: header.asOf, createdAt: header.createdAt,
                                 inputDigest: header.inputDigest, ruleVersion: header.ruleVersion,
                                 ruleFiles: try SQLiteRunRows.decode(row[9], run: id), ledger: ledger, results: results, pending: row[10])
        }
    }

    package func runs(office: OfficeID?, period: Period?) async throws -> [AssessmentRunHeader] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(SQLiteRunRows.headerColumns) FROM assessment_runs
                WHERE (?1 IS NULL OR office = ?1) AND (?2 IS NULL OR period = ?2) ORDER BY created_at DESC, id DESC
                """, arguments: [office?.rawValue, period?.description]).map(SQLiteRunRows.header)
        }
    }

    package func ledger(run: String, unit: UnitID?, person: PersonID?) async throws -> [LedgerLine] {
        // One run's lines are read by the primary key (run, position) and filtered: no index
        // on unit or person, as keeping them would cost more on every save (about 3 s for a
        // province year's 600,000 lines) than scanning a run costs here (about 0.05 s).
        var sql = "SELECT \(SQLiteRunRows.ledgerColumns) FROM assessment_ledger WHERE run = ?"
        var arguments: StatementArguments = [run]
        if let unit {
            sql += " AND unit = ?"
            arguments += [unit.rawValue]
        }
        if let person {
            sql += " AND person = ?"
            arguments += [person.rawValue]
        }
        return try await pool.read { [sql, arguments] db in
            try Row.fetchAll(db, sql: sql + " ORDER BY position", arguments: arguments).map(SQLiteRunRows.ledgerLine)
        }
    }

    package func deleteRun(id: String) async throws -> Bool {
        try await immediate { db in
            try db.execute(sql: "DELETE FROM assessment_runs WHERE id = ?", arguments: [id])
            return db.changesCount == 1
        }
    }
}
