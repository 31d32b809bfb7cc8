/// Where an item is in its workflow: 草稿 → 已报送 → (退回 | 编辑中) → 已采用 / 备用 / 不采用,
/// or 已合编 when folded into a 综合 item.
package enum ItemStatus: String, Sendable, Codable, CaseIterable {
    case draft
    case submitted
    case returned
    case editing
    case adopted
    case reserved
    case rejected
    case merged

    package var label: String {
        switch self {
        case .draft: "草稿"
        case .submitted: "已报送"
        case .returned: "退回修改"
        case .editing: "编辑中"
        case .adopted: "已采用"
        case .reserved: "备用"
        case .rejected: "不采用"
        case .merged: "已合编"
        }
    }

    /// Statuses reachable from this one.
    package var next: Set<ItemStatus> {
        switch self {
        case .draft: [.submitted]
        case .submitted: [.returned, .editing, .adopted, .reserved, .rejected, .merged]
        case .returned: [.submitted, .draft]
        case .editing: [.adopted, .reserved, .rejected, .returned, .merged]
        case .adopted: [.adopted]
        case .reserved: [.editing, .adopted, .rejected]
        case .rejected: []
        case .merged: []
        }
    }

    /// The item has reached the office (anything but a draft or a returned draft).
    package var wasSubmitted: Bool { self != .draft }
}
