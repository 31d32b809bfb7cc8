/// The Chinese names of form fields, for validation messages that say which field is wrong.
enum FieldNames {
    static let names = [
        "title": "标题", "body": "正文", "category": "类别", "units": "报送单位", "units[0]": "报送单位", "authors": "作者", "note": "意见",
        "level": "采用级别", "publication": "载体", "type": "刊物类型", "issue": "期号", "date": "采用日期", "version": "版本",
        "text": "规则内容", "file": "文件名", "period": "考核期", "login": "账号", "id": "编号",
    ]

    /// `field`'s name, or the field itself when it has none.
    static func name(_ field: String?) -> String? { field.map { names[$0] ?? $0 } }
}
