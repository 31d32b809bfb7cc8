import Assessment
import Domain
import Foundation
import HTTPTypes
import NIOCore
import Tagged
import WorkingDays

/// Assessment runs and rankings within a person's offices (API and console).
struct RunReading: Sendable {
    let deps: WebDependencies

    /// Stored runs of the person's offices (of `office` and `period` when given), newest first.
    func runs(office: OfficeID?, period: Period?, for user: SignedIn) async throws -> [AssessmentRunHeader] {
        if let office, !user.scope.offices.contains(office) { throw APIError.notFound("办公室") }
        return try await deps.store.runs(office: office, period: period).filter { user.scope.offices.contains($0.office) }
    }

    func run(id: String, for user: SignedIn) async throws -> AssessmentRun {
        guard let run = try await deps.store.run(id: id), user.scope.offices.contains(run.office) else { throw APIError.notFound("考核") }
        return run
    }

    /// The ledger lines of `unit` in run `id`: how the unit got its points.
    func ledger(run id: String, unit: UnitID, for user: SignedIn) async throws -> [LedgerLine] {
        guard let header = try await deps.store.runs(office: nil, period: nil).first(where: { $0.id == id }),
              user.scope.offices.contains(header.office) else { throw APIError.notFound("考核") }
        guard user.scope.canRead(unit: unit) else { throw APIError.notFound("单位") }
        return try await deps.store.ledger(run: id, unit: unit, person: nil)
    }

    /// The live ranking of `office` (default: the person's own) for `period` (default: this quarter).
    func live(office: OfficeID?, period: Period?, for user: SignedIn) async throws -> AssessmentRun {
        let office = office ?? Self.homeOffice(user)
        guard user.scope.offices.contains(office) else { throw APIError.notFound("办公室") }
        let today = deps.now().day
        return try await deps.operations.liveRanking(office: office, period: period ?? .quarter(today.year, today.quarter))
    }

    /// The office a person looks at first: the top one of their reach.
    static func homeOffice(_ user: SignedIn) -> OfficeID { user.scope.offices.min() ?? .city }
}
