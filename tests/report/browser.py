"""Drive headless Chromium directly (no extra dependency): dump the DOM after scripts ran, screenshot."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason="headless Chromium not found at /usr/bin/chromium (CI installs it: apt-get install -y chromium)",
)

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--hide-scrollbars"]


def run_chromium(args: list[str], url: str, profile: Path, timeout: float = 90) -> str:
    profile.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args, url], capture_output=True,
                          text=True, timeout=timeout, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def dump_dom(page: Path, tmp: Path, fragment: str = "", extra: list[str] | None = None) -> str:
    """The DOM after the page's scripts ran."""
    url = page.resolve().as_uri() + (f"#{fragment}" if fragment else "")
    return run_chromium(["--virtual-time-budget=5000", *(extra or []), "--dump-dom"], url, tmp / "profile-dom")


def screenshot(page: Path, tmp: Path, name: str, size: str = "1280,2400") -> Path:
    """Save a screenshot to tests/artifacts/ (a CI artifact) and print where."""
    ARTIFACTS.mkdir(exist_ok=True)
    out = ARTIFACTS / name
    run_chromium([f"--screenshot={out}", f"--window-size={size}"], page.resolve().as_uri(), tmp / "profile-shot")
    assert out.stat().st_size > 10_000
    print(f"screenshot: {out}")
    return out
