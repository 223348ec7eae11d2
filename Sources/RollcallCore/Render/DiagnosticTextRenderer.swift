/// Renders diagnostics the way compilers do, `FILE:LINE:COL: error: MESSAGE`, which
/// editors and CI annotators turn into links; a hint follows on its own line.
public struct DiagnosticTextRenderer: Sendable {
    public var colored: Bool

    public init(colored: Bool) {
        self.colored = colored
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        let place = TerminalText.escaped(diagnostic.place, keepingLineBreaks: false)
        let severity =
            switch diagnostic.severity {
            case .error: paint("error:", code: "1;31")
            case .warning: paint("warning:", code: "1;33")
            }
        var text = "\(paint(place, code: "1")): \(severity) \(TerminalText.escaped(diagnostic.message))"
        if let hint = diagnostic.hint {
            text += "\n    \(paint("hint:", code: "36")) \(TerminalText.escaped(hint))"
        }
        return text
    }

    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map { render($0) + "\n" }.joined()
    }

    private func paint(_ text: String, code: String) -> String {
        TerminalText.painted(text, code, colored: colored)
    }
}
