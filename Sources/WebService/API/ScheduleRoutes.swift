import Domain
import Foundation
import HTTPTypes
import Tagged
package import Hummingbird
import WorkingDays

/// The schedule's jobs: everyone reads those of the offices they reach (next fires, last
/// runs, history); an office's admins pause, resume and run its jobs now, each with an audit
/// entry.
package struct ScheduleRoutes: Sendable {
    let deps: WebDependencies

    struct Note: Decodable { var note: String? }

    struct RunRequested: ResponseEncodable {
        var job: String
        var key: String
        var status: String
    }

    package func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("schedules") { _, context -> ListBody<ScheduleStatus> in
            let user = try context.requireUser()
            return ListBody(try await deps.operations.schedules(offices: user.scope.offices, now: deps.now()))
        }
        group.get("schedules/{job}/history") { request, context -> ListBody<ScheduleRun> in
            let user = try context.requireUser()
            let job = try await readable(context, user: user)
            let pending = try request.flag("pending")
            return ListBody(try await deps.operations.scheduleHistory(job: job, now: deps.now(), limit: try request.pageLimit(), pending: pending))
        }
        group.post("schedules/{job}/pause") { request, context -> ScheduleStatus in
            try await setPaused(true, request, context)
        }
        group.post("schedules/{job}/resume") { request, context -> ScheduleStatus in
            try await setPaused(false, request, context)
        }
        group.post("schedules/{job}/run") { request, context -> EditedResponse<RunRequested> in
            let user = try context.requireUser()
            let (job, office) = try await administered(context, user: user)
            let note = try await request.decode(as: Note.self, context: context).note ?? ""
            let now = deps.now()
            let key = try await deps.operations.requestScheduleRun(job: job, actor: user.person.id.rawValue, note: note, at: now)
            try await deps.store.apply([], audit: [AuditEntry(at: now, actor: user.person.id, action: "schedule.run", entity: "job", entityID: job,
                                                               office: office, after: note.isEmpty ? nil : note)])
            return EditedResponse(status: .accepted, response: RunRequested(job: job, key: key, status: "queued"))
        }
    }

    /// The job of the path if it belongs to an office the user reaches, else 404.
    private func readable(_ context: TallyRequestContext, user: SignedIn) async throws -> String {
        try await ScheduleAccess(deps: deps).readable(try context.parameters.decoded("job"), by: user)
    }

    /// The job of the path and its office, if the user administers that office.
    private func administered(_ context: TallyRequestContext, user: SignedIn) async throws -> (String, OfficeID) {
        try await ScheduleAccess(deps: deps).administered(try context.parameters.decoded("job"), by: user)
    }

    private func setPaused(_ paused: Bool, _ request: Request, _ context: TallyRequestContext) async throws -> ScheduleStatus {
        let user = try context.requireUser()
        let (job, office) = try await administered(context, user: user)
        let note = try await request.decode(as: Note.self, context: context).note?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if paused && note.isEmpty { throw APIError.invalid("note", "暂停任务须写明原因（note）") }
        let now = deps.now()
        try await deps.operations.setSchedulePaused(job: job, paused: paused, note: note, actor: user.person.id.rawValue, at: now)
        try await deps.store.apply([], audit: [AuditEntry(at: now, actor: user.person.id, action: paused ? "schedule.pause" : "schedule.resume",
                                                           entity: "job", entityID: job, office: office, after: note.isEmpty ? nil : note)])
        guard let status = try await deps.operations.schedules(offices: [office], now: now).first(where: { $0.job == job }) else {
            throw APIError.notFound("任务 \(job) ")
        }
        return status
    }
}

extension ScheduleStatus: ResponseEncodable {}
extension ScheduleRun: ResponseEncodable {}
