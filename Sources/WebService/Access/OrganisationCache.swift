import HTTPTypes
import Logging
import Tagged
package import Domain
import Foundation

/// The organisation (offices, units, people) the access checks read, kept in memory and
/// read again from the store after a change here or at most `maxAge` seconds later (other
/// instances' changes) — if the record's change number moved since the last read: while it
/// stands the snapshot and the scopes built from it are kept.
///
/// One read at a time: when the snapshot has aged, the first request starts the read and
/// every request answers the previous snapshot until it is done (a province is 2,000 units
/// and their people; a read per waiting request made the slowest requests ten times slower).
/// After `invalidate` (a change made here) requests wait for a read started after it.
package actor OrganisationCache {
    private let store: any RecordStore & WorkStore
    private let maxAge: Double
    /// The snapshot, when it was read or last found current, and the change number it was
    /// read at (nil when that number was not complete: the next check reads again).
    private var cached: (organisation: Organisation, at: ContinuousClock.Instant, version: Int64?)?
    /// Scopes built from the cached snapshot, by person and role (an admin's is a set of
    /// thousands of units in a province: built once per snapshot, not per request).
    private var scopes: [String: AccessScope] = [:]
    private var loading: Task<Loaded, any Error>?

    private struct Loaded {
        var organisation: Organisation
        var version: Int64?
        /// Whether the change number had not moved: the snapshot was kept, not read.
        var kept: Bool
    }
    /// Raised by `invalidate`: a read started before it is not kept.
    private var generation = 0

    package init(store: any RecordStore & WorkStore, maxAge: Double = 10) {
        self.store = store
        self.maxAge = maxAge
    }

    package func current() async throws -> Organisation {
        if let cached, ContinuousClock.now - cached.at < .seconds(maxAge) { return cached.organisation }
        let task = loading ?? startLoading()
        if let cached { return cached.organisation }
        return try await task.value.organisation
    }

    package func invalidate() {
        generation += 1
        cached = nil
        loading = nil
        scopes = [:]
    }

    /// `person`'s record and scope acting as `role`, from the current snapshot; nil when the
    /// person is not in it.
    package func signedIn(_ person: PersonID, role: Role) async throws -> (Person, AccessScope)? {
        let organisation = try await current()
        guard let record = organisation.people[person] else { return nil }
        let key = "\(role.rawValue) \(person.rawValue)"
        if let scope = scopes[key] { return (record, scope) }
        let scope = AccessScope(person: record, role: role, organisation: organisation)
        if scopes.count > 10_000 { scopes = [:] }
        scopes[key] = scope
        return (record, scope)
    }

    /// Reads the change number, then the organisation unless the number is the one the
    /// snapshot was read at (a number read first and complete: every change it counts is in
    /// what is read after it; a later change takes a larger number).
    private func startLoading() -> Task<Loaded, any Error> {
        let known = cached.flatMap { c in c.version.map { (organisation: c.organisation, version: $0) } }
        let task = Task { [store] in
            let version = try await store.changeVersion()
            if let known, version.number == known.version { return Loaded(organisation: known.organisation, version: known.version, kept: true) }
            let organisation = try await store.organisation()
            return Loaded(organisation: organisation, version: version.complete ? version.number : nil, kept: false)
        }
        loading = task
        let started = generation
        Task { await self.settle(task, generation: started) }
        return task
    }

    private func settle(_ task: Task<Loaded, any Error>, generation started: Int) async {
        let result = await task.result
        if loading == task { loading = nil }
        if case .success(let loaded) = result, started == generation {
            cached = (loaded.organisation, .now, loaded.version)
            if !loaded.kept { scopes = [:] }
        }
    }
}
