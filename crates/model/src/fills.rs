//! Exact fill accounting: filled quantity, average and last fill price, and the
//! trade ids already counted.

use smallvec::SmallVec;

use crate::decimal::{Notional, Price, Qty};
use crate::error::FillError;
use crate::ids::{ExchangeOrderId, TradeId};

/// One execution against an order, identified by its trade id.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Fill {
    /// The exchange's trade id; a fill whose id was already applied is a duplicate.
    pub trade_id: TradeId,
    /// Quantity executed in this trade.
    pub qty: Qty,
    /// Price of this trade.
    pub price: Price,
    /// Exchange transaction time (ms).
    pub at: u64,
    /// The exchange's order id, when the event carries it (needed to leave `Placing`).
    pub exchange_id: Option<ExchangeOrderId>,
}

/// The most recent fill applied to an order.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct LastFill {
    /// Its trade id.
    pub trade_id: TradeId,
    /// Its quantity.
    pub qty: Qty,
    /// Its price.
    pub price: Price,
}

/// Trade ids kept inline for up to this many fills; more spill to the heap.
const INLINE_TRADE_IDS: usize = 3;

/// An order's fills, summed exactly.
///
/// Stores only what cannot be derived: the exact sums, the last fill's quantity
/// and price, and the trade ids (whose last is the last fill's).
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Fills {
    filled: Qty,
    notional: Notional,
    last_qty: Qty,
    last_price: Price,
    trade_ids: SmallVec<[TradeId; INLINE_TRADE_IDS]>,
}

/// What applying a fill would do, decided before anything changes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum FillCheck {
    /// The trade id was already counted: nothing to do.
    Duplicate,
    /// A new fill; the order's filled quantity becomes this.
    New {
        /// Filled quantity after the fill.
        filled_after: Qty,
    },
}

impl Fills {
    /// Total quantity filled.
    #[must_use]
    pub const fn filled(&self) -> Qty {
        self.filled
    }

    /// Exact Σ price × qty of all fills.
    #[must_use]
    pub const fn notional(&self) -> Notional {
        self.notional
    }

    /// Average fill price: the exact notional over the exact filled quantity,
    /// rounded half-up to 10⁻⁸; `None` before any fill.
    #[must_use]
    pub fn average_price(&self) -> Option<Price> {
        self.notional.average_price(self.filled)
    }

    /// The most recent fill applied; `None` before any fill.
    #[must_use]
    pub fn last(&self) -> Option<LastFill> {
        self.trade_ids.last().map(|&trade_id| LastFill {
            trade_id,
            qty: self.last_qty,
            price: self.last_price,
        })
    }

    /// The trade ids applied, in the order they were applied.
    #[must_use]
    pub fn trade_ids(&self) -> &[TradeId] {
        &self.trade_ids
    }

    /// Whether `trade_id` was already applied.
    #[must_use]
    pub fn contains(&self, trade_id: TradeId) -> bool {
        self.trade_ids.contains(&trade_id)
    }

    /// Decides what `fill` would do to an order of `quantity`, changing nothing.
    pub(crate) fn check(&self, fill: &Fill, quantity: Qty) -> Result<FillCheck, FillError> {
        if self.contains(fill.trade_id) {
            return Ok(FillCheck::Duplicate);
        }
        if fill.qty.is_zero() {
            return Err(FillError::ZeroQty {
                trade_id: fill.trade_id,
            });
        }
        match self.filled.checked_add(fill.qty) {
            Some(filled_after) if filled_after <= quantity => Ok(FillCheck::New { filled_after }),
            _ => Err(FillError::Overfill {
                trade_id: fill.trade_id,
                fill_qty: fill.qty,
                filled: self.filled,
                quantity,
            }),
        }
    }

    /// Records a fill that [`Fills::check`] accepted with `filled_after`.
    pub(crate) fn record(&mut self, fill: &Fill, filled_after: Qty) {
        // Cannot overflow: filled_after <= Qty::MAX, so Σ price × qty <= i64::MAX² < i128::MAX.
        let notional = self
            .notional
            .checked_add(Notional::of(fill.price, fill.qty))
            .unwrap_or(self.notional);
        self.notional = notional;
        self.filled = filled_after;
        self.last_qty = fill.qty;
        self.last_price = fill.price;
        self.trade_ids.push(fill.trade_id);
    }
}
