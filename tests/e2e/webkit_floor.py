#!/usr/bin/env python3
"""The memory floor of the webview QuickReply runs on: PSS of a bare WebKitGTK window.

    python3 tests/e2e/webkit_floor.py [--page ui/dist/index.html] [--settle 10]

No Tauri and no app: one GTK window with one WebKit2 (4.1, the library Tauri links) web view,
on a private Xvfb, showing an empty page (or --page). PSS (/proc/PID/smaps_rollup) of that
process and of WebKit's web and network processes is printed after --settle seconds, with the
same cache model the app sets (document viewer). It says how much of the app's total is the
engine's own before any of the app's code runs: the issue's 120 MB target is compared with it
in docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from session import descendants, proc_name, pss_kb, start_xvfb  # noqa: E402

# Runs in a child under the private display: GTK must not touch the caller's display.
VIEWER = r"""
import sys, gi
gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import Gtk, WebKit2, GLib
context = WebKit2.WebContext.get_default()
context.set_cache_model(WebKit2.CacheModel.DOCUMENT_VIEWER)
window = Gtk.Window(title="webkit floor")
window.set_default_size(640, 420)
view = WebKit2.WebView.new_with_context(context)
page = sys.argv[1]
if page:
    view.load_uri("file://" + page)
else:
    view.load_html("<!doctype html><html><body></body></html>", "about:blank")
window.add(view)
window.show_all()
view.connect("load-changed", lambda v, e: e == WebKit2.LoadEvent.FINISHED and print("loaded", flush=True))
Gtk.main()
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--page", type=Path, help="an HTML file to show instead of an empty page")
    parser.add_argument("--settle", type=float, default=10.0, help="seconds between load and measuring")
    args = parser.parse_args()

    xvfb = None

    def spawn(argv: list[str], fds: tuple[int, ...]) -> subprocess.Popen:
        nonlocal xvfb
        xvfb = subprocess.Popen(argv, pass_fds=fds, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return xvfb

    viewer = None
    try:
        display = start_xvfb(spawn)
        with tempfile.TemporaryDirectory() as home:
            env = {
                "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                "HOME": home,
                "DISPLAY": display,
                # As the app sets it (src-tauri/src/main.rs): no GL compositing under Xvfb.
                "WEBKIT_DISABLE_COMPOSITING_MODE": "1",
            }
            page = str(args.page.resolve()) if args.page else ""
            viewer = subprocess.Popen(
                ["/usr/bin/python3", "-c", VIEWER, page], env=env,
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
            )
            line = viewer.stdout.readline() if viewer.stdout else ""
            if "loaded" not in line:
                print(f"webkit_floor: the page did not load (viewer said {line!r})", file=sys.stderr)
                return 1
            time.sleep(args.settle)
            total = 0.0
            for pid in descendants(viewer.pid):
                kb = pss_kb(pid)
                if kb is None:
                    continue
                total += kb / 1024
                print(f"{proc_name(pid):28} {kb / 1024:8.1f} MB")
            print(f"{'total PSS':28} {total:8.1f} MB  ({'empty page' if not page else page})")
    finally:
        if viewer:
            viewer.kill()
            viewer.wait()
        if xvfb:
            xvfb.terminate()
            xvfb.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
