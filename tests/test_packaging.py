"""The wheel carries the data: built, installed non-editable in a fresh virtual environment, run elsewhere."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_installs_and_ranks_from_any_directory(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(wheels), str(ROOT)], check=True)
    wheel = next(wheels.glob("channelscore-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "channelscore/_data/criteria/channels.yaml" in names
    assert "channelscore/_data/profiles/local-retail.yaml" in names
    assert {"channelscore/render/board.js", "channelscore/render/board.css"} <= set(names)

    fresh = tmp_path / "venv"
    venv.create(fresh, with_pip=False)
    fresh_python = fresh / "bin" / "python"
    purelib = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    fresh_site = Path(subprocess.run([str(fresh_python), "-c", purelib],
                                     capture_output=True, text=True, check=True).stdout.strip())
    # The wheel itself is installed for real; its dependencies are borrowed from this environment,
    # so that the test needs no network.
    subprocess.run([sys.executable, "-m", "pip", "--python", str(fresh_python), "install", "--no-deps", "-q",
                    str(wheel)], check=True)
    (fresh_site / "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    result = subprocess.run([str(fresh / "bin" / "channelscore"), "rank", "--profile", "retail", "--format", "json"],
                            cwd=workdir, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["ranking"][0]["channel"] == "face_to_face"
    where = subprocess.run([str(fresh_python), "-c", "import channelscore; print(channelscore.__file__)"],
                           cwd=workdir, capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(fresh_site))
    table = subprocess.run([str(fresh / "bin" / "channelscore"), "rank", "--profile", "retail"], cwd=workdir,
                           capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert table.returncode == 0 and "Face-to-face" in table.stdout
    board = subprocess.run([str(fresh / "bin" / "channelscore"), "board", "-p", "retail", "-o", "board.html"],
                           cwd=workdir, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert board.returncode == 0, board.stderr
    assert "channelscoreBoard" in (workdir / "board.html").read_text(encoding="utf-8")
