import Domain
import Foundation
import HTTPTypes
import Tagged

/// Who may read and manage a scheduled job (API and console): everyone reaching its office
/// reads it; the office's admins pause, resume and run it.
struct ScheduleAccess: Sendable {
    let deps: WebDependencies

    /// `job` if it belongs to an office `user` reaches, else 404.
    func readable(_ job: String, by user: SignedIn) async throws -> String {
        guard let office = await deps.operations.scheduleOffice(job: job), user.scope.offices.contains(office) else { throw APIError.notFound("任务 \(job) ") }
        return job
    }

    /// `job` and its office, if `user` administers that office: 404 when they cannot see the
    /// job, 403 when they can but may not change it.
    func administered(_ job: String, by user: SignedIn) async throws -> (String, OfficeID) {
        let job = try await readable(job, by: user)
        guard let office = await deps.operations.scheduleOffice(job: job), user.scope.canAdminister(office: office) else {
            throw APIError.forbidden("只有本办公室的管理员可以暂停、恢复或手动执行任务")
        }
        return (job, office)
    }
}
