import Foundation
import PostgresStore
import Testing

/// `tally assess` end to end: the built executable on the 56-record fixture
/// `Fixtures/assessment-2026.jsonl` (3 counties, 4 departments, a year of adoptions,
/// 批示, 约稿, emergencies and quotas) with the repository's city rules. Every expected
/// number below was worked out by hand from rules/README.md's table (see the comments).
@Suite(.serialized) struct AssessScenarioTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/assessment-2026.jsonl")
    static let yearEnd = "2026-12-31T23:59:59+08:00"
    static let counties = ["qinghe", "pingshan", "linjiang"]
    static let departments = ["fgw", "yjj", "jyj", "wlj"]
    static let units = counties + departments

    // MARK: 1. The year run

    @Test func yearRunRanksEachGroupSharesTiesAndGivesTheGradeByEligibleRankPastAVetoedUnit() throws {
        let s = try Scenario()
        let (run, stdout, stderr) = try s.assessWithText("2026")
        #expect(run.period == "2026" && run.office == "city" && run.asOf == Self.yearEnd && run.pending == 0)
        #expect(Set(run.units.map(\.id)) == Set(Self.units))
        #expect(run.units.allSatisfy { Self.counties.contains($0.id) ? $0.group == "县区" && $0.groupSize == 3 : $0.group == "一类部门" && $0.groupSize == 4 })

        // 县区: linjiang 80 + 100 + 80 − 100 (瞒报) = 160, first but vetoed; qinghe 146 − 5 + 2 = 143
        // takes the only award place (25 % of 3 → 1, eligible rank 1); pingshan 3 − 10 − 2 = −9.
        let linjiang = run.unit("linjiang"), qinghe = run.unit("qinghe"), pingshan = run.unit("pingshan")
        #expect(linjiang.points == 160 && linjiang.rank == 1)
        #expect(linjiang.decision.veto && linjiang.decision.grade == "合格")
        #expect(linjiang.decision.reasons.contains { $0.contains("瞒报") }, "\(linjiang.decision.reasons)")
        #expect(linjiang.decision.penalty?.contains("取消年度评先评优资格") == true)
        #expect(linjiang.compliance["emergency.concealed"] == 1)
        #expect(qinghe.points == 143 && qinghe.rank == 2)
        #expect(!qinghe.decision.veto && qinghe.decision.grade == "先进一等")
        #expect(qinghe.decision.reasons.contains { $0.contains("剔除否决单位后排名第1") }, "\(qinghe.decision.reasons)")
        #expect(qinghe.decision.converted == 2.68)  // 3 × 143 / 160, to 0.01
        #expect(pingshan.points == -9 && pingshan.rank == 3 && pingshan.decision.grade == "合格" && !pingshan.decision.veto)
        #expect(pingshan.decision.converted == -0.17)

        // 一类部门: fgw 10 (C3) + 10 (L1) = 20; jyj and wlj 3 each, equal on points and
        // adoptions: both rank 2, next rank 4; yjj 10 − 20 (迟报 on the National Day holiday).
        let fgw = run.unit("fgw"), jyj = run.unit("jyj"), wlj = run.unit("wlj"), yjj = run.unit("yjj")
        #expect(fgw.points == 20 && fgw.rank == 1 && fgw.decision.grade == "先进一等" && fgw.decision.converted == 3)
        #expect(fgw.compliance == ["instruction_reply.on_time": 1], "the 批示 answered across the Spring Festival is on time")
        #expect(jyj.points == 3 && jyj.rank == 2 && jyj.decision.grade == "合格")
        #expect(wlj.points == 3 && wlj.rank == 2 && wlj.decision.grade == "合格")
        #expect(yjj.points == -10 && yjj.rank == 4 && yjj.decision.grade == "合格" && !yjj.decision.veto)
        #expect(yjj.compliance == ["emergency.late": 1])
        #expect(run.units.filter { $0.decision.grade == "先进一等" }.map(\.id).sorted() == ["fgw", "qinghe"])

        // Counts behind the 零报送/零采用 lists: every unit submitted and had something adopted
        // in 2026 (linjiang only by 国办), so the text report lists nobody.
        #expect(run.units.allSatisfy { $0.submitted >= 1 && $0.adopted.values.reduce(0, +) >= 1 })
        #expect(linjiang.adopted == ["state": 2] && linjiang.submitted == 2)
        #expect(qinghe.adopted == ["city": 1, "province": 1, "state": 1] && qinghe.submitted == 3)
        #expect(qinghe.instructions == ["city": 1, "province": 1])
        #expect(!stdout.contains("零报送") && !stdout.contains("零采用"))
        #expect(stdout.contains("【县区】3 个单位") && stdout.contains("【一类部门】4 个单位"))
        #expect(stderr.contains("完成"), "progress lines go to standard error: \(stderr)")

        // Persons: each clerk is ranked; none has the 5 adoptions an award needs.
        let persons = run.results.filter { $0.subject == "person" }
        #expect(persons.count == 7 && persons.allSatisfy { $0.group == "信息员" && $0.decision.veto && $0.decision.reward == nil })
        let zhao = try #require(persons.first { $0.id == "p-lj" })
        #expect(zhao.points == 260 && zhao.rank == 1, "the person ledger has the score lines, not the unit's penalties")
    }

    // MARK: 2. The ledger

    @Test func everyUnitsPointsAreTheSumOfItsLedgerAndEveryLineNamesItsRuleCodeAndFactDate() throws {
        let s = try Scenario()
        let run = try s.assess("2026")
        let itemUnits = try Self.fixtureItemUnits()
        for unit in run.units {
            let e = try s.explain(unit.id, run: run.id)
            let lines = try #require(e.lines)
            #expect(e.run == run.id && e.subject == unit.id && e.rank == unit.rank)
            #expect(abs(lines.map(\.points).reduce(0, +) - unit.points) < 1e-9, "\(unit.id): ledger \(lines.map(\.points)) vs \(unit.points)")
            #expect(e.total == unit.points)
            #expect(abs(e.groups.map(\.points).reduce(0, +) - unit.points) < 1e-9)
            #expect(e.groups.map(\.lines).reduce(0, +) == lines.count)
            for line in lines {
                #expect(line.unit == unit.id)
                #expect(!line.code.isEmpty && !line.reason.isEmpty)
                #expect(line.date.hasPrefix("2026-") && line.date.count == 10, "\(line)")
                // The function names the rule file the run recorded for it, and that file is
                // the one in the repository's rules.
                let file = try #require(run.ruleFiles[line.function], "\(line.function) has no rule file in \(run.ruleFiles)")
                #expect(file.hasPrefix("rules/city/") && FileManager.default.fileExists(atPath: Harness.root.appendingPathComponent(file).path), "\(file)")
                switch line.function {
                case "score":
                    let item = String(line.source.dropFirst("item:".count))
                    #expect(line.source.hasPrefix("item:") && itemUnits[item]?.contains(unit.id) == true, "\(line.source) is not an item of \(unit.id)")
                case "compliance":
                    #expect(["commission:", "instruction_reply:", "emergency:", "absence:", "quota:"].contains { line.source.hasPrefix($0) }, "\(line.source)")
                default:
                    Issue.record("unknown function \(line.function)")
                }
            }
        }
        #expect(run.ruleFiles["score"] == "rules/city/10_score.lua" && run.ruleFiles["compliance"] == "rules/city/20_compliance.lua")
        #expect(run.ledgerLines == 22)

        // qinghe: one item climbing city → province → 国办 with a city and a province 批示
        // (the province one counts in full, the city 主要领导's 20 at 50 %), then the 约稿
        // answered a working day late and the May quota met.
        let qinghe = try #require(try s.explain("qinghe", run: run.id).lines)
        let climb = qinghe.filter { $0.source == "item:I-climb" }
        #expect(climb.map { Pair($0.code, $0.points) } == [
            Pair("C2", 3), Pair("F1", 3), Pair("P2", 40), Pair("F2", 10), Pair("N1", 50), Pair("L2", 30), Pair("L1", 10),
        ])
        #expect(climb.map(\.date) == ["2026-03-03", "2026-03-04", "2026-03-10", "2026-03-12", "2026-03-20", "2026-03-15", "2026-03-05"])
        #expect(climb.map(\.points).reduce(0, +) == 146)
        #expect(climb.allSatisfy { $0.function == "score" && $0.person == "p-qh" })
        #expect(qinghe.first { $0.code == "L1" }?.reason.contains("50%") == true)
        let qingheCompliance = qinghe.filter { $0.function == "compliance" }.map { Triple($0.code, $0.points, $0.source) }
        #expect(qingheCompliance == [Triple("D1", -5, "commission:YG-1"), Triple("M1", 2, "quota:qinghe:2026-05")])
        #expect(qinghe.first { $0.code == "D1" }?.date == "2026-04-10")

        // pingshan: the 约稿 never answered, the May quota (2) missed with 1 item.
        let pingshan = try #require(try s.explain("pingshan", run: run.id).lines)
        #expect(pingshan.map { Triple($0.code, $0.points, $0.source) } == [
            Triple("C2", 3, "item:I-may-ps"), Triple("D2", -10, "commission:YG-1"), Triple("M2", -2, "quota:pingshan:2026-05"),
        ])

        // fgw: the urgent 批示 of 2026-02-12 was due 02-26 17:30 (春节 skipped) and answered
        // at 16:00 that day: no D3. yjj: 较大 emergency at 10:00 on 10-02, written due 11:00,
        // written 11:30: D4 −20 dated on the holiday.
        let fgw = try #require(try s.explain("fgw", run: run.id).lines)
        #expect(fgw.map { Pair($0.code, $0.points) } == [Pair("C3", 10), Pair("L1", 10)])
        #expect(fgw.allSatisfy { $0.date == "2026-02-12" })
        let yjj = try #require(try s.explain("yjj", run: run.id).lines)
        #expect(yjj.map { Triple($0.code, $0.points, $0.source) } == [Triple("C3", 10, "item:I-yj"), Triple("D4", -20, "emergency:E-holiday")])
        #expect(yjj.last?.date == "2026-10-02")
        let linjiang = try #require(try s.explain("linjiang", run: run.id).lines)
        #expect(linjiang.map { Pair($0.code, $0.points) } == [Pair("N2", 80), Pair("L3", 100), Pair("N2", 80), Pair("D6", -100)])
    }

    // MARK: 3. Reproducibility and compare

    @Test func sameInputsGiveTheSameRunAndCompareNamesTheUnitAndCodeAfterANewAdoption() throws {
        let s = try Scenario()
        let first = try s.assess("2026")
        let second = try s.assess("2026")
        #expect(first.id != second.id)
        #expect(first.inputDigest == second.inputDigest && first.ruleVersion == second.ruleVersion)
        #expect(first.results == second.results)
        #expect(first.ledgerLines == second.ledgerLines && first.pending == second.pending)
        for unit in Self.units { #expect(try s.explain(unit, run: first.id).lines == s.explain(unit, run: second.id).lines) }
        let same = try s.compare(first.id, second.id)
        #expect(same.sameInputs && same.sameRules && same.changes.isEmpty)
        let text = try s.ok(["assess", "compare", first.id, second.id]).stdout
        #expect(text.contains("结果完全相同"), "\(text)")

        // The province adopts wlj's item as a 专报 (P2 +40): wlj 3 → 43 goes first and takes
        // the award place from fgw; jyj, tied with wlj before, moves down a rank; yjj keeps
        // points and rank but its converted score (3 × points / best) follows the new best.
        let extra = s.h.dir.appendingPathComponent("late-adoption.jsonl")
        try #"{"kind":"adoption","id":"A-wl-prov","item":"I-wl","level":"province","publication":"prov-special","type":"special","date":"2026-09-20"}"#
            .write(to: extra, atomically: true, encoding: .utf8)
        _ = try s.ok(["import", extra.path, "--recorded-at", "none"])
        let third = try s.assess("2026")
        #expect(third.inputDigest != second.inputDigest && third.ruleVersion == second.ruleVersion)
        let diff = try s.compare(second.id, third.id)
        #expect(!diff.sameInputs && diff.sameRules)
        let units = diff.changes.filter { Self.units.contains($0.id) }
        #expect(units.map(\.id).sorted() == ["fgw", "jyj", "wlj", "yjj"], "\(diff.changes.map(\.id))")
        let wlj = try #require(units.first { $0.id == "wlj" })
        #expect(wlj.pointsBefore == 3 && wlj.pointsAfter == 43 && wlj.rankBefore == 2 && wlj.rankAfter == 1)
        #expect(wlj.gradeBefore == "合格" && wlj.gradeAfter == "先进一等")
        #expect(wlj.reasons.map { Triple($0.code, $0.points, "\($0.lines)") } == [Triple("P2", 40, "1")], "\(wlj.reasons)")
        let fgw = try #require(units.first { $0.id == "fgw" })
        #expect(fgw.pointsBefore == 20 && fgw.pointsAfter == 20 && fgw.rankBefore == 1 && fgw.rankAfter == 2)
        #expect(fgw.gradeBefore == "先进一等" && fgw.gradeAfter == "合格" && fgw.reasons.isEmpty)
        let jyj = try #require(units.first { $0.id == "jyj" })
        #expect(jyj.pointsAfter == 3 && jyj.rankBefore == 2 && jyj.rankAfter == 3 && jyj.reasons.isEmpty)
        let yjj = try #require(units.first { $0.id == "yjj" })
        #expect(yjj.pointsBefore == -10 && yjj.pointsAfter == -10 && yjj.rankBefore == 4 && yjj.rankAfter == 4 && yjj.reasons.isEmpty)
        #expect(second.unit("yjj").decision.converted == -1.5 && third.unit("yjj").decision.converted == -0.7)
        #expect(third.unit("fgw").decision.converted == 1.4 && third.unit("wlj").decision.converted == 3)
        // Persons: wlj's clerk (3 → 43) climbs from a shared 5th place to 3rd and pushes three
        // clerks down a place; the two county clerks ahead of them stay.
        let persons = diff.changes.filter { !Self.units.contains($0.id) }
        #expect(persons.map(\.id).sorted() == ["p-fg", "p-jy", "p-ps", "p-wl", "p-yj"])
        #expect(persons.first { $0.id == "p-wl" }.map { [$0.pointsBefore, $0.pointsAfter, Double($0.rankBefore), Double($0.rankAfter)] } == [3, 43, 5, 3])
        let moved = try s.ok(["assess", "compare", second.id, third.id]).stdout
        #expect(moved.contains("wlj") && moved.contains("P2"), "\(moved)")
        // Nothing else of the run moved.
        for r in third.results where ["qinghe", "pingshan", "linjiang", "p-qh", "p-lj"].contains(r.id) {
            #expect(second.results.first { $0.id == r.id && $0.subject == r.subject } == r)
        }
        #expect(try s.runs().count == 3)
    }

    // MARK: 4. SQLite and PostgreSQL

    @Test(.enabled(if: ProcessInfo.processInfo.environment["POSTGRES_URL"] != nil, "needs POSTGRES_URL"))
    func postgresGivesTheSameRunAndLedgerAsSQLite() async throws {
        let raw = ProcessInfo.processInfo.environment["POSTGRES_URL"]!
        let admin = try PostgresURL(raw)
        let url = try await PostgresAdmin.createDatabase(on: admin)
        do {
            var components = try #require(URLComponents(string: raw))
            components.path = "/" + url.database
            let pg = try Scenario(database: components.string!)
            let lite = try Scenario()
            for period in ["2026", "2026Q1"] {
                let a = try lite.assess(period), b = try pg.assess(period)
                #expect(a.inputDigest == b.inputDigest, "\(period): input digests differ")
                #expect(a.ruleVersion == b.ruleVersion && a.ruleFiles == b.ruleFiles)
                #expect(a.ledgerLines == b.ledgerLines && a.pending == b.pending)
                #expect(a.results == b.results, "\(period): results differ")
                for unit in Self.units {
                    let x = try lite.explain(unit, run: a.id), y = try pg.explain(unit, run: b.id)
                    #expect(x.lines == y.lines && x.groups == y.groups && x.total == y.total && x.rank == y.rank, "\(period) \(unit)")
                }
            }
            #expect(try pg.runs().map(\.period).sorted() == ["2026", "2026Q1"])
        } catch {
            try? await PostgresAdmin.dropDatabase(url.database, on: admin)
            throw error
        }
        try? await PostgresAdmin.dropDatabase(url.database, on: admin)
    }

    // MARK: 5. A rule change in the middle of the year

    @Test func aMidYearRuleAddsPointsOnlyToCityAdoptionsFromJulyOn() throws {
        let s = try Scenario()
        let before = try s.assess("2026")
        let rules = try s.copyRules()
        // Loaded after 10_score.lua (file-name order), in the same layer: wraps its score.
        try """
            -- From 2026-07-01 on, a city-level adoption earns 2 more points (H1).
            local base_score = score

            function score(item, ctx)
              local lines = base_score(item, ctx)
              local adoptions = item.adoptions
              for i = 1, #adoptions do
                local a = adoptions[i]
                if a.level == "city" and a.date >= "2026-07-01" then
                  lines = lines or {}
                  lines[#lines + 1] = { code = "H1", points = 2, reason = "下半年市级采用加分", date = a.date }
                end
              end
              return lines
            end
            """.write(to: rules.appendingPathComponent("city/50_midyear.lua"), atomically: true, encoding: .utf8)
        s.h.rules = rules
        let after = try s.assess("2026")
        #expect(after.ruleVersion != before.ruleVersion)
        #expect(after.ruleFiles["score"]?.hasSuffix("city/50_midyear.lua") == true, "\(after.ruleFiles)")
        #expect(after.ledgerLines == before.ledgerLines + 3)

        // City adoptions: fgw 02-12, qinghe 03-03, pingshan 05-07 (before July: nothing);
        // yjj 07-02, jyj 09-02, wlj 09-04 (+2 each). linjiang's July adoption is 国办's.
        let expected: [String: Double] = ["yjj": 2, "jyj": 2, "wlj": 2]
        for unit in Self.units {
            let delta = after.unit(unit).points - before.unit(unit).points
            #expect(delta == expected[unit] ?? 0, "\(unit) moved by \(delta)")
            let h1 = try #require(try s.explain(unit, run: after.id).lines).filter { $0.code == "H1" }
            if expected[unit] != nil {
                #expect(h1.count == 1 && h1[0].points == 2 && h1[0].date >= "2026-07-01" && h1[0].function == "score", "\(unit): \(h1)")
            } else {
                #expect(h1.isEmpty, "\(unit): \(h1)")
            }
        }
        #expect(after.unit("yjj").points == -8 && after.unit("jyj").points == 5 && after.unit("wlj").points == 5)
        // Ranks and grades hold: jyj and wlj still share rank 2.
        for unit in Self.units {
            #expect(after.unit(unit).rank == before.unit(unit).rank && after.unit(unit).decision.grade == before.unit(unit).decision.grade)
        }
        let diff = try s.compare(before.id, after.id)
        #expect(!diff.sameRules)
        let changed = diff.changes.filter { Self.units.contains($0.id) }
        #expect(changed.map(\.id).sorted() == ["jyj", "wlj", "yjj"])
        #expect(changed.allSatisfy { $0.reasons.map { Triple($0.code, $0.points, "\($0.lines)") } == [Triple("H1", 2, "1")] }, "\(changed)")
    }

    // MARK: 6. A quarter

    @Test func aQuarterRunCountsOnlyFactsDatedInTheQuarter() throws {
        let s = try Scenario()
        let (q1, stdout, _) = try s.assessWithText("2026Q1")
        let year = try s.assess("2026")
        #expect(q1.period == "2026Q1" && q1.pending == 0)
        // Q1 holds qinghe's climbing item (146, the 约稿 and the quota come later) and fgw's
        // Spring Festival item; everybody else has nothing dated in Q1.
        #expect(q1.unit("qinghe").points == 146 && q1.unit("qinghe").rank == 1)
        #expect(q1.unit("fgw").points == 20 && q1.unit("fgw").rank == 1)
        for unit in ["pingshan", "linjiang"] { #expect(q1.unit(unit).points == 0 && q1.unit(unit).rank == 2 && q1.unit(unit).submitted == 0) }
        for unit in ["jyj", "wlj", "yjj"] { #expect(q1.unit(unit).points == 0 && q1.unit(unit).rank == 2 && q1.unit(unit).submitted == 0) }
        // Quarters have no grade; 3 adoptions in the quarter earn qinghe the quarterly praise.
        #expect(q1.units.allSatisfy { $0.decision.grade == nil && $0.decision.converted == nil })
        #expect(q1.unit("qinghe").decision.reward == "季度通报表扬" && q1.unit("fgw").decision.reward == nil)
        #expect(stdout.contains("零报送：临江县人民政府、平山县人民政府"), "\(stdout)")
        #expect(stdout.contains("零采用：市教育局、市文旅局、市应急管理局"), "\(stdout)")
        // The quarter's ledger is exactly the year's lines dated in the quarter.
        for unit in Self.units {
            let q = try #require(try s.explain(unit, run: q1.id).lines)
            let y = try #require(try s.explain(unit, run: year.id).lines)
            #expect(q.allSatisfy { $0.date >= "2026-01-01" && $0.date <= "2026-03-31" }, "\(unit): \(q.map(\.date))")
            #expect(q.sorted() == y.filter { $0.date <= "2026-03-31" }.sorted(), "\(unit)")
        }
        #expect(try s.explain("qinghe", run: q1.id).lines?.map(\.code) == ["C2", "F1", "P2", "F2", "N1", "L2", "L1"])
        // Q4 holds yjj's holiday emergency alone.
        let q4 = try s.assess("2026Q4")
        #expect(q4.unit("yjj").points == -20 && q4.units.filter { $0.id != "yjj" }.allSatisfy { $0.points == 0 })
    }

    // MARK: 7. As of a date

    @Test func asOfADateBeforeDeadlinesShowsThemPendingAndNotLate() throws {
        let s = try Scenario()
        // 2026-04-08 noon: the 约稿 YG-1 is due 04-10 17:30 (qinghe answers on 04-13, pingshan
        // never). Not yet due: YG-1 for both units, the May quotas, linjiang's 批示 reply,
        // both emergencies (August, October) — 7 pending, nothing late.
        let early = try s.assess("2026", asOf: "2026-04-08T12:00:00+08:00")
        #expect(early.pending == 7)
        #expect(early.unit("qinghe").points == 146 && early.unit("qinghe").compliance["commission.late"] == nil)
        #expect(early.unit("pingshan").points == 0 && early.unit("pingshan").compliance.isEmpty)
        #expect(early.unit("yjj").points == 0 && early.unit("yjj").compliance.isEmpty, "the October emergency is not known in April")
        #expect(early.unit("linjiang").points == 0 && !early.unit("linjiang").decision.veto)
        for unit in Self.units {
            let lines = try #require(try s.explain(unit, run: early.id).lines)
            #expect(lines.allSatisfy { $0.date <= "2026-04-08" }, "\(unit): \(lines.map(\.date))")
            #expect(!lines.contains { ["D1", "D2", "D4", "D6", "M1", "M2"].contains($0.code) }, "\(unit): \(lines.map(\.code))")
        }
        // 04-11: YG-1 has fallen due and neither answer is known yet: missing for both.
        let overdue = try s.assess("2026", asOf: "2026-04-11T12:00:00+08:00")
        #expect(overdue.pending == 5)
        #expect(overdue.unit("qinghe").points == 136 && overdue.unit("qinghe").compliance["commission.missing"] == 1)
        #expect(overdue.unit("pingshan").points == -10 && overdue.unit("pingshan").compliance["commission.missing"] == 1)
        // Year end: qinghe's late answer is known (D1 −5), the rest as in the year run.
        let closing = try s.assess("2026")
        #expect(closing.pending == 0 && closing.unit("qinghe").compliance["commission.late"] == 1 && closing.unit("qinghe").points == 143)
        #expect(early.asOf == "2026-04-08T12:00:00+08:00")
    }

    // MARK: 8. Bad input

    @Test func badPeriodAsOfOrOfficeFailWithAMessageAndStoreNothing() throws {
        let s = try Scenario()
        let period = try s.h.runSeparately(["assess", "--period", "2026Q5", "--json"])
        #expect(period.status == 2)
        #expect(period.stderr.contains("--period") && period.stderr.contains("2026Q5") && period.stderr.contains("应为"), "\(period.stderr)")
        #expect(period.stdout.isEmpty)
        let asOf = try s.h.runSeparately(["assess", "--period", "2026", "--as-of", "2026-13-01", "--json"])
        #expect(asOf.status == 2)
        #expect(asOf.stderr.contains("--as-of") && asOf.stderr.contains("时间格式"), "\(asOf.stderr)")
        let badID = try s.h.runSeparately(["assess", "--period", "2026", "--office", "City!"])
        #expect(badID.status == 2 && badID.stderr.contains("--office") && badID.stderr.contains("不是有效的办公室编号"), "\(badID.stderr)")
        let unknown = try s.h.runSeparately(["assess", "--period", "2026", "--office", "nowhere", "--as-of", Self.yearEnd])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("nowhere") && unknown.stderr.contains("不存在"), "\(unknown.stderr)")
        // county-a has rules but no units in this record: nothing to assess, nothing stored.
        let empty = try s.h.runSeparately(["assess", "--period", "2026", "--office", "county-a", "--as-of", Self.yearEnd])
        #expect(empty.status == 1 && empty.stderr.contains("没有要考核的单位"), "\(empty.stderr)")
        #expect(try s.runs().isEmpty)
        #expect(try s.ok(["assess", "runs"]).stdout.contains("还没有保存的考核"))
        // explain and compare of runs that do not exist say so.
        let explain = try s.h.runSeparately(["assess", "explain", "--unit", "qinghe", "--period", "2026"])
        #expect(explain.status == 1 && explain.stderr.contains("还没有 2026年 的考核"), "\(explain.stderr)")
        let compare = try s.h.runSeparately(["assess", "compare", "no-such-run", "other"])
        #expect(compare.status == 1 && compare.stderr.contains("找不到考核 no-such-run"), "\(compare.stderr)")
    }

    // MARK: 9. A hostile rule

    /// Each hostile rule and the errors that may stop it: a loop trips the instruction budget
    /// (5,000,000), or on a busy machine the 250 ms wall-clock limit first.
    static let hostile: [(name: String, lua: String, errors: [String])] = [
        ("raises", "function assess(summary, ctx)\n  error(\"故意出错：\" .. summary.id)\nend\n", ["city/60_hostile.lua:2: runtime: 故意出错"]),
        ("loops", "function assess(summary, ctx)\n  local n = 0\n  while true do n = n + 1 end\nend\n",
         ["city/60_hostile.lua:3: cpu: instruction budget", "city/60_hostile.lua:3: wall: time limit"]),
    ]

    @Test(arguments: 0..<2) func aFailingAssessRuleFailsTheRunNamingFileAndLineAndStoresNothing(_ k: Int) throws {
        let (_, lua, errors) = Self.hostile[k]
        let s = try Scenario()
        let rules = try s.copyRules()
        try lua.write(to: rules.appendingPathComponent("city/60_hostile.lua"), atomically: true, encoding: .utf8)
        s.h.rules = rules
        let started = Date()
        let r = try s.h.runSeparately(["assess", "--period", "2026", "--as-of", Self.yearEnd, "--json"])
        #expect(r.status == 1)
        #expect(errors.contains { r.stderr.contains($0) }, "\(r.stderr)")
        #expect(r.stderr.contains("office city"))
        #expect(r.stdout.isEmpty)
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(try s.runs().isEmpty)
    }
}

// MARK: - Period close, shadow runs, the scheduled run

extension AssessScenarioTests {
    /// fgw's province 专报 of 03-25 recorded on 05-10, after Q1 closed (04-15, the 10th working
    /// day after 03-31): it counts in Q2 with a note, not in Q1; the year counts it once.
    @Test func aFactRecordedAfterItsQuarterClosedCountsInTheNextWithANote() throws {
        let s = try Scenario()
        let late = s.h.dir.appendingPathComponent("late.jsonl")
        try #"{"kind":"adoption","id":"A-fgw-late","item":"I-spring","level":"province","publication":"prov-special","type":"special","date":"2026-03-25"}"#
            .write(to: late, atomically: true, encoding: .utf8)
        try s.ok(["import", late.path, "--recorded-at", "2026-05-10T10:00:00+08:00"])
        #expect(try s.assess("2026Q1").unit("fgw").points == 20)
        let q2 = try s.assess("2026Q2")
        #expect(q2.unit("fgw").points == 40)
        let lines = try s.explain("fgw", run: q2.id).lines ?? []
        #expect(lines.map(\.code) == ["P2"])
        #expect(lines.first?.date == "2026-03-25")
        #expect(lines.first?.reason.hasSuffix("（2026年第一季度关账后于 2026-05-10 补录，计入2026年第二季度）") == true, "\(lines)")
        #expect(try s.assess("2026").unit("fgw").points == 60)
        // A forwarding to the province (F1 +3) recorded on 04-15, the close day itself: still Q1's.
        let inTime = s.h.dir.appendingPathComponent("in-time.jsonl")
        try #"{"kind":"forwarding","id":"F-fgw-close-day","item":"I-spring","to":"province","date":"2026-03-26"}"#
            .write(to: inTime, atomically: true, encoding: .utf8)
        try s.ok(["import", inTime.path, "--recorded-at", "2026-04-15T17:00:00+08:00"])
        #expect(try s.assess("2026Q1").unit("fgw").points == 23)
        // A run as of a moment before the late recording does not see it.
        #expect(try s.assess("2026Q2", asOf: "2026-05-09T12:00:00+08:00").unit("fgw").points == 0)
    }

    /// History imported without recording times is stamped "now": the import says so, and how
    /// to keep it on its own dates; with `--recorded-at none` (or inside a month) it says nothing.
    @Test func importingOldFactsAsRecordedNowGivesAHint() throws {
        try #require(Harness.builtExecutable)
        let h = try Harness(jobs: [:])
        let stamped = try h.runSeparately(["import", AssessScenarioTests.fixture.path, "--now", "2026-12-01T09:00:00+08:00"])
        #expect(stamped.status == 0)
        #expect(stamped.stdout.contains("已记为 2026-12-01T09:00:00+08:00 录入，其中最早的发生在 2026-02-"), "\(stamped.stdout)")
        #expect(stamped.stdout.contains("--recorded-at none"))
        let h2 = try Harness(jobs: [:])
        let none = try h2.runSeparately(["import", AssessScenarioTests.fixture.path, "--recorded-at", "none"])
        #expect(none.status == 0 && !none.stdout.contains("提示"), "\(none.stdout)")
        let h3 = try Harness(jobs: [:])
        let fresh = try h3.runSeparately(["import", AssessScenarioTests.fixture.path, "--now", "2026-03-01T09:00:00+08:00"])
        #expect(fresh.status == 0 && !fresh.stdout.contains("提示"), "\(fresh.stdout)")
    }

    /// Ctrl-C (SIGINT) during a run: the run stops, says nothing was stored, and nothing was.
    @Test func anInterruptedRunStoresNothing() async throws {
        let s = try Scenario()
        let rules = try s.copyRules()
        // A slow `assess` (about 60 M instructions per call, under budgets raised for it): the
        // run spends seconds ranking, long enough to be interrupted there on any machine.
        let manifest = rules.appendingPathComponent("city/office.yaml")
        let raised = try String(contentsOf: manifest, encoding: .utf8)
            .replacingOccurrences(of: "instructions: 5000000", with: "instructions: 200000000")
            .replacingOccurrences(of: "wall_ms: 250", with: "wall_ms: 10000")
        try #require(raised.contains("instructions: 200000000") && raised.contains("wall_ms: 10000"))
        try raised.write(to: manifest, atomically: true, encoding: .utf8)
        try """
            local base = assess
            function assess(summary, ctx)
              local n = 0
              for i = 1, 30000000 do n = n + i end
              return base(summary, ctx)
            end
            """.write(to: rules.appendingPathComponent("city/60_slow.lua"), atomically: true, encoding: .utf8)
        s.h.rules = rules
        let p = try s.h.start(["assess", "--period", "2026", "--as-of", AssessScenarioTests.yearEnd], log: "assess.log")
        let ranking = try await s.h.waitFor(30) { s.h.text("assess.log").contains("汇总与排名") }
        try #require(ranking, "\(s.h.text("assess.log"))")
        try await Task.sleep(for: .milliseconds(200))  // well inside seconds of ranking
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        #expect(p.terminationReason == .exit && p.terminationStatus == 1, "\(p.terminationReason) \(p.terminationStatus)")
        #expect(s.h.text("assess.log").contains("已取消：本次考核没有保存"), "\(s.h.text("assess.log"))")
        #expect(try s.runs().isEmpty)
    }

    /// `rules diff` evaluates an edited copy beside the live rules, names what moves and why,
    /// and stores nothing.
    @Test func rulesDiffShowsWhatAnEditWouldMoveAndStoresNothing() throws {
        let s = try Scenario()
        let edited = try s.copyRules()
        let tables = edited.appendingPathComponent("city/00_tables.lua")
        let text = try String(contentsOf: tables, encoding: .utf8)
        let changed = text.replacingOccurrences(of: "city = { digest = 1, briefing = 3, special = 10, feature = 20 },",
                                                with: "city = { digest = 1, briefing = 3, special = 15, feature = 20 },")
        try #require(changed != text)
        try changed.write(to: tables, atomically: true, encoding: .utf8)
        let r = try s.ok(["rules", "diff", "--period", "2026", "--as-of", AssessScenarioTests.yearEnd, "--edited", edited.path])
        // Only fgw's city 专报 (C3) moves: 20 → 25.
        #expect(r.stdout.contains("市发展改革委 fgw：20.0 → 25.0（+5.0）"), "\(r.stdout)")
        #expect(r.stdout.contains("C3"), "\(r.stdout)")
        #expect(r.stdout.contains("输入：相同"), "\(r.stdout)")
        #expect(!r.stdout.contains("清河县人民政府 qinghe："), "\(r.stdout)")
        #expect(try s.runs().isEmpty)
    }

    /// The year-end job runs the previous year's assessment through the scheduler (manual
    /// trigger here), stores it, and is recorded in the schedule's history.
    @Test func theYearEndJobRunsAndStoresThePreviousYearsAssessment() throws {
        let s = try Scenario()
        let jobs = try String(contentsOf: Harness.root.appendingPathComponent("schedules/city.yaml"), encoding: .utf8)
        try jobs.write(to: s.h.dir.appendingPathComponent("schedules/city.yaml"), atomically: true, encoding: .utf8)
        let r = try s.ok(["schedule", "run", "year-end-assessment", "--now", "2027-01-15T09:00:00+08:00"])
        #expect(r.stdout.contains("已完成2026年考核"), "\(r.stdout)")
        let runs = try s.runs()
        try #require(runs.count == 1)
        #expect(runs[0].period == "2026" && runs[0].asOf == "2027-01-15T09:00:00+08:00")
        let stored = try s.json(Explanation.self, ["assess", "explain", "--unit", "qinghe", "--run", runs[0].id]).total
        #expect(stored == 143)
    }
}

// MARK: - Driving the executable

/// A scratch folder and database with the fixture imported.
private final class Scenario {
    let h: Harness

    init(database: String? = nil) throws {
        try #require(Harness.builtExecutable, "build the tally executable first (swift build)")
        h = try Harness(jobs: [:], database: database)
        // The fixture is history: every fact counts on its own date, whenever this test runs
        // (imported "now", facts of periods already closed would move to a later period).
        let r = try ok(["import", AssessScenarioTests.fixture.path, "--recorded-at", "none"])
        #expect(r.stdout.contains("56 条记录"), "\(r.stdout)")
    }

    /// Runs a command that must succeed.
    @discardableResult
    func ok(_ arguments: [String]) throws -> (stdout: String, stderr: String) {
        let r = try h.runSeparately(arguments)
        try #require(r.status == 0, "tally \(arguments.joined(separator: " ")) exited \(r.status): \(r.stderr)\(r.stdout)")
        return (r.stdout, r.stderr)
    }

    func json<T: Decodable>(_ type: T.Type, _ arguments: [String]) throws -> T {
        let out = try ok(arguments + ["--json"]).stdout
        do {
            return try JSONDecoder().decode(T.self, from: Data(out.utf8))
        } catch {
            Issue.record("tally \(arguments.joined(separator: " ")) --json: \(error)\n\(out)")
            throw error
        }
    }

    func assess(_ period: String, asOf: String = AssessScenarioTests.yearEnd) throws -> RunOutput {
        try json(RunOutput.self, ["assess", "--period", period, "--as-of", asOf])
    }

    /// The run as JSON and the text report of the same inputs (a second run).
    func assessWithText(_ period: String) throws -> (RunOutput, String, String) {
        let run = try assess(period)
        let (stdout, stderr) = try ok(["assess", "--period", period, "--as-of", AssessScenarioTests.yearEnd])
        return (run, stdout, stderr)
    }

    func explain(_ unit: String, run: String) throws -> Explanation {
        try json(Explanation.self, ["assess", "explain", "--unit", unit, "--run", run, "--lines"])
    }

    func runs() throws -> [RunHeader] { try json([RunHeader].self, ["assess", "runs"]) }

    func compare(_ a: String, _ b: String) throws -> RunDiffOutput { try json(RunDiffOutput.self, ["assess", "compare", a, b]) }

    /// A copy of the repository's rules in the scratch folder.
    func copyRules() throws -> URL {
        let dest = h.dir.appendingPathComponent("rules")
        try FileManager.default.copyItem(at: Harness.root.appendingPathComponent("rules"), to: dest)
        return dest
    }
}

extension AssessScenarioTests {
    /// Item id → its units, from the fixture.
    static func fixtureItemUnits() throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for line in try String(contentsOf: fixture, encoding: .utf8).split(separator: "\n") {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            if o["kind"] as? String == "submission", let id = o["id"] as? String { out[id] = o["units"] as? [String] }
        }
        return out
    }
}

