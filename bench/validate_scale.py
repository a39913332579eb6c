"""validate on large generated data folders: 1,000 and 10,000 profiles, flat and chained, 200 channels.

Each size is compared with a baseline measured in the same run: reading (parsing only) the same
files with PyYAML's C loader, which any checker of these files must at least do. What matters is
that the ratio stays flat as the number of profiles grows tenfold (validate linear in the files),
not the absolute times, which drift on a shared machine.

    python bench/validate_scale.py [--sizes 1000 10000] [--channels 200]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import yaml

from channelscore.api import validate
from channelscore.data.folders import embedded_data_dir

CRITERIA = ["trust", "human_relation", "accessibility", "responsiveness", "first_contact_resolution", "effort",
            "contact_cost", "automation", "flow_flexibility", "context_feedback"]


def build(root: Path, profiles: int, channels: int, chained: bool) -> None:
    """A data folder: ``channels`` generated channels, ``profiles`` profiles extending balanced (or each other)."""
    shutil.copytree(embedded_data_dir() / "criteria", root / "criteria")
    rows = [{"id": f"c{i}", "names": {"en": f"Channel {i}", "fr": f"Canal {i}"}, "family": "human",
             "traits": ["remote"], "ratings": {c: {"rating": 1 + (i + k) % 3, "reason": "r", "source": "s"}
                                               for k, c in enumerate(CRITERIA)}} for i in range(channels)]
    (root / "criteria" / "channels.yaml").write_text(
        yaml.safe_dump({"format": "channelscore/channels@1", "channels": rows}, sort_keys=False))
    folder = root / "profiles"
    folder.mkdir()
    weights = "".join(f"  {c}: {{value: {1 + k % 3}, reason: r}}\n" for k, c in enumerate(CRITERIA))
    (folder / "balanced.yaml").write_text("format: channelscore/profile@1\nid: balanced\n"
                                          "names: {en: B, fr: B}\ndescription: d\nweights:\n" + weights)
    for n in range(profiles):
        parent = f"p{n - 1}" if chained and n else "balanced"
        (folder / f"p{n}.yaml").write_text(
            f"format: channelscore/profile@1\nid: p{n}\nnames: {{en: P{n}, fr: P{n}}}\ndescription: d\n"
            f"extends: {parent}\nweights:\n  trust: {{value: {1 + n % 5}, reason: r}}\n")


def parse_only(root: Path) -> None:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in [*(root / "criteria").glob("*.yaml"), *(root / "profiles").glob("*.yaml")]:
        yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def timed(action: object) -> float:
    started = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--channels", type=int, default=200)
    args = parser.parse_args()
    print(f"{'profiles':>9} {'layout':8} {'validate s':>11} {'parse s':>8} {'ratio':>6} {'problems':>9}")
    for chained in (False, True):
        for size in args.sizes:
            with tempfile.TemporaryDirectory() as name:
                root = Path(name) / "data"
                build(root, size, args.channels, chained)
                baseline = timed(lambda root=root: parse_only(root))
                found: list[int] = []
                elapsed = timed(lambda root=root, found=found: found.append(len(validate(root).problems)))
                layout = "chained" if chained else "flat"
                print(f"{size:>9,} {layout:8} {elapsed:11.2f} {baseline:8.2f} {elapsed / baseline:6.2f} "
                      f"{found[0]:>9}")


if __name__ == "__main__":
    main()
