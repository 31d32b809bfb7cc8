/// A document as a list of blocks — title, headings, paragraphs, tables — that the notices
/// build from their view models and `WordDocument` lays out as a Chinese official document.
package struct BlockDocument: Sendable, Equatable {
    /// Shown as the Word file's title property.
    package var title: String
    package var blocks: [Block]

    package init(title: String, blocks: [Block] = []) {
        self.title = title
        self.blocks = blocks
    }

    /// One block, in reading order.
    package enum Block: Sendable, Equatable {
        /// The document's title: centred, 方正小标宋简体 二号.
        case title(String)
        /// A first-level heading (一、总体情况): 黑体 三号.
        case heading(String)
        /// A second-level heading (县区, 附件 table captions): 楷体 三号.
        case subheading(String)
        /// Body text: 仿宋 三号, first line indented two characters.
        case paragraph(String)
        /// Body text without indent (主送 line, list entries).
        case plain(String)
        /// Centred body text (文号).
        case centered(String)
        /// Right-aligned body text (the issuing office, the date).
        case signature(String)
        /// A bordered table with a bold header row.
        case table(Table)
        /// Small print at the end (data as of, rule version, run id).
        case note(String)
        /// Starts the next block on a new page (annexes).
        case pageBreak
    }

    /// A table: the header row and the body rows, each as wide as the header.
    package struct Table: Sendable, Equatable {
        package var header: [String]
        package var rows: [[String]]
        /// Columns whose cells are aligned left (names, reasons); the others are centred.
        package var textColumns: Set<Int>

        package init(header: [String], rows: [[String]], textColumns: Set<Int> = []) {
            self.header = header
            self.rows = rows
            self.textColumns = textColumns
        }
    }

    /// Appends blocks.
    package mutating func add(_ blocks: Block...) { self.blocks += blocks }
}
