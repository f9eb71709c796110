"""Shared helpers for the golden-fixture generators.

Each generator imports the real library (Debian's python3-sklearn, python3-torch, ...), computes the
expected outputs for a list of inputs and writes one JSON fixture per kata under
grader/src/test/resources/goldens/<topic>/<kata>.json. The specs read those files; CI never runs Python.
"""
import json
import math
import os

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "src", "test", "resources", "goldens"))


def clean(value):
    """Turns numpy scalars and arrays into plain Python values json can write."""
    if hasattr(value, "tolist"):
        return clean(value.tolist())
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if isinstance(value, float):
        return float(value)
    return value


def write(fixture, library, cases):
    """Writes cases (dicts with name, input, expected) to goldens/<fixture>.json."""
    path = os.path.join(ROOT, fixture + ".json")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "case names must be unique: %s" % names
    doc = {"library": library, "generator": "grader/tools/goldens/" + os.path.basename(__import__("__main__").__file__),
           "cases": [clean(c) for c in cases]}
    with open(path, "w") as f:
        json.dump(doc, f, indent=1, allow_nan=True)
        f.write("\n")
    print("wrote %s (%d cases)" % (os.path.relpath(path), len(cases)))
