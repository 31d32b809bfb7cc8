/// The quarterly notice as blocks for Word: the same sections as the default templates.
extension QuarterlyNotice {
    var blocks: BlockDocument {
        var d = BlockDocument(title: title)
        d.add(.title(title), .centered("文号：＿＿＿＿＿＿＿＿＿＿"), .plain("各县区人民政府，市政府各部门："),
              .paragraph("现将\(periodLabel)全市政务信息工作情况通报如下。"), .heading("一、总体情况"))
        d.blocks += overviewBlocks
        d.add(.heading("二、成绩突出的单位"))
        d.blocks += outstanding.isEmpty ? [.paragraph("本季度没有采用\(praiseMinAdopted)条以上信息的单位。")]
            : outstanding.map { .paragraph("\($0.group)：\($0.text)。") }
        d.add(.heading("三、存在的问题"))
        d.blocks += problemBlocks
        d.add(.heading("四、下一步要求"), .paragraph(Self.requirements), .signature(officeName))
        d.blocks += annexBlocks
        d.add(.note("数据截至\(run.asOf)（北京时间），规则版本 \(run.shortRuleVersion)，考核编号 \(run.id)。"))
        return d
    }

    /// 总体情况: the figures, the 约稿, the lapses.
    var overviewBlocks: [BlockDocument.Block] {
        let o = overview
        func change(_ f: Figure) -> String { f.change.map { "（\($0)）" } ?? "" }
        var blocks: [BlockDocument.Block] = [
            .paragraph("\(periodLabel)，各单位共报送政务信息\(o.submitted.value)条\(change(o.submitted))；被市政府办公室采用\(o.adoptedCity.value)条"
                + "\(change(o.adoptedCity))，被省政府办公厅采用\(o.adoptedProvince.value)条\(change(o.adoptedProvince))，被国务院办公厅采用"
                + "\(o.adoptedState.value)条\(change(o.adoptedState))；获领导批示\(o.instructions.value)件次\(change(o.instructions))，其中市领导批示"
                + "\(o.instructionsCity.value)件次、省领导批示\(o.instructionsProvince.value)件次、国务院领导批示\(o.instructionsState.value)件次。"),
        ]
        if let c = o.commissions { blocks.append(.paragraph("本季度\(c.text)\(change(c.assigned))。")) }
        blocks.append(.paragraph(o.lapseSummary.map { "约稿、批示反馈、紧急信息和外出报备等方面共出现问题\(o.lapseCount)次：\($0)。" }
            ?? "本季度未发现约稿迟报、未报送，批示反馈超时，紧急信息迟报、漏报、瞒报和外出未报备等问题。"))
        return blocks
    }

    /// 存在的问题: lagging units, zero lists, lapses.
    var problemBlocks: [BlockDocument.Block] {
        var blocks: [BlockDocument.Block] = lagging.map { .paragraph("\($0.group)排名靠后的单位：\($0.text)。") }
        if let zeroSubmitted { blocks.append(.paragraph("零报送单位：\(zeroSubmitted)。")) }
        if let zeroAdopted { blocks.append(.paragraph("有报送但零采用的单位：\(zeroAdopted)。")) }
        blocks += lapses.map { .paragraph("\($0.label)：\($0.units)。") }
        return blocks
    }

    /// 附件1 得分排名表 and, when there were adoptions, 附件2 采用信息目录.
    var annexBlocks: [BlockDocument.Block] {
        var blocks: [BlockDocument.Block] = [.pageBreak, .heading("附件1　\(periodLabel)政务信息工作得分排名表")]
        blocks += rankingTables
        guard !adoptedItems.isEmpty else { return blocks }
        blocks += [.pageBreak, .heading("附件2　\(periodLabel)采用信息目录")]
        blocks.append(.table(BlockDocument.Table(
            header: ["序号", "编号", "单位", "层级", "采用情况", "采用日期", "得分"],
            rows: adoptedItems.map { [String($0.number), $0.item, $0.unit, $0.level, $0.publication, $0.date, $0.points] },
            textColumns: [1, 2, 4])))
        return blocks
    }

    /// 附件1's tables, one per group.
    var rankingTables: [BlockDocument.Block] {
        ranking.flatMap { group -> [BlockDocument.Block] in
            [.subheading(group.group), .table(BlockDocument.Table(
                header: ["排名", "单位", "报送", "市采用", "省采用", "国办采用", "批示", "加分", "扣分", "本季得分"],
                rows: group.rows.map { r in
                    [String(r.rank), r.name, String(r.submitted), String(r.adoptedCity), String(r.adoptedProvince), String(r.adoptedState),
                     String(r.instructions), r.bonus, r.deduction, r.points]
                },
                textColumns: [1]))]
        }
    }

    /// 下一步要求, as in the default templates.
    static let requirements = "各单位要进一步提高对政务信息工作的认识，主要负责同志要亲自过问，分管负责同志要具体抓，确保信息报送及时、准确、全面。"
        + "要围绕市委、市政府中心工作和重点任务，多报反映新情况、新问题、新经验的信息；按时完成约稿任务，认真做好领导批示的落实和反馈，"
        + "做到事事有回音、件件有落实；发生突发事件要第一时间报告，严禁迟报、漏报、瞒报。排名靠后和零报送、零采用的单位要认真查找原因，切实加以改进。"
}
