"""The engine stays pure: standard library only, no Django, no database, no clock.

That is what lets the same inputs give the same answer anywhere (docs/scoring.md, opening).
"""

import ast
import subprocess
import sys
from pathlib import Path

import assessments.engine

ENGINE = Path(assessments.engine.__file__).parent
# Modules that would bring in the clock or chance.
CLOCK_OR_CHANCE = {"time", "datetime", "random", "secrets", "uuid"}


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]


def test_the_engine_imports_only_the_standard_library_and_no_clock():
    modules = {module for path in ENGINE.rglob("*.py") for module in imported_modules(path)}

    assert modules
    assert modules <= set(sys.stdlib_module_names), modules - set(sys.stdlib_module_names)
    assert not modules & CLOCK_OR_CHANCE


def test_importing_the_engine_loads_no_django():
    check = (
        "import sys, assessments.engine; "
        "loaded = [m for m in sys.modules if m == 'django' or m.startswith('django.')]; "
        "sys.exit(', '.join(loaded) or None)"
    )
    done = subprocess.run(
        [sys.executable, "-c", check],
        cwd=ENGINE.parent.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
