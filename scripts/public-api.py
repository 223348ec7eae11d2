#!/usr/bin/env python3
"""Lists the public API of the library products (RollcallCore, Rollcall) from the compiler's
symbol graphs, one declaration a line, sorted, into api/MODULE.txt; with --check, fails when a
checked-in list differs, so a change to what users of the libraries may call shows in review.

    python3 scripts/public-api.py [--check]
"""
import glob, json, os, subprocess, sys

MODULES = ["RollcallCore", "Rollcall"]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def symbol_graphs():
    run = subprocess.run(
        ["swift", "package", "dump-symbol-graph", "--minimum-access-level", "public"],
        cwd=ROOT, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit("public-api: swift package dump-symbol-graph failed:\n" + run.stdout + run.stderr)
    folders = glob.glob(os.path.join(ROOT, ".build", "*", "symbolgraph"))
    if not folders:
        sys.exit("public-api: no symbol graphs were written")
    return folders[0]


def lines(folder, module):
    found = set()
    # A module's own graph, and the extensions it declares on another module's types.
    for path in [os.path.join(folder, f"{module}.symbols.json")] + glob.glob(os.path.join(folder, f"{module}@*.symbols.json")):
        graph = json.load(open(path))
        for symbol in graph["symbols"]:
            if symbol.get("accessLevel") != "public":
                continue
            where = ".".join(symbol["pathComponents"])
            declaration = "".join(part["spelling"] for part in symbol["declarationFragments"])
            declaration = " ".join(declaration.split())
            found.add(f"{where}: {declaration}")
    return sorted(found)


def main():
    check = "--check" in sys.argv[1:]
    folder = symbol_graphs()
    differs = []
    for module in MODULES:
        text = "".join(line + "\n" for line in lines(folder, module))
        path = os.path.join(ROOT, "api", f"{module}.txt")
        if check:
            current = open(path).read() if os.path.exists(path) else ""
            if current != text:
                differs.append(module)
        else:
            with open(path, "w") as out:
                out.write(text)
        print(f"{module}: {text.count(chr(10))} public declarations")
    if differs:
        sys.exit("public-api: the public API of " + " and ".join(differs) + " differs from api/; run "
                 "`python3 scripts/public-api.py` and commit what changed, if it is meant to")


main()
