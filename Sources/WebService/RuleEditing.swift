package import Domain
import Foundation
package import WorkingDays

/// Editing an office's rules from the service: the same path as an edit of the files (the
/// whole office is checked and its tests run before it goes live; a failing edit changes
/// nothing), with who did it recorded.
package protocol RuleEditing: Sendable {
    /// The office's own rule files as they are live (name → text), and the live version.
    func ruleFiles(office: OfficeID) async throws -> (version: String?, files: [RuleFileText])
    /// The versions that went live, newest first.
    func ruleVersions(office: OfficeID) async throws -> [RuleVersionInfo]
    /// Checks the office's rules with `file` replaced by `text` (nothing is written).
    func checkRuleEdit(office: OfficeID, file: String, text: String) async throws -> RuleCheck
    /// How the edit would move points, ranks and grades in `period` (nothing is stored).
    func shadowDiff(office: OfficeID, file: String, text: String, period: Period) async throws -> [RuleShadowChange]
    /// Checks the edit and, if it passes, writes it and makes it live.
    func activateRuleEdit(office: OfficeID, file: String, text: String) async throws -> RuleCheck
    /// Puts an earlier live version back (checked like an edit).
    func rollbackRules(office: OfficeID, to version: String) async throws -> RuleCheck
}

package struct RuleFileText: Sendable, Equatable, Codable {
    package var name: String
    package var text: String
    package init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

package struct RuleVersionInfo: Sendable, Equatable, Codable {
    package var version: String
    package var activated: Instant
    package var files: [String]
    /// Who made it live through the service (nil for a file edit on the server).
    package var by: String?
    package init(version: String, activated: Instant, files: [String], by: String?) {
        self.version = version
        self.activated = activated
        self.files = files
        self.by = by
    }
}

/// The outcome of checking (and maybe activating) rules.
package struct RuleCheck: Sendable, Equatable, Codable {
    package struct Test: Sendable, Equatable, Codable {
        package var name: String
        package var file: String
        package var passed: Bool
        package var message: String?
        package init(name: String, file: String, passed: Bool, message: String?) {
            self.name = name
            self.file = file
            self.passed = passed
            self.message = message
        }
    }

    package var office: String
    package var version: String?
    package var valid: Bool
    package var activated: Bool
    package var previousVersion: String?
    package var errors: [String]
    package var tests: [Test]

    package init(office: String, version: String?, valid: Bool, activated: Bool, previousVersion: String?, errors: [String], tests: [Test]) {
        self.office = office
        self.version = version
        self.valid = valid
        self.activated = activated
        self.previousVersion = previousVersion
        self.errors = errors
        self.tests = tests
    }

    enum CodingKeys: String, CodingKey {
        case office, version, valid, activated, errors, tests
        case previousVersion = "previous_version"
    }
}

/// A unit or person whose result the edit would change.
package struct RuleShadowChange: Sendable, Equatable, Codable {
    package var id: String
    package var name: String
    package var pointsBefore: Double
    package var pointsAfter: Double
    package var rankBefore: Int
    package var rankAfter: Int
    package var gradeBefore: String?
    package var gradeAfter: String?

    package init(id: String, name: String, pointsBefore: Double, pointsAfter: Double, rankBefore: Int, rankAfter: Int, gradeBefore: String?,
                 gradeAfter: String?) {
        self.id = id
        self.name = name
        self.pointsBefore = pointsBefore
        self.pointsAfter = pointsAfter
        self.rankBefore = rankBefore
        self.rankAfter = rankAfter
        self.gradeBefore = gradeBefore
        self.gradeAfter = gradeAfter
    }

    enum CodingKeys: String, CodingKey {
        case id, name
        case pointsBefore = "points_before"
        case pointsAfter = "points_after"
        case rankBefore = "rank_before"
        case rankAfter = "rank_after"
        case gradeBefore = "grade_before"
        case gradeAfter = "grade_after"
    }
}

/// A file name an edit may use: `name.lua` for rules, and in the `tests` folder also
/// `name.json` (lower-case letters, digits, `_`, `-`), nothing else.
package func isRuleFileName(_ name: String, test: Bool = false) -> Bool {
    let suffixes = test ? [".lua", ".json"] : [".lua"]
    guard let suffix = suffixes.first(where: name.hasSuffix), (suffix.count + 1...64).contains(name.utf8.count) else { return false }
    return name.dropLast(suffix.count).utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 || $0 == 45 }
}
