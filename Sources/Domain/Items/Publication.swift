/// An information publication (载体), e.g. the city's 《每日要情》 or the province's 专报.
package struct Publication: Sendable, Equatable, Hashable {
    package var id: String
    package var name: String
    /// Whose publication: the city office itself, the province or the State Council.
    package var level: Level
    /// The kind its pieces usually count as.
    package var kind: PublicationKind
    /// The office that edits it (for city-level publications).
    package var office: OfficeID?

    package init(id: String, name: String, level: Level, kind: PublicationKind, office: OfficeID? = nil) {
        self.id = id
        self.name = name
        self.level = level
        self.kind = kind
        self.office = office
    }
}
