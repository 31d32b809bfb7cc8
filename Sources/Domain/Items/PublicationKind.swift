/// The kind of piece an adoption appears as, which drives its points.
package enum PublicationKind: String, Sendable, Codable, CaseIterable {
    /// 要情 / 动态: a single item in a daily bulletin.
    case briefing
    /// 综合 / 简讯: part of a composite item built from several submissions.
    case digest
    /// 专报 / 单篇: a stand-alone special report.
    case special
    /// 特刊 / 调研: a special issue or research piece.
    case feature

    package var label: String {
        switch self {
        case .briefing: "要情"
        case .digest: "综合"
        case .special: "专报"
        case .feature: "特刊"
        }
    }
}
