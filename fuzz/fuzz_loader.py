"""Fuzz the rule loader: any bytes given as a YAML rule file either load into valid rules or raise RuleError.

Run it with `make fuzz`, or by hand: `.venv/bin/python fuzz/fuzz_loader.py -max_total_time=60 CORPUS_DIR`.
Replay one input (a crash file libFuzzer wrote): `.venv/bin/python fuzz/fuzz_loader.py CRASH_FILE`.
"""

from __future__ import annotations

import atexit
import shutil
import sys
import tempfile
from pathlib import Path

import atheris  # type: ignore[import-not-found,import-untyped,unused-ignore]

with atheris.instrument_imports(include=["cleaner", "yaml"]):
    from cleaner.errors import RuleError
    from cleaner.load import load_rules
    from cleaner.model import SCOPES

# One file, rewritten for every input: load_rules reads paths, and a fresh temporary file per input would
# spend the fuzzer's time in the file system.
_WORK = Path(tempfile.mkdtemp(prefix="fuzz-loader-"))
_RULE_FILE = _WORK / "rules.yaml"
atexit.register(shutil.rmtree, _WORK, ignore_errors=True)


def check_rule_file(data: bytes) -> None:
    """Load `data` as a rule file; anything but valid rules or a RuleError naming this file is a bug."""
    _RULE_FILE.write_bytes(data)
    try:
        rules = load_rules([_RULE_FILE], defaults=False)
    except RuleError as error:
        for problem in error.problems:
            assert problem.path == str(_RULE_FILE), f"problem names another file: {problem.one_line()}"
            assert problem.line >= 1 and problem.column >= 1, f"problem without a position: {problem.one_line()}"
            assert problem.message, "problem without a message"
        return
    for rule in rules:
        assert rule.id and rule.description and rule.category and rule.language, f"incomplete rule: {rule}"
        assert rule.scope in SCOPES, f"unknown scope passed validation: {rule}"
        assert rule.kind != "pattern" or rule.pattern, f"pattern rule without a pattern: {rule}"
        assert any(e.expect == "remove" for e in rule.examples), f"rule without remove examples: {rule.id}"
        assert any(e.expect == "keep" for e in rule.examples), f"rule without keep examples: {rule.id}"


def main() -> None:
    """Hand the arguments to libFuzzer and fuzz `check_rule_file` until it stops."""
    atheris.Setup(sys.argv, check_rule_file)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
