"""on_fill, on_partial, on_cancel: called after the tracker is updated; an
exception is reported to the caller, never swallowed."""

from decimal import Decimal

import pytest

import ordertrack as ot
from conftest import new_order, order_update


def test_callbacks_hear_their_events_with_the_order_after_it(tracker: ot.OrderTracker) -> None:
    heard: list[tuple[str, str, Decimal]] = []
    order = new_order(quantity="0.5")
    order.on_partial = lambda o: heard.append(("partial", o.state, o.filled_qty))
    tracker.register(order, on_fill=lambda o: heard.append(("fill", o.state, o.filled_qty)))
    tracker.place(order.client_order_id, now=1.0)
    tracker.apply_binance(order_update(order, "NEW", "NEW", 5))
    tracker.apply_binance(order_update(order, "TRADE", "PARTIALLY_FILLED", 5, trade_id=1, last_qty="0.2", last_price="1", cumulative="0.2"))
    tracker.apply_binance(order_update(order, "TRADE", "PARTIALLY_FILLED", 5, trade_id=1, last_qty="0.2", last_price="1", cumulative="0.2"))
    tracker.apply_binance(order_update(order, "TRADE", "FILLED", 5, trade_id=2, last_qty="0.3", last_price="1", cumulative="0.5"))
    assert heard == [("partial", "active", Decimal("0.2")), ("fill", "filled", Decimal("0.5"))]


def test_on_cancel_hears_cancels_and_expiries(tracker: ot.OrderTracker) -> None:
    heard: list[str] = []
    a, b = new_order(1), new_order(2)
    for n, order in enumerate((a, b)):
        tracker.register(order, on_cancel=lambda o: heard.append(o.state))
        tracker.place(order.client_order_id, now=1.0)
        tracker.apply_binance(order_update(order, "NEW", "NEW", 10 + n))
    tracker.apply_binance(order_update(a, "CANCELED", "CANCELED", 10))
    tracker.apply_binance(order_update(b, "EXPIRED", "EXPIRED", 11, expiry_reason="6"))
    assert heard == ["cancelled", "expired"]


def test_an_exception_in_a_callback_reaches_the_caller_after_the_update(tracker: ot.OrderTracker) -> None:
    order = new_order(quantity="0.5")

    def explode(o: ot.OrderState) -> None:
        raise RuntimeError(f"engine bug on {o.client_order_id}")

    tracker.register(order, on_fill=explode)
    tracker.place(order.client_order_id, now=1.0)
    fill = order_update(order, "TRADE", "FILLED", 5, trade_id=1, last_qty="0.5", last_price="2", cumulative="0.5")
    with pytest.raises(ot.CallbackError) as raised:
        tracker.apply_binance(fill)
    error = raised.value
    assert error.kind == "callback_failed"
    assert [type(e) for e in error.errors] == [RuntimeError]
    assert isinstance(error.__cause__, RuntimeError) and order.client_order_id in str(error.__cause__)
    # The fill was applied, completely, and is not applied twice.
    state = tracker.lookup(client_order_id=order.client_order_id)
    assert (state.state, state.filled_qty) == ("filled", Decimal("0.5"))
    assert tracker.apply_binance(fill).applied == "duplicate"
    tracker.check_invariants()


def test_a_callback_may_use_the_tracker(tracker: ot.OrderTracker) -> None:
    first, second = new_order(1), new_order(2)
    tracker.register(second)

    def place_the_next(o: ot.OrderState) -> None:
        tracker.place(second.client_order_id, now=3.0)

    tracker.register(first, on_fill=place_the_next)
    tracker.place(first.client_order_id, now=1.0)
    tracker.apply_binance(order_update(first, "TRADE", "FILLED", 5, trade_id=1, last_qty="0.5", last_price="2", cumulative="0.5"))
    assert tracker.lookup(client_order_id=second.client_order_id).state == "placing"


def test_callbacks_are_forgotten_with_their_order(tracker: ot.OrderTracker) -> None:
    heard: list[str] = []
    order = new_order()
    tracker.register(order, on_cancel=lambda o: heard.append("cancel"))
    tracker.place(order.client_order_id, now=1.0)
    tracker.place_failed(order.client_order_id, -2019, now=1.0)
    assert tracker.cleanup_terminal(max_age_seconds=1, now=10.0) == 1
    # Registered again under the same id: the old callback is gone.
    again = ot.OrderState(order.client_order_id, order.sub_account_id, "BTCUSDT", "BUY", Decimal("0.5"), price=Decimal("1"))
    tracker.register(again)
    tracker.place(again.client_order_id, now=20.0)
    tracker.apply_binance(order_update(again, "CANCELED", "CANCELED", 99))
    assert heard == []
