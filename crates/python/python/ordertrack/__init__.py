"""ordertrack: what each of your orders is doing on Binance, at every instant.

The design document's ``OrderState`` and ``OrderTracker``, backed by the Rust
core (``crates/model``, ``crates/tracker``, ``crates/binance``): quantities and
prices are ``decimal.Decimal``, times are float seconds, and every Rust error is
an ``OrderTrackError`` subclass with the same ``kind`` and message.
"""

from ordertrack._ordertrack import (
    CallbackError,
    DecimalError,
    FeedError,
    FeedResult,
    IdError,
    OrderError,
    OrderState,
    OrderTrackError,
    OrderTracker,
    RestError,
    TrackError,
    generate_client_order_id,
)

__all__ = [
    "CallbackError",
    "DecimalError",
    "FeedError",
    "FeedResult",
    "IdError",
    "OrderError",
    "OrderState",
    "OrderTrackError",
    "OrderTracker",
    "RestError",
    "TrackError",
    "generate_client_order_id",
]
