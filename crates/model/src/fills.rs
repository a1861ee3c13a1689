//! Exact fill accounting: filled quantity, average and last fill price, and the
//! rule that keeps a duplicate trade from being counted twice, in a fixed size.
//!
//! # The duplicate-trade rule
//!
//! An order remembers the [`TRADE_WINDOW`] highest trade ids applied to it, and
//! the *floor*: the highest trade id it applied and no longer remembers. For a
//! fill with trade id `t`:
//!
//! - `t` is remembered: a duplicate, ignored;
//! - `t` is above the floor (or nothing was forgotten yet): a new fill, applied;
//! - `t` is at or below the floor: it cannot be told apart from a fill already
//!   counted, so it is refused with [`FillError::BeyondDuplicateWindow`] and the
//!   order is unchanged. It is never counted twice, and never dropped silently:
//!   the caller sees the error and reconciles (the exchange's cumulative
//!   quantity, [`crate::ExecutionReport::cumulative_qty`], settles it).
//!
//! Binance numbers trades per symbol in execution order, so an order's fills
//! arrive with increasing trade ids except when the feed reorders them. The rule
//! refuses a new fill only when it arrives after [`TRADE_WINDOW`] fills of the
//! same order that executed after it; a redelivered copy of any of the last
//! [`TRADE_WINDOW`] fills is recognised whatever the number of fills. The memory
//! is fixed: no allocation for the 1st or the 1,000th fill.

use crate::decimal::{Notional, Price, Qty};
use crate::error::FillError;
use crate::ids::{ExchangeOrderId, TradeId};

/// How many of an order's highest trade ids it remembers to recognise duplicates.
pub const TRADE_WINDOW: usize = 4;

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

/// An order's fills, summed exactly, in a fixed size.
///
/// Stores only what cannot be derived: the exact sums, the last fill, the
/// number of fills, and what the duplicate-trade rule (module docs) needs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Fills {
    filled: Qty,
    notional: Notional,
    last_qty: Qty,
    last_price: Price,
    last_trade: TradeId,
    /// The highest trade ids applied; the first `min(count, TRADE_WINDOW)` are set.
    recent: [TradeId; TRADE_WINDOW],
    /// The highest trade id applied and no longer in `recent`; meaningful once
    /// `count` exceeds [`TRADE_WINDOW`].
    floor: TradeId,
    count: u32,
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

impl Default for Fills {
    fn default() -> Self {
        Self {
            filled: Qty::ZERO,
            notional: Notional::ZERO,
            last_qty: Qty::ZERO,
            last_price: Price::ZERO,
            last_trade: TradeId(0),
            recent: [TradeId(0); TRADE_WINDOW],
            floor: TradeId(0),
            count: 0,
        }
    }
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

    /// Number of fills applied.
    #[must_use]
    pub const fn count(&self) -> u32 {
        self.count
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
        (self.count > 0).then_some(LastFill {
            trade_id: self.last_trade,
            qty: self.last_qty,
            price: self.last_price,
        })
    }

    /// The highest trade ids applied (at most [`TRADE_WINDOW`]), in no
    /// particular order: the ones a duplicate is recognised by.
    #[must_use]
    pub fn recent_trade_ids(&self) -> &[TradeId] {
        let len = self.remembered();
        self.recent.get(..len).unwrap_or(&self.recent)
    }

    /// The highest trade id applied that is no longer remembered: a fill at or
    /// below it is refused as [`FillError::BeyondDuplicateWindow`]. `None`
    /// while every applied trade id is remembered.
    #[must_use]
    pub fn floor(&self) -> Option<TradeId> {
        (self.remembered() < self.count as usize).then_some(self.floor)
    }

    /// Whether `trade_id` is one of the remembered trade ids.
    #[must_use]
    pub fn contains(&self, trade_id: TradeId) -> bool {
        self.recent_trade_ids().contains(&trade_id)
    }

    /// A summary from its fields, checked by `Fills::from_parts` (parts.rs).
    pub(crate) const fn with_parts(
        filled: Qty,
        notional: Notional,
        last: LastFill,
        recent: [TradeId; TRADE_WINDOW],
        floor: TradeId,
        count: u32,
    ) -> Self {
        Self {
            filled,
            notional,
            last_qty: last.qty,
            last_price: last.price,
            last_trade: last.trade_id,
            recent,
            floor,
            count,
        }
    }

