"""The tracker's index and the engine's requests, by client order id."""

from decimal import Decimal

import pytest

import ordertrack as ot
from conftest import SUB, new_order, order_update


def test_lookup_by_client_id_and_by_symbol_and_exchange_id(tracker: ot.OrderTracker) -> None:
    order = new_order()
    tracker.register(order)
    tracker.place(order.client_order_id, now=1_764_001_000.1)
    tracker.apply_binance(order_update(order, "NEW", "NEW", 731_246_000_101))
    found = tracker.lookup(client_order_id=order.client_order_id)
    assert found is not None and found.state == "active"
    assert found.exchange_order_id == "731246000101"
    by_exchange = tracker.lookup(exchange_order_id="731246000101", symbol="BTCUSDT")
    assert by_exchange is not None and by_exchange.client_order_id == order.client_order_id
    assert tracker.lookup(exchange_order_id=731_246_000_101, symbol="BTCUSDT") is not None
    assert tracker.lookup(exchange_order_id=1, symbol="BTCUSDT") is None
    assert tracker.lookup(client_order_id="PMS3f2a9c1e_CHASE_000000000000") is None
    with pytest.raises(ValueError, match="needs symbol"):
        tracker.lookup(exchange_order_id="731246000101")
    with pytest.raises(ValueError, match="needs exchange_order_id"):
        tracker.lookup()


def test_queries_by_sub_account_symbol_and_parent(tracker: ot.OrderTracker) -> None:
    parent = "chase-7"
    orders = []
    for n in range(3):
        cid = ot.generate_client_order_id(SUB, "CHASE")
        order = ot.OrderState(cid, SUB, "BTCUSDT" if n < 2 else "ETHUSDT", "BUY", Decimal("1"), price=Decimal("10"), parent_id=parent if n else None)
        tracker.register(order)
        tracker.place(cid, now=1.0)
        orders.append(order)
    other = ot.OrderState(ot.generate_client_order_id("99887766-aa", "TWAP"), "99887766-aa", "BTCUSDT", "SELL", Decimal("1"), price=Decimal("10"))
    tracker.register(other)
    assert {o.client_order_id for o in tracker.get_by_sub_account(SUB)} == {o.client_order_id for o in orders}
    # Live: every order not terminal, the one not sent yet included.
    assert len(tracker.get_active_by_symbol("BTCUSDT")) == 3
    assert [o.symbol for o in tracker.get_active_by_symbol("ETHUSDT")] == ["ETHUSDT"]
    assert {o.client_order_id for o in tracker.get_by_parent(parent)} == {orders[1].client_order_id, orders[2].client_order_id}
    assert tracker.get_by_parent("nobody") == []


def test_unregister_returns_the_order_and_forgets_it(tracker: ot.OrderTracker) -> None:
    order = new_order()
    tracker.register(order)
    removed = tracker.unregister(order.client_order_id)
    assert removed is not None and removed.client_order_id == order.client_order_id
    assert tracker.unregister(order.client_order_id) is None
    assert len(tracker) == 0
    tracker.check_invariants()


def test_requests_move_the_order_and_a_timeout_is_not_a_rejection(tracker: ot.OrderTracker) -> None:
    a, b, c = new_order(1), new_order(2), new_order(3)
    for order in (a, b, c):
        tracker.register(order)
        tracker.place(order.client_order_id, now=10.0)
    tracker.place_in_doubt(a.client_order_id, now=11.0)
    assert tracker.lookup(client_order_id=a.client_order_id).state == "placing"
    tracker.place_failed(b.client_order_id, -2019, now=11.0)
    failed = tracker.lookup(client_order_id=b.client_order_id)
    assert failed.state == "failed" and failed.closed_at == 11.0 and failed.is_terminal
    tracker.cancel(c.client_order_id, now=12.0)
    assert tracker.lookup(client_order_id=c.client_order_id).state == "cancelling"
    tracker.cancel_rejected(c.client_order_id, now=13.0)
    assert tracker.lookup(client_order_id=c.client_order_id).state == "placing"


def test_cleanup_removes_terminal_orders_older_than_the_age(tracker: ot.OrderTracker) -> None:
    order = new_order()
    tracker.register(order)
    tracker.place(order.client_order_id, now=100.0)
    tracker.place_failed(order.client_order_id, -2019, now=100.0)
    assert tracker.cleanup_terminal(max_age_seconds=300, now=399.0) == 0
    assert tracker.cleanup_terminal(max_age_seconds=300, now=400.5) == 1
    assert len(tracker) == 0
    with pytest.raises(ValueError, match="max_age_seconds"):
        tracker.cleanup_terminal(max_age_seconds=-1)
