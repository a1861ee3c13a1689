"""A conditional order from Python: its trigger, its algo id, its states."""

from decimal import Decimal

import pytest

import ordertrack as ot
from conftest import SUB


def test_a_stop_is_built_with_its_trigger() -> None:
    cid = ot.generate_client_order_id(SUB, "TRAIL_STOP")
    stop = ot.OrderState(cid, SUB, "BTCUSDT", "SELL", Decimal("0"), order_type="STOP_MARKET",
                         trigger_price=Decimal("95000"), working_type="MARK_PRICE", close_position=True)
    assert (stop.order_type, stop.trigger_price, stop.working_type) == ("STOP_MARKET", Decimal("95000"), "MARK_PRICE")
    assert stop.close_position and stop.quantity == Decimal("0")
    assert (stop.algo_id, stop.triggered, stop.origin) == (None, False, "TRAIL_STOP")
    with pytest.raises(ot.OrderError) as raised:
        ot.OrderState(cid, SUB, "BTCUSDT", "SELL", Decimal("1"), order_type="STOP_MARKET",
                      trigger_price=Decimal("95000"), close_position=True)
    assert raised.value.kind == "close_with_quantity"
    with pytest.raises(ValueError, match="working type"):
        ot.OrderState(cid, SUB, "BTCUSDT", "SELL", Decimal("1"), order_type="STOP_MARKET",
                      trigger_price=Decimal("95000"), working_type="LAST")
