/// The ten routine kinds of information the work asks for, plus `other`.
package enum ItemCategory: String, Sendable, Codable, CaseIterable {
    /// 重要会议和重大政策贯彻落实情况
    case policy
    /// 领导批示落实情况
    case instruction
    /// 上级领导视察调研
    case inspection
    /// 市领导调研
    case fieldwork
    /// 重点工作进展（阶段性工作、措施、问题）
    case progress
    /// 市领导出席的重要会议
    case meeting
    /// 突发事件、重大事故和舆情
    case emergency
    /// 月度、季度经济指标及分析
    case economy
    /// 领导外出
    case absence
    /// 省级以上表彰奖励
    case award
    /// 其他
    case other

    package var label: String {
        switch self {
        case .policy: "政策落实"
        case .instruction: "批示落实"
        case .inspection: "上级视察"
        case .fieldwork: "市领导调研"
        case .progress: "重点工作"
        case .meeting: "重要会议"
        case .emergency: "突发事件"
        case .economy: "经济指标"
        case .absence: "领导外出"
        case .award: "表彰奖励"
        case .other: "其他"
        }
    }
}
