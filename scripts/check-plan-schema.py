#!/usr/bin/env python3
"""Checks a schema under schemas/, and every JSON file given, against it.

Usage: check-plan-schema.py [--schema NAME] FILE...   (NAME defaults to plan)

An independent check of Rollcall's formats with Python's jsonschema: CI passes
the plans `rollcall plan --format json` prints for the examples, and the
reports `rollcall apply --format json` prints when it applies them.
"""
import json
import pathlib
import sys

import jsonschema


def main(arguments):
    name = "plan"
    if arguments[:1] == ["--schema"]:
        name, arguments = arguments[1], arguments[2:]
    paths = arguments
    root = pathlib.Path(__file__).resolve().parent.parent
    schema = json.loads((root / "schemas" / f"{name}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = []
    for path in paths:
        document = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
        for error in validator.iter_errors(document):
            location = "/".join(str(part) for part in error.absolute_path) or "(top)"
            failures.append(f"{path}: {location}: {error.message}")
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"{name} schema check: {len(paths)} documents, {len(failures)} problems")
    return 1 if failures or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
