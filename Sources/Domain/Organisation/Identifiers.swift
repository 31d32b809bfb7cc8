package import Tagged

/// Identifiers are stable text keys (they appear in interchange files and rule scripts),
/// typed so that a unit id cannot be passed where a person id is expected.
package enum UnitTag {}
package enum PersonTag {}
package enum ItemTag {}

/// A unit of the organisation tree (a county government, a department, a township…).
package typealias UnitID = Tagged<UnitTag, String>
/// A person (clerk, leader, admin).
package typealias PersonID = Tagged<PersonTag, String>
/// An information item (政务信息).
package typealias ItemID = Tagged<ItemTag, String>
