import Foundation
package import Domain
import Tagged
package import WorkingDays

/// A realistic data set for a year of the work: a city (about 190 units, 40,000 items) or a
/// province (about 2,000 units, 1,000,000 items), with adoptions at roughly 30 % city, 5 %
/// province and 0.5 % state, forwardings, instructions with on-time, late and missing
/// replies, commissions answered or not, emergencies (some late, one concealed), absence
/// reports (some late or missing) and quotas — all on the official working-day calendar.
package struct DemoDataSet {
    package enum Size: String, Sendable, CaseIterable {
        case city
        case province
    }

    package let size: Size
    package let seed: UInt64
    package let year: Int
    let calendar: WorkCalendar
    let units: [SampleUnit]
    let itemCount: Int

    package init(size: Size, seed: UInt64, year: Int = 2026, calendar: WorkCalendar) {
        self.size = size
        self.seed = seed
        self.year = year
        self.calendar = calendar
        switch size {
        case .city:
            units = SampleUnits.make(counties: 12, townships: 8, departments: 80)
            itemCount = 40_000
        case .province:
            units = SampleUnits.make(counties: 100, townships: 14, departments: 500)
            itemCount = 1_000_000
        }
    }

    /// A province-shaped data set of about `unitCount` units (each county with 14 townships,
    /// one county per 20 units, the rest city departments) and `itemCount` items (for
    /// benchmarks at other sizes; 2,000 and 1,000,000 give the province set).
    package init(units unitCount: Int, items itemCount: Int, seed: UInt64, year: Int = 2026, calendar: WorkCalendar) {
        self.size = .province
        self.seed = seed
        self.year = year
        self.calendar = calendar
        let counties = max(1, unitCount / 20)
        units = SampleUnits.make(counties: counties, townships: 14, departments: max(1, unitCount - counties * 15))
        self.itemCount = itemCount
    }

    /// Emits every record in dependency order.
    package func generate(_ emit: (Record) throws -> Void) throws {
        let org = DemoOrganisation(units: units, year: year)
        for r in org.records() { try emit(r) }
        let work = try DemoWork(set: self, organisation: org)
        try work.generate(emit)
    }
}