// MARK: - What the commands print with --json

private struct RunOutput: Decodable {
    struct Decision: Decodable, Equatable {
        var grade: String?
        var veto: Bool
        var reasons: [String]
        var reward: String?
        var penalty: String?
        var converted: Double?
    }

    struct Result: Decodable, Equatable {
        var subject: String
        var id: String
        var name: String
        var group: String
        var points: Double
        var rank: Int
        var groupSize: Int
        var submitted: Int
        var adopted: [String: Int]
        var instructions: [String: Int]
        var compliance: [String: Int]
        var decision: Decision
    }

    var id: String
    var office: String
    var period: String
    var asOf: String
    var createdAt: String
    var inputDigest: String
    var ruleVersion: String
    var ruleFiles: [String: String]
    var ledgerLines: Int
    var pending: Int
    var results: [Result]

    var units: [Result] { results.filter { $0.subject == "unit" } }

    func unit(_ id: String) -> Result {
        guard let r = units.first(where: { $0.id == id }) else {
            Issue.record("no result for unit \(id)")
            return Result(subject: "unit", id: id, name: "", group: "", points: .nan, rank: -1, groupSize: 0, submitted: 0, adopted: [:],
                          instructions: [:], compliance: [:], decision: Decision(veto: false, reasons: []))
        }
        return r
    }
}

