import CLibYAML

/// A YAML value to write: what `YAMLEmitter` turns into text.
public indirect enum YAMLOutput: Sendable, Equatable {
    /// Text, always read back as text: quoted whenever a YAML 1.1 or 1.2 reader would take
    /// it for something else (`No`, `0123`, `~`, `null`, `2026-01-01`).
    case text(String)
    case number(Int)
    case flag(Bool)
    case mapping([Entry], flow: Bool = false)
    case sequence([YAMLOutput], flow: Bool = false)

    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: YAMLOutput

        public init(_ key: String, _ value: YAMLOutput) {
            self.key = key
            self.value = value
        }
    }
}

/// Writes YAML through libyaml's own emitter, so quoting and escaping are libyaml's,
/// never ours.
///
/// Lines are never wrapped and every scalar holding a line break or an unprintable
/// character is double-quoted (with escapes), so every scalar sits on one line: that is
/// what lets `YAMLDocument` indent an emitted block under a key of its own.
public enum YAMLEmitter {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// `value` as one YAML document, without `---` or `...`, ending in a line break.
    public static func emit(_ value: YAMLOutput) throws(Failure) -> String {
        let sink = Sink()
        let emitter = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
        defer { emitter.deallocate() }
        guard yaml_emitter_initialize(emitter) == 1 else { throw Failure(description: "libyaml has no memory") }
        defer { yaml_emitter_delete(emitter) }
        let context = Unmanaged.passUnretained(sink).toOpaque()
        yaml_emitter_set_output(
            emitter,
            { data, buffer, size in
                guard let data, let buffer else { return 0 }
                let sink = Unmanaged<Sink>.fromOpaque(data).takeUnretainedValue()
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
                return 1
            }, context)
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_width(emitter, -1)
        yaml_emitter_set_indent(emitter, 2)
        yaml_emitter_set_break(emitter, YAML_LN_BREAK)

        let writer = EventWriter(emitter: emitter)
        try writer.send { yaml_stream_start_event_initialize(&$0, YAML_UTF8_ENCODING) }
        try writer.send { yaml_document_start_event_initialize(&$0, nil, nil, nil, 1) }
        try writer.write(value)
        try writer.send { yaml_document_end_event_initialize(&$0, 1) }
        try writer.send { yaml_stream_end_event_initialize(&$0) }
        // The sink is read after the last event, so it outlives every call of the handler.
        return String(decoding: sink.bytes, as: UTF8.self)
    }

    /// Whether a plain scalar with this text would be read as something other than text
    /// by some YAML reader: null, a YAML 1.1 boolean, a number, a date, a merge key.
    package static func readsAsNonText(_ text: String) -> Bool {
        if text.isEmpty { return true }
        let nonText: Set<String> = [
            "~", "null", "Null", "NULL", "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True",
            "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "<<", "=",
        ]
        if nonText.contains(text) { return true }
        guard let first = text.unicodeScalars.first else { return true }
        if ("0"..."9").contains(first) { return true }
        if first == "+" || first == "-" || first == "." {
            let rest = text.unicodeScalars.dropFirst()
            if let second = rest.first, ("0"..."9").contains(second) || second == "." { return true }
            if [".inf", ".nan", "+.inf", "-.inf"].contains(text.lowercased()) { return true }
        }
        return false
    }

    /// Whether `text` must be double-quoted to stay on one line and printable.
    static func needsEscapes(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0x09: false
            case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF: true
            default: scalar.properties.generalCategory == .unassigned || scalar.properties.generalCategory == .surrogate
            }
        }
    }
}

private final class Sink {
    var bytes: [UInt8] = []
}

/// Sends events to an emitter; an event libyaml refuses ends the document with its reason.
private struct EventWriter {
    let emitter: UnsafeMutablePointer<yaml_emitter_t>

    func send(_ initialize: (inout yaml_event_t) -> Int32) throws(YAMLEmitter.Failure) {
        var event = yaml_event_t()
        guard initialize(&event) == 1 else { throw YAMLEmitter.Failure(description: "libyaml refused an event") }
        guard yaml_emitter_emit(emitter, &event) == 1 else {
            let problem = emitter.pointee.problem.map { String(cString: $0) } ?? "unknown problem"
            throw YAMLEmitter.Failure(description: "libyaml could not write the YAML: \(problem)")
        }
    }

    /// Walks `value` with an explicit stack, so a deep value never recurses.
    func write(_ value: YAMLOutput) throws(YAMLEmitter.Failure) {
        enum Step {
            case value(YAMLOutput)
            case key(String)
            case endMapping
            case endSequence
        }
        var steps: [Step] = [.value(value)]
        while let step = steps.popLast() {
            switch step {
            case .key(let key): try scalar(key)
            case .endMapping: try send { yaml_mapping_end_event_initialize(&$0) }
            case .endSequence: try send { yaml_sequence_end_event_initialize(&$0) }
            case .value(.text(let text)): try scalar(text)
            case .value(.number(let number)): try scalar(String(number), typed: true)
            case .value(.flag(let flag)): try scalar(flag ? "true" : "false", typed: true)
            case .value(.mapping(let entries, let flow)):
                let style = flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE
                try send { yaml_mapping_start_event_initialize(&$0, nil, nil, 1, style) }
                steps.append(.endMapping)
                for entry in entries.reversed() {
                    steps.append(.value(entry.value))
                    steps.append(.key(entry.key))
                }
            case .value(.sequence(let items, let flow)):
                let style = flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE
                try send { yaml_sequence_start_event_initialize(&$0, nil, nil, 1, style) }
                steps.append(.endSequence)
                steps.append(contentsOf: items.reversed().map(Step.value))
            }
        }
    }

    /// A scalar: numbers and booleans plain; text plain only where every reader takes it
    /// for text, and double-quoted where it needs escapes.
    private func scalar(_ text: String, typed: Bool = false) throws(YAMLEmitter.Failure) {
        let style: yaml_scalar_style_t
        let plainImplicit: Int32
        if typed {
            style = YAML_PLAIN_SCALAR_STYLE
            plainImplicit = 1
        } else if YAMLEmitter.needsEscapes(text) {
            style = YAML_DOUBLE_QUOTED_SCALAR_STYLE
            plainImplicit = 0
        } else {
            style = YAML_ANY_SCALAR_STYLE
            plainImplicit = YAMLEmitter.readsAsNonText(text) ? 0 : 1
        }
        // A terminating zero keeps the buffer's address valid for empty text.
        let bytes = Array(text.utf8) + [0]
        try bytes.withUnsafeBufferPointer { buffer throws(YAMLEmitter.Failure) in
            try send {
                yaml_scalar_event_initialize(
                    &$0, nil, nil, buffer.baseAddress, Int32(buffer.count - 1), plainImplicit, 1, style)
            }
        }
    }
}
