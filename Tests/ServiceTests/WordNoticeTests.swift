import Foundation
import Testing

/// `tally notice --format docx`: the Word files are well-formed Office Open XML packages,
/// and LibreOffice (Debian's libreoffice-writer-nogui, with poppler-utils' pdftotext) opens
/// them and prints the title and the ranking rows. Without LibreOffice these tests fail:
/// `scripts/install-deps test` installs it.
@Suite(.serialized) struct WordNoticeTests {
    @Test func theWordNoticesArePackagesOfWellFormedXMLThatLibreOfficePrints() throws {
        let s = try NoticeScenario()
        _ = try s.assess("2026Q1")
        _ = try s.assess("2026", asOf: YearEndNoticeTests.asOf)
        let quarterly = s.h.dir.appendingPathComponent("quarterly.docx"), yearEnd = s.h.dir.appendingPathComponent("year-end.docx")
        let meeting = s.h.dir.appendingPathComponent("meeting.docx")
        #expect(try s.ok(["notice", "--period", "2026Q1", "--format", "docx", "--out", quarterly.path]).isEmpty)
        try s.ok(["notice", "--kind", "year-end", "--period", "2026", "--format", "docx", "--out", yearEnd.path])
        try s.ok(["notice", "--kind", "meeting", "--period", "2026Q1", "--format", "docx", "--out", meeting.path,
                  "--meeting-at", "2026-04-22T15:00:00+08:00", "--place", "市政府3楼会议室"])
        // Standard output that is not a terminal takes the same bytes.
        #expect(Data(try s.h.runSeparately(["notice", "--period", "2026Q1", "--format", "docx"] + s.templates).stdout.utf8).count > 0)

        for file in [quarterly, yearEnd, meeting] {
            let parts = try Tools.run("/usr/bin/env", ["python3", "-c", Self.checkParts, file.path], timeout: 60)
            #expect(parts.status == 0 && parts.output.contains("word/document.xml"), "\(file.lastPathComponent): \(parts.output)")
        }

        let soffice = try #require(Tools.find("soffice"), "LibreOffice is missing: apt-get install libreoffice-writer-nogui (scripts/install-deps test)")
        let pdftotext = try #require(Tools.find("pdftotext"), "pdftotext is missing: apt-get install poppler-utils (scripts/install-deps test)")
        let pdfs = s.h.dir.appendingPathComponent("pdf")
        // A private profile, so a LibreOffice the user has open does not take the job; the
        // first start builds the profile and may take a minute.
        let convert = try Tools.run(soffice, [
            "-env:UserInstallation=file://\(s.h.dir.appendingPathComponent("lo-profile").path)", "--headless", "--convert-to", "pdf",
            "--outdir", pdfs.path, quarterly.path, yearEnd.path, meeting.path,
        ], timeout: 300)
        #expect(convert.status == 0, "\(convert.output)")

        func text(_ name: String) throws -> (lines: [String], flat: String) {
            let r = try Tools.run(pdftotext, ["-layout", pdfs.appendingPathComponent(name).path, "-"], timeout: 60)
            try #require(r.status == 0, "\(r.output)")
            // pdftotext spaces out digits among Chinese text and pads table cells: compare
            // rows with single spaces and running text without any.
            let lines = r.output.split(separator: "\n").map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            return (lines, r.output.filter { !$0.isWhitespace })
        }
        let q = try text("quarterly.pdf")
        #expect(q.flat.contains("某市人民政府办公室关于2026年第一季度全市政务信息工作情况的通报"))
        #expect(q.lines.contains("1 清河县人民政府 1 1 1 1 2 146 0 146"), "\(q.lines)")
        #expect(q.lines.contains("1 市发展改革委 1 1 0 0 1 20 0 20"), "\(q.lines)")
        #expect(q.flat.contains("附件22026年第一季度采用信息目录"))
        let y = try text("year-end.pdf")
        #expect(y.flat.contains("某市人民政府办公室关于2026年度全市政务信息工作考核结果的通报"))
        #expect(y.lines.contains("1 临江县人民政府 2 0/0/2 1 260 100 160 3 合格 是"), "\(y.lines)")
        #expect(y.lines.contains("2 清河县人民政府 3 1/1/1 2 148 5 143 2.68 先进一等"), "\(y.lines)")
        #expect(y.flat.contains("临江县人民政府（县区）：瞒报突发事件信息1次。"))
        let m = try text("meeting.pdf")
        #expect(m.flat.contains("某市人民政府办公室2026年第一季度政务信息工作例会材料"))
        #expect(m.flat.contains("地点：市政府3楼会议室"))
        #expect(m.lines.contains("1 清河县人民政府 1 1 1 1 2 146 0 146"), "\(m.lines)")
    }

    /// Opens the .docx as a ZIP, parses every part as XML and prints the part names.
    static let checkParts = """
        import sys, zipfile, xml.dom.minidom
        z = zipfile.ZipFile(sys.argv[1])
        assert z.testzip() is None
        names = z.namelist()
        for required in ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/_rels/document.xml.rels"]:
            assert required in names, required
        for name in names:
            xml.dom.minidom.parseString(z.read(name))
        print("\\n".join(names))
        """
}

/// External programs the tests run.
enum Tools {
    /// The program's path on PATH, or nil.
    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a program to the end (killed after `timeout` seconds): its status and combined output.
    static func run(_ program: String, _ arguments: [String], timeout: TimeInterval) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = arguments
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("tally-tool-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        p.standardOutput = handle
        p.standardError = handle
        try p.run()
        let end = Date().addingTimeInterval(timeout)
        while p.isRunning, Date() < end { Thread.sleep(forTimeInterval: 0.05) }
        if p.isRunning {
            p.terminate()
            p.waitUntilExit()
            return (-1, "timed out after \(Int(timeout)) s: \(program) \(arguments.joined(separator: " "))")
        }
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: try Data(contentsOf: log), as: UTF8.self))
    }
}
