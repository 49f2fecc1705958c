#!/usr/bin/env bash
# Times `quickreply orders import` of a 1 000 000-row generic CSV into a new library, process
# start to exit, three times (docs/PERFORMANCE.md). Needs a release build:
#   cargo build --release --bin quickreply && ./scripts/bench-orders-cli.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-1000000}"
bin=target/release/quickreply
[[ -x "$bin" ]] || { echo "build it first: cargo build --release --bin quickreply" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# The same columns and value shapes as the core benchmark (benches/common::write_orders_csv).
python3 - "$rows" "$dir/orders.csv" <<'PY'
import random, sys
rows, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
countries = ["SA", "AE", "RU", "FR", "MY", "ES", "US", "EG"]
with open(path, "w") as f:
    f.write("order_id,marketplace,buyer_name,buyer_country,item_count,total,currency,carrier,tracking_number,ordered_at\n")
    for i in range(rows):
        f.write(f"ORD-{i:08},noon,Buyer {i},{rng.choice(countries)},{1 + rng.randrange(5)},"
                f"{rng.randrange(500)}.{rng.randrange(100):02},USD,Aramex,TRK{i:010},"
                f"2026-0{1 + rng.randrange(9)}-1{rng.randrange(10)}\n")
PY
for run in 1 2 3; do
  rm -f "$dir"/lib.db*
  /usr/bin/time -f "run $run: %e s, max RSS %M KB" "$bin" --db "$dir/lib.db" orders import "$dir/orders.csv" >/dev/null
done
