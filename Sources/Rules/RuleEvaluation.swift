import Foundation
import Domain
package import WorkingDays

/// Evaluates one call from JSON input (test cases, `tally rules eval`): the input is
/// decoded into the function's typed input first, so it has exactly the production shape,
/// and the typed result is returned as JSON.
package enum RuleEvaluation {
    package static func evaluate(_ function: RuleFunction, input: JSONValue, now: Instant, rules: CompiledRules) throws(RuleError) -> JSONValue {
        let context = RuleContext(now: now, office: rules.office)
        do {
            switch function {
            case .score:
                return try JSONValue(encoding: try rules.score(try decode(ItemFacts.self, input, rules), context: context))
            case .compliance:
                return try JSONValue(encoding: try rules.compliance(try decode(ComplianceFact.self, input, rules), context: context))
            case .assess:
                return try JSONValue(encoding: try rules.assess(try decode(AssessmentSummary.self, input, rules), context: context))
            case .deadline:
                guard let d = try rules.deadline(try decode(DeadlineEvent.self, input, rules), context: context) else { return .null }
                return try JSONValue(encoding: d)
            }
        } catch let e as RuleError {
            throw e
        } catch {
            throw RuleError(kind: .validation, office: rules.office, version: rules.version, message: "result could not be encoded: \(error)")
        }
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ input: JSONValue, _ rules: CompiledRules) throws(RuleError) -> T {
        do {
            let data = try JSONEncoder().encode(input)
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw RuleError(kind: .validation, office: rules.office, version: rules.version,
                            message: "invalid input: \(RuleTestCase.describe(error))")
        }
    }
}
