#!/usr/bin/env python3
"""Concurrency: several real `quickreply` CLI processes write one library at once, as a shop's
CLI scripts, a second import and the app do. None may fail (no "database is locked"), and every
write must land.

  python3 tests/reliability/concurrency.py [--bin target/release/quickreply] [--rows 200000] [--rounds 3]

Each round starts at the same moment: two order imports of --rows orders each, a pack import
of 300 templates, 30 `templates add` + `templates edit` one after another, a `backup create`,
and readers (`orders show`, `templates list`) all along. Then it checks every process exited
0, the counts, and `PRAGMA integrity_check` of the library and of the backup.
"""
import argparse
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from fixtures import write_orders, write_pack  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", type=Path, default=ROOT / "target" / "release" / "quickreply")
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    failures = []
    with tempfile.TemporaryDirectory(prefix="quickreply-concurrency-") as tmp:
        tmp = Path(tmp)
        db = tmp / "lib.sqlite3"
        for n in range(a.rounds):
            # Round 0 starts on a library nobody created yet: every process creates and
            # migrates it at once.
            started = time.monotonic()
            runs = []  # (name, argv)
            for side in ("a", "b"):
                path = tmp / f"r{n}{side}.csv"
                write_orders(path, f"r{n}{side}", a.rows)
                runs.append((f"orders import {side}", ["orders", "import", str(path)]))
            write_pack(tmp / f"pack{n}", f"r{n}", 300)
            runs.append(("pack import", ["pack", "import", str(tmp / f"pack{n}")]))
            runs.append(("backup create", ["backup", "create", str(tmp / f"backup{n}.sqlite3")]))
            results = {}

            def one(name, args):
                r = subprocess.run([str(a.bin), "--db", str(db), *args], capture_output=True, text=True)
                results.setdefault(name, []).append(r)

            def edits():
                for i in range(30):
                    key = f"r{n}-e{i}"
                    one("templates add", ["templates", "add", key, "--title", f"Edit {key}", "--text", f"Hi {key}"])
                    one("templates edit", ["templates", "edit", key, "--text", f"Hello {key}"])

            def reads():
                for i in range(20):
                    one("templates list", ["templates", "list"])
                    r = subprocess.run([str(a.bin), "--db", str(db), "orders", "show", f"r{n}a-{i}"],
                                       capture_output=True, text=True)
                    # Not imported yet is fine (exit 2); locked or crashed is not.
                    if r.returncode not in (0, 2) or "locked" in r.stderr:
                        results.setdefault("orders show", []).append(r)

            threads = [threading.Thread(target=one, args=run) for run in runs]
            threads += [threading.Thread(target=edits), threading.Thread(target=reads)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            problems = []
            for name, rs in results.items():
                for r in rs:
                    if r.returncode != 0 or "locked" in r.stderr:
                        problems.append(f"{name} exited {r.returncode}: {r.stderr.strip()[:300]}")
            con = sqlite3.connect(db)
            for side in ("a", "b"):
                got = con.execute("SELECT count(*) FROM orders WHERE order_id LIKE ?", (f"r{n}{side}-%",)).fetchone()[0]
                if got != a.rows:
                    problems.append(f"orders {side}: {got} of {a.rows}")
            got = con.execute("SELECT count(*) FROM templates WHERE key LIKE ?", (f"r{n}-k%",)).fetchone()[0]
            if got != 300:
                problems.append(f"pack: {got} of 300 templates")
            got = con.execute("SELECT count(*) FROM variants v JOIN templates t ON t.id = v.template_id "
                              "WHERE t.key LIKE ? AND v.body LIKE 'Hello %'", (f"r{n}-e%",)).fetchone()[0]
            if got != 30:
                problems.append(f"edits: {got} of 30")
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
            if ok != "ok":
                problems.append(f"integrity_check: {ok}")
            con.close()
            backup = tmp / f"backup{n}.sqlite3"
            if backup.exists():
                bcon = sqlite3.connect(backup)
                ok = bcon.execute("PRAGMA integrity_check").fetchone()[0]
                bcon.close()
                if ok != "ok":
                    problems.append(f"backup integrity_check: {ok}")
            took = time.monotonic() - started
            print(f"round {n + 1}: {len(threads)} writers and readers at once, {took:.1f} s: "
                  + ("ok" if not problems else "FAIL\n  " + "\n  ".join(problems)), flush=True)
            failures += problems
    print("every round held" if not failures else f"{len(failures)} problems")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
