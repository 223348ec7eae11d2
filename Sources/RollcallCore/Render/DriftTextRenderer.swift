/// Drift for a terminal: findings grouped by severity, one line each, then a summary line.
public struct DriftTextRenderer: Sendable {
    public var colored: Bool

    public init(colored: Bool) {
        self.colored = colored
    }

    public func render(_ report: DriftReport) -> String {
        var sections: [String] = []
        if let read = report.read { sections.append(PlanTextRenderer.describe(read) + "\n") }
        if report.findings.isEmpty {
            sections.append(paint("No drift.", "1") + " The live accounts match the config.\n")
        }
        for severity in DriftSeverity.allCases.reversed() {
            let findings = report.findings.filter { $0.severity == severity }
            guard !findings.isEmpty else { continue }
            var lines = [paint("\(severity.rawValue.uppercased()) (\(findings.count))", Self.color(severity))]
            for finding in findings {
                let status = finding.status.map { "[\($0.rawValue)] " } ?? ""
                let field = finding.field == DriftField.account ? "" : " \(finding.field)"
                lines.append(
                    "  \(status)\(Self.safe(finding.address))\(Self.safe(field)): \(Self.safe(finding.message))")
            }
            sections.append(lines.joined(separator: "\n") + "\n")
        }
        if let resolved = report.resolved, !resolved.isEmpty {
            sections.append(
                paint("RESOLVED (\(resolved.count))", "32") + "\n"
                    + resolved.map { "  \(Self.safe($0.address)): \(Self.safe($0.message))\n" }.joined())
        }
        sections.append(paint("Drift:", "1") + " \(report.summary).\n")
        return sections.joined(separator: "\n")
    }

    static func color(_ severity: DriftSeverity) -> String {
        switch severity {
        case .critical: "1;31"
        case .high: "31"
        case .medium: "33"
        case .low: "36"
        case .info: "2"
        }
    }

    static func safe(_ text: some CustomStringConvertible) -> String {
        TerminalText.escaped(text.description, keepingLineBreaks: false)
    }

    private func paint(_ text: String, _ code: String) -> String {
        TerminalText.painted(text, code, colored: colored)
    }
}
