package import WorkingDays

/// Decides whether a rule set may go live: it compiles in a fresh state, every required
/// function is defined (by the office or inherited), and — unless skipped — the office's
/// own tests pass.
package enum RuleValidator {
    package struct Outcome {
        /// The compiled candidate, when it compiled.
        package var compiled: CompiledRules?
        package var errors: [RuleError]
        package var tests: RuleTestRunner.Report?
        package var isValid: Bool { errors.isEmpty && compiled != nil }
    }

    package static func validate(_ set: RuleSet, calendar: WorkCalendar, runTests: Bool = true) -> Outcome {
        let compiled: CompiledRules
        do {
            compiled = try CompiledRules(set, calendar: calendar)
        } catch {
            return Outcome(compiled: nil, errors: [error])
        }
        let missing = RuleFunction.required.filter { compiled.functions[$0] == nil }
        if !missing.isEmpty {
            let names = missing.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            let e = RuleError(kind: .validation, office: set.office, file: set.source.folder, version: set.version,
                              message: "required function\(missing.count > 1 ? "s" : "") \(names) not defined by this office or any ancestor")
            return Outcome(compiled: compiled, errors: [e])
        }
        guard runTests else { return Outcome(compiled: compiled, errors: []) }
        let tests = RuleTestRunner.run(set, calendar: calendar)
        let errors = tests.failures.map { f in
            RuleError(kind: .validation, office: set.office, file: f.file, version: set.version,
                      message: "test '\(f.name)' failed: \(f.message ?? "")")
        }
        return Outcome(compiled: compiled, errors: errors, tests: tests)
    }
}
