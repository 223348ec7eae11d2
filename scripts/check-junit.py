#!/usr/bin/env python3
"""Reads JUnit reports with a real JUnit consumer (junitparser) and checks them.

Usage: check-junit.py FILE...

Each file must parse, its totals must match its cases, every failing case must
carry exactly one failure, and no case may be named twice: a CI dashboard shows
each drifted account once.
"""
import sys

from junitparser import Failure, JUnitXml


def main(paths):
    problems = []
    for path in paths:
        xml = JUnitXml.fromfile(path)
        names = []
        failing = 0
        cases = 0
        for suite in xml:
            suite_cases = list(suite)
            suite_failing = sum(1 for case in suite_cases if any(isinstance(r, Failure) for r in case.result))
            if suite.tests != len(suite_cases) or suite.failures != suite_failing:
                problems.append(f"{path}: suite {suite.name}: totals {suite.tests}/{suite.failures} "
                                f"do not match {len(suite_cases)}/{suite_failing}")
            for case in suite_cases:
                failures = [r for r in case.result if isinstance(r, Failure)]
                if len(failures) > 1:
                    problems.append(f"{path}: {case.name} has {len(failures)} failures")
                names.append((case.classname, case.name))
            cases += len(suite_cases)
            failing += suite_failing
        if len(names) != len(set(names)):
            problems.append(f"{path}: a test case is named twice")
        print(f"{path}: {cases} cases, {failing} failing")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems or not paths else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
