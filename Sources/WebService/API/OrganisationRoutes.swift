import Foundation
import HTTPTypes
import Logging
import Tagged
import Domain
package import Hummingbird

/// Units and people within the caller's reach.
package struct OrganisationRoutes: Sendable {
    let deps: WebDependencies

    struct UnitBody: ResponseEncodable {
        var id: String
        var name: String
        var kind: String
        var group: String
        var parent: String?
        var office: String

        init(_ u: Domain.Unit) {
            id = u.id.rawValue
            name = u.name
            kind = u.kind.rawValue
            group = u.group
            parent = u.parent?.rawValue
            office = u.office.rawValue
        }
    }

    struct PersonBody: ResponseEncodable {
        var id: String
        var name: String
        var unit: String
        var roles: [String]
        var email: String?
        var phone: String?

        init(_ p: Person) {
            id = p.id.rawValue
            name = p.name
            unit = p.unit.rawValue
            roles = p.roles.map(\.rawValue).sorted()
            email = p.email
            phone = p.phone
        }
    }

    package func register(_ group: RouterGroup<TallyRequestContext>) {
        group.get("units") { request, context -> ListBody<UnitBody> in
            let user = try context.requireUser()
            let organisation = try await deps.organisation.current()
            let group = request.query("group")
            let units = user.scope.units.compactMap { organisation.units[$0] }.filter { group == nil || $0.group == group }
            return ListBody(units.sorted { $0.id.rawValue < $1.id.rawValue }.map(UnitBody.init))
        }
        group.get("units/{id}") { _, context -> UnitBody in
            let user = try context.requireUser()
            let id = UnitID(rawValue: try context.parameters.decoded("id"))
            let organisation = try await deps.organisation.current()
            guard user.scope.canRead(unit: id), let unit = organisation.units[id] else { throw APIError.notFound("单位") }
            return UnitBody(unit)
        }
        group.get("people") { request, context -> ListBody<PersonBody> in
            let user = try context.requireUser()
            let organisation = try await deps.organisation.current()
            let unit = request.query("unit").map { UnitID(rawValue: $0) }
            if let unit, !user.scope.canRead(unit: unit) { throw APIError.notFound("单位") }
            let people = organisation.people.values.filter { user.scope.canRead(unit: $0.unit) && (unit == nil || $0.unit == unit) }
            return ListBody(people.sorted { $0.id.rawValue < $1.id.rawValue }.map(PersonBody.init))
        }
    }
}
