/// Recognises Quartz-only items (`?`, `L`, `L-3`, `LW`, `15W`, `6L`, `FRIL`, `6#3`) so that
/// errors can say which dialect they belong to.
enum QuartzSyntax {
    static func isQuartzOnly(_ item: Substring) -> Bool {
        let u = item.uppercased()
        if u.contains("?") || u.contains("#") { return true }
        if u == "L" || u == "LW" || u == "W" || u.hasPrefix("L-") { return true }
        guard let last = u.last, last == "L" || last == "W" else { return false }
        let head = u.dropLast()
        return FieldSpec.number(head) != nil || FieldSpec.weekdayNames[String(head)] != nil
    }
}
