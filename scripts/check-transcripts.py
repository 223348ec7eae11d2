#!/usr/bin/env python3
"""Runs every transcript in the given Markdown files and compares it with what is shown.

Usage: check-transcripts.py [--record] BINARY FILE.md...

A transcript is a ```console block: each line that starts with "$ " is a command, and the
lines up to the next command are what it prints (stdout and stderr, as a terminal shows
them). A line holding only "…" stands for any number of lines. The commands of one file
run in order in one scratch copy of the repository's examples/ and schemas/, so a
quickstart's plan, apply and plan again see each other's writes; `rollcall` and
`swift run rollcall` run BINARY. Hashes (12 or more hex digits), ISO 8601 times and
durations in seconds are masked on both sides, and the scratch directory's path is left out.

Every command runs with NO_COLOR=1, COLUMNS=80, TZ=UTC and ROLLCALL_TODAY fixed, with no
credentials in the environment, so a transcript shows what a new user sees on any day.
`echo $?` shows the exit status of the command before it. --record writes what each
differing command printed into the file in place of what it showed.
"""
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

TODAY = "2026-12-07"
ROOT = pathlib.Path(__file__).resolve().parent.parent
MASKS = [
    (re.compile(r"\b[0-9a-f]{12,}\b"), "<hash>"),
    (re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})"), "<time>"),
    (re.compile(r"\b\d+(\.\d+)? s\b"), "<n> s"),
    (re.compile(r"127\.0\.0\.1:\d+"), "127.0.0.1:<port>"),
]


def mask(line, scratch):
    line = line.replace(scratch + "/", "").replace(scratch, ".")
    for pattern, replacement in MASKS:
        line = pattern.sub(replacement, line)
    return line.rstrip()


def transcripts(text):
    """Each console block as a list of (command, expected lines, line number)."""
    blocks = []
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        if lines[index].strip() == "```console":
            start = index + 1
            index += 1
            steps = []
            while index < len(lines) and lines[index].strip() != "```":
                line = lines[index]
                if line.startswith("$ "):
                    steps.append([line[2:], [], index + 1])
                elif steps:
                    steps[-1][1].append(line)
                else:
                    raise SystemExit(f"line {index + 1}: a console block must start with a '$ ' command")
                index += 1
            blocks.append((start, steps))
        index += 1
    return blocks


def matches(expected, actual):
    """Whether `actual` lines are `expected`, where an "…" line matches any run of lines."""
    if not expected:
        return not actual
    if expected[0] == "…":
        return any(matches(expected[1:], actual[skip:]) for skip in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


def run(command, scratch, status):
    """The command's output lines and its exit status; `echo $?` reads the previous command's."""
    shell = command.replace("swift run rollcall", "rollcall").replace("$?", str(status))
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ATHENA_", "HEALTHIE_", "ROLLCALL_"))
    }
    environment.update(
        NO_COLOR="1", COLUMNS="80", TZ="UTC", ROLLCALL_TODAY=TODAY, HOME=scratch,
        PATH=f"{scratch}/.bin:" + environment.get("PATH", ""))
    result = subprocess.run(
        ["bash", "-c", shell], cwd=scratch, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL, timeout=300)
    lines = result.stdout.decode("utf-8", "replace").rstrip("\n").split("\n") if result.stdout else []
    return lines, result.returncode


def check(binary, path, record=False):
    text = pathlib.Path(path).read_text(encoding="utf-8")
    recorded = text.split("\n")
    failures = []
    count = 0
    with tempfile.TemporaryDirectory(prefix="rollcall-transcript-") as scratch:
        for folder in ("examples", "schemas"):
            shutil.copytree(ROOT / folder, pathlib.Path(scratch) / folder)
        bin_folder = pathlib.Path(scratch) / ".bin"
        bin_folder.mkdir()
        (bin_folder / "rollcall").symlink_to(pathlib.Path(binary).resolve())
        replacements = []
        for _, steps in transcripts(text):
            status = 0
            for command, expected, line in steps:
                count += 1
                printed, status = run(command, scratch, status)
                actual = [mask(output, scratch) for output in printed]
                wanted = [mask(output, scratch) for output in expected]
                while wanted and wanted[-1] == "":
                    wanted.pop()
                if not matches(wanted, actual):
                    failures.append((line, command, wanted, actual))
                    replacements.append((line, len(expected), [output.replace(scratch + "/", "") for output in printed]))
    if record and replacements:
        for line, length, printed in reversed(replacements):
            recorded[line:line + length] = printed
        pathlib.Path(path).write_text("\n".join(recorded), encoding="utf-8")
        return count, 0
    for line, command, wanted, actual in failures:
        print(f"{path}:{line}: the output of `{command}` differs from the transcript")
        print("  shown:")
        for output in wanted:
            print(f"    {output}")
        print("  printed:")
        for output in actual:
            print(f"    {output}")
    return count, len(failures)


def main(arguments):
    if len(arguments) < 2:
        raise SystemExit(__doc__)
    record = arguments[0] == "--record"
    if record:
        arguments = arguments[1:]
    binary, files = arguments[0], arguments[1:]
    total = 0
    failed = 0
    for path in files:
        count, failures = check(binary, path, record)
        total += count
        failed += failures
    print(f"transcript check: {total} commands in {len(files)} files, {failed} differ")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
