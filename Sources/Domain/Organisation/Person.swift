/// What a person may do; access is always limited to the units the role covers.
package enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    /// 信息科: units, people, quotas, publications, review and adoption, rules, schedules, notices.
    case admin
    /// 信息员: drafts and submits their unit's items.
    case clerk
    /// 分管领导: sees their unit, files absence reports, answers instructions.
    case unitLeader = "unit_leader"
    /// 市领导: reads notices and rankings; writes instructions.
    case cityLeader = "city_leader"

    package var label: String {
        switch self {
        case .admin: "管理员"
        case .clerk: "信息员"
        case .unitLeader: "单位领导"
        case .cityLeader: "市领导"
        }
    }

    package static func < (a: Role, b: Role) -> Bool { a.rawValue < b.rawValue }
}

/// A person who works with Tally.
package struct Person: Sendable, Equatable, Hashable {
    package var id: PersonID
    package var name: String
    package var unit: UnitID
    package var roles: Set<Role>
    package var phone: String?
    package var email: String?

    package init(id: PersonID, name: String, unit: UnitID, roles: Set<Role>, phone: String? = nil, email: String? = nil) {
        self.id = id
        self.name = name
        self.unit = unit
        self.roles = roles
        self.phone = phone
        self.email = email
    }
}
