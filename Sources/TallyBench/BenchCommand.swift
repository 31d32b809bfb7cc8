import ArgumentParser

/// `tally-bench`: release-build benchmarks with their baselines (see README, "Benchmarks").
@main
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tally-bench",
        abstract: "Benchmarks of Tally beside a baseline doing the same work.",
        subcommands: [ScoreBench.self]
    )
}
