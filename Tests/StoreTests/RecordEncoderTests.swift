import DemoData
import Domain
import Foundation
import Tagged
import Testing
import WorkingDays
@testable import Interchange

/// The interchange writer against Foundation's JSONSerialization (keys sorted, slashes not
/// escaped): the same bytes for every record of the demo city and for hostile text, and
/// what it writes reads back to the same record.
@Suite struct RecordEncoderTests {
    /// What JSONSerialization writes for the same object.
    static func canonical(_ line: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    @Test func everyDemoRecordIsWrittenAsJSONSerializationWouldAndReadsBack() throws {
        let calendar = try CalendarFile.load(schedules: Repository.root.appendingPathComponent("schedules"))
        var checked = 0
        var mismatches: [String] = []
        try DemoDataSet(size: .city, seed: 11, calendar: calendar).generate { record in
            checked += 1
            guard checked % 7 == 0 || checked < 3_000 else { return }
            let line = RecordEncoder.line(record)
            if mismatches.count < 3, try line != Self.canonical(line) { mismatches.append(line) }
            if mismatches.count < 3, try RecordDecoder.decode(line: Array(line.utf8)) != record { mismatches.append("decode: " + line) }
        }
        #expect(checked > 10_000)
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test func hostileTextIsEscapedAsJSONSerializationWould() throws {
        let controls = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }.joined()
        let texts = [controls, "\"引号\" \\反斜杠\\ /斜杠/", "\u{7F}\u{85}\u{2028}\u{2029}", "😀𠮷", "", "\\u0000", "a\u{0}b"]
        for (i, text) in texts.enumerated() {
            let at = Instant(iso: "2026-03-02T09:00:00+08:00")!
            let item = Item(id: ItemID(rawValue: "I-\(i)"), units: [UnitID(rawValue: "u-1")], category: .other, title: text.isEmpty ? "空" : text,
                            body: text, status: .draft, createdAt: at, history: [ItemTransition(from: nil, to: .draft, by: "p-1", at: at, note: text.isEmpty ? nil : text)])
            let line = RecordEncoder.line(.submission(item))
            #expect(line == (try Self.canonical(line)), "\(text.unicodeScalars.map { $0.value })")
            // (The reader refuses control characters in a title: only clean text goes round.)
            if !text.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                #expect((try RecordDecoder.decode(line: Array(line.utf8))) == .submission(item))
            }
        }
    }
}
