import Mustache

/// Drift as JUnit XML for CI dashboards: one test case per account and system, failing
/// once with every finding about it, so a dashboard shows each drifted account once;
/// accounts without drift pass. Written through a Mustache template whose values are
/// escaped for XML (`MarkupContent`), never by string concatenation.
public struct DriftJUnitRenderer: Sendable {
    public init() {}

    struct Suite {
        var name: String
        var tests: Int
        var failures: Int
        var cases: [Case]
    }

    struct Case {
        var name: String
        var classname: String
        var failure: Failure?
    }

    struct Failure {
        var message: String
        var type: String
        var text: String
    }

    struct Document {
        var tests: Int
        var failures: Int
        var suites: [Suite]
    }

    public func render(_ report: DriftReport) -> String {
        _ = MarkupContent.registered
        var cases: [String: (system: String, findings: [DriftFinding])] = [:]
        for person in report.people {
            for account in person.accounts {
                let name =
                    (account.system == "athena"
                    ? ProtectedAccount.athena(practice: account.place, username: account.login)
                    : ProtectedAccount.healthie(email: account.login)).description
                cases[name.lowercased(), default: (account.system, [])].system = account.system
            }
        }
        for finding in report.findings {
            let name = (finding.account ?? finding.address.description).lowercased()
            cases[name, default: (finding.system?.rawValue ?? "config", [])].findings.append(finding)
        }
        let grouped = Dictionary(grouping: cases.sorted { $0.key < $1.key }) { $0.value.system }
        let suites = grouped.keys.sorted().map { system in
            let members = grouped[system] ?? []
            let built = members.map { name, entry in
                Case(
                    name: name, classname: "rollcall.drift.\(system)",
                    failure: entry.findings.isEmpty ? nil : failure(entry.findings))
            }
            return Suite(
                name: "rollcall drift: \(system)", tests: built.count,
                failures: built.filter { $0.failure != nil }.count, cases: built)
        }
        let document = Document(
            tests: suites.reduce(0) { $0 + $1.tests }, failures: suites.reduce(0) { $0 + $1.failures },
            suites: suites)
        return Self.template?.render(document) ?? ""
    }

    private func failure(_ findings: [DriftFinding]) -> Failure {
        let worst = findings.map(\.severity).max() ?? .info
        let lines = findings.sorted { $0.severity > $1.severity }.map { finding in
            "[\(finding.severity.rawValue)] \(finding.field): \(finding.message)"
                + " (declared: \(finding.declared ?? "none"); live: \(finding.live ?? "none"); "
                + "revert: \(finding.revert); changed by: \(finding.actor))"
        }
        return Failure(
            message: "\(counted(findings.count, "finding")), worst \(worst.rawValue)", type: worst.rawValue,
            text: lines.joined(separator: "\n"))
    }

    static let template = try? MustacheTemplate(
        string: """
            {{% CONTENT_TYPE: \(MarkupContent.xml)}}<?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="rollcall drift" tests="{{tests}}" failures="{{failures}}" errors="0">
            {{#suites}}
              <testsuite name="{{name}}" tests="{{tests}}" failures="{{failures}}" errors="0" skipped="0">
            {{#cases}}
                <testcase name="{{name}}" classname="{{classname}}">
            {{#failure}}
                  <failure message="{{message}}" type="{{type}}">{{text}}</failure>
            {{/failure}}
                </testcase>
            {{/cases}}
              </testsuite>
            {{/suites}}
            </testsuites>

            """)
}

// Cases are read by name, not through a Mirror per value (a 50,000-account report has 55,000 cases).
extension DriftJUnitRenderer.Case: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "name": self.name
        case "classname": classname
        case "failure": failure
        default: nil
        }
    }
}

extension DriftJUnitRenderer.Failure: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "message": message
        case "type": type
        case "text": text
        default: nil
        }
    }
}
