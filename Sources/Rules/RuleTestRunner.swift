import Foundation
package import Domain
package import WorkingDays

/// Runs an office's own tests: JSON cases through the typed API (so inputs have exactly
/// the production shape) and `test_*` functions of `tests/*_test.lua`. JSON cases run
/// twice in the same state, the second time in reverse order: a rule whose results depend
/// on earlier calls (state kept in upvalues) fails as non-deterministic.
package enum RuleTestRunner {
    package struct Report: Sendable {
        package var office: OfficeID
        package var version: String
        package var results: [RuleTestResult]
        package var passed: Bool { results.allSatisfy(\.passed) }
        package var failures: [RuleTestResult] { results.filter { !$0.passed } }
    }

    package static func run(_ ruleSet: RuleSet, calendar: WorkCalendar) -> Report {
        let source = ruleSet.source
        var results: [RuleTestResult] = []
        var cases: [RuleTestCase] = []
        for file in source.tests where file.name.hasSuffix(".json") {
            do {
                cases += try RuleTestCase.parse(file.bytes, file: file.path)
            } catch {
                results.append(RuleTestResult(name: "(file)", file: file.path, passed: false, message: error.description))
            }
        }
        if !cases.isEmpty {
            do {
                let rules = try CompiledRules(ruleSet, calendar: calendar)
                var first: [String] = []
                for c in cases {
                    let (result, fingerprint) = evaluate(c, rules)
                    results.append(result)
                    first.append(fingerprint)
                }
                for (i, c) in cases.enumerated().reversed() {
                    let (_, again) = evaluate(c, rules)
                    if again != first[i] {
                        results.append(RuleTestResult(
                            name: c.name, file: c.file, passed: false,
                            message: "validation: non-deterministic: the same input gave a different result when evaluated again (rules must not keep state between calls)"))
                    }
                }
            } catch {
                results.append(RuleTestResult(name: "(compile)", file: source.folder, passed: false, message: error.description))
            }
        }
        let luaTests = source.tests.filter { $0.name.hasSuffix("_test.lua") }
        if !luaTests.isEmpty {
            do {
                let rules = try CompiledRules(ruleSet, calendar: calendar, testFiles: luaTests)
                let names = try rules.testFunctionNames()
                if names.isEmpty {
                    results.append(RuleTestResult(name: "(tests)", file: luaTests[0].path, passed: false,
                                                  message: "no test_* functions found in \(luaTests.map(\.path).joined(separator: ", "))"))
                }
                for name in names {
                    do {
                        _ = try rules.call(name, [], results: 0)
                        results.append(RuleTestResult(name: name, file: rules.definitionFile(of: name) ?? luaTests[0].path, passed: true))
                    } catch {
                        results.append(RuleTestResult(name: name, file: error.file ?? luaTests[0].path, passed: false, message: error.located))
                    }
                }
            } catch {
                results.append(RuleTestResult(name: "(compile tests)", file: source.folder + "/tests", passed: false, message: error.description))
            }
        }
        return Report(office: ruleSet.office, version: ruleSet.version, results: results)
    }

    /// Evaluates one case; the fingerprint is the result (or error) as text.
    static func evaluate(_ c: RuleTestCase, _ rules: CompiledRules) -> (RuleTestResult, String) {
        let outcome: Result<JSONValue, RuleError>
        do {
            outcome = .success(try RuleEvaluation.evaluate(c.function, input: c.input, now: c.now, rules: rules))
        } catch {
            outcome = .failure(error)
        }
        let label = "\(c.file) case \(c.index)"
        switch outcome {
        case .success(let actual):
            if let fragment = c.expectError {
                return (RuleTestResult(name: c.name, file: label, passed: false, message: "expected an error containing '\(fragment)', got \(actual.text)"), actual.text)
            }
            let ok = c.expect.map { actual.matches($0) } ?? false
            let message = ok ? nil : "expected \(c.expect?.text ?? "null")\n       got \(actual.text)"
            return (RuleTestResult(name: c.name, file: label, passed: ok, message: message), actual.text)
        case .failure(let error):
            if let fragment = c.expectError, error.description.contains(fragment) {
                return (RuleTestResult(name: c.name, file: label, passed: true), error.located)
            }
            return (RuleTestResult(name: c.name, file: label, passed: false, message: error.located), error.located)
        }
    }
}
