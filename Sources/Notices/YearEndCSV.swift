/// The year-end results table as CSV: one row per unit with its group, every figure and
/// the decision.
enum YearEndCSV {
    static func text(_ results: YearEndResults) -> String {
        let header = ["类别", "排名", "单位", "报送", "市采用", "省采用", "国办采用", "市领导批示", "省领导批示", "国务院领导批示", "加分", "扣分", "总分",
                      "折算分", "等次", "奖励", "处罚", "否决", "说明"]
        let rows = results.groups.flatMap { group in
            group.rows.map { r in
                [group.group, String(r.rank), r.name, String(r.submitted), String(r.adoptedCity), String(r.adoptedProvince), String(r.adoptedState),
                 String(r.instructionsCity), String(r.instructionsProvince), String(r.instructionsState), r.bonus, r.deduction, r.points,
                 r.converted, r.grade, r.reward ?? "", r.penalty ?? "", r.veto ?? "", r.remarks ?? ""]
            }
        }
        return SpreadsheetCSV.text(header: header, rows: rows)
    }
}
