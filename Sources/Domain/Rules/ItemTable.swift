import Tagged
package import WorkingDays

/// The facts of many items, column by column, with repeated strings (units, authors,
/// publications, issues, leaders, commissions) stored once: the shape bulk scoring and the
/// store's year read use. Rows hold only small integers, so reading them involves no
/// reference counting and no hashing.
package struct ItemTable: Sendable {
    /// Interned strings; columns refer to them by index.
    package private(set) var strings: [String] = []
    private var lookup: [String: Int32] = [:]

    package private(set) var ids: [ItemID] = []
    package private(set) var merged: [Bool] = []
    package private(set) var category: [ItemCategory] = []
    package private(set) var submitted: [Day] = []
    /// String index of the commission answered, -1 for none.
    package private(set) var commission: [Int32] = []
    /// Ranges into `unitRefs`, `authorRefs`, `adoptions`, `forwardings`, `instructions`:
    /// item `i` owns `start[i] ..< start[i + 1]`.
    package private(set) var unitStart: [Int32] = [0]
    package private(set) var unitRefs: [Int32] = []
    package private(set) var authorStart: [Int32] = [0]
    package private(set) var authorRefs: [Int32] = []
    package private(set) var adoptionStart: [Int32] = [0]
    package private(set) var adoptions: [Adoption] = []
    package private(set) var forwardingStart: [Int32] = [0]
    package private(set) var forwardings: [Forwarding] = []
    package private(set) var instructionStart: [Int32] = [0]
    package private(set) var instructions: [Instruction] = []

    package struct Adoption: Sendable, Equatable {
        package var level: Level
        package var kind: PublicationKind
        package var publication: Int32
        /// -1 for none.
        package var issue: Int32
        package var date: Day
        /// Unix seconds it was recorded at; `ItemTable.unrecorded` when unknown.
        package var recorded: Int64

        package init(level: Level, kind: PublicationKind, publication: Int32, issue: Int32, date: Day, recorded: Int64 = ItemTable.unrecorded) {
            self.level = level
            self.kind = kind
            self.publication = publication
            self.issue = issue
            self.date = date
            self.recorded = recorded
        }
    }

    package struct Forwarding: Sendable, Equatable {
        package var to: Level
        package var date: Day
        /// Unix seconds it was recorded at; `ItemTable.unrecorded` when unknown.
        package var recorded: Int64

        package init(to: Level, date: Day, recorded: Int64 = ItemTable.unrecorded) {
            self.to = to
            self.date = date
            self.recorded = recorded
        }
    }

    package struct Instruction: Sendable, Equatable {
        package var level: Level
        package var principal: Bool
        package var leader: Int32
        package var date: Day
        /// Unix seconds it was recorded at; `ItemTable.unrecorded` when unknown.
        package var recorded: Int64

        package init(level: Level, principal: Bool, leader: Int32, date: Day, recorded: Int64 = ItemTable.unrecorded) {
            self.level = level
            self.principal = principal
            self.leader = leader
            self.date = date
            self.recorded = recorded
        }
    }

    /// The `recorded` of a fact stored without one (taken as recorded in time).
    package static let unrecorded = Int64.min

    package init() {}

    package init(_ items: some Sequence<ItemFacts>) {
        for item in items { append(item) }
    }

    package var count: Int { ids.count }

    package mutating func reserveCapacity(_ n: Int) {
        ids.reserveCapacity(n)
        merged.reserveCapacity(n)
        category.reserveCapacity(n)
        submitted.reserveCapacity(n)
        commission.reserveCapacity(n)
        unitStart.reserveCapacity(n + 1)
        unitRefs.reserveCapacity(n)
        authorStart.reserveCapacity(n + 1)
        authorRefs.reserveCapacity(n)
        adoptionStart.reserveCapacity(n + 1)
        forwardingStart.reserveCapacity(n + 1)
        instructionStart.reserveCapacity(n + 1)
    }

    /// Refers adoptions to their publication by `names[id]` instead of the stored id (rules
    /// and reason lines name publications as readers know them: 《每日要情》); ids without a
    /// name are kept.
    package mutating func namePublications(_ names: [String: String]) {
        guard !names.isEmpty else { return }
        var renamed: [Int32: Int32] = [:]
        for k in adoptions.indices {
            let ref = adoptions[k].publication
            if let to = renamed[ref] {
                adoptions[k].publication = to
            } else if let name = names[strings[Int(ref)]] {
                let to = intern(name)
                renamed[ref] = to
                adoptions[k].publication = to
            } else {
                renamed[ref] = ref
            }
        }
    }

    /// Whether item `i` has an adoption, a forwarding or an instruction.
    package func hasFacts(_ i: Int) -> Bool {
        adoptionStart[i] < adoptionStart[i + 1] || forwardingStart[i] < forwardingStart[i + 1]
            || instructionStart[i] < instructionStart[i + 1]
    }

    /// The index of `s` in `strings`, adding it if new.
    package mutating func intern(_ s: String) -> Int32 {
        if let i = lookup[s] { return i }
        let i = Int32(strings.count)
        strings.append(s)
        lookup[s] = i
        return i
    }

    package mutating func append(_ item: ItemFacts) {
        ids.append(item.id)
        merged.append(item.merged)
        category.append(item.category)
        submitted.append(item.submitted)
        commission.append(item.commission.map { intern($0) } ?? -1)
        for u in item.units { unitRefs.append(intern(u.rawValue)) }
        unitStart.append(Int32(unitRefs.count))
        for a in item.authors { authorRefs.append(intern(a.rawValue)) }
        authorStart.append(Int32(authorRefs.count))
        for a in item.adoptions {
            adoptions.append(Adoption(level: a.level, kind: a.kind, publication: intern(a.publication),
                                      issue: a.issue.map { intern($0) } ?? -1, date: a.date))
        }
        adoptionStart.append(Int32(adoptions.count))
        for f in item.forwardings { forwardings.append(Forwarding(to: f.to, date: f.date)) }
        forwardingStart.append(Int32(forwardings.count))
        for s in item.instructions {
            instructions.append(Instruction(level: s.level, principal: s.principal, leader: intern(s.leader), date: s.date))
        }
        instructionStart.append(Int32(instructions.count))
    }

    // MARK: Building column by column (store reads)

    /// Starts an item; add its lists, then call `finishItem()`.
    package mutating func beginItem(id: ItemID, merged: Bool, category: ItemCategory, submitted: Day, commission: Int32) {
        ids.append(id)
        self.merged.append(merged)
        self.category.append(category)
        self.submitted.append(submitted)
        self.commission.append(commission)
    }

    package mutating func addUnit(_ ref: Int32) { unitRefs.append(ref) }
    package mutating func addAuthor(_ ref: Int32) { authorRefs.append(ref) }
    package mutating func addAdoption(_ a: Adoption) { adoptions.append(a) }
    package mutating func addForwarding(_ f: Forwarding) { forwardings.append(f) }
    package mutating func addInstruction(_ i: Instruction) { instructions.append(i) }

    package mutating func finishItem() {
        unitStart.append(Int32(unitRefs.count))
        authorStart.append(Int32(authorRefs.count))
        adoptionStart.append(Int32(adoptions.count))
        forwardingStart.append(Int32(forwardings.count))
        instructionStart.append(Int32(instructions.count))
    }

    /// Item `i` as a value.
    package func facts(at i: Int) -> ItemFacts {
        ItemFacts(
            id: ids[i],
            units: (Int(unitStart[i])..<Int(unitStart[i + 1])).map { UnitID(rawValue: strings[Int(unitRefs[$0])]) },
            merged: merged[i], category: category[i], submitted: submitted[i],
            authors: (Int(authorStart[i])..<Int(authorStart[i + 1])).map { PersonID(rawValue: strings[Int(authorRefs[$0])]) },
            commission: commission[i] < 0 ? nil : strings[Int(commission[i])],
            adoptions: adoptions[Int(adoptionStart[i])..<Int(adoptionStart[i + 1])].map {
                AdoptionFact(level: $0.level, publication: strings[Int($0.publication)], kind: $0.kind,
                             issue: $0.issue < 0 ? nil : strings[Int($0.issue)], date: $0.date)
            },
            forwardings: forwardings[Int(forwardingStart[i])..<Int(forwardingStart[i + 1])].map { ForwardingFact(to: $0.to, date: $0.date) },
            instructions: instructions[Int(instructionStart[i])..<Int(instructionStart[i + 1])].map {
                InstructionFact(level: $0.level, principal: $0.principal, leader: strings[Int($0.leader)], date: $0.date)
            }
        )
    }

    /// The lead unit of item `i`.
    package func leadUnit(_ i: Int) -> UnitID { UnitID(rawValue: strings[Int(unitRefs[Int(unitStart[i])])]) }
}
