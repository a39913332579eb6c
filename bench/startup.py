"""Cold start of ``channelscore rank``, ``validate`` and ``--help`` against a bare typer + rich app.

The runs are alternated in one session so that the machine's noise hits all commands alike;
the figures that matter are the ratios of the medians, printed last. With ``--instructions``,
each command runs once under valgrind's callgrind instead, which counts the instructions it
executes: the same count whatever else the machine is doing, so the ratios do not drift.

    python bench/startup.py [--runs 15] [--instructions]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def commands() -> dict[str, list[str]]:
    python = sys.executable
    script = str(Path(python).with_name("channelscore"))
    return {
        "baseline (typer + rich table)": [python, str(HERE / "baseline_app.py"), "--profile", "retail"],
        "baseline + numpy, PyYAML, pydantic": [python, str(HERE / "baseline_app.py"), "--with-libraries",
                                               "--profile", "retail"],
        "channelscore rank --profile retail": [script, "rank", "--profile", "retail"],
        "channelscore validate (default data)": [script, "validate", "--format", "text"],
        "channelscore --help": [script, "--help"],
    }


def time_once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def instructions(command: list[str]) -> int:
    """The instructions ``command`` executes, counted by callgrind."""
    result = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
                            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    line = next(line for line in result.stderr.splitlines() if "Collected :" in line)
    return int(line.split(":")[-1])


def count_instructions(runs: dict[str, list[str]]) -> None:
    counts = {name: instructions(command) for name, command in runs.items()}
    baseline = counts["baseline (typer + rich table)"]
    print(f"{'command':40} {'instructions':>14} {'ratio':>7}")
    for name, count in counts.items():
        print(f"{name:40} {count:14,} {count / baseline:7.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--instructions", action="store_true", help="count instructions under callgrind")
    args = parser.parse_args()
    # pip writes bytecode when it installs a package; an editable checkout run with
    # PYTHONDONTWRITEBYTECODE would otherwise compile every module of the package on every start.
    import channelscore

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(channelscore.__file__).parent)], check=True)
    runs = commands()
    if args.instructions:
        count_instructions(runs)
        return
    times: dict[str, list[float]] = {name: [] for name in runs}
    for command in runs.values():
        time_once(command)  # warm the file cache once
    for _ in range(args.runs):
        for name, command in runs.items():
            times[name].append(time_once(command))
    baseline = statistics.median(times["baseline (typer + rich table)"])
    print(f"{'command':40} {'median ms':>10} {'ratio':>7}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:40} {median * 1000:10.1f} {median / baseline:7.2f}")
    rank = statistics.median(times["channelscore rank --profile retail"])
    validate = statistics.median(times["channelscore validate (default data)"])
    print(f"validate / rank: {validate / rank:.2f} (target <= 1.30)")


if __name__ == "__main__":
    main()
