import CLibYAML

/// Builds a `YAMLNode` tree from bytes with libyaml's event API.
///
/// Composition is ours, not libyaml's loader's, so that every node keeps its
/// line and column, duplicate keys are caught (libyaml's loader keeps both),
/// and aliases are counted before they are expanded.
package enum YAMLParser {
    package struct Result: Sendable {
        /// The document's root; `nil` when the file could not be read as YAML at all.
        package var root: YAMLNode?
        package var diagnostics: [Diagnostic]
    }

    package static func parse(_ bytes: [UInt8], file: String, limits: YAMLLimits = .standard) -> Result {
        var none = NoListStream()
        return parse(bytes, file: file, limits: limits, streaming: &none)
    }

    /// The tree, with the items of the list under `stream`'s top-level key handed to `stream`
    /// one at a time, each as soon as it is complete, and left out of the tree (whose node for
    /// that list holds no items). Nothing is handed over from a file that is not YAML.
    package static func parse<Stream: YAMLListStream>(
        _ bytes: [UInt8], file: String, limits: YAMLLimits = .standard, streaming stream: inout Stream
    ) -> Result {
        if bytes.count > limits.maxFileBytes {
            return .failed(
                .error(
                    "file is \(bytes.count) bytes, over the limit of \(limits.maxFileBytes) bytes", file: file,
                    hint: "split the config into several files in one directory"))
        }
        if let problem = UTF8Check.firstProblem(in: bytes) {
            let location = SourceLocation(file: file, line: problem.line, column: problem.column)
            return .failed(
                .error(
                    problem.isControlCharacter
                        ? "file holds \(problem.reason), which YAML does not allow (byte offset \(problem.byteOffset))"
                        : "file is not valid UTF-8: \(problem.reason) (byte offset \(problem.byteOffset))",
                    at: location,
                    hint: problem.isControlCharacter
                        ? "remove it; an editor may show it as ^@ or not at all" : "save the file as UTF-8"))
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return .failed(.error("file is empty", file: file, hint: "a config file starts with `version: 1`"))
        }
        var composer = Composer(file: file, limits: limits, stream: stream)
        let result = bytes.withUnsafeBufferPointer { composer.run($0) }
        stream = composer.stream
        return result
    }
}

/// Takes the items of one list under a top-level key as the parser completes each, so they
/// are never all held in the tree at once: a config's staff list is most of a large file.
package protocol YAMLListStream {
    /// The top-level key whose list is streamed.
    var key: String { get }
    /// An item of the list, `number` counting from 1.
    mutating func take(_ item: YAMLNode, number: Int)
}

private struct NoListStream: YAMLListStream {
    var key: String { "" }
    func take(_ item: YAMLNode, number: Int) {}
}

extension YAMLParser.Result {
    static func failed(_ diagnostic: Diagnostic) -> Self {
        Self(root: nil, diagnostics: [diagnostic])
    }
}

/// Turns libyaml events into nodes with an explicit stack, so nesting depth never recurses.
/// The innermost open collection is `current`, apart from the stack of those around it, so
/// the work on each event reads and changes it in place: its children are appended to its
/// own array, which closing it moves into the node without a copy. The document itself is
/// the outermost frame, a list that collects the root.
private struct Composer<Stream: YAMLListStream> {
    private enum PendingKey: Equatable {
        case key(String, line: Int, column: Int)
        /// A rejected key (duplicate, merge or non-scalar): its value is read and dropped.
        case skipped
    }

    private struct Frame {
        var isMapping: Bool
        var items: [YAMLNode] = []
        var entries: [YAMLMappingEntry] = []
        var pendingKey: PendingKey?
        var index = KeyIndex()
        var anchor: String?
        var tag: String?
        var line: Int
        var column: Int
        var nodeCount: Int
        /// How many items the list has handed to the stream, when it is the streamed list.
        var streamed: Int?
    }

    /// Finds an earlier key in a mapping: by scanning while the mapping is small, as
    /// config mappings are, and through a dictionary once it is large, so a hostile
    /// mapping of many keys still costs linear time. Positions are indices into the entries.
    private struct KeyIndex {
        static var scanLimit: Int { 16 }
        private var positions: [String: Int]?

        /// The position of the entry with `key`: a position, so no entry is copied to look.
        func position(of key: String, in entries: [YAMLMappingEntry]) -> Int? {
            if let positions { return positions[key] }
            return entries.firstIndex { $0.key == key }
        }

