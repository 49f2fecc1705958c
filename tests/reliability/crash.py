#!/usr/bin/env python3
"""Crash safety: SIGKILL the real `quickreply` CLI at random moments while it writes, and check
after every round that nothing was lost or half-written.

  python3 tests/reliability/crash.py [--bin target/release/quickreply] [--rounds 30] [--rows 200000] [--seed N]

Each round picks one writer and kills it after a random delay (sometimes after it finished):
- orders: `orders import` of a fresh CSV (--rows orders, ids unique to the round);
- pack:   `pack import` of a 300-template pack (keys unique to the round);
- edits:  `templates add` one after another; the harness logs each one that exited 0;
- team:   a teammate's library (joined to the same bare git repository) adds 50 replies and
          syncs; this library adds one reply (acknowledged) and its `team sync` is killed.
After each round: `PRAGMA integrity_check` is `ok`; the round's orders are all there or none;
the round's pack templates are all there or none; the teammate's replies pulled are all there or
none; every edit acknowledged before the kill is there. After a team round, a sync that is not
killed must succeed (a killed sync never wedges the next one) and bring everything across both
ways. Exit status 0 only if every round held. Issue 14: >= 500 rounds in the long form, 30 in CI.
"""
import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from fixtures import write_orders, write_pack  # noqa: E402


