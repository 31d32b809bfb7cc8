/// `word/document.xml` of a block document: one paragraph per text block (styled by
/// `StylesXML`), bordered tables, and an A4 section with the margins of GB/T 9704
/// (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm).
enum DocumentXML {
    /// A4 in twentieths of a point, and the width between the margins.
    static let pageWidth = 11906, pageHeight = 16838, marginTop = 2098, marginBottom = 1984, marginLeft = 1588, marginRight = 1474
    static var textWidth: Int { pageWidth - marginLeft - marginRight }

    static func xml(_ document: BlockDocument) -> String {
        var body = ""
        for block in document.blocks {
            switch block {
            case .title(let s): body += paragraph(s, style: "Title")
            case .heading(let s): body += paragraph(s, style: "Heading1")
            case .subheading(let s): body += paragraph(s, style: "Heading2")
            case .paragraph(let s): body += paragraph(s, style: nil)
            case .plain(let s): body += paragraph(s, style: "Plain")
            case .centered(let s): body += paragraph(s, style: "Centered")
            case .signature(let s): body += paragraph(s, style: "Signature")
            case .note(let s): body += paragraph(s, style: "Note")
            case .table(let t): body += table(t)
            case .pageBreak: body += "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
            }
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>\(body)\
            <w:sectPr><w:pgSz w:w="\(pageWidth)" w:h="\(pageHeight)"/>\
            <w:pgMar w:top="\(marginTop)" w:right="\(marginRight)" w:bottom="\(marginBottom)" w:left="\(marginLeft)" \
            w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>
            """
    }

    /// A paragraph of `style` (the default paragraph style when nil); line breaks in the
    /// text become `<w:br/>`.
    private static func paragraph(_ text: String, style: String?, properties: String = "", bold: Bool = false) -> String {
        let pPr = style.map { "<w:pStyle w:val=\"\($0)\"/>" } ?? ""
        let rPr = bold ? "<w:rPr><w:b/></w:rPr>" : ""
        let runs = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "<w:t xml:space=\"preserve\">\(XMLText.escape(String($0)))</w:t>" }
            .joined(separator: "<w:br/>")
        return "<w:p><w:pPr>\(pPr)\(properties)</w:pPr><w:r>\(rPr)\(runs)</w:r></w:p>"
    }

    private static func table(_ t: BlockDocument.Table) -> String {
        let widths = columnWidths(t)
        let grid = widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined()
        let border = "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\""
        let borders = ["top", "left", "bottom", "right", "insideH", "insideV"].map { "<w:\($0) \(border)/>" }.joined()
        var xml = "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:jc w:val=\"center\"/>"
            + "<w:tblBorders>\(borders)</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
            + "<w:tblCellMar><w:left w:w=\"\(cellMargin)\" w:type=\"dxa\"/><w:right w:w=\"\(cellMargin)\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
            + "<w:tblGrid>\(grid)</w:tblGrid>"
        xml += row(t.header, widths: widths, header: true, textColumns: [])
        for r in t.rows { xml += row(r, widths: widths, header: false, textColumns: t.textColumns) }
        return xml + "</w:tbl><w:p><w:pPr><w:pStyle w:val=\"Plain\"/></w:pPr></w:p>"
    }

    private static func row(_ cells: [String], widths: [Int], header: Bool, textColumns: Set<Int>) -> String {
        let trPr = header ? "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" : "<w:trPr><w:cantSplit/></w:trPr>"
        var xml = "<w:tr>\(trPr)"
        for (k, width) in widths.enumerated() {
            let text = k < cells.count ? cells[k] : ""
            let align = textColumns.contains(k) ? "left" : "center"
            xml += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>"
                + paragraph(text, style: "TableText", properties: "<w:jc w:val=\"\(align)\"/>", bold: header) + "</w:tc>"
        }
        return xml + "</w:tr>"
    }

    /// Column widths (twips) summing to the text width. Each column asks for its widest body
    /// cell (a Chinese character counts two half-widths of 120 twips at the table's 12 pt) or
    /// half its header, which may wrap onto two lines, between three and twenty-four
    /// half-widths, plus the cell margins. When every column gets what it asks for, the room
    /// left over is shared in proportion, so no unit name wraps; otherwise (a very wide table)
    /// the width is shared in proportion to what each asks for and long text wraps.
    private static func columnWidths(_ t: BlockDocument.Table) -> [Int] {
        let asked = t.header.indices.map { k in
            let body = t.rows.map { k < $0.count ? displayWidth($0[k]) : 0 }.max() ?? 0
            let header = (displayWidth(t.header[k]) + 1) / 2
            return min(max(body, header, 3), 24) * halfCharacter + 2 * cellMargin
        }
        let total = asked.reduce(0, +)
        guard total > 0 else { return [] }
        let spare = max(textWidth - total, 0)
        let scale = total > textWidth ? (textWidth, total) : (1, 1)
        var widths = asked.map { $0 * scale.0 / scale.1 + spare * $0 / total }
        widths[widths.count - 1] += textWidth - widths.reduce(0, +)
        return widths
    }

    /// Half the width of a Chinese character in the 12 pt table text, and each cell's left
    /// and right margin (twips).
    private static let halfCharacter = 120, cellMargin = 57

    private static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
    }
}
