#!/usr/bin/env python3
"""Keep only the interface facts of a GraphQL SDL file: types, fields,
arguments, enums, directives and deprecations, with every description removed.

Usage: scripts/strip-graphql-descriptions.py SOURCE.graphql > DEST.graphql

Rollcall's tests need Healthie's schema to check that the simulator is a
subset of it and that every document the client sends validates against it.
They need what the API *is*, not Healthie's prose about it, so the copy kept
under Tests/Fixtures/healthie/ is made by this script. Descriptions in SDL are
string literals that stand alone before a definition: a block string
(three double quotes, on one or more lines) or a one-line string on a line of
its own. String literals after `=` (default values) or inside `@deprecated(...)`
are part of the interface and are kept.
"""
import sys


def strip(lines):
    kept = []
    in_block = False
    for line in lines:
        text = line.strip()
        if in_block:
            if '"""' in text:
                in_block = False
            continue
        if text.startswith('"""'):
            # A block string closes on the same line when a second """ follows the first.
            in_block = '"""' not in text[3:]
            continue
        if text.startswith('"') and text.endswith('"') and len(text) >= 2:
            continue
        if text:
            kept.append(line.rstrip())
    out = []
    for line in kept:
        top_level = not line[0].isspace() and line[0] not in "})"
        if top_level and out:
            out.append("")
        out.append(line)
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[3])
    with open(sys.argv[1], encoding="utf-8") as source:
        sys.stdout.write(strip(source.read().splitlines()))


if __name__ == "__main__":
    main()
