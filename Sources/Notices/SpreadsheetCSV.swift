import Foundation

/// CSV that spreadsheet programs open correctly with Chinese text: UTF-8 with a byte-order
/// mark, fields quoted only when they hold a comma, a quote or a line break.
package enum SpreadsheetCSV {
    package static func text(header: [String], rows: [[String]]) -> String {
        var text = "\u{FEFF}" + header.map(quote).joined(separator: ",") + "\n"
        for row in rows { text += row.map(quote).joined(separator: ",") + "\n" }
        return text
    }

    private static func quote(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
