/// Why a cron expression was refused. `reason` is in Simplified Chinese, for the admins
/// who write schedules; `description` prefixes the field, e.g.
/// `第2个字段（小时）：取值 25 超出范围 0–23`.
package struct CronError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based position of the offending field in the expression, nil when the error is
    /// about the whole expression.
    package let field: Int?
    /// The field's Chinese name (`小时`), nil when `field` is.
    package let fieldName: String?
    package let reason: String

    package init(field: Int? = nil, fieldName: String? = nil, reason: String) {
        self.field = field
        self.fieldName = fieldName
        self.reason = reason
    }

    package var description: String {
        guard let field, let fieldName else { return reason }
        return "第\(field)个字段（\(fieldName)）：\(reason)"
    }
}
