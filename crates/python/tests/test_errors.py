"""Every Rust error is an exception class with its kind and message; nothing changes."""

from decimal import Decimal

import pytest

import ordertrack as ot
from conftest import SUB, new_order


@pytest.mark.parametrize(
    ("kwargs", "error", "kind"),
    [
        ({"quantity": Decimal("0")}, ot.OrderError, "zero_quantity"),
        ({"quantity": Decimal("1"), "leverage": 200}, ot.OrderError, "leverage_out_of_range"),
        ({"quantity": Decimal("1"), "order_type": "STOP", "price": None, "trigger_price": "90"}, ot.OrderError, "missing_price"),
        ({"quantity": Decimal("1"), "order_type": "STOP_MARKET"}, ot.OrderError, "missing_trigger_price"),
        ({"quantity": "0.000000001"}, ot.DecimalError, "too_precise"),
        ({"quantity": "abc"}, ot.DecimalError, "invalid_character"),
        ({"quantity": Decimal("1"), "parent_id": ""}, ot.IdError, "empty"),
    ],
)
def test_bad_orders_raise_the_rust_errors_kind(kwargs: dict, error: type, kind: str) -> None:
    args = {"price": Decimal("100"), **kwargs}
    with pytest.raises(error) as raised:
        ot.OrderState(ot.generate_client_order_id(SUB, "CHASE"), SUB, "BTCUSDT", "BUY", **args)
    assert raised.value.kind == kind
    assert isinstance(raised.value, ot.OrderTrackError)


def test_a_pms_id_of_another_origin_is_refused() -> None:
    cid = ot.generate_client_order_id(SUB, "CHASE")
    with pytest.raises(ot.OrderError) as raised:
        ot.OrderState(cid, SUB, "BTCUSDT", "BUY", Decimal("1"), price=Decimal("1"), origin="TWAP")
    assert raised.value.kind == "origin_mismatch"
    assert cid in str(raised.value)


def test_floats_bad_names_and_ids_are_refused() -> None:
    cid = ot.generate_client_order_id(SUB, "CHASE")
    with pytest.raises(ValueError, match="float is not exact"):
        ot.OrderState(cid, SUB, "BTCUSDT", "BUY", 0.5)
    with pytest.raises(ValueError, match="side"):
        ot.OrderState(cid, SUB, "BTCUSDT", "HOLD", Decimal("1"))
    with pytest.raises(ValueError, match="origin"):
        ot.generate_client_order_id(SUB, "ARBITRAGE")
    with pytest.raises(ot.IdError) as raised:
        ot.OrderState("has space", SUB, "BTCUSDT", "BUY", Decimal("1"))
    assert raised.value.kind == "invalid_character"
    with pytest.raises(ValueError, match="symbol"):
        ot.OrderState(cid, SUB, "btc-usdt", "BUY", Decimal("1"))


def test_tracker_refusals_change_nothing(tracker: ot.OrderTracker) -> None:
    order = new_order()
    tracker.register(order)
    with pytest.raises(ot.TrackError) as raised:
        tracker.register(order)
    assert raised.value.kind == "duplicate_client_id"
    with pytest.raises(ot.TrackError) as raised:
        tracker.cancel(order.client_order_id, now=1.0)  # idle: never sent
    assert raised.value.kind == "request_refused"
    assert tracker.lookup(client_order_id=order.client_order_id).state == "idle"
    with pytest.raises(ot.TrackError) as raised:
        tracker.place("PMS3f2a9c1e_CHASE_000000000000", now=1.0)
    assert raised.value.kind == "unknown_client_id"
    assert len(tracker) == 1
    tracker.check_invariants()


def test_an_unusable_line_is_a_feed_error_with_nothing_changed(tracker: ot.OrderTracker) -> None:
    for line, kind in (
        ("{not json", "malformed_json"),
        ('{"e":"ORDER_TRADE_UPDATE","T":1,"o":{"s":"BTCUSDT"}}', "missing_field"),
        (b"\xff\xfe", "not_utf8"),
    ):
        with pytest.raises(ot.FeedError) as raised:
            tracker.apply_binance(line)
        assert raised.value.kind == kind, raised.value
    assert len(tracker) == 0
    assert tracker.stats()["lines"] == 3
