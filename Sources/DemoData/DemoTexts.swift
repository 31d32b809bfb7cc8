import Foundation
package import Domain

/// Chinese titles and bodies for generated items, by category.
enum DemoTexts {
    static let topics = ["招商引资", "项目建设", "营商环境优化", "乡村振兴", "安全生产", "生态环境保护", "民生实事", "城市更新",
                         "数字政府建设", "科技创新", "稳就业", "防汛抗旱", "森林防火", "基层治理", "医疗卫生改革", "教育质量提升"]
    static let meetings = ["全市经济工作会议", "市政府常务会议", "全省安全生产电视电话会议", "全市项目建设推进会", "中央经济工作会议"]
    static let indicators = ["规模以上工业增加值", "固定资产投资", "社会消费品零售总额", "一般公共预算收入", "外贸进出口总额", "城镇居民人均可支配收入"]
    static let events = ["一起道路交通事故", "局部强降雨引发的山体滑坡", "一起燃气泄漏事件", "突发森林火情", "一起网络舆情"]

    static func title(_ category: ItemCategory, unit: String, index: Int) -> String {
        let short = unit.replacingOccurrences(of: "人民政府", with: "")
        let topic = topics[index % topics.count]
        let q = ["一", "二", "三", "四"][index % 4]
        switch category {
        case .policy: return "\(short)认真贯彻落实\(meetings[index % meetings.count])精神"
        case .instruction: return "\(short)抓好市领导批示件落实见成效"
        case .inspection: return "省领导到\(short)调研\(topic)工作"
        case .fieldwork: return "市领导到\(short)督导\(topic)工作"
        case .progress: return "\(short)扎实推进\(topic)工作"
        case .meeting: return "\(short)召开\(topic)专题会议"
        case .emergency: return "\(short)妥善处置\(events[index % events.count])"
        case .economy: return "\(short)第\(q)季度\(indicators[index % indicators.count])同比增长\(5 + index % 7).\(index % 10)%"
        case .absence: return "\(short)主要负责同志外出报备情况"
        case .award: return "\(short)获评省级\(topic)先进集体"
        case .other: return "\(short)\(topic)工作动态"
        }
    }

    static func body(_ category: ItemCategory, unit: String, index: Int) -> String {
        let topic = topics[(index / 3) % topics.count]
        return "今年以来，\(unit)坚持问题导向和目标导向，聚焦\(topic)，细化工作措施，压实工作责任。"
            + "截至目前，已完成年度目标任务的\(40 + index % 55)%，\(category == .economy ? "主要指标稳中向好" : "各项工作有序推进")。"
            + "下一步，将持续加大工作力度，确保全年目标任务圆满完成。"
    }
}