def run(bin_, db, *args, check=True):
    r = subprocess.run([str(bin_), "--db", str(db), *args], capture_output=True, text=True)
    if check and r.returncode != 0:
        sys.exit(f"quickreply {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r


def killed_after(argv, delay):
    """Starts argv, SIGKILLs it after `delay` seconds unless it ended first; its exit code
    (negative when killed)."""
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        return p.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        p.send_signal(signal.SIGKILL)
        return p.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", type=Path, default=ROOT / "target" / "release" / "quickreply")
    ap.add_argument("--rounds", type=int, default=30)
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=None)
    a = ap.parse_args()
    seed = a.seed if a.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    print(f"crash harness: {a.rounds} rounds, {a.rows} orders per import, seed {seed}", flush=True)
    failures = 0
    with tempfile.TemporaryDirectory(prefix="quickreply-crash-") as tmp:
        tmp = Path(tmp)
        db = tmp / "lib.sqlite3"
        run(a.bin, db, "pack", "import", "--starter")
        # The team: a bare repository this library shares to, and a teammate joined to it.
        remote = tmp / "team.git"
        subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
        peer = tmp / "peer.sqlite3"
        run(a.bin, db, "team", "init", str(remote))
        run(a.bin, peer, "team", "join", str(remote))
        t = time.monotonic()
        run(a.bin, db, "team", "sync")
        sync_s = max(time.monotonic() - t, 0.05)
        # How long a whole import takes here: the kill delays are drawn around it.
        write_orders(tmp / "probe.csv", "probe", a.rows)
        t = time.monotonic()
        run(a.bin, db, "orders", "import", str(tmp / "probe.csv"))
        import_s = time.monotonic() - t
        acknowledged: list[str] = []
        counts = {"orders": 0, "pack": 0, "edits": 0, "team": 0, "killed": 0}
        for n in range(a.rounds):
            round_start = time.monotonic()
            kind = rng.choice(["orders", "pack", "edits", "team"])
            counts[kind] += 1
            prefix = f"r{n}"
            if kind == "orders":
                path = tmp / "round.csv"
                write_orders(path, prefix, a.rows)
                code = killed_after([str(a.bin), "--db", str(db), "orders", "import", str(path)],
                                    rng.uniform(0, import_s * 1.3))
            elif kind == "pack":
                folder = tmp / f"pack-{n}"
                write_pack(folder, prefix, 300)
                code = killed_after([str(a.bin), "--db", str(db), "pack", "import", str(folder)],
                                    rng.uniform(0, 0.6))
            elif kind == "team":
                folder = tmp / f"team-{n}"
                write_pack(folder, f"{prefix}-t", 50)
                run(a.bin, peer, "pack", "import", str(folder))
                run(a.bin, peer, "team", "sync")
                key = f"{prefix}-mine"
                run(a.bin, db, "templates", "add", key, "--title", f"Mine {key}", "--text", f"Mine {key}")
                acknowledged.append(key)
                code = killed_after([str(a.bin), "--db", str(db), "team", "sync"],
                                    rng.uniform(0, sync_s * 1.5))
            else:
                deadline = time.monotonic() + rng.uniform(0.1, 1.5)
                i, code = 0, 0
                while time.monotonic() < deadline:
                    key = f"{prefix}-e{i}"
                    code = killed_after([str(a.bin), "--db", str(db), "templates", "add", key,
                                         "--title", f"Edit {key}", "--text", f"Edited {key}"],
                                        max(0.0, deadline - time.monotonic()))
                    if code == 0:
                        acknowledged.append(key)
                    i += 1
            counts["killed"] += code < 0
            # Checks.
            con = sqlite3.connect(db)
            problems = []
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
            if ok != "ok":
                problems.append(f"integrity_check: {ok}")
            if kind == "orders":
                got = con.execute("SELECT count(*) FROM orders WHERE order_id LIKE ?", (prefix + "-%",)).fetchone()[0]
                if got not in (0, a.rows):
                    problems.append(f"orders import half-written: {got} of {a.rows}")
            if kind == "pack":
                got = con.execute("SELECT count(*) FROM templates WHERE key LIKE ?", (prefix + "-k%",)).fetchone()[0]
                if got not in (0, 300):
                    problems.append(f"pack import half-written: {got} of 300")
            if kind == "team":
                got = con.execute("SELECT count(*) FROM templates WHERE key LIKE ?", (prefix + "-t-k%",)).fetchone()[0]
                if got not in (0, 50):
                    problems.append(f"team pull half-written: {got} of 50")
            keys = {r[0] for r in con.execute("SELECT key FROM templates")}
            lost = [k for k in acknowledged if k not in keys]
            if lost:
                problems.append(f"acknowledged edits lost: {lost[:5]}")
            con.close()
            if kind == "team":
                # The next sync, not killed, must work and bring everything across both ways.
                t = time.monotonic()
                r = run(a.bin, db, "team", "sync", check=False)
                # Syncs slow down as the library grows: the next kill is drawn around this one.
                sync_s = max(time.monotonic() - t, 0.05)
                if r.returncode != 0:
                    problems.append(f"the sync after the kill failed ({r.returncode}): {r.stderr.strip()[:300]}")
                else:
                    r = run(a.bin, peer, "team", "sync", check=False)
                    if r.returncode != 0:
                        problems.append(f"the teammate's sync failed ({r.returncode}): {r.stderr.strip()[:300]}")
                    for lib, want, what in ((db, 50, "teammate's replies here"), (peer, 1, "this reply at the teammate's")):
                        like = prefix + ("-t-k%" if want == 50 else "-mine")
                        c = sqlite3.connect(lib)
                        got = c.execute("SELECT count(*) FROM templates WHERE key LIKE ?", (like,)).fetchone()[0]
                        c.close()
                        if got != want:
                            problems.append(f"after syncing again, {got} of {want} of the {what}")
            status = "FAIL " + "; ".join(problems) if problems else "ok"
            print(f"round {n + 1:>4} {kind:<6} exit {code:>3} {time.monotonic() - round_start:5.1f}s: {status}", flush=True)
            failures += bool(problems)
    print(f"{a.rounds - failures} of {a.rounds} rounds held ({counts['killed']} killed mid-write; "
          f"orders {counts['orders']}, pack {counts['pack']}, edits {counts['edits']}, team {counts['team']}; "
          f"{len(acknowledged)} acknowledged edits checked); seed {seed}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
