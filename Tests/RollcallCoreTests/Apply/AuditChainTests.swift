import RollcallCore
import Testing

/// The audit chain names the first broken line, however it was broken.
@Suite struct AuditChainTests {
    static let change = PlannedChange(
        system: .athena, action: .update, address: .athenaUser(practice: "main", username: "alee"), staffID: "ann",
        practice: "main", fields: [FieldChange(name: "last_name", before: "\"Leigh\"", after: "\"Lee\"")],
        unchangedCount: 3, operation: .athenaUpdate(practiceID: 1, userID: 7, patch: AthenaUserPatch(lastName: "Lee")),
        precondition: .absent(key: "x"))

    static func log(_ count: Int, key: [UInt8]? = nil) throws -> (lines: [String], head: String) {
        let chain = AuditChain(key: key)
        var lines: [String] = []
        var head = ""
        for index in 1...count {
            let entry = AuditEntry(
                sequence: index, time: "2026-11-24T10:00:0\(index)Z", actor: "ci", commit: "abc", runID: "run",
                planChecksum: "sum", change: change, outcome: index.isMultiple(of: 2) ? .applied : .started)
            let (linked, line) = try chain.link(entry, after: head)
            lines.append(line)
            head = linked.hash
        }
        return (lines, head)
    }

    @Test func anIntactLogVerifiesToItsHead() throws {
        let (lines, head) = try Self.log(5)
        #expect(
            AuditChain(key: nil).verify(lines.joined(separator: "\n") + "\n", head: head)
                == .intact(lines: 5, head: head))
        #expect(!lines.contains { $0.contains("\n") })
    }

    @Test func anEditedLineIsNamed() throws {
        var (lines, _) = try Self.log(5)
        lines[2] = lines[2].replacingOccurrences(of: "\"actor\":\"ci\"", with: "\"actor\":\"mallory\"")
        #expect(verify(lines) == .broken(line: 3, reason: "its hash does not match its content (the line was edited)"))
    }

    @Test func aDeletedLineIsNamed() throws {
        var (lines, _) = try Self.log(5)
        lines.remove(at: 1)
        guard case .broken(let line, _) = verify(lines) else { Issue.record("a deletion must break the chain"); return }
        #expect(line == 2)
    }

    @Test func reorderedLinesAreNamed() throws {
        var (lines, _) = try Self.log(5)
        lines.swapAt(1, 2)
        guard case .broken(let line, _) = verify(lines) else { Issue.record("a reorder must break the chain"); return }
        #expect(line == 2)
    }

    @Test func anInsertedLineIsNamed() throws {
        var (lines, _) = try Self.log(4)
        let (forged, _) = try Self.log(1)
        lines.insert(forged[0], at: 2)
        guard case .broken(let line, _) = verify(lines) else {
            Issue.record("an insertion must break the chain"); return
        }
        #expect(line == 3)
    }

    @Test func aCutTailIsCaughtOnlyAgainstTheHead() throws {
        let (lines, head) = try Self.log(5)
        let cut = Array(lines.prefix(3))
        guard case .intact = verify(cut) else { Issue.record("a prefix is a valid chain on its own"); return }
        guard case .broken(let line, let reason) = AuditChain(key: nil).verify(cut.joined(separator: "\n"), head: head)
        else { Issue.record("--head must catch a cut tail"); return }
        #expect(line == 4)
        #expect(reason.contains("cut from the end"))
    }

    /// With a key, someone who rewrites a line and every hash after it still cannot make the chain verify.
    @Test func aKeyedChainCannotBeRewrittenWithoutTheKey() throws {
        let key = Array("secret".utf8)
        let (lines, head) = try Self.log(3, key: key)
        #expect(AuditChain(key: key).verify(lines.joined(separator: "\n"), head: head) == .intact(lines: 3, head: head))
        let (rewritten, _) = try Self.log(3, key: nil)
        guard case .broken(let line, _) = AuditChain(key: key).verify(rewritten.joined(separator: "\n")) else {
            Issue.record("an unkeyed rewrite must not verify under the key")
            return
        }
        #expect(line == 1)
        #expect(!lines.joined().contains("secret"), "the key never reaches the log")
    }

    private func verify(_ lines: [String]) -> AuditVerification {
        AuditChain(key: nil).verify(lines.joined(separator: "\n"))
    }

    /// The chain covers the exact bytes: a line that decodes to the same entry but is not the
    /// bytes Rollcall wrote is broken, and the reason names what was done to it.
    @Test(arguments: [
        ("a key given twice", "appears twice"), ("an unknown key", "a key 'note' that audit entries do not have"),
        ("a space", "the same values spelled another way"),
        ("an escaped letter", "the same values spelled another way"),
    ])
    func aLineThatIsNotTheBytesWrittenIsBroken(edit: String, reason: String) throws {
        for key in [nil, Array("k3y".utf8)] {
            var (lines, head) = try Self.log(3, key: key)
            switch edit {
            case "a key given twice":
                lines[1] = lines[1].replacingOccurrences(
                    of: "\"outcome\":", with: "\"outcome\":\"failed\",\"outcome\":")
            case "an unknown key":
                lines[1] = lines[1].replacingOccurrences(of: "{\"actor\"", with: "{\"note\":\"x\",\"actor\"")
            case "a space":
                lines[1] = lines[1].replacingOccurrences(of: "\"actor\":", with: "\"actor\": ")
            default:
                lines[1] = lines[1].replacingOccurrences(of: "\"actor\":\"ci\"", with: "\"actor\":\"\\u0063i\"")
            }
            let verification = AuditChain(key: key).verify(lines.joined(separator: "\n") + "\n", head: head)
            guard case .broken(let line, let why) = verification else {
                Issue.record("\(edit) must break the chain, keyed: \(key != nil); got \(verification)")
                continue
            }
            #expect(line == 2)
            #expect(why.contains(reason), "\(why)")
        }
    }

    @Test func crlfLineEndingsAreNamedAsSuch() throws {
        let (lines, head) = try Self.log(3)
        let text = lines.joined(separator: "\r\n") + "\r\n"
        guard case .broken(let line, let reason) = AuditChain(key: nil).verify(text, head: head) else {
            Issue.record("CRLF endings are not the bytes written")
            return
        }
        #expect(line == 1)
        #expect(reason.contains("CRLF"), "\(reason)")
    }

    @Test func aKeyedLogVerifiedWithoutTheKeySaysToSetIt() throws {
        let (lines, _) = try Self.log(3, key: Array("k3y".utf8))
        guard case .broken(let line, let reason) = AuditChain(key: nil).verify(lines.joined(separator: "\n")) else {
            Issue.record("a keyed log does not verify without its key")
            return
        }
        #expect(line == 1)
        #expect(reason.contains("set it to the same key"), "\(reason)")
        #expect(!reason.hasPrefix("its hash does not match its content"))
        let (plain, _) = try Self.log(3)
        guard case .broken(_, let other) = AuditChain(key: Array("k3y".utf8)).verify(plain.joined(separator: "\n"))
        else {
            Issue.record("an unkeyed log does not verify under a key")
            return
        }
        #expect(other.contains("another key, or without one"), "\(other)")
    }

    /// An append cut off mid-line (a full disk, a crash) is told from an edit: the whole lines verify.
    @Test func aTornLastLineIsToldFromAnEdit() throws {
        let (lines, head) = try Self.log(4)
        let whole = lines.prefix(3).joined(separator: "\n") + "\n"
        let torn = whole + lines[3].prefix(lines[3].count / 2)
        let three = try Self.log(3).head
        #expect(AuditChain(key: nil).verify(torn) == .torn(lines: 3, head: three, line: 4))
        #expect(AuditChain(key: nil).verify(torn, head: three) == .torn(lines: 3, head: three, line: 4))
        guard case .broken(let line, _) = AuditChain(key: nil).verify(torn, head: head) else {
            Issue.record("against the head of four lines, the torn fourth is a cut")
            return
        }
        #expect(line == 4)
        // A torn line in the middle is no interrupted append: something was written after it.
        let middle = whole + lines[3].prefix(10) + "\n" + lines[3] + "\n"
        guard case .broken(let at, let reason) = AuditChain(key: nil).verify(middle) else {
            Issue.record("a cut line followed by more lines is broken")
            return
        }
        #expect(at == 4)
        #expect(reason.contains("not an audit entry"))
    }
}
