import Tagged
package import Domain
package import LuaHost
package import WorkingDays

/// A rule set compiled into its own sandboxed Lua state, ready to evaluate.
///
/// Layers are the office chain (root first); each file is compiled and its top level run
/// under the load budget, then the layer is frozen. Evaluations run under the office's
/// evaluation budget, one at a time: not `Sendable`, handed out by `RuleEngine`'s pool.
package final class CompiledRules {
    package let ruleSet: RuleSet
    let sandbox: LuaSandbox
    let host: RuleHostLibrary
    let symbols: SymbolCache
    package let functions: [RuleFunction: LuaFunction]
    private let input = LuaTape()
    private let context = LuaTape()
    private let output = LuaTape()
    /// Items per batch call: large enough to amortise the call, small enough for the heap.
    package static let batchSize = 1024
    /// The office defining `score` declared it gives nothing to items without facts
    /// (`score.skip_items_without_facts`): such items are not handed to Lua.
    package let scoreSkipsItemsWithoutFacts: Bool

    /// Compiles `ruleSet`; `testFiles` (Lua test files) are loaded into one more layer on
    /// top, after the test helpers, so that they can call the office's functions.
    package init(_ ruleSet: RuleSet, calendar: WorkCalendar, testFiles: [RuleFile] = []) throws(RuleError) {
        self.ruleSet = ruleSet
        let office = ruleSet.office
        let manifest = ruleSet.source.manifest
        host = RuleHostLibrary(calendar: calendar)
        do {
            sandbox = try LuaSandbox(limits: manifest.loadLimits, host: host.functions())
            for layer in ruleSet.chain {
                try sandbox.pushLayer(layer.id.rawValue)
                for file in layer.files {
                    try sandbox.load(file.bytes, chunkName: file.path)
                }
                try sandbox.freezeLayer()
            }
            if !testFiles.isEmpty {
                try sandbox.pushLayer("tests")
                try sandbox.load(LuaTestSupport.prelude, chunkName: "\(ruleSet.source.folder)/tests/(helpers)")
                for file in testFiles { try sandbox.load(file.bytes, chunkName: file.path) }
                try sandbox.freezeLayer()
            }
            var found: [RuleFunction: LuaFunction] = [:]
            for f in RuleFunction.allCases {
                if let lf = try sandbox.function(named: f.rawValue) { found[f] = lf }
            }
            functions = found
            scoreSkipsItemsWithoutFacts = found[.score].map { ruleSet.chain[$0.layer - 1].manifest.scoreSkipsItemsWithoutFacts } ?? false
            symbols = try SymbolCache(sandbox: sandbox)
            sandbox.setLimits(manifest.limits)
        } catch {
            // A script error while a file's top level runs is a load failure of that file.
            var e = RuleError(error, office: office, version: ruleSet.version)
            if e.kind == .runtime { e.kind = .load }
            throw e
        }
    }

    package var office: OfficeID { ruleSet.office }
    package var version: String { ruleSet.version }
    package var memoryUsed: Int { sandbox.memoryUsed }
    package var memoryPeak: Int { sandbox.memoryPeak }
    package var budgetTrips: Int64 { sandbox.budgetTrips }

    /// Log lines the last evaluation wrote with `log.info`/`log.warn`.
    package var logLines: [String] { host.logLines }

    /// Function name → the office whose file defines it (ancestors for inherited ones).
    package var functionOwners: [String: String] {
        var owners: [String: String] = [:]
        for (f, lf) in functions { owners[f.rawValue] = ruleSet.chain[lf.layer - 1].id.rawValue }
        return owners
    }

    /// Functions this office's own files define (not inherited).
    package func ownFunctionNames() throws(RuleError) -> [String] {
        do { return try sandbox.functionNames(inLayer: ruleSet.chain.count) } catch { throw RuleError(error, office: office, version: version) }
    }

    /// `test_*` functions of the test layer (only when compiled with test files), sorted.
    package func testFunctionNames() throws(RuleError) -> [String] {
        guard sandbox.layerCount > ruleSet.chain.count else { return [] }
        do {
            return try sandbox.functionNames(inLayer: sandbox.layerCount).filter { $0.hasPrefix("test_") }
        } catch {
            throw RuleError(error, office: office, version: version)
        }
    }

    /// Where a global function is defined (`rules/city/tests/x_test.lua`).
    package func definitionFile(of name: String) -> String? {
        (try? sandbox.function(named: name))??.file
    }

    // MARK: Evaluations

    /// Scores every item of `table` (or `range` of it) in batches of `batchSize`: one
    /// protected call per batch, the per-evaluation budgets restarting for every item.
    /// Items without facts are not handed to Lua when the rules declare they score nothing
    /// (`scoreSkipsItemsWithoutFacts`), unless `everyItem`.
    package func score(_ table: ItemTable, range: Range<Int>? = nil, context ctx: RuleContext, everyItem: Bool = false) throws(RuleError) -> ScoreBatch {
        let f = try require(.score)
        let range = range ?? 0..<table.count
        var result = ScoreBatch()
        result.version = version
        result.itemCount = range.count
        // About 0.54 lines per item in a province year: room for 0.625 avoids a doubling.
        result.lines.reserveCapacity(range.count * 5 / 8)
        result.itemIndex.reserveCapacity(range.count * 5 / 8)
        try prepareContext(ctx)
        let refs = symbols.symbols(for: table)
        let skip = scoreSkipsItemsWithoutFacts && !everyItem
        var rows: [Int] = []
        rows.reserveCapacity(Self.batchSize)
        var next = range.lowerBound
        while next < range.upperBound {
            // The next batch: up to `batchSize` items the rule must see.
            rows.removeAll(keepingCapacity: true)
            while next < range.upperBound, rows.count < Self.batchSize {
                if !skip || table.hasFacts(next) { rows.append(next) }
                next += 1
            }
            guard !rows.isEmpty else { continue }
            input.clear()
            output.clear()
            for i in rows { table.encode(row: i, to: input, refs: refs, symbols) }
            do {
                try symbols.flush(into: sandbox)
                try sandbox.callBatch(f, items: input, count: rows.count, shared: context, into: output)
            } catch {
                var e = RuleError(error, office: office, version: version)
                if let k = error.item { e.item = table.ids[rows[k - 1]].rawValue }
                throw e
            }
            var reader = LuaTapeReader(output)
            for i in rows {
                do {
                    try RuleOutputs.lines(&reader, into: &result.lines)
                } catch {
                    throw violation(error, f, item: table.ids[i].rawValue)
                }
                while result.itemIndex.count < result.lines.count { result.itemIndex.append(Int32(i - range.lowerBound)) }
            }
        }
        return result
    }

    package func score(_ items: [ItemFacts], context ctx: RuleContext) throws(RuleError) -> ScoreBatch {
        try score(ItemTable(items), context: ctx)
    }

    package func score(_ item: ItemFacts, context ctx: RuleContext) throws(RuleError) -> [ScoreLine] {
        try score([item], context: ctx).lines
    }

    package func compliance(_ fact: ComplianceFact, context ctx: RuleContext) throws(RuleError) -> [ScoreLine] {
        let f = try require(.compliance)
        try callOne(f, ctx) { fact.encode(to: $0, symbols) }
        var reader = LuaTapeReader(output)
        var lines: [ScoreLine] = []
        do { try RuleOutputs.lines(&reader, into: &lines) } catch { throw violation(error, f, item: fact.ref) }
        return lines
    }

    package func assess(_ summary: AssessmentSummary, context ctx: RuleContext) throws(RuleError) -> AssessmentDecision {
        let f = try require(.assess)
        try callOne(f, ctx) { summary.encode(to: $0, symbols) }
        do { return try RuleOutputs.decision(output.values().first ?? .nil) } catch { throw violation(error, f, item: summary.id) }
    }

    package func deadline(_ event: DeadlineEvent, context ctx: RuleContext) throws(RuleError) -> DeadlineDecision? {
        let f = try require(.deadline)
        try callOne(f, ctx) { event.encode(to: $0, symbols) }
        do { return try RuleOutputs.deadline(output.values().first ?? .nil) } catch { throw violation(error, f, item: event.id) }
    }

    /// Calls any global function with plain values (used by Lua rule tests).
    package func call(_ name: String, _ args: [LuaValue], results: Int = 1) throws(RuleError) -> [LuaValue] {
        do {
            guard let f = try sandbox.function(named: name) else {
                throw RuleError(kind: .validation, office: office, file: ruleSet.source.folder, version: version,
                                message: "function '\(name)' is not defined")
            }
            host.logLines.removeAll()
            return try sandbox.call(f, args, results: results)
        } catch let e as RuleError {
            throw e
        } catch let failure as LuaFailure {
            throw RuleError(failure, office: office, version: version)
        } catch {
            throw RuleError(kind: .runtime, office: office, version: version, message: "\(error)")
        }
    }

    // MARK: Plumbing

    private func require(_ f: RuleFunction) throws(RuleError) -> LuaFunction {
        guard let lf = functions[f] else {
            throw RuleError(kind: .validation, office: office, file: ruleSet.source.folder, version: version,
                            message: "function '\(f.rawValue)' is not defined by this office or any ancestor")
        }
        return lf
    }

    private func prepareContext(_ ctx: RuleContext) throws(RuleError) {
        context.clear()
        ctx.encode(to: context, version: version, symbols)
        host.logLines.removeAll()
        host.droppedLogLines = 0
    }

    private func callOne(_ f: LuaFunction, _ ctx: RuleContext, encode: (LuaTape) -> Void) throws(RuleError) {
        try prepareContext(ctx)
        input.clear()
        output.clear()
        encode(input)
        host.sightings.uncoveredYear = nil
        do {
            try symbols.flush(into: sandbox)
            try sandbox.callBatch(f, items: input, count: 1, shared: context, into: output)
        } catch {
            var e = RuleError(error, office: office, version: version)
            e.uncoveredYear = host.sightings.uncoveredYear
            throw e
        }
    }

    private func violation(_ v: ContractViolation, _ f: LuaFunction, item: String?) -> RuleError {
        RuleError(kind: .validation, office: office, file: f.file, line: f.line, version: version,
                  message: "\(f.name) returned an invalid result: \(v.path) \(v.reason)", item: item)
    }
}