    fn remembered(&self) -> usize {
        (self.count as usize).min(TRADE_WINDOW)
    }

    /// Decides what `fill` would do to an order of `quantity`, changing nothing.
    pub(crate) fn check(&self, fill: &Fill, quantity: Qty) -> Result<FillCheck, FillError> {
        if self.contains(fill.trade_id) {
            return Ok(FillCheck::Duplicate);
        }
        if let Some(floor) = self.floor()
            && fill.trade_id <= floor
        {
            return Err(FillError::BeyondDuplicateWindow {
                trade_id: fill.trade_id,
                floor,
            });
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
        self.notional = self.notional.plus(Notional::of(fill.price, fill.qty));
        self.filled = filled_after;
        self.last_qty = fill.qty;
        self.last_price = fill.price;
        self.last_trade = fill.trade_id;
        self.remember(fill.trade_id);
        self.count = self.count.saturating_add(1);
    }

    /// Adds `trade_id` to the remembered ids; when they are full, the lowest of
    /// them and `trade_id` is forgotten and raises the floor.
    fn remember(&mut self, trade_id: TradeId) {
        let len = self.remembered();
        if let Some(slot) = self.recent.get_mut(len) {
            *slot = trade_id;
            return;
        }
        let lowest = self.recent.iter_mut().min_by_key(|id| **id);
        let forgotten = match lowest {
            Some(lowest) if *lowest < trade_id => std::mem::replace(lowest, trade_id),
            _ => trade_id,
        };
        let had_floor = self.count as usize > TRADE_WINDOW;
        self.floor = if had_floor {
            self.floor.max(forgotten)
        } else {
            forgotten
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(id: u64) -> Fill {
        Fill {
            trade_id: TradeId(id),
            qty: Qty::from_units(1).unwrap_or(Qty::ZERO),
            price: Price::from_units(1).unwrap_or(Price::ZERO),
            at: 0,
            exchange_id: None,
        }
    }

    fn apply(fills: &mut Fills, id: u64) -> Result<FillCheck, FillError> {
        let f = fill(id);
        let check = fills.check(&f, Qty::MAX)?;
        if let FillCheck::New { filled_after } = check {
            fills.record(&f, filled_after);
        }
        Ok(check)
    }

    #[test]
    fn a_hundred_fills_in_a_fixed_size_each_duplicate_of_the_window_recognised() {
        let mut fills = Fills::default();
        for id in 1..=100 {
            assert!(matches!(apply(&mut fills, id), Ok(FillCheck::New { .. })));
            for back in 0..TRADE_WINDOW as u64 {
                if id > back {
                    assert_eq!(apply(&mut fills, id - back), Ok(FillCheck::Duplicate));
                }
            }
        }
        assert_eq!(fills.count(), 100);
        assert_eq!(fills.filled().units(), 100);
        assert_eq!(fills.floor(), Some(TradeId(96)));
        let mut recent = fills.recent_trade_ids().to_vec();
        recent.sort();
        assert_eq!(
            recent,
            [TradeId(97), TradeId(98), TradeId(99), TradeId(100)]
        );
        assert_eq!(
            apply(&mut fills, 50),
            Err(FillError::BeyondDuplicateWindow {
                trade_id: TradeId(50),
                floor: TradeId(96)
            })
        );
        assert_eq!(fills.count(), 100);
    }

    #[test]
    fn out_of_order_fills_above_the_floor_are_new() {
        let mut fills = Fills::default();
        for id in [10, 30, 20, 40] {
            assert!(matches!(apply(&mut fills, id), Ok(FillCheck::New { .. })));
        }
        assert_eq!(fills.floor(), None);
        // Full: 25 is new, and the lowest (10) is forgotten.
        assert!(matches!(apply(&mut fills, 25), Ok(FillCheck::New { .. })));
        assert_eq!(fills.floor(), Some(TradeId(10)));
        // 15 is above the floor and unknown: new; it is then the lowest and forgotten at once.
        assert!(matches!(apply(&mut fills, 15), Ok(FillCheck::New { .. })));
        assert_eq!(fills.floor(), Some(TradeId(15)));
        assert!(matches!(
            apply(&mut fills, 15),
            Err(FillError::BeyondDuplicateWindow { .. })
        ));
        assert_eq!(fills.last().map(|l| l.trade_id), Some(TradeId(15)));
        assert_eq!(fills.count(), 6);
    }
}
