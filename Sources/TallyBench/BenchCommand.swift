import ArgumentParser
import LuaHost

/// `tally-bench`: release-build benchmarks with their baselines (see README, "Benchmarks").
@main
struct BenchCommand: AsyncParsableCommand {
    static func main() async {
        LuaSandbox.tuneProcessAllocator()
        do {
            var command = try parseAsRoot()
            if var async = command as? any AsyncParsableCommand { try await async.run() } else { try command.run() }
        } catch {
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "tally-bench",
        abstract: "Benchmarks of Tally beside a baseline doing the same work.",
        subcommands: [AssessBench.self, ScoreBench.self, StoreBench.self, SchedulerBench.self]
    )
}
