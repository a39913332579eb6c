"""The live board's update after a slider move, measured in the page itself in the system's headless Chromium.

Each move goes through the slider (Playwright fills the range input, the page recomputes and
redraws everything: ranking, reasons, mix, stability, levers); the page times its own update
with performance.now(). The baseline, measured in the same page and the same run, is the
ranking alone (scores and ranks of the same states, no drawing): the ratio says what the
reasons, the mix, the levers and the drawing cost on top of it. The budget is one frame, 16 ms.

    python bench/board.py [--moves 400] [--profile retail]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BUDGET_MS = 16.0


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--moves", type=int, default=400)
    parser.add_argument("--profile", default="retail")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("Chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as folder:
        page_file = Path(folder) / "board.html"
        subprocess.run([sys.executable, "-m", "channelscore", "board", "-p", args.profile, "-o", str(page_file)],
                       check=True, capture_output=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=[
                "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"])
            page = browser.new_page()
            page.goto(page_file.as_uri())
            criteria = page.evaluate("channelscoreBoard.data.profiles[0].criteria.map((c) => c.id)")
            rng = random.Random(15)
            start = len(page.evaluate("channelscoreBoard.timings"))
            states = []
            for _ in range(args.moves):
                page.locator(f"#w-{rng.choice(criteria)}").fill(f"{rng.random() * 60:.1f}")
                states.append(page.evaluate("() => { const s = channelscoreBoard.state; return {profile: s.profile, "
                                            "raw: s.raw.slice(), split: s.split, included: s.included.slice(), "
                                            "moved: s.moved}; }"))
            updates = page.evaluate("channelscoreBoard.timings")[start:]
            ranking = page.evaluate("""(states) => states.map((s) => {
                const t = performance.now(); channelscoreBoard.summary(s, false); return performance.now() - t; })""",
                                    states)
            browser.close()
    base = statistics.median(ranking)
    median = statistics.median(updates)
    p95 = sorted(updates)[int(len(updates) * 0.95)]
    print(f"{len(updates)} slider moves on the board of `{args.profile}`, timed in the page (performance.now, "
          "which Chromium rounds to 0.1 ms)")
    print(f"{'variant':44} {'median ms':>10} {'p95 ms':>8} {'ratio':>7}")
    print(f"{'ranking alone (scores and ranks)':44} {base:10.2f} {sorted(ranking)[int(len(ranking) * 0.95)]:8.2f} "
          f"{1.0:7.2f}")
    ratio = median / base if base > 0 else float("inf")
    print(f"{'whole update (ranking, reasons, mix, levers)':44} {median:10.2f} {p95:8.2f} {ratio:7.1f}")
    print(f"budget {BUDGET_MS:.0f} ms per move: {'met' if p95 < BUDGET_MS else 'NOT met'} at the 95th percentile")


if __name__ == "__main__":
    main()
