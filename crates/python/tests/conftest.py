"""Shared builders: Binance ORDER_TRADE_UPDATE lines in the layout the stream sends."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Optional

import pytest

import ordertrack as ot

SUB = "3f2a9c1e-7b4d-4e1a"
REPO = Path(__file__).resolve().parents[3]


def order_update(
    order: ot.OrderState,
    execution: str,
    status: str,
    exchange_id: int,
    *,
    at: int = 1_764_001_000_000,
    trade_id: int = 0,
    last_qty: str = "0",
    last_price: str = "0",
    cumulative: str = "0",
    expiry_reason: Optional[str] = None,
) -> str:
    """An ORDER_TRADE_UPDATE line about `order`."""
    o = {
        "s": order.symbol,
        "c": order.client_order_id,
        "S": order.side,
        "o": order.order_type,
        "f": "GTC",
        "q": str(order.quantity),
        "p": str(order.price) if order.price is not None else "0",
        "ap": "0",
        "sp": "0",
        "x": execution,
        "X": status,
        "i": exchange_id,
        "l": last_qty,
        "z": cumulative,
        "L": last_price,
        "T": at,
        "t": trade_id,
        "m": False,
        "R": order.reduce_only,
        "wt": "CONTRACT_PRICE",
        "ot": order.order_type,
        "ps": "BOTH",
        "cp": False,
        "er": expiry_reason if expiry_reason is not None else "0",
    }
    return json.dumps({"e": "ORDER_TRADE_UPDATE", "T": at, "E": at + 1, "o": o}, separators=(",", ":"))


def new_order(n: int = 1, quantity: str = "0.5", price: str = "97000", origin: str = "CHASE") -> ot.OrderState:
    """A LIMIT BUY of `quantity` BTCUSDT at `price` with a fresh client id."""
    cid = ot.generate_client_order_id(SUB, origin)
    return ot.OrderState(cid, SUB, "BTCUSDT", "BUY", Decimal(quantity), price=Decimal(price), created_at=1_764_001_000.0 + n)


@pytest.fixture
def tracker() -> ot.OrderTracker:
    return ot.OrderTracker()
