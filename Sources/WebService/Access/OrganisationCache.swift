import HTTPTypes
import Logging
import Tagged
package import Domain
import Foundation

/// The organisation (offices, units, people) the access checks read, kept in memory and
/// read again from the store after a change here or at most `maxAge` seconds later (other
/// instances' changes).
package actor OrganisationCache {
    private let store: any WorkStore
    private let maxAge: Double
    private var cached: (organisation: Organisation, at: ContinuousClock.Instant)?

    package init(store: any WorkStore, maxAge: Double = 10) {
        self.store = store
        self.maxAge = maxAge
    }

    package func current() async throws -> Organisation {
        if let cached, ContinuousClock.now - cached.at < .seconds(maxAge) { return cached.organisation }
        let fresh = try await store.organisation()
        cached = (fresh, .now)
        return fresh
    }

    package func invalidate() { cached = nil }
}
