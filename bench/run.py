"""`make bench`: every benchmark in one run, printed and saved to bench/results/latest.json.

Figures, not assertions: each line says whether it meets its goal, and the exit status is
0 either way, so a slow shared machine never fails a build. Goals and method:
docs/scoring.md (engine) and the issue notes.
"""

import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import command_bench  # noqa: E402
import engine_bench  # noqa: E402


def main():
    sys.argv = sys.argv[:1]
    results = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "database": "postgresql"
        if os.environ.get("DATABASE_URL", "").startswith("postgres")
        else "sqlite",
        "engine": engine_bench.main(),
        "command": command_bench.main(),
    }
    output = BENCH_DIR / "results" / "latest.json"
    output.parent.mkdir(exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"written: {output.relative_to(BENCH_DIR.parent)}")


if __name__ == "__main__":
    main()
