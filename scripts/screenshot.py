"""Screenshot of a `jcmkg serve` page in headless Debian chromium (the README's picture), and the
helpers the browser test shares: a free port, a served store, a chromium launch.

Chromium is the Debian package (/usr/bin/chromium, installed by scripts/system-deps.sh), driven
by Playwright without its own browser download; the flags keep it off the network.

Usage: .venv/bin/python scripts/screenshot.py [--db URL] [--page PATH] [-o docs/datasette.png]
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    """A localhost port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db_url: str, timeout: float = 120) -> Iterator[str]:
    """Run `jcmkg serve` on the store at `db_url` on a free localhost port; yields its base
    URL once it answers, and stops it afterwards."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "pipeline", "serve", "--db", db_url, "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"jcmkg serve exited {proc.returncode}: {proc.stdout.read()}")
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"jcmkg serve did not answer on {base}") from None
                time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def chromium(playwright):
    """Debian chromium, headless, through Playwright (no browser download)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="sqlite:///data/jcmkg.sqlite")
    ap.add_argument("--page", default="/jcmkg/partners",
                    help="Path of the page to take, from the server root.")
    ap.add_argument("--element", default="table.rows-and-columns", help="CSS selector of the part taken.")
    ap.add_argument("-o", "--out", type=Path, default=Path("docs/datasette.png"))
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with serving(args.db) as base, sync_playwright() as p:
        browser = chromium(p)
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(base + args.page)
        page.locator(args.element).first.screenshot(path=str(args.out))
        browser.close()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
