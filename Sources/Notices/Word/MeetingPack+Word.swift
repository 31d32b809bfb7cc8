/// The meeting pack as blocks for Word: the same sections as the default templates.
extension MeetingPack {
    var blocks: BlockDocument {
        var d = BlockDocument(title: title)
        d.add(.title(title), .plain("时间：\(meetingAt)"), .plain("地点：\(place)"), .heading("一、会议议程"))
        d.blocks += agenda.map { .plain("（\($0.number)）\($0.text)") }
        d.add(.heading("二、\(quarter.periodLabel)政务信息工作情况"))
        d.blocks += quarter.overviewBlocks
        d.blocks += quarter.outstanding.map { .paragraph("成绩突出的单位（\($0.group)）：\($0.text)。") }
        d.blocks += quarter.problemBlocks
        d.add(.heading("三、未完成的约稿任务"))
        d.blocks += table(pendingCommissions, empty: "目前没有未完成的约稿任务。")
        d.add(.heading("四、未反馈的领导批示"))
        d.blocks += table(pendingInstructions, empty: "目前没有未反馈的领导批示。")
        d.add(.pageBreak, .heading("附　\(quarter.periodLabel)政务信息工作得分排名表"))
        d.blocks += quarter.rankingTables
        d.add(.note("数据截至\(quarter.run.asOf)（北京时间），规则版本 \(quarter.run.shortRuleVersion)，考核编号 \(quarter.run.id)。"))
        return d
    }

    private func table(_ tasks: [PendingTask], empty: String) -> [BlockDocument.Block] {
        guard !tasks.isEmpty else { return [.paragraph(empty)] }
        return [.table(BlockDocument.Table(
            header: ["序号", "单位", "事项", "下达时间", "截止时间", "状态"],
            rows: tasks.map { [String($0.number), $0.unit, $0.summary, $0.since ?? "", $0.due ?? "", $0.status] },
            textColumns: [1, 2]))]
    }
}
