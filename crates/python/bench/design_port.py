"""A pure-Python port of the design document's OrderState and OrderTracker
(`trading_engine_python/orders/{state,tracker}.py`), with the feed handling an
engine writes around them: the baseline `compare.py` measures ordertrack against.

Written as the document specifies (floats, dicts of sets), plus what a working
engine needs and the document implies: the feed-driven transitions, duplicate
trades counted once (a set of trade ids per order), late fills accounted.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Set

TERMINAL = {"filled", "cancelled", "expired", "failed"}


@dataclass
class OrderState:
    client_order_id: str
    sub_account_id: str = ""
    exchange_order_id: Optional[str] = None
    symbol: str = ""
    side: str = ""
    order_type: str = "LIMIT"
    quantity: float = 0.0
    price: Optional[float] = None
    reduce_only: bool = False
    state: str = "idle"
    filled_qty: float = 0.0
    avg_fill_price: float = 0.0
    last_fill_price: float = 0.0
    last_fill_qty: float = 0.0
    origin: str = "MANUAL"
    parent_id: Optional[str] = None
    leverage: int = 1
    created_at: float = 0.0
    updated_at: float = 0.0
    on_fill: Optional[Callable] = None
    on_cancel: Optional[Callable] = None
    on_partial: Optional[Callable] = None
    trade_ids: Set[int] = field(default_factory=set)


def generate_client_order_id(sub_account_id: str, order_type: str) -> str:
    prefix = sub_account_id[:8]
    uid = uuid.uuid4().hex[:12]
    return f"PMS{prefix}_{order_type}_{uid}"


class OrderTracker:
    """In-memory index for fast order lookup by various keys"""

    def __init__(self) -> None:
        self._by_client_id: Dict[str, OrderState] = {}
        self._by_exchange_id: Dict[str, str] = {}
        self._by_sub_account: Dict[str, Set[str]] = {}
        self._by_symbol: Dict[str, Set[str]] = {}
        self._by_parent: Dict[str, Set[str]] = {}

    def register(self, order: OrderState) -> None:
        cid = order.client_order_id
        if cid in self._by_client_id:
            raise ValueError(f"duplicate client order id {cid}")
        self._by_client_id[cid] = order
        if order.exchange_order_id:
            self._by_exchange_id[order.exchange_order_id] = cid
        self._by_sub_account.setdefault(order.sub_account_id, set()).add(cid)
        if order.state not in TERMINAL:
            self._by_symbol.setdefault(order.symbol, set()).add(cid)
        if order.parent_id:
            self._by_parent.setdefault(order.parent_id, set()).add(cid)

    def unregister(self, client_order_id: str) -> None:
        order = self._by_client_id.pop(client_order_id, None)
        if order is None:
            return
        if order.exchange_order_id:
            self._by_exchange_id.pop(order.exchange_order_id, None)
        self._by_sub_account.get(order.sub_account_id, set()).discard(client_order_id)
        self._by_symbol.get(order.symbol, set()).discard(client_order_id)
        if order.parent_id:
            self._by_parent.get(order.parent_id, set()).discard(client_order_id)

    def lookup(self, exchange_order_id: Optional[str] = None, client_order_id: Optional[str] = None) -> Optional[OrderState]:
        if client_order_id is not None:
            return self._by_client_id.get(client_order_id)
        if exchange_order_id is not None:
            cid = self._by_exchange_id.get(exchange_order_id)
            return self._by_client_id.get(cid) if cid else None
        return None

    def get_by_sub_account(self, sub_account_id: str) -> List[OrderState]:
        return [self._by_client_id[c] for c in self._by_sub_account.get(sub_account_id, ())]

    def get_active_by_symbol(self, symbol: str) -> List[OrderState]:
        return [self._by_client_id[c] for c in self._by_symbol.get(symbol, ())]

    def get_by_parent(self, parent_id: str) -> List[OrderState]:
        return [self._by_client_id[c] for c in self._by_parent.get(parent_id, ())]

    def cleanup_terminal(self, max_age_seconds: float = 300, now: Optional[float] = None) -> int:
        now = time.time() if now is None else now
        old = [c for c, o in self._by_client_id.items() if o.state in TERMINAL and now - o.updated_at > max_age_seconds]
        for cid in old:
            self.unregister(cid)
        return len(old)

    # The engine's side, as the document's state machine describes it.
    def place(self, client_order_id: str, now: float) -> None:
        order = self._by_client_id[client_order_id]
        if order.state != "idle":
            raise ValueError(f"{client_order_id} is {order.state}")
        order.state, order.updated_at = "placing", now

    def apply_binance(self, line: str) -> Optional[OrderState]:
        """One ORDER_TRADE_UPDATE line: the feed decides."""
        event = json.loads(line)
        if event.get("e") != "ORDER_TRADE_UPDATE":
            return None
        o = event["o"]
        order = self._by_client_id.get(o["c"])
        if order is None:
            order = self.lookup(exchange_order_id=str(o["i"]))
            if order is None:
                return None
        now = event["T"] / 1000.0
        if order.exchange_order_id is None:
            order.exchange_order_id = str(o["i"])
            self._by_exchange_id[order.exchange_order_id] = order.client_order_id
        execution = o["x"]
        if execution in ("TRADE", "CALCULATED"):
            trade_id = o["t"]
            if trade_id in order.trade_ids:
                return order
            order.trade_ids.add(trade_id)
            qty, price = float(o["l"]), float(o["L"])
            total = order.filled_qty + qty
            order.avg_fill_price = (order.avg_fill_price * order.filled_qty + price * qty) / total
            order.filled_qty = total
            order.last_fill_qty, order.last_fill_price = qty, price
            if order.state not in TERMINAL:
                if order.filled_qty >= order.quantity:
                    order.state = "filled"
                    self._by_symbol.get(order.symbol, set()).discard(order.client_order_id)
                    if order.on_fill:
                        order.on_fill(order)
                else:
                    order.state = "active" if order.state == "placing" else order.state
                    if order.on_partial:
                        order.on_partial(order)
        elif order.state in TERMINAL:
            return order
        elif execution == "NEW":
            if order.state == "placing":
                order.state = "active"
        elif execution in ("CANCELED", "EXPIRED"):
            order.state = "cancelled" if execution == "CANCELED" else "expired"
            self._by_symbol.get(order.symbol, set()).discard(order.client_order_id)
            if order.on_cancel:
                order.on_cancel(order)
        order.updated_at = now
        return order
