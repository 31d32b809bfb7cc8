package import Assessment
package import Domain
import PostgresNIO
import Tagged
import WorkingDays

/// Stored assessment runs in PostgreSQL. A save is one transaction on one pooled
/// connection: the header, then the ledger in chunks and the results, each chunk one
/// INSERT of array columns (`unnest`). A run's reads share one snapshot.
extension PostgresStore: AssessmentRunStore {
    /// Ledger lines per INSERT when saving and per query when reading.
    static let ledgerChunk = 50_000

    package func save(_ run: AssessmentRun) async throws {
        let header = run.header
        let ruleFiles = try RunRows.json(run.ruleFiles)
        let results = try ResultArrays(run.results)
        try await transaction { conn in
            do {
                let inserted = try await conn.integer("""
                    WITH ins AS (
                      INSERT INTO assessment_runs (id, office, period, as_of, created_at, input_digest, rule_version, rule_files, pending,
                        ledger_lines, points)
                      VALUES (\(run.id), \(run.office.rawValue), \(run.period.description), \(InstantParam(run.asOf)),
                              \(InstantParam(run.createdAt)), \(run.inputDigest), \(run.ruleVersion), \(ruleFiles), \(run.pending),
                              \(header.ledgerLines), \(header.points))
                      ON CONFLICT (id) DO NOTHING
                      RETURNING 1)
                    SELECT count(*) FROM ins
                    """)
                guard inserted == 1 else { throw StoreError.constraint("考核运行 \(run.id) 已存在") }
                for start in stride(from: 0, to: run.ledger.count, by: Self.ledgerChunk) {
                    try await Self.insert(run.ledger[start..<min(start + Self.ledgerChunk, run.ledger.count)], run: run.id, conn)
                }
                try await results.insert(run: run.id, conn)
            } catch where sqlState(error)?.hasPrefix("23") == true {
                throw StoreError.constraint(describe(error))
            }
        }
    }

    /// Inserts `lines` (a slice of the ledger, positioned by their indices) in one statement.
    private static func insert(_ lines: ArraySlice<LedgerLine>, run: String, _ conn: PostgresConnection) async throws {
        let n = lines.count
        var unit = ArrayParam(.text, capacity: n), person = ArrayParam(.text, capacity: n), source = ArrayParam(.text, capacity: n)
        var function = ArrayParam(.text, capacity: n), code = ArrayParam(.text, capacity: n), reason = ArrayParam(.text, capacity: n)
        var day = ArrayParam(.date, capacity: n)
        var points: [Double] = []
        points.reserveCapacity(n)
        for l in lines {
            unit.append(l.unit.rawValue)
            person.append(l.person?.rawValue)
            source.append(l.source)
            function.append(l.function)
            code.append(l.code)
            points.append(l.points)
            reason.append(l.reason)
            day.append(l.date)
        }
        try await conn.run("""
            INSERT INTO assessment_ledger (run, position, unit, person, source, function, code, points, reason, day)
            SELECT \(run), \(lines.startIndex - 1) + x.ord, x.unit, x.person, x.source, x.function, x.code, x.points, x.reason, x.day
            FROM unnest(\(unit)::text[], \(person)::text[], \(source)::text[], \(function)::text[], \(code)::text[], \(points)::float8[],
                        \(reason)::text[], \(day)::date[]) WITH ORDINALITY AS x(unit, person, source, function, code, points, reason, day, ord)
            """)
    }

    package func run(id: String) async throws -> AssessmentRun? {
        try await transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { conn in
            let columns = RunRows.headerColumns + ["rule_files", "pending"]
            let c = try await conn.arrayColumns("""
                SELECT \(unescaped: RunRows.arrays(columns))
                FROM (SELECT \(unescaped: columns.joined(separator: ", ")) FROM assessment_runs WHERE id = \(id)) r
                """)
            guard let header = try RunRows.headers(c).first else { return nil }
            var ledger: [LedgerLine] = []
            ledger.reserveCapacity(header.ledgerLines)
            for start in stride(from: 0, to: header.ledgerLines, by: Self.ledgerChunk) {
                ledger += try RunRows.ledger(try await conn.arrayColumns("""
                    SELECT \(unescaped: RunRows.arrays(RunRows.ledgerColumns))
                    FROM (SELECT \(unescaped: RunRows.ledgerColumns.joined(separator: ", ")) FROM assessment_ledger
                          WHERE run = \(id) AND position >= \(start) AND position < \(start + Self.ledgerChunk) ORDER BY position) r
                    """))
            }
            let results = try RunRows.results(try await conn.arrayColumns("""
                SELECT \(unescaped: RunRows.arrays(RunRows.resultColumns))
                FROM (SELECT \(unescaped: RunRows.resultColumns.joined(separator: ", ")) FROM assessment_results
                      WHERE run = \(id) ORDER BY position) r
                """))
            return AssessmentRun(id: id, office: header.office, period: header.period, asOf: header.asOf, createdAt: header.createdAt,
                                 inputDigest: header.inputDigest, ruleVersion: header.ruleVersion,
                                 ruleFiles: try RunRows.decode(try c[9].strings()[0]), ledger: ledger, results: results,
                                 pending: Int(try c[10].integers()[0]))
        }
    }

    package func runs(office: OfficeID?, period: Period?) async throws -> [AssessmentRunHeader] {
        try await transaction("BEGIN READ ONLY") { conn in
            try RunRows.headers(try await conn.arrayColumns("""
                SELECT \(unescaped: RunRows.arrays(RunRows.headerColumns))
                FROM (SELECT \(unescaped: RunRows.headerColumns.joined(separator: ", ")) FROM assessment_runs
                      WHERE (\(office?.rawValue)::text IS NULL OR office = \(office?.rawValue))
                        AND (\(period?.description)::text IS NULL OR period = \(period?.description))
                      ORDER BY created_at DESC, id DESC) r
                """))
        }
    }

    package func ledger(run: String, unit: UnitID?, person: PersonID?) async throws -> [LedgerLine] {
        // One run's lines by the primary key (run, position), filtered: no index on unit or person
        // (they would cost more on every save than scanning one run costs here).
        var binds = PostgresBindings()
        binds.append(run)
        var filter = "run = $1"
        if let unit {
            binds.append(unit.rawValue)
            filter += " AND unit = $\(binds.count)"
        }
        if let person {
            binds.append(person.rawValue)
            filter += " AND person = $\(binds.count)"
        }
        let sql = "SELECT \(RunRows.arrays(RunRows.ledgerColumns)) FROM (SELECT \(RunRows.ledgerColumns.joined(separator: ", "))"
            + " FROM assessment_ledger WHERE \(filter) ORDER BY position) r"
        return try await transaction("BEGIN READ ONLY") { conn in
            try RunRows.ledger(try await conn.arrayColumns(PostgresQuery(unsafeSQL: sql, binds: binds)))
        }
    }

    package func deleteRun(id: String) async throws -> Bool {
        try await transaction { conn in
            try await conn.integer("WITH d AS (DELETE FROM assessment_runs WHERE id = \(id) RETURNING 1) SELECT count(*) FROM d") == 1
        }
    }
}
