/// What kind of body a unit is.
package enum UnitKind: String, Sendable, Codable, CaseIterable {
    /// A government office (政府办公室), the desk that runs the work.
    case office
    /// 县政府 / 区政府.
    case county
    /// 开发区、高新区管委会.
    case committee
    /// 市直部门、局、委.
    case department
    /// 乡镇、街道.
    case township
    case other

    package var label: String {
        switch self {
        case .office: "办公室"
        case .county: "县区政府"
        case .committee: "管委会"
        case .department: "部门"
        case .township: "乡镇街道"
        case .other: "其他"
        }
    }
}

/// A unit of the organisation tree: who submits items and is assessed.
package struct Unit: Sendable, Equatable, Hashable {
    package var id: UnitID
    package var name: String
    package var kind: UnitKind
    /// The assessment group it is ranked in (县区, 一类部门…): units rank only within it.
    package var group: String
    package var parent: UnitID?
    /// The office whose rules, notices and assessments cover the unit.
    package var office: OfficeID

    package init(id: UnitID, name: String, kind: UnitKind, group: String, parent: UnitID? = nil, office: OfficeID) {
        self.id = id
        self.name = name
        self.kind = kind
        self.group = group
        self.parent = parent
        self.office = office
    }
}

/// An office: a unit that runs its own rules and notices (the city office, a county office).
package struct Office: Sendable, Equatable, Hashable {
    package var id: OfficeID
    package var name: String
    /// The parent office whose rules this one inherits.
    package var parent: OfficeID?

    package init(id: OfficeID, name: String, parent: OfficeID? = nil) {
        self.id = id
        self.name = name
        self.parent = parent
    }
}
