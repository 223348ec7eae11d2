#!/usr/bin/env python3
"""Checks schemas/rollcall.schema.json and every examples/**/*.yaml against it.

With FILE arguments (what `rollcall import` wrote), checks those files instead, and
also that a YAML 1.1 reader (PyYAML's safe loader, which takes `No` for false and
`0123` for octal) reads each exactly as Rollcall does: the quoting is right for any tool.

An independent check of the config format: Python's jsonschema, not Rollcall's
own loader. YAML is read with the scalar rules Rollcall uses (YAML 1.2 core
without floats): only true/false are booleans and plain whole numbers without
leading zeros are integers, so `No` and `0123` stay text, as in Rollcall.
Also checks that every property in the schema has a description, so editors
show help for every key.
"""
import pathlib
import re
import sys

import jsonschema
import yaml


class CoreLoader(yaml.SafeLoader):
    pass


CoreLoader.yaml_implicit_resolvers = {}
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^-?(?:0|[1-9][0-9]*)$"), list("-0123456789"))
CoreLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^$"), [""])


def undescribed(node, path="#"):
    """Paths of properties that carry no description."""
    missing = []
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            if isinstance(value, dict) and "description" not in value and "$ref" not in value:
                missing.append(f"{path}/properties/{key}")
        for key, value in node.items():
            if key not in ("if", "then", "else"):  # conditions, not key definitions
                missing += undescribed(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            missing += undescribed(value, f"{path}/{index}")
    return missing


def main():
    root = pathlib.Path(__file__).resolve().parent.parent
    schema = yaml.safe_load((root / "schemas" / "rollcall.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    failures = [f"schema: {path} has no description" for path in undescribed(schema)]
    written = [pathlib.Path(argument).resolve() for argument in sys.argv[1:]]
    # sandbox.yaml is a simulator seed, not a config: config directories leave it out too.
    files = written or sorted(path for path in (root / "examples").rglob("*.yaml") if path.name != "sandbox.yaml")
    for path in files:
        text = path.read_text(encoding="utf-8")
        document = yaml.load(text, Loader=CoreLoader)
        for error in validator.iter_errors(document):
            location = "/".join(str(part) for part in error.absolute_path) or "(top)"
            failures.append(f"{path}: {location}: {error.message}")
        if written and yaml.safe_load(text) != document:
            failures.append(f"{path}: a YAML 1.1 reader reads it differently from Rollcall: a value is unquoted")
    for failure in failures:
        print(failure, file=sys.stderr)
    print(f"schema check: {len(files)} {'written' if written else 'example'} files, {len(failures)} problems")
    return 1 if failures or not files else 0


if __name__ == "__main__":
    sys.exit(main())
