"""Checked by `mypy --strict` (test_types.py): the stubs describe the API."""

from decimal import Decimal
from typing import Optional

from ordertrack import FeedResult, OrderState, OrderTracker, generate_client_order_id


def life(tracker: OrderTracker, line: str) -> Optional[Decimal]:
    cid: str = generate_client_order_id("3f2a9c1e-7b4d", "CHASE")
    order = OrderState(cid, "3f2a9c1e-7b4d", "BTCUSDT", "BUY", Decimal("1"), price=Decimal("10"))
    tracker.register(order, on_fill=lambda o: print(o.filled_qty))
    tracker.place(cid)
    result: FeedResult = tracker.apply_binance(line)
    found = tracker.lookup(client_order_id=cid)
    states: list[OrderState] = tracker.get_active_by_symbol("BTCUSDT")
    removed: int = tracker.cleanup_terminal(max_age_seconds=300)
    del result, states, removed
    return None if found is None else found.avg_fill_price