        mutating func added(_ entries: [YAMLMappingEntry]) {
            if positions != nil, let last = entries.last {
                positions?[last.key] = entries.endIndex - 1
            } else if entries.count > Self.scanLimit {
                var all: [String: Int] = [:]
                for position in entries.indices { all[entries[position].key] = position }
                positions = all
            }
        }
    }

    private struct Fatal: Error {
        var diagnostic: Diagnostic
    }

    let file: String
    let limits: YAMLLimits
    /// The frames around `current`, outermost first.
    private var outer: [Frame] = []
    private var current = Frame(isMapping: false, line: 1, column: 1, nodeCount: 0)
    /// How many children the last collection closed at each depth had: the next one at that
    /// depth is sized for as many, so a list of like entries allocates each entry's array once.
    private var sizes: [Int] = []
    private var anchors: [String: (node: YAMLNode, count: Int)] = [:]
    private var aliasUses = 0
    private var aliasExpansion = 0
    private var diagnostics: [Diagnostic] = []
    private var documents = 0

    var stream: Stream

    init(file: String, limits: YAMLLimits, stream: Stream) {
        self.file = file
        self.limits = limits
        self.stream = stream
    }

    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) -> YAMLParser.Result {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failed(.error("libyaml could not start a parser", file: file))
        }
        defer { yaml_parser_delete(&parser) }
        // The encoding is left to libyaml's detection, which skips a UTF-8 byte order mark;
        // the bytes were already checked to be UTF-8.
        guard let base = buffer.baseAddress else {
            return .failed(.error("file is empty", file: file))
        }
        yaml_parser_set_input_string(&parser, base, buffer.count)

        var event = yaml_event_t()
        do {
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    throw Fatal(diagnostic: syntaxError(parser))
                }
                let finished = event.type == YAML_STREAM_END_EVENT
                defer { yaml_event_delete(&event) }
                try handle(event)
                if finished { break }
            }
        } catch let fatal as Fatal {
            return .failed(fatal.diagnostic)
        } catch {
            return .failed(.error("\(error)", file: file))
        }
        guard outer.isEmpty, let root = current.items.first else {
            return .failed(
                .error(
                    "file holds no YAML document, only comments", file: file,
                    hint: "a config file starts with `version: 1`"))
        }
        return YAMLParser.Result(root: root, diagnostics: diagnostics)
    }

    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(file: file, line: mark.line + 1, column: mark.column + 1)
    }

    private func syntaxError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "could not parse the file"
        var message = problem
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " (\(context) at line \(parser.context_mark.line + 1), column \(parser.context_mark.column + 1))"
        }
        return .error("YAML syntax: \(message)", at: location(parser.problem_mark))
    }

    private mutating func handle(_ event: yaml_event_t) throws {
        let mark = event.start_mark
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw Fatal(
                    diagnostic: .error(
                        "a config file holds one YAML document; this is a second one", at: location(mark),
                        hint: "put each document in a file of its own in the config directory"))
            }
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = Self.string(data.value, length: data.length)
            let anchor = Self.optionalString(data.anchor)
            if current.isMapping, current.pendingKey == nil, anchor == nil {
                // A key, most scalars of a config: checked as it is, never made a node.
                current.nodeCount += 1
                current.pendingKey = acceptKey(
                    text, isPlain: Self.style(data.style) == .plain, line: mark.line + 1, column: mark.column + 1)
                return
            }
            let node = YAMLNode(
                .scalar(YAMLScalar(text, style: Self.style(data.style))),
                tag: Self.optionalString(data.tag), line: mark.line + 1, column: mark.column + 1)
            try add(node, count: 1, anchor: anchor)
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            try push(mapping: false, anchor: data.anchor, tag: data.tag, mark: mark)
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            try push(mapping: true, anchor: data.anchor, tag: data.tag, mark: mark)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            try pop()
        case YAML_ALIAS_EVENT:
            try alias(Self.optionalString(event.data.alias.anchor) ?? "", mark: mark)
        default:
            break
        }
    }

    private mutating func push(
        mapping: Bool, anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?,
        mark: yaml_mark_t
    ) throws {
        guard outer.count < limits.maxDepth else {
            throw Fatal(
                diagnostic: .error(
                    "nesting is deeper than \(limits.maxDepth) levels", at: location(mark),
                    hint: "a Rollcall config is at most a few levels deep"))
        }
        var frame = Frame(
            isMapping: mapping, anchor: Self.optionalString(anchor), tag: Self.optionalString(tag),
            line: mark.line + 1, column: mark.column + 1, nodeCount: 1)
        // The list under the stream's key in the root mapping (the document's frame is outside it).
        if !mapping, outer.count == 1, current.isMapping, case .key(let key, _, _) = current.pendingKey,
            key == stream.key
        {
            frame.streamed = 0
        }
        let size = outer.count < sizes.count ? sizes[outer.count] : 0
        if mapping { frame.entries.reserveCapacity(size) } else { frame.items.reserveCapacity(size) }
        outer.append(exchange(&current, with: frame))
    }

    private mutating func pop() throws {
        guard let parent = outer.popLast() else { return }
        var frame = exchange(&current, with: parent)
        let content: YAMLNode.Content
        if frame.isMapping {
            record(size: frame.entries.count)
            content = .mapping(exchange(&frame.entries, with: []))
        } else {
            record(size: frame.items.count)
            content = .sequence(exchange(&frame.items, with: []))
        }
        let node = YAMLNode(content, tag: frame.tag, line: frame.line, column: frame.column)
        try add(node, count: frame.nodeCount, anchor: frame.anchor)
    }

    private mutating func record(size: Int) {
        let depth = outer.count
        if depth < sizes.count {
            sizes[depth] = size
        } else {
            sizes.append(contentsOf: repeatElement(0, count: depth - sizes.count) + [size])
        }
    }

    private mutating func alias(_ name: String, mark: yaml_mark_t) throws {
        aliasUses += 1
        guard aliasUses <= limits.maxAliases else {
            throw Fatal(
                diagnostic: .error(
                    "more than \(limits.maxAliases) aliases in one file", at: location(mark),
                    hint: "write repeated values out, or move them into a role"))
        }
        guard let anchored = anchors[name] else {
            throw Fatal(
                diagnostic: .error("alias '*\(name)' names no anchor defined before it", at: location(mark)))
        }
        aliasExpansion += anchored.count
        guard aliasExpansion <= limits.maxAliasExpansion else {
            throw Fatal(
                diagnostic: .error(
                    "aliases expand to more than \(limits.maxAliasExpansion) nodes (an alias bomb?)",
                    at: location(mark), hint: "write repeated values out instead of nesting aliases"))
        }
        var node = anchored.node
        node.line = mark.line + 1
        node.column = mark.column + 1
        try add(node, count: anchored.count, anchor: nil)
    }

    /// Places a finished node into the innermost open collection (the document's, for the root).
    private mutating func add(_ node: consuming YAMLNode, count: Int, anchor: String?) throws {
        if let anchor {
            anchors[anchor] = (node, count)
        }
        current.nodeCount += count
        guard current.isMapping else {
            if let streamed = current.streamed {
                current.streamed = streamed + 1
                stream.take(node, number: streamed + 1)
            } else {
                current.items.append(node)
            }
            return
        }
        switch current.pendingKey {
        case nil:
            current.pendingKey = acceptKey(node)
        case .skipped:
            current.pendingKey = nil
        case .key(let key, let line, let column):
            current.entries.append(YAMLMappingEntry(key: key, keyLine: line, keyColumn: column, value: node))
            current.pendingKey = nil
            current.index.added(current.entries)
        }
    }

    private mutating func acceptKey(_ node: borrowing YAMLNode) -> PendingKey {
        guard case .scalar(let scalar) = node.content else {
            diagnostics.append(
                .error(
                    "a mapping key must be a single value, not \(node.kindDescription)", at: node.location(in: file)))
            return .skipped
        }
        return acceptKey(scalar.text, isPlain: scalar.isPlain, line: node.line, column: node.column)
    }

    private mutating func acceptKey(_ text: String, isPlain: Bool, line: Int, column: Int) -> PendingKey {
        if isPlain, text == "<<" {
            diagnostics.append(
                .error(
                    "merge keys ('<<') are not supported", at: SourceLocation(file: file, line: line, column: column),
                    hint: "write the keys out in full; roles are the way to share settings"))
            return .skipped
        }
        if let position = current.index.position(of: text, in: current.entries) {
            let first = current.entries[position]
            diagnostics.append(
                .error(
                    "duplicate key '\(text)' (first given at line \(first.keyLine), column \(first.keyColumn))",
                    at: SourceLocation(file: file, line: line, column: column),
                    hint: "a key may appear once in a mapping; remove one of them"))
            return .skipped
        }
        return .key(text, line: line, column: column)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, length: Int) -> String {
        guard let pointer, length > 0 else { return "" }
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private static func optionalString(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLScalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }
}
