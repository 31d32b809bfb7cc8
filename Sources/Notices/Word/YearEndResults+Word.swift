/// The year-end results as blocks for Word: the same sections as the default templates.
extension YearEndResults {
    var blocks: BlockDocument {
        var d = BlockDocument(title: title)
        d.add(.title(title), .centered("文号：＿＿＿＿＿＿＿＿＿＿"), .plain("各县区人民政府，市政府各部门："),
              .paragraph("根据全市政务信息工作考核办法，现将\(yearLabel)度全市政务信息工作考核结果通报如下。"),
              .heading("一、考核总体情况"), .paragraph(summaryText), .heading("二、先进单位"))
        d.blocks += unitAwards.isEmpty ? [.paragraph("本年度没有评为先进的单位。")]
            : unitAwards.map { .paragraph("\($0.tier)（\($0.count)个）：\($0.text)。") }
        d.add(.heading("三、优秀信息员"))
        d.blocks += personAwards.isEmpty ? [.paragraph("本年度没有符合条件的优秀信息员。")]
            : personAwards.map { .paragraph("\($0.tier)（\($0.count)人）：\($0.text)。") }
        d.add(.heading("四、一票否决"))
        d.blocks += vetoes.isEmpty ? [.paragraph("本年度没有被一票否决的单位。")]
            : vetoes.map { .paragraph("\($0.name)（\($0.group)）：\($0.reasons)。\($0.penalty.map { "\($0)。" } ?? "")") }
        d.add(.signature(officeName), .pageBreak, .heading("附件　\(yearLabel)度政务信息工作考核结果表"))
        for group in groups {
            d.add(.subheading(group.group), .table(BlockDocument.Table(
                header: ["排名", "单位", "报送", "采用（市/省/国办）", "批示", "加分", "扣分", "总分", "折算分", "等次", "否决"],
                rows: group.rows.map { r in
                    [String(r.rank), r.name, String(r.submitted), "\(r.adoptedCity)/\(r.adoptedProvince)/\(r.adoptedState)", String(r.instructions),
                     r.bonus, r.deduction, r.points, r.converted, r.grade, r.veto ?? ""]
                },
                textColumns: [1])))
        }
        d.add(.note("数据截至\(run.asOf)（北京时间），规则版本 \(run.shortRuleVersion)，考核编号 \(run.id)。"))
        return d
    }

    /// 本年度共考核7个单位，评为先进单位2个，一票否决1个；评为优秀信息员0人。
    var summaryText: String {
        "本年度共考核\(summary.units)个单位，评为先进单位\(summary.awardedUnits)个，一票否决\(summary.vetoedUnits)个；评为优秀信息员\(summary.awardedPersons)人。"
    }
}
