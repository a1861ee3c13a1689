//! What applying a feed report did to an order.

use crate::decimal::{Price, Qty};
use crate::ids::TradeId;

/// The effect of one execution report on one order.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Applied {
    /// The `NEW` ack was applied: Placing → Active, or a Cancelling order learned its id.
    Acknowledged,
    /// The algo service accepted a conditional order: Placing → Armed, or a
    /// Cancelling order learned its algo id.
    Armed,
    /// The algo service reported the trigger condition met; the order stays Armed.
    Triggering,
    /// The conditional order triggered: bound to its matching-engine order
    /// (Armed → Active, or a Cancelling order learned that id), or, placed on
    /// the matching engine before the algo service, triggered in place.
    Triggered,
    /// A fill left quantity open.
    PartiallyFilled(FillApplied),
    /// A fill completed the order.
    Filled(FillApplied),
    /// A fill landed after the order closed; it was accounted and the order stays
    /// terminal.
    LateFill(FillApplied),
    /// The exchange cancelled the order.
    Cancelled(Closed),
    /// The exchange expired the order.
    Expired(Closed),
    /// The order failed: the exchange rejected it, or the engine failed its
    /// placement definitively.
    Failed(Closed),
    /// The exchange amended the order's quantity or price.
    Amended,
    /// Ignored: this trade id was already applied.
    Duplicate,
    /// Ignored: the order already reflects this event or a later one.
    Stale,
}

impl Applied {
    /// Whether the report changed nothing (a duplicate or stale event).
    #[must_use]
    pub const fn is_ignored(&self) -> bool {
        matches!(self, Self::Duplicate | Self::Stale)
    }

    /// The fill applied, for the three fill outcomes.
    #[must_use]
    pub const fn fill(&self) -> Option<&FillApplied> {
        match self {
            Self::PartiallyFilled(f) | Self::Filled(f) | Self::LateFill(f) => Some(f),
            _ => None,
        }
    }
}

/// A fill that was accounted.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct FillApplied {
    /// The trade's id.
    pub trade_id: TradeId,
    /// The trade's quantity.
    pub qty: Qty,
    /// The trade's price.
    pub price: Price,
    /// The order's filled quantity after it.
    pub filled_qty: Qty,
    /// Quantity the exchange reports filled that no applied trade accounts for yet
    /// (the report's cumulative quantity above `filled_qty`): fills still on their way.
    pub unseen_qty: Qty,
    /// Quantity the applied trades account for above the report's cumulative
    /// quantity (`filled_qty` above Binance's `z`): the report predates fills
    /// already applied (fills arriving out of order), or the exchange counts
    /// fewer fills than were applied. Zero when the report states no
    /// cumulative quantity.
    pub excess_qty: Qty,
}

/// Details of an order that closed without filling (cancelled, expired,
/// failed): every closing event carries the quantity filled.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Closed {
    /// The order's filled quantity when it closed.
    pub filled_qty: Qty,
    /// Quantity the exchange reports filled that no applied trade accounts for yet:
    /// late fills to expect.
    pub unseen_qty: Qty,
    /// Quantity the applied trades account for above the report's cumulative
    /// quantity. A close states the exchange's final count, so anything above
    /// zero here means the exchange counts fewer fills than were applied.
    pub excess_qty: Qty,
}

impl Closed {
    /// The gap between the order's applied fills and a report's cumulative
    /// quantity (`None`: the report states none, no gap is known).
    #[must_use]
    pub fn between(filled: Qty, cumulative: Option<Qty>) -> Self {
        let (unseen_qty, excess_qty) = gap(filled, cumulative);
        Self {
            filled_qty: filled,
            unseen_qty,
            excess_qty,
        }
    }
}

/// `(unseen, excess)`: how far a report's cumulative quantity lies above and
/// below the order's filled quantity.
pub(crate) fn gap(filled: Qty, cumulative: Option<Qty>) -> (Qty, Qty) {
    cumulative.map_or((Qty::ZERO, Qty::ZERO), |z| {
        (z.saturating_sub(filled), filled.saturating_sub(z))
    })
}
