package import Domain
package import WorkingDays

/// What an admin sees about an office's rules: the live version, the last attempt to
/// change it and why it failed, the test results.
package struct OfficeStatus: Sendable, Equatable, Codable {
    package var office: OfficeID
    package var name: String?
    package var parent: OfficeID?
    /// The version serving evaluations (content hash), nil if the office never validated.
    package var liveVersion: String?
    package var liveSince: Instant?
    /// The version on disk, when it differs from the live one (rejected or not yet checked).
    package var diskVersion: String?
    /// Errors of the last reload that concerned this office (empty when it validated).
    package var errors: [String]
    package var lastChecked: Instant?
    package var tests: [RuleTestResult]
    /// Function name → office whose file defines it (inherited ones name an ancestor).
    package var functions: [String: String]
    /// The live version was restored from the archive because the files on disk do not
    /// validate (e.g. after a restart following a bad edit).
    package var restoredFromArchive = false

    package init(office: OfficeID) {
        self.office = office
        errors = []
        tests = []
        functions = [:]
    }

    enum CodingKeys: String, CodingKey {
        case office, name, parent, errors, tests, functions
        case liveVersion = "live_version"
        case liveSince = "live_since"
        case diskVersion = "disk_version"
        case lastChecked = "last_checked"
        case restoredFromArchive = "restored_from_archive"
    }
}

/// What one reload did.
package struct ReloadReport: Sendable, Equatable {
    /// Offices whose new version went live.
    package var activated: [OfficeID: String] = [:]
    /// Offices whose candidate was rejected (the previous version keeps serving).
    package var rejected: [OfficeID: [String]] = [:]
    /// Problems not tied to one office (unreadable folder names…).
    package var general: [String] = []
    package var unchanged: [OfficeID] = []

    package var isClean: Bool { rejected.isEmpty && general.isEmpty }
}