private struct LedgerLineOutput: Decodable, Equatable, Comparable, CustomStringConvertible {
    var unit: String
    var person: String?
    var source: String
    var function: String
    var code: String
    var points: Double
    var reason: String
    var date: String

    static func < (a: Self, b: Self) -> Bool {
        (a.date, a.source, a.code, a.points, a.reason) < (b.date, b.source, b.code, b.points, b.reason)
    }

    var description: String { "\(date) \(source) \(function) \(code) \(points) \(reason)" }
}

private struct Explanation: Decodable {
    struct Group: Decodable, Equatable {
        var code: String
        var reason: String
        var lines: Int
        var points: Double
    }

    var run: String
    var subject: String
    var total: Double
    var rank: Int?
    var groups: [Group]
    var lines: [LedgerLineOutput]?
}

private struct RunHeader: Decodable {
    var id: String
    var office: String
    var period: String
    var asOf: String
    var inputDigest: String
    var ruleVersion: String

    enum CodingKeys: String, CodingKey {
        case id, office, period
        case asOf = "as_of"
        case inputDigest = "input_digest"
        case ruleVersion = "rule_version"
    }
}

private struct RunDiffOutput: Decodable {
    struct Reason: Decodable {
        var code: String
        var reason: String
        var points: Double
        var lines: Int
    }

    struct Change: Decodable {
        var id: String
        var name: String
        var pointsBefore: Double
        var pointsAfter: Double
        var rankBefore: Int
        var rankAfter: Int
        var gradeBefore: String?
        var gradeAfter: String?
        var reasons: [Reason]
    }

    var sameInputs: Bool
    var sameRules: Bool
    var changes: [Change]
}

/// Small equatable tuples for readable expectations.
private struct Pair: Equatable, CustomStringConvertible {
    var code: String
    var points: Double
    init(_ code: String, _ points: Double) { (self.code, self.points) = (code, points) }
    var description: String { "\(code) \(points)" }
}

private struct Triple: Equatable, CustomStringConvertible {
    var code: String
    var points: Double
    var other: String
    init(_ code: String, _ points: Double, _ other: String) { (self.code, self.points, self.other) = (code, points, other) }
    var description: String { "\(code) \(points) \(other)" }
}
