"""The same engine-like workload through the pure-Python port of the design
document and through ordertrack, in one run; prints time per operation.

Per order: a client id, the order built and registered, placed, its NEW, two
partial fills, the second delivered twice (ORDER_TRADE_UPDATE and again), the
final fill, a lookup by exchange id, a query of the symbol's live orders; a
cleanup every 1,000 orders. Usage: python bench/compare.py [orders]
"""

from __future__ import annotations

import json
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import design_port as port  # noqa: E402
import ordertrack as ot  # noqa: E402

SUB = "3f2a9c1e-7b4d-4e1a"
OPERATIONS_PER_ORDER = 11  # id, build+register, place, 5 lines, lookup, query, (cleanup share ~0)


def line(cid: str, x: str, status: str, oid: int, at: int, t: int = 0, l: str = "0", z: str = "0") -> str:
    return json.dumps(separators=(",", ":"), obj={"e": "ORDER_TRADE_UPDATE", "T": at, "E": at + 1, "o": {
        "s": "BTCUSDT", "c": cid, "S": "BUY", "o": "LIMIT", "f": "GTC", "q": "0.3", "p": "97000", "ap": "0",
        "sp": "0", "x": x, "X": status, "i": oid, "l": l, "z": z, "L": "97000", "T": at, "t": t, "m": False,
        "R": False, "wt": "CONTRACT_PRICE", "ot": "LIMIT", "ps": "BOTH", "cp": False, "rp": "0", "pP": False,
        "si": 0, "ss": 0, "V": "EXPIRE_MAKER", "pm": "NONE", "gtd": 0, "er": "0"}})


def lines_for(cid: str, n: int) -> list[str]:
    at, oid = 1_764_001_000_000 + n * 10, 700_000_000 + n
    return [
        line(cid, "NEW", "NEW", oid, at),
        line(cid, "TRADE", "PARTIALLY_FILLED", oid, at + 1, t=3 * n + 1, l="0.1", z="0.1"),
        line(cid, "TRADE", "PARTIALLY_FILLED", oid, at + 2, t=3 * n + 2, l="0.1", z="0.2"),
        line(cid, "TRADE", "PARTIALLY_FILLED", oid, at + 2, t=3 * n + 2, l="0.1", z="0.2"),
        line(cid, "TRADE", "FILLED", oid, at + 3, t=3 * n + 3, l="0.1", z="0.3"),
    ]


def run_port(orders: int, ids: list[str], feeds: list[list[str]]) -> float:
    tracker = port.OrderTracker()
    start = time.perf_counter()
    for n in range(orders):
        cid = port.generate_client_order_id(SUB, "CHASE")
        order = port.OrderState(ids[n], SUB, symbol="BTCUSDT", side="BUY", quantity=0.3, price=97000.0, origin="CHASE", created_at=1_764_001_000.0)
        tracker.register(order)
        tracker.place(order.client_order_id, now=1_764_001_000.0)
        for text in feeds[n]:
            tracker.apply_binance(text)
        assert tracker.lookup(exchange_order_id=str(700_000_000 + n)) is order
        tracker.get_active_by_symbol("BTCUSDT")
        if n % 1_000 == 500:
            tracker.cleanup_terminal(max_age_seconds=0, now=2_000_000_000.0)
        del cid
    elapsed = time.perf_counter() - start
    assert order.state == "filled" and abs(order.filled_qty - 0.3) < 1e-9
    return elapsed


def run_ours(orders: int, ids: list[str], feeds: list[list[str]]) -> float:
    tracker = ot.OrderTracker()
    quantity, price = Decimal("0.3"), Decimal("97000")
    start = time.perf_counter()
    for n in range(orders):
        cid = ot.generate_client_order_id(SUB, "CHASE")
        order = ot.OrderState(ids[n], SUB, "BTCUSDT", "BUY", quantity, price=price, created_at=1_764_001_000.0)
        tracker.register(order)
        tracker.place(ids[n], now=1_764_001_000.0)
        for text in feeds[n]:
            tracker.apply_binance(text)
        assert tracker.lookup(exchange_order_id=700_000_000 + n, symbol="BTCUSDT") is not None
        tracker.get_active_by_symbol("BTCUSDT")
        if n % 1_000 == 500:
            tracker.cleanup_terminal(max_age_seconds=0, now=2_000_000_000.0)
        del cid
    elapsed = time.perf_counter() - start
    last = tracker.lookup(client_order_id=ids[orders - 1])
    assert last is not None and last.state == "filled" and last.filled_qty == Decimal("0.3")
    return elapsed


def main() -> None:
    """`compare.py [orders] [port|ordertrack]`: both (best of three each), or one once."""
    orders = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    only = sys.argv[2] if len(sys.argv) > 2 else None
    ids = [ot.generate_client_order_id(SUB, "CHASE") for _ in range(orders)]
    feeds = [lines_for(cid, n) for n, cid in enumerate(ids)]
    operations = orders * OPERATIONS_PER_ORDER
    if only == "setup":  # the inputs alone: what an instruction count subtracts
        return
    if only is not None:
        run = {"port": run_port, "ordertrack": run_ours}[only]
        elapsed = run(orders, ids, feeds)
        print(f"{only:12} {elapsed:8.3f} s  {elapsed / operations * 1e9:8.0f} ns/operation")
        return
    for name, run in (("python port", run_port), ("ordertrack", run_ours)):
        best = min(run(orders, ids, feeds) for _ in range(3))
        print(f"{name:12} {best:8.3f} s  {best / operations * 1e9:8.0f} ns/operation")
        if name == "python port":
            baseline = best
    print(f"ordertrack is {baseline / best:.1f}x faster per operation")


if __name__ == "__main__":
    main()
