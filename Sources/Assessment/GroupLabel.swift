/// The names ranking groups go by in reports, notices and the console (县区, 一类部门…);
/// a group without one shows its id.
package enum GroupLabel {
    package static func of(_ group: String) -> String {
        ["county": "县区", "dept-1": "一类部门", "dept-2": "二类部门", "dept-3": "三类部门", "township": "乡镇（街道）"][group] ?? group
    }
}
