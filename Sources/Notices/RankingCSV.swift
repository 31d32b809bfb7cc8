/// The notice's 附件1 得分排名表 as CSV, one row per unit with its group.
enum RankingCSV {
    static func text(_ notice: QuarterlyNotice) -> String {
        let header = ["类别", "排名", "单位", "报送", "市采用", "省采用", "国办采用", "批示", "加分", "扣分", "本季得分"]
        let rows = notice.ranking.flatMap { group in
            group.rows.map { r in
                [group.group, String(r.rank), r.name, String(r.submitted), String(r.adoptedCity), String(r.adoptedProvince),
                 String(r.adoptedState), String(r.instructions), r.bonus, r.deduction, r.points]
            }
        }
        return SpreadsheetCSV.text(header: header, rows: rows)
    }
}
