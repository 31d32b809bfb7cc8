import ArgumentParser
import Foundation
import WorkingDays

/// `tally calendar …`: questions about the official working-day calendar.
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "按国务院节假日安排（含调休）查询和计算工作日。",
        subcommands: [IsWorkday.self, AddWorkdays.self, Workdays.self]
    )

    struct Options: ParsableArguments {
        @Option(name: .long, help: "Apply this office's local overlay (schedules/calendar/local/<office>.yaml).")
        var office: String?
        @Flag(name: .long, help: "Plan years without official data as Monday–Friday (flagged) instead of failing.")
        var provisional = false
    }

    static func parseDay(_ s: String, _ name: String) throws -> Day {
        guard let d = Day(iso: s) else { throw ValidationError("\(name): 日期格式应为 YYYY-MM-DD，实际为 '\(s)'") }
        return d
    }

    static func load(_ global: GlobalOptions, _ options: Options) throws -> WorkCalendar {
        let c = try global.calendar(office: options.office)
        return options.provisional ? c.provisional() : c
    }

    static func run<T>(_ body: () throws(CalendarError) -> T) throws -> T {
        do { return try body() } catch { throw CommandFailure(error.description) }
    }

}

struct DayReport: Encodable {
    var date: String
    var workday: Bool
    var kind: String
    var provisional: Bool
}

extension CalendarCommand {
    struct IsWorkday: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "is-workday", abstract: "某天是否为工作日。")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: Options
        @Argument(help: "YYYY-MM-DD") var date: String

        func validate() throws { _ = try CalendarCommand.parseDay(date, "DATE") }

        func run() async throws {
            let cal = try CalendarCommand.load(global, options)
            let d = try CalendarCommand.parseDay(date, "DATE")
            let kind = try CalendarCommand.run { () throws(CalendarError) in try cal.kind(of: d) }
            let provisional = cal.isProvisional(d)
            if global.json {
                return printJSON(DayReport(date: d.iso, workday: kind.isWorkday, kind: kind.description, provisional: provisional))
            }
            print("\(d.iso)（\(d.weekdayName)）\(kind.isWorkday ? "是" : "不是")工作日：\(kind)\(provisional ? "【暂定：该年无官方数据，按周一至周五计】" : "")")
        }
    }

    struct AddWorkdays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-workdays",
            abstract: "DATE 之后第 N 个工作日（不含当日；N 为负数时向前数）。")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: Options
        @Argument(help: "YYYY-MM-DD") var date: String
        @Argument(help: "Number of working days (negative counts back).") var count: Int

        func validate() throws {
            _ = try CalendarCommand.parseDay(date, "DATE")
            guard abs(count) <= 2500 else { throw ValidationError("N: 最多 2500 个工作日") }
        }

        struct Output: Encodable {
            var from: String
            var workdays: Int
            var date: String
            var provisional: Bool
        }

        func run() async throws {
            let cal = try CalendarCommand.load(global, options)
            let d = try CalendarCommand.parseDay(date, "DATE")
            let result = try CalendarCommand.run { () throws(CalendarError) in try cal.adding(workdays: count, to: d) }
            let provisional = cal.isProvisional(d) || cal.isProvisional(result)
            if global.json { return printJSON(Output(from: d.iso, workdays: count, date: result.iso, provisional: provisional)) }
            print("\(result.iso)（\(result.weekdayName)）\(provisional ? "【暂定】" : "")")
        }
    }

    struct Workdays: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "workdays",
            abstract: "FROM 之后到 TO（含）之间的工作日数。")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var options: Options
        @Argument(help: "YYYY-MM-DD (not counted)") var from: String
        @Argument(help: "YYYY-MM-DD (counted)") var to: String
        @Flag(name: .long, help: "List the working days too.") var list = false

        func validate() throws {
            let a = try CalendarCommand.parseDay(from, "FROM")
            let b = try CalendarCommand.parseDay(to, "TO")
            guard abs(b.ordinal - a.ordinal) <= 3660 else { throw ValidationError("FROM 与 TO 最多相隔 10 年") }
        }

        struct Output: Encodable {
            var from: String
            var to: String
            var workdays: Int
            var days: [String]?
            var provisional: Bool
        }

        func run() async throws {
            let cal = try CalendarCommand.load(global, options)
            let a = try CalendarCommand.parseDay(from, "FROM")
            let b = try CalendarCommand.parseDay(to, "TO")
            let n = try CalendarCommand.run { () throws(CalendarError) in try cal.workdays(after: a, through: b) }
            let days = list ? try CalendarCommand.run { () throws(CalendarError) in try cal.workdays(in: min(a, b).adding(days: 1), max(a, b)) } : nil
            let provisional = cal.isProvisional(a) || cal.isProvisional(b)
            if global.json { return printJSON(Output(from: a.iso, to: b.iso, workdays: n, days: days?.map(\.iso), provisional: provisional)) }
            print("\(n)\(provisional ? "【暂定】" : "")")
            for d in days ?? [] { print("\(d.iso) \(d.weekdayName) \((try? cal.kind(of: d))?.description ?? "")") }
        }
    }
}
