import Domain
import Foundation
import Tagged

/// Who may record which facts through the service, and which units a fact concerns (for
/// reading it). Items, adoptions and forwardings have their own workflow (`ItemActions`).
enum RecordPermissions {
    /// The kinds `POST /api/v1/records/{kind}` takes.
    static let writable: [RecordKind] = [.instruction, .reply, .commission, .answer, .emergency, .absence, .quota, .meeting, .publication]
    /// The kinds `GET /api/v1/records/{kind}` lists.
    static let readable: [RecordKind] = writable + [.adoption, .forwarding]

    /// The units a record concerns; nil when it concerns an office as a whole.
    static func units(of record: Record, _ organisation: Organisation) -> [UnitID]? {
        switch record {
        case .instruction(let x): [x.handler]
        case .reply(let x): [x.unit]
        case .commission(let x): x.units
        case .answer(let x): [x.unit]
        case .emergency(let x): [x.unit]
        case .absence(let x): [x.unit]
        case .quota(let x):
            switch x.subject {
            case .unit(let u): [u]
            case .person(let p): organisation.people[p].map { [$0.unit] } ?? []
            }
        default: nil
        }
    }

    /// The office a record belongs to (for office-wide records and the audit log).
    static func office(of record: Record, _ organisation: Organisation, default fallback: OfficeID) -> OfficeID {
        switch record {
        case .commission(let x): x.office
        case .meeting(let x): x.office
        case .publication(let x): x.office ?? fallback
        default: units(of: record, organisation)?.first.flatMap(organisation.office(of:)) ?? fallback
        }
    }

    static func canRead(_ record: Record, _ user: SignedIn, _ organisation: Organisation) -> Bool {
        if let units = units(of: record, organisation) { return units.contains(where: user.scope.canRead(unit:)) }
        return user.scope.offices.contains(office(of: record, organisation, default: .city))
    }

    /// Why `user` may not record `record`, or nil when they may.
    static func refusal(_ record: Record, _ user: SignedIn, _ organisation: Organisation) -> String? {
        let scope = user.scope
        let units = units(of: record, organisation) ?? []
        func inUnits(_ check: (UnitID) -> Bool) -> Bool { !units.isEmpty && units.allSatisfy(check) }
        let leaderOf = { (u: UnitID) in scope.role == .unitLeader && scope.canRead(unit: u) }
        switch record {
        case .instruction:
            return inUnits { scope.canReview(unit: $0) || (scope.role == .cityLeader && scope.canRead(unit: $0)) } ? nil : "只有市领导或办公室管理员可以登记批示"
        case .reply, .emergency, .absence:
            return inUnits { scope.canDraft(for: $0) || leaderOf($0) } ? nil : "只有本单位人员可以报送"
        case .answer:
            return inUnits { scope.canDraft(for: $0) } ? nil : "只有本单位信息员可以答复约稿"
        case .quota:
            return inUnits { scope.canReview(unit: $0) } ? nil : "只有办公室管理员可以下达任务数"
        case .commission, .meeting, .publication:
            let office = office(of: record, organisation, default: organisation.office(of: user.person.unit) ?? .city)
            guard scope.canAdminister(office: office) else { return "只有该办公室的管理员可以登记" }
            return inUnits(scope.canRead(unit:)) || units.isEmpty ? nil : "约稿单位超出本办公室范围"
        default:
            return "这类记录不能通过此接口登记"
        }
    }
}
