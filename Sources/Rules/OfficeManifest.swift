package import Assessment
package import Domain
package import LuaHost
package import YAMLFiles

/// `rules/<office>/office.yaml`: the office's name, its parent office (whose functions it
/// inherits), its budgets and when its assessment periods close.
///
/// ```yaml
/// name: 某县人民政府办公室
/// parent: city
/// limits:
///   memory_mib: 16
///   instructions: 5000000
///   wall_ms: 250
/// assessment:
///   close_after_workdays: 10   # a period closes at the end of its 10th working day after
///   tie_breaks: [adopted, adopted_above_city]   # equal points: more of these ranks first
/// score:
///   skip_items_without_facts: true   # this office's score gives nothing to such items
/// notice:
///   praise_min_adopted: 3   # a unit the quarterly notice praises has this many adoptions
/// ```
package struct OfficeManifest: Sendable, Equatable {
    package var name: String
    package var parent: OfficeID?
    /// Budgets for each evaluation; loading uses a larger instruction and time budget.
    package var limits: LuaLimits
    /// A period closes at the end of this many working days after its last day: facts
    /// recorded later count in the next open period. Nil: inherited (never closes when no
    /// office of the chain says).
    package var closeAfterWorkdays: Int?
    /// What breaks a tie on points, in order; nil: inherited (the default when no office of
    /// the chain says).
    package var tieBreaks: [Ranking.TieBreak]?
    /// This office's own `score` returns nothing for an item without adoptions, forwardings
    /// or instructions, so the host need not call it for one (checked when compiled).
    package var scoreSkipsItemsWithoutFacts = false
    /// The quarterly notice names a unit 成绩突出 only with at least this many adoptions (any
    /// level) in the quarter; nil: inherited (1 when no office of the chain says).
    package var noticePraiseMinAdopted: Int?

    package init(name: String, parent: OfficeID? = nil, limits: LuaLimits = .evaluation, closeAfterWorkdays: Int? = nil) {
        self.name = name
        self.parent = parent
        self.limits = limits
        self.closeAfterWorkdays = closeAfterWorkdays
    }

    /// Budgets for compiling and running a file's top level.
    package var loadLimits: LuaLimits {
        var l = limits
        l.instructions = max(limits.instructions, LuaLimits.loading.instructions)
        l.wallMilliseconds = max(limits.wallMilliseconds, LuaLimits.loading.wallMilliseconds)
        return l
    }

    package static func parse(_ text: String, file: String) throws(YAMLError) -> OfficeManifest {
        let root = try YAMLNode.parse(text, file: file)
        let m = try root.mapping(allowed: ["name", "parent", "limits", "assessment", "score", "notice"])
        var manifest = OfficeManifest(name: try m.required("name", in: root).string())
        if let p = m["parent"] {
            let s = try p.string()
            guard let id = OfficeID(s) else { throw p.error("办公室编号 '\(s)' 无效（小写字母、数字和连字符，最多32个字符）") }
            manifest.parent = id
        }
        if let limits = m["limits"] {
            let l = try limits.mapping(allowed: ["memory_mib", "instructions", "wall_ms", "pattern_steps"])
            if let n = l["memory_mib"] {
                let v = try n.int()
                guard (1...256).contains(v) else { throw n.error("应在 1 到 256 之间") }
                manifest.limits.memoryBytes = v << 20
            }
            if let n = l["instructions"] {
                let v = try n.int()
                guard (10_000...1_000_000_000).contains(v) else { throw n.error("应在 10000 到 1000000000 之间") }
                manifest.limits.instructions = Int64(v)
            }
            if let n = l["wall_ms"] {
                let v = try n.int()
                guard (10...10_000).contains(v) else { throw n.error("应在 10 到 10000 之间") }
                manifest.limits.wallMilliseconds = v
            }
            if let n = l["pattern_steps"] {
                let v = try n.int()
                guard (1_000...100_000_000).contains(v) else { throw n.error("应在 1000 到 100000000 之间") }
                manifest.limits.patternSteps = Int64(v)
            }
        }
        if let s = m["score"] {
            let fields = try s.mapping(allowed: ["skip_items_without_facts"])
            if let n = fields["skip_items_without_facts"] { manifest.scoreSkipsItemsWithoutFacts = try n.bool() }
        }
        if let s = m["notice"] {
            let fields = try s.mapping(allowed: ["praise_min_adopted"])
            if let n = fields["praise_min_adopted"] {
                let v = try n.int()
                guard (1...1000).contains(v) else { throw n.error("应在 1 到 1000 之间（季度通报表扬的单位至少被采用几条信息）") }
                manifest.noticePraiseMinAdopted = v
            }
        }
        if let a = m["assessment"] {
            let fields = try a.mapping(allowed: ["close_after_workdays", "tie_breaks"])
            if let n = fields["close_after_workdays"] {
                let v = try n.int()
                guard (0...60).contains(v) else { throw n.error("应在 0 到 60 之间（期间结束后第几个工作日关账）") }
                manifest.closeAfterWorkdays = v
            }
            if let list = fields["tie_breaks"] {
                var breaks: [Ranking.TieBreak] = []
                for n in try list.sequence() {
                    let s = try n.string()
                    guard let t = Ranking.TieBreak(rawValue: s) else {
                        throw n.error("未知的并列比较项 '\(s)'（可用：\(Ranking.TieBreak.allCases.map(\.rawValue).joined(separator: "、"))）")
                    }
                    guard !breaks.contains(t) else { throw n.error("并列比较项 '\(s)' 重复") }
                    breaks.append(t)
                }
                manifest.tieBreaks = breaks
            }
        }
        return manifest
    }
}
