package import WorkingDays

/// Everything a `score` rule sees about one item: who submitted it, and what happened to
/// it (adoptions, forwardings, leaders' instructions).
package struct ItemFacts: Sendable, Equatable, Codable {
    package var id: ItemID
    /// Credited units; the first is the lead unit. Several units = a joint item.
    package var units: [UnitID]
    /// A 综合 item merged from several submissions (each unit credited separately).
    package var merged: Bool
    package var category: ItemCategory
    package var submitted: Day
    package var authors: [PersonID]
    /// The commissioned topic (约稿) the item answers, if any.
    package var commission: String?
    package var adoptions: [AdoptionFact]
    package var forwardings: [ForwardingFact]
    package var instructions: [InstructionFact]

    package init(
        id: ItemID, units: [UnitID], merged: Bool = false, category: ItemCategory, submitted: Day,
        authors: [PersonID] = [], commission: String? = nil, adoptions: [AdoptionFact] = [],
        forwardings: [ForwardingFact] = [], instructions: [InstructionFact] = []
    ) {
        self.id = id
        self.units = units
        self.merged = merged
        self.category = category
        self.submitted = submitted
        self.authors = authors
        self.commission = commission
        self.adoptions = adoptions
        self.forwardings = forwardings
        self.instructions = instructions
    }

    enum CodingKeys: String, CodingKey {
        case id, units, merged, category, submitted, authors, commission, adoptions, forwardings, instructions
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(ItemID.self, forKey: .id)
        units = try c.decode([UnitID].self, forKey: .units)
        guard !units.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .units, in: c, debugDescription: "at least one unit is required")
        }
        merged = try c.decodeIfPresent(Bool.self, forKey: .merged) ?? false
        category = try c.decode(ItemCategory.self, forKey: .category)
        submitted = try c.decode(Day.self, forKey: .submitted)
        authors = try c.decodeIfPresent([PersonID].self, forKey: .authors) ?? []
        commission = try c.decodeIfPresent(String.self, forKey: .commission)
        adoptions = try c.decodeIfPresent([AdoptionFact].self, forKey: .adoptions) ?? []
        forwardings = try c.decodeIfPresent([ForwardingFact].self, forKey: .forwardings) ?? []
        instructions = try c.decodeIfPresent([InstructionFact].self, forKey: .instructions) ?? []
    }
}

/// An adoption of the item in a publication (采用).
package struct AdoptionFact: Sendable, Equatable, Codable {
    package var level: Level
    /// The publication's name, e.g. 《每日要情》.
    package var publication: String
    package var kind: PublicationKind
    /// Issue number, e.g. `2026-045`.
    package var issue: String?
    package var date: Day

    package init(level: Level, publication: String, kind: PublicationKind, issue: String? = nil, date: Day) {
        self.level = level
        self.publication = publication
        self.kind = kind
        self.issue = issue
        self.date = date
    }
}

/// The item was forwarded upward (报省 / 报国办).
package struct ForwardingFact: Sendable, Equatable, Codable {
    package var to: Level
    package var date: Day

    package init(to: Level, date: Day) {
        self.to = to
        self.date = date
    }
}

/// A leader's written instruction on the item (批示).
package struct InstructionFact: Sendable, Equatable, Codable {
    package var level: Level
    /// 主要领导 (mayor, party secretary, governor…) rather than another leader.
    package var principal: Bool
    package var leader: String
    package var date: Day

    package init(level: Level, principal: Bool, leader: String, date: Day) {
        self.level = level
        self.principal = principal
        self.leader = leader
        self.date = date
    }
}
