#!/usr/bin/env python3
"""Checks access review campaigns and their workbooks with tools independent of Rollcall.

Usage: check-review.py CAMPAIGN.yaml WORKBOOK.csv [CAMPAIGN.yaml WORKBOOK.csv ...]

Each campaign file (`rollcall review start`) is read by PyYAML and validated against
schemas/review.schema.json with jsonschema; its workbook (`rollcall review report
--format csv`) is read back by Python's csv module: one row per item, the same accounts
in the same order, and no cell a spreadsheet would run as a formula.
"""
import csv
import json
import pathlib
import sys

import jsonschema
import yaml


def main(arguments):
    if not arguments or len(arguments) % 2:
        print(__doc__, file=sys.stderr)
        return 1
    root = pathlib.Path(__file__).resolve().parent.parent
    schema = json.loads((root / "schemas" / "review.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for campaign_path, workbook_path in zip(arguments[::2], arguments[1::2]):
        campaign = yaml.safe_load(pathlib.Path(campaign_path).read_text(encoding="utf-8"))
        for error in validator.iter_errors(campaign):
            place = "/".join(str(part) for part in error.absolute_path) or "(top)"
            problems.append(f"{campaign_path}: {place}: {error.message}")
        with open(workbook_path, newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        header, body = rows[0], rows[1:]
        accounts = [item["account"] for item in campaign["review"]["items"]]
        if [row[header.index("account")] for row in body] != accounts:
            problems.append(f"{workbook_path}: its rows are not the campaign's {len(accounts)} accounts in order")
        for number, row in enumerate(body, start=2):
            if len(row) != len(header):
                problems.append(f"{workbook_path}:{number}: {len(row)} cells, the header has {len(header)}")
            for cell in row:
                if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    problems.append(f"{workbook_path}:{number}: a cell a spreadsheet would run: {cell!r}")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"review check: {len(arguments) // 2} campaigns and workbooks, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
