"""Files the reliability harnesses write: an order CSV and a pack, with keys unique to a round."""
import csv


def write_orders(path, prefix, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["order_id", "buyer_name", "buyer_country", "total", "currency", "tracking_number"])
        for i in range(rows):
            w.writerow([f"{prefix}-{i}", f"Buyer {i}", "MY", f"{i % 500}.90", "MYR", f"TRK{prefix}{i}"])


def write_pack(folder, prefix, n):
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "en.ftl", "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(f"{prefix}-k{i} = Reply {i} for {{ $buyer_name }}.\n    .title = Reply {prefix} {i}\n")
