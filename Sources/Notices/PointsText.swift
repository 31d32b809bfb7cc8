import Foundation

/// Points as a notice prints them: at most two decimals, without trailing zeros
/// (146, 2.5, -0.25).
package enum PointsText {
    package static func format(_ points: Double) -> String {
        var s = String(format: "%.2f", points)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }
}
