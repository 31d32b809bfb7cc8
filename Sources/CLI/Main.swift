import ArgumentParser
import Foundation
import Logging
import LuaHost

/// Runs the command and maps outcomes to Tally's exit codes (ArgumentParser would use 64
/// for usage errors).
@main
enum Main {
    static func main() async {
        // Times are shown in Asia/Shanghai (logs included) unless the user chose a zone.
        setenv("TZ", "Asia/Shanghai", 0)
        LuaSandbox.tuneProcessAllocator()
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = ProcessInfo.processInfo.environment["TALLY_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
            return handler
        }
        do {
            var command = try TallyCommand.parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data((failure.message + "\n").utf8))
            exit(1)
        } catch {
            let code = TallyCommand.exitCode(for: error)
            let message = TallyCommand.fullMessage(for: error)
            if code == .success {
                print(message)
                exit(0)
            }
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            if code == .validationFailure { exit(2) }
            exit(code.rawValue == 0 ? 1 : (code.rawValue == 64 ? 2 : code.rawValue))
        }
    }
}

/// A failure the user must act on (exit status 1); the message is printed as is.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String { message }
    var message: String
    init(_ message: String) { self.message = message }
}
