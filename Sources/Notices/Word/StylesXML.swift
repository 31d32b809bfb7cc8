/// `word/styles.xml` and `word/fontTable.xml`: the type of a Chinese official document —
/// body 仿宋_GB2312 三号 (16 pt) on a fixed 28 pt line with a two-character first-line
/// indent, title 方正小标宋简体 二号 (22 pt) centred, headings 黑体 and 楷体_GB2312 三号,
/// tables 仿宋 小四 (12 pt). The font table names 宋体, 仿宋 and 楷体 as stand-ins for
/// machines without the GB2312 and 方正 fonts.
enum StylesXML {
    static let namespace = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

    /// Run properties: the East Asian font and the size in half-points.
    private static func fonts(_ eastAsia: String, size: Int, language: String = "") -> String {
        "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"\(eastAsia)\" w:cs=\"Times New Roman\"/>"
            + "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/>\(language)</w:rPr>"
    }

    private static func style(_ id: String, name: String, pPr: String, rPr: String) -> String {
        "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/><w:basedOn w:val=\"Normal\"/>"
            + "<w:qFormat/><w:pPr>\(pPr)</w:pPr>\(rPr)</w:style>"
    }

    private static let noIndent = "<w:ind w:firstLine=\"0\" w:firstLineChars=\"0\"/>"
    private static let autoLine = "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>"

    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles \(namespace)><w:docDefaults><w:rPrDefault>\(fonts("仿宋_GB2312", size: 32, language: "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>"))</w:rPrDefault>\
        <w:pPrDefault><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"560\" w:lineRule=\"exact\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>\
        <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>\
        <w:pPr><w:ind w:firstLine=\"640\" w:firstLineChars=\"200\"/></w:pPr></w:style>\
        \(style("Title", name: "Title", pPr: "<w:keepNext/><w:spacing w:before=\"0\" w:after=\"560\" w:line=\"700\" w:lineRule=\"exact\"/><w:jc w:val=\"center\"/>\(noIndent)<w:outlineLvl w:val=\"0\"/>", rPr: fonts("方正小标宋简体", size: 44)))\
        \(style("Heading1", name: "heading 1", pPr: "<w:keepNext/><w:outlineLvl w:val=\"1\"/>", rPr: fonts("黑体", size: 32)))\
        \(style("Heading2", name: "heading 2", pPr: "<w:keepNext/><w:outlineLvl w:val=\"2\"/>", rPr: fonts("楷体_GB2312", size: 32)))\
        \(style("Plain", name: "Plain", pPr: noIndent, rPr: ""))\
        \(style("Centered", name: "Centered", pPr: "\(noIndent)<w:jc w:val=\"center\"/>", rPr: ""))\
        \(style("Signature", name: "Signature", pPr: "<w:spacing w:before=\"560\" w:after=\"0\" w:line=\"560\" w:lineRule=\"exact\"/>\(noIndent)<w:jc w:val=\"right\"/>", rPr: ""))\
        \(style("Note", name: "Note", pPr: "<w:spacing w:before=\"240\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>\(noIndent)", rPr: fonts("仿宋_GB2312", size: 21)))\
        \(style("TableText", name: "Table Text", pPr: "\(autoLine)\(noIndent)", rPr: fonts("仿宋_GB2312", size: 24)))\
        <w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:tblPr><w:tblBorders>\
        <w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
        <w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
        <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
        </w:tblBorders></w:tblPr></w:style></w:styles>
        """

    /// The document's fonts, each with the stand-in a machine without it should use.
    static let fontTable: String = {
        let fonts = [
            ("Times New Roman", "Times New Roman", "00", "roman"), ("仿宋_GB2312", "仿宋", "86", "modern"),
            ("方正小标宋简体", "宋体", "86", "roman"), ("黑体", "SimHei", "86", "modern"), ("楷体_GB2312", "楷体", "86", "modern"),
        ]
        let entries = fonts.map { name, alt, charset, family in
            "<w:font w:name=\"\(name)\"><w:altName w:val=\"\(alt)\"/><w:charset w:val=\"\(charset)\"/><w:family w:val=\"\(family)\"/>"
                + "<w:pitch w:val=\"variable\"/></w:font>"
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:fonts \(namespace)>\(entries.joined())</w:fonts>"
    }()
}
