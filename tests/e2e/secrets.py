#!/usr/bin/env python3
"""Secrets stay in the OS keyring: an end-to-end test with a real Secret Service, the real app
on a private X server, a real git repository behind git-daemon and the real CLI.

    scripts/with-keyring.sh python3 tests/e2e/secrets.py --bin target/release/quickreply

It plants two machine-translation API keys (DeepL, and Google, which takes its key in the URL)
and a git token, then uses them the way a shop does: translations that fail (the endpoints
refuse connections, so the error paths that quote URLs run), `providers test`, `team init` and
`team sync` to the repository, a paste through the app, `pack export`, `backup create` and the
daily backup. Then it searches every file the app, the CLI, git and the exports wrote (the
library, its WAL while the app still runs, logs, exports, backups, the team clone and the
repository, and the whole private home) and everything they printed, for each secret as
written and URL-encoded. Exit status 0 only if no secret is found anywhere and the planted
keys are in the keyring.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from session import E2EError, Session, install_sigterm_handler, log, wait_for  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def refused_url() -> str:
    """An address nothing listens on: connecting is refused at once."""
    return f"http://127.0.0.1:{free_port()}/"


def files_under(*dirs: Path):
    for d in dirs:
        for root, _, names in os.walk(d):
            for n in names:
                p = Path(root) / n
                if p.is_file() and not p.is_symlink():
                    yield p


class Scan:
    def __init__(self, secrets: dict[str, str]):
        self.needles = {}
        for name, value in secrets.items():
            for form in {value, urllib.parse.quote(value, safe=""), urllib.parse.quote_plus(value)}:
                self.needles[form.encode()] = name
        self.found: list[str] = []
        self.files = 0

    def text(self, where: str, data: bytes | str) -> None:
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        for needle, name in self.needles.items():
            if needle in data:
                self.found.append(f"the {name} is in {where}")

    def tree(self, *dirs: Path) -> None:
        for p in files_under(*dirs):
            try:
                data = p.read_bytes()
            except OSError:
                continue
            self.files += 1
            self.text(str(p), data)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True, type=Path)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS") or not os.environ.get("QUICKREPLY_TEST_SECRET_SERVICE"):
        sys.exit("run it inside scripts/with-keyring.sh (it needs a real Secret Service)")
    install_sigterm_handler()
    stamp = f"{os.getpid()}{int(time.time())}"
    secrets = {
        "DeepL API key": f"dl-key-{stamp}-7f3a9c:fx",
        "Google API key": f"AIzaSy-{stamp}+key/with=chars",
        "git token": f"ghp_team{stamp}tokenQR",
    }
    scan = Scan(secrets)
    # The scanner finds what it looks for (in each form), or its silence would mean nothing.
    probe = Scan(secrets)
    probe.text("probe", b"x" + urllib.parse.quote(secrets["Google API key"], safe="").encode() + b"y")
    probe.text("probe", secrets["git token"])
    if len(probe.found) != 2:
        sys.exit(f"the scanner is broken: {probe.found}")
    printed: list[tuple[str, str]] = []

    with Session(args.bin, keep=args.keep, keyring=True) as s:
        def cli(*argv: str, stdin: str | None = None, ok: bool = True) -> subprocess.CompletedProcess:
            r = subprocess.run([str(s.bin), "--db", str(s.db), *argv], env={**s.env, "DISPLAY": ""},
                               input=stdin, capture_output=True, text=True, timeout=120)
            printed.append((" ".join(argv), r.stdout + r.stderr))
            if ok and r.returncode != 0:
                raise E2EError(f"quickreply {' '.join(argv)} failed ({r.returncode}): {r.stderr.strip()}")
            return r

        # The keys, through the CLI (stdin, never argv).
        cli("providers", "add", "deepl-shop", "--kind", "deepl", "--url", refused_url())
        cli("providers", "key", "deepl-shop", stdin=secrets["DeepL API key"] + "\n")
        cli("providers", "add", "google-shop", "--kind", "google", "--url", refused_url())
        cli("providers", "key", "google-shop", stdin=secrets["Google API key"] + "\n")
        # Used, and failing: the errors must not quote them.
        for name in ("deepl-shop", "google-shop"):
            r = cli("translate", "plain-thanks", "--to", "fr", "--provider", name, ok=False)
            if r.returncode == 0:
                raise E2EError(f"translating through {name} at a refused address succeeded")
            cli("providers", "test", name, ok=False)
        cli("providers", "list", "--json")

        # The team: a real repository behind git-daemon, the token in the keyring.
        base = s.tmp / "git"
        base.mkdir()
        subprocess.run(["git", "init", "--quiet", "--bare", str(base / "team.git")], check=True)
        port = free_port()
        exec_path = subprocess.run(["git", "--exec-path"], capture_output=True, text=True, check=True).stdout.strip()
        daemon = subprocess.Popen([str(Path(exec_path) / "git-daemon"), "--reuseaddr", "--export-all",
                                   "--enable=receive-pack", "--listen=127.0.0.1", f"--port={port}",
                                   f"--base-path={base}", str(base)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for(lambda: socket.socket().connect_ex(("127.0.0.1", port)) == 0, 10, 0.05, "git-daemon")
            remote = f"git://127.0.0.1:{port}/team.git"
            cli("team", "init", remote)
            cli("team", "credentials", stdin=secrets["git token"] + "\n")
            cli("templates", "edit", "plain-thanks", "--text", "Thank you, we answer within a day.")
            cli("team", "sync")
            cli("team", "status", "--json")
        finally:
            daemon.kill()
            daemon.wait()

        # The app: start-up, a paste, its logs.
        s.clear_console()
        s.set_clipboard("before the paste")
        s.open_palette()
        s.xdotool("type", "--delay", "30", "plain thanks")
        time.sleep(0.4)
        s.xdotool("key", "Return")
        s.wait_console_change("", timeout=5)

        # Exports and backups.
        cli("pack", "export", str(s.tmp / "export-pack"))
        cli("backup", "create", str(s.tmp / "backup-by-hand.sqlite3"))
        cli("backup", "create")
        cli("backup", "list", "--json")

        # The keys are in the keyring, or this test would prove nothing.
        providers = json.loads(cli("providers", "list", "--json").stdout)
        if not all(p["has_key"] for p in providers if p["name"] in ("deepl-shop", "google-shop")):
            raise E2EError(f"the API keys did not reach the keyring: {providers}")

        # While the app runs: its WAL and logs as they are.
        if not Path(str(s.db) + "-wal").exists():
            raise E2EError("no WAL beside the library while the app runs: the scan would miss it")
        scan.tree(s.tmp)
        for what, out in printed:
            scan.text(f"the output of `quickreply {what}`", out)
        running_files = scan.files
        # After the app quit: the WAL checkpointed into the library, the logs flushed.
        app = s.procs["app"]
        app.terminate()
        app.wait(timeout=10)
        scan.tree(s.tmp)
        scan.text("the app's output", s.app_log_text())
    xdg = os.environ.get("XDG_DATA_HOME")
    if xdg:
        # with-keyring.sh's keyring folder is where the keys must be: only app files count.
        scan.tree(*[p for p in Path(xdg).iterdir() if p.name != "keyrings"])
    if scan.found:
        for f in sorted(set(scan.found)):
            log(f"FAIL {f}")
        return 1
    log(f"PASS no secret in {running_files} files while the app ran, {scan.files - running_files} after it quit (library, WAL, logs, exports, backups, team clone and "
        f"repository, home) nor in {len(printed)} command outputs and the app's log")
    return 0


if __name__ == "__main__":
    sys.exit(main())
