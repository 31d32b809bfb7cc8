import Domain
import Foundation
import HTTPTypes
import NIOCore
import Tagged
import WorkingDays

/// How the console writes times, days and points (Asia/Shanghai, as offices read them).
enum ConsoleFormat {
    /// `2026-05-12 10:00`.
    static func time(_ instant: Instant) -> String {
        let iso = instant.iso
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5))
    }

    static func time(_ instant: Instant?) -> String { instant.map(time) ?? "—" }

    /// Points with at most two decimals (`12`, `3.5`, `-0.25`).
    static func points(_ value: Double) -> String {
        let text = String(format: "%.2f", value)
        guard text.contains(".") else { return text }
        var trimmed = Substring(text)
        while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        return trimmed == "-0" ? "0" : String(trimmed)
    }

    /// `33.3%`, or `—` when there is nothing to divide.
    static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "—" : String(format: "%.1f%%", Double(part) * 100 / Double(whole))
    }
}
