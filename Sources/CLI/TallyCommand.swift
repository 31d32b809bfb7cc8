import ArgumentParser

/// `tally`: the command line of Tally. Exit status: 0 success, 1 failure (validation,
/// rule error), 2 bad usage.
struct TallyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tally",
        abstract: "Tally：政务信息工作的记录、考核评分与工作日日程。",
        discussion: """
            Exit status: 0 success, 1 failure (validation, rule error), 2 bad usage.
            Global options (--rules, --schedules, --database, --now, --json) are accepted by every subcommand.
            """,
        subcommands: [
            MigrateCommand.self, ImportCommand.self, ExportCommand.self, RulesCommand.self, CalendarCommand.self, ScheduleCommand.self,
            ServeCommand.self, AccountsCommand.self, AssessCommand.self, NoticeCommand.self, DocumentsCommand.self, InboxCommand.self, OutboxCommand.self, DemoCommand.self,
        ]
    )
}
