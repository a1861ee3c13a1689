"""Binance's stream lines and REST answers, applied; what each did, as objects."""

import json
from decimal import Decimal
from pathlib import Path

import ordertrack as ot
from conftest import REPO, new_order, order_update


def test_a_life_new_partial_fill_duplicate_fill(tracker: ot.OrderTracker) -> None:
    order = new_order(quantity="0.5", price="97000")
    tracker.register(order)
    tracker.place(order.client_order_id, now=1_764_001_000.0)
    ack = tracker.apply_binance(order_update(order, "NEW", "NEW", 42))
    assert (ack.kind, ack.applied) == ("applied", "acknowledged")
    part = order_update(order, "TRADE", "PARTIALLY_FILLED", 42, trade_id=1, last_qty="0.2", last_price="96999.9", cumulative="0.2")
    result = tracker.apply_binance(part)
    assert (result.kind, result.applied) == ("applied", "partially_filled")
    assert result.order.filled_qty == Decimal("0.2")
    assert tracker.apply_binance(part).applied == "duplicate"
    rest = order_update(order, "TRADE", "FILLED", 42, trade_id=2, last_qty="0.3", last_price="97000.1", cumulative="0.5")
    done = tracker.apply_binance(rest.encode())  # bytes work too
    assert done.applied == "filled"
    final = done.order
    assert (final.state, final.filled_qty, final.fill_count) == ("filled", Decimal("0.5"), 2)
    # (0.2 × 96999.9 + 0.3 × 97000.1) / 0.5 = 97000.02, exactly
    assert final.avg_fill_price == Decimal("97000.02")
    assert (final.last_fill_qty, final.last_fill_price) == (Decimal("0.3"), Decimal("97000.1"))
    assert tracker.stats()["duplicates"] == 1


def test_other_foreign_and_blank_lines(tracker: ot.OrderTracker) -> None:
    assert tracker.apply_binance("").kind == "blank"
    other = tracker.apply_binance('{"e":"listenKeyExpired","E":1576653824250,"listenKey":"x"}')
    assert (other.kind, other.event_type) == ("other", "listenKeyExpired")
    foreign = ot.OrderState("web_3b7kQ0xZ1", "3f2a9c1e-7b4d", "BTCUSDT", "SELL", Decimal("1"), price=Decimal("1"))
    result = tracker.apply_binance(order_update(foreign, "NEW", "NEW", 9))
    assert (result.kind, result.client_order_id, result.first_seen) == ("foreign", "web_3b7kQ0xZ1", True)


def test_an_order_of_ours_is_adopted_from_the_stream(tracker: ot.OrderTracker) -> None:
    order = new_order()  # never registered: an order from before a restart
    result = tracker.apply_binance(order_update(order, "NEW", "NEW", 77))
    assert (result.kind, result.applied) == ("adopted", "acknowledged")
    assert result.order.sub_account_id.startswith(order.sub_account_id[:8])
    assert tracker.lookup(exchange_order_id=77, symbol="BTCUSDT").state == "active"


def test_rest_answers_settle_a_placement(tracker: ot.OrderTracker) -> None:
    a, b, c = new_order(1), new_order(2), new_order(3)
    for order in (a, b, c):
        tracker.register(order)
        tracker.place(order.client_order_id, now=1.0)
    answer = {
        "clientOrderId": a.client_order_id, "orderId": 3901, "symbol": "BTCUSDT", "status": "NEW",
        "side": "BUY", "type": "LIMIT", "origType": "LIMIT", "origQty": "0.5", "price": "97000",
        "executedQty": "0", "updateTime": 1764001000100, "reduceOnly": False,
    }
    ok = tracker.apply_new_order_result(a.client_order_id, 200, json.dumps(answer), now=2.0)
    assert (ok.kind, ok.applied, ok.order.state) == ("applied", "acknowledged", "active")
    margin = tracker.apply_new_order_result(b.client_order_id, 400, '{"code":-2019,"msg":"Margin is insufficient."}', now=2.0)
    assert (margin.kind, margin.order.state) == ("place_failed", "failed")
    timeout = tracker.apply_new_order_result(c.client_order_id, 503, "Service Unavailable", now=2.0)
    assert (timeout.kind, timeout.order.state) == ("place_in_doubt", "placing")


def test_a_recorded_session_replays_from_python(tracker: ot.OrderTracker) -> None:
    path = REPO / "crates" / "binance" / "data" / "sample_session.jsonl"
    lines = path.read_text().splitlines()
    kinds: dict[str, int] = {}
    for line in lines:
        try:
            kind = tracker.apply_binance(line).kind
        except ot.OrderTrackError as error:
            kind = "error"
            assert error.kind  # every refusal names its rule
        kinds[kind] = kinds.get(kind, 0) + 1
    stats = tracker.stats()
    assert stats["lines"] == len(lines) == sum(kinds.values())
    assert kinds["blank"] == stats["blank_lines"]
    assert len(tracker) == stats["orders_registered"]
    assert kinds["adopted"] == stats["orders_registered"]
    tracker.check_invariants()
