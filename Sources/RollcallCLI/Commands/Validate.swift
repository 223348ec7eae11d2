import ArgumentParser
import Rollcall
import RollcallCore

extension RollcallCommand {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check config files without reading or changing any live system.",
            discussion: """
                Each PATH is a YAML file or a directory whose *.yaml files merge into one config; \
                each PATH is checked as a config of its own. Every problem is printed to stderr as \
                FILE:LINE:COL: error: MESSAGE, then a one-line summary to stdout.

                Examples:
                  rollcall validate clinic/
                  rollcall validate clinic/ other-clinic.yaml --format json

                Exit codes: 0 valid (warnings allowed), 1 any error.
                """
        )

        @Argument(help: "Config files or directories to check.", completion: .file(extensions: ["yaml", "yml"]))
        var paths: [String]

        @OptionGroup var output: OutputOptions

        func run() throws {
            let report = Validation.run(paths: paths)
            switch output.format {
            case .text:
                let renderer = DiagnosticTextRenderer(
                    colored: Terminal.colorsStandardError(noColorFlag: output.noColor))
                Terminal.writeError(renderer.render(report.diagnostics))
                Terminal.writeOutput(report.summary + "\n")
            case .json:
                let json = try report.json()
                Terminal.writeOutput(String(decoding: json, as: UTF8.self) + "\n")
            }
            if !report.isValid {
                throw ExitCode.failure
            }
        }
    }
}
