#!/usr/bin/env python3
"""Checks schemas/plan.schema.json, and every plan JSON file given, against it.

An independent check of the plan format with Python's jsonschema: CI passes the
plans `rollcall plan --format json` prints for the examples.
"""
import json
import pathlib
import sys

import jsonschema


def main(paths):
    root = pathlib.Path(__file__).resolve().parent.parent
    schema = json.loads((root / "schemas" / "plan.schema.json").read_text())
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
    print(f"plan schema check: {len(paths)} plans, {len(failures)} problems")
    return 1 if failures or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
