import ArgumentParser

/// How a command writes what it found: for people, or for programs.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text
    case json
}

/// `--format` and `--no-color`, shared by every command that reports.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: text for people, json for scripts and CI.")
    var format: OutputFormat = .text

    @Flag(help: "Never colour the output (also off when NO_COLOR is set or output is not a terminal).")
    var noColor = false
}
