import ArgumentParser
import Foundation
import Rollcall
import RollcallCore

extension RollcallCommand.Review {
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Write the attestation of a campaign: one HTML page, a CSV workbook, or JSON.",
            usage: "rollcall review report <FILE> <PATH> [--output <FILE>] [<options>]",
            discussion: """
                The campaign is verified first, as review verify does: an edited or inconsistent file is an \
                error and no attestation is written. An incomplete campaign is reported with its shortfalls \
                at the top, marked not ready to sign.

                Examples:
                  rollcall review report q4.yaml clinic/ --output attestation.html
                  rollcall review report q4.yaml clinic/ --format csv --output items.csv

                Exit codes: 0 written, 1 error.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case html, csv, json
        }

        @Argument(help: ArgumentHelp("The campaign file.", valueName: "FILE"))
        var file: String

        @Argument(help: ArgumentHelp("The config: a YAML file or a directory.", valueName: "PATH"))
        var path: String

        @Option(help: "Output format.")
        var format: Format = .html

        @Option(help: ArgumentHelp("Write the attestation to this file.", valueName: "FILE"))
        var output: String?

        @OptionGroup var live: LiveOptions

        @OptionGroup var day: DayOptions

        @Flag(help: "Never colour the output (also off when NO_COLOR is set or output is not a terminal).")
        var noColor = false

        func run() async throws {
            let inputs = [file, path] + live.source.inputFiles
            if let output {
                try CommandRun.orFail(json: format == .json) {
                    try OutputFile.check(output, inputs: inputs, what: "the attestation")
                }
            }
            let verified = try await CommandRun.reading(noColor: noColor, json: format == .json) { progress in
                try await ReviewRun.verify(
                    file: file, path: path, source: live.source, today: day.day,
                    environment: ProcessInfo.processInfo.environment, progress: progress)
            }
            CommandRun.warn(verified.configWarnings, verified.warnings, noColor: noColor)
            guard verified.outcome.errors.isEmpty, let campaign = verified.campaign else {
                let renderer = DiagnosticTextRenderer(colored: Terminal.colorsStandardError(noColorFlag: noColor))
                Terminal.writeError(renderer.render(verified.outcome.errors))
                Terminal.writeError("rollcall: error: \(file) does not verify; no attestation is written\n")
                throw ExitCode.failure
            }
            let report = ReviewReport(campaign, shortfalls: verified.outcome.shortfalls)
            let data = try CommandRun.orFail(json: format == .json) { () throws -> Data in
                switch format {
                case .html: return Data(ReviewHTMLRenderer().render(report).utf8)
                case .csv: return try ReviewWorkbook.csv(report)
                case .json: return try report.encoded() + Data("\n".utf8)
                }
            }
            if let output {
                try CommandRun.orFail(json: format == .json) { try OutputFile.write(data, to: output, inputs: inputs) }
                let state = report.complete ? "complete" : "incomplete (\(report.shortfalls.count) shortfalls)"
                Terminal.writeError(
                    "rollcall: review report: \(report.items.count) items, \(state); written to "
                        + "\(TerminalText.escaped(output))\n")
            } else {
                Terminal.writeOutput(String(decoding: data, as: UTF8.self))
            }
        }
    }
}
