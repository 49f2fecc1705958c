"""The suggestion helper as the app uses it: `quickreply suggest --serve` on DB, cold first answer,
warm round trips, RSS. Usage: python3 scripts/bench-suggest-helper.py DB [BIN]"""
import json, os, subprocess, sys, time
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = sys.argv[2] if len(sys.argv) > 2 else os.path.join(ROOT, "target", "release", "quickreply")
db = sys.argv[1]
msgs = [l.split("\t")[2] for l in open(os.path.join(ROOT, "eval", "suggest", "messages.tsv"), encoding="utf-8").read().splitlines()[1:]]
def start():
    return subprocess.Popen([BIN, "--db", db, "suggest", "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
def ask(p, req):
    t = time.perf_counter(); p.stdin.write(json.dumps(req) + "\n"); p.stdin.flush()
    line = p.stdout.readline()
    while '"warning"' in line: line = p.stdout.readline()
    return time.perf_counter() - t, json.loads(line)
t0 = time.perf_counter(); p = start()
dt, ans = ask(p, {"op": "message", "text": "وين طلبي؟ صار لي أسبوع", "lang": "ar", "limit": 3})
print(f"cold: process start to first answer {time.perf_counter()-t0:.3f}s ({ans['suggestions'][0]['key']})")
ts = sorted(ask(p, {"op": "message", "text": m, "limit": 3})[0] for m in msgs[:200])
print(f"warm round trip n={len(ts)} p50={ts[len(ts)//2]*1000:.1f}ms p95={ts[int(len(ts)*0.95)]*1000:.1f}ms max={ts[-1]*1000:.1f}ms")
out = subprocess.run(["ps", "-o", "rss=", "-p", str(p.pid)], capture_output=True, text=True).stdout.strip()
print(f"helper RSS after 200 messages: {int(out)//1024} MB")
p.stdin.close(); p.wait()
