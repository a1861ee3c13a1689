"""The design document's own validation lines, names and formats."""

import re
import subprocess
import sys
from decimal import Decimal

import ordertrack as ot
from conftest import SUB, new_order


def test_the_documents_validation_lines_pass() -> None:
    for line in (
        "from ordertrack import OrderState; print('OK')",
        "from ordertrack import OrderTracker; t = OrderTracker(); print('OK')",
    ):
        out = subprocess.run([sys.executable, "-c", line], capture_output=True, text=True, check=True)
        assert out.stdout.strip() == "OK"


def test_order_state_has_the_documents_fields_and_defaults() -> None:
    cid = ot.generate_client_order_id(SUB, "CHASE")
    order = ot.OrderState(cid, SUB, "BTCUSDT", "BUY", Decimal("0.010"), price=Decimal("97000.1"))
    assert order.client_order_id == cid
    assert order.sub_account_id == SUB
    assert order.exchange_order_id is None
    assert (order.symbol, order.side, order.order_type) == ("BTCUSDT", "BUY", "LIMIT")
    assert order.quantity == Decimal("0.01") and isinstance(order.quantity, Decimal)
    assert order.price == Decimal("97000.1")
    assert order.reduce_only is False
    assert order.state == "idle"
    assert order.filled_qty == Decimal("0")
    assert (order.avg_fill_price, order.last_fill_price, order.last_fill_qty) == (None, None, None)
    assert order.origin == "CHASE"  # from the client id
    assert (order.parent_id, order.leverage) == (None, 1)
    assert order.created_at == 0.0 and order.updated_at == 0.0
    assert (order.on_fill, order.on_cancel, order.on_partial) == (None, None, None)
    manual = ot.OrderState("my-own-id-1", SUB, "ETHUSDT", "SELL", "1", price="3000")
    assert manual.origin == "MANUAL"


def test_generated_ids_have_the_documents_format() -> None:
    for origin in ("MANUAL", "CHASE", "SCALPER", "TWAP", "TRAIL_STOP", "SURF", "BASKET"):
        cid = ot.generate_client_order_id(SUB, origin)
        assert re.fullmatch(rf"PMS{SUB[:8]}_{origin}_[0-9a-f]{{12}}", cid), cid
        assert re.fullmatch(r"[\.A-Z\:/a-z0-9_-]{1,36}", cid)
    assert ot.generate_client_order_id(SUB, "CHASE") != ot.generate_client_order_id(SUB, "CHASE")


def test_states_are_the_documents_lowercase_names() -> None:
    tracker = ot.OrderTracker()
    order = new_order()
    tracker.register(order)
    assert tracker.lookup(client_order_id=order.client_order_id).state == "idle"
    tracker.place(order.client_order_id, now=1_764_001_002.5)
    state = tracker.lookup(client_order_id=order.client_order_id)
    assert state.state == "placing" and state.updated_at == 1_764_001_002.5
