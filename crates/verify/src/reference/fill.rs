//! Fills on the reference's order, as `docs/state-machine.md` (*Fill rules*,
//! *Terminal rules*) writes them: identity is the trade id, every check is
//! exact and made before anything changes, and the exchange's cumulative
//! quantity only measures the gap (`unseen_qty`, `excess_qty`).

use ordertrack::{
    Applied, ApplyError, ExecutionReport, FillApplied, FillError, Notional, OrderStatus, Price,
    Qty, ReportFill, TRADE_WINDOW, TradeId,
};

use super::report::gap;
use super::{RefFill, RefOrder};

/// What a fill would do, decided before anything changes.
enum Plan {
    /// The trade id was already accounted: nothing changes.
    Duplicate,
    /// A new fill; the filled quantity becomes this.
    New(Qty),
}

impl RefOrder {
    /// Exact Σ price × qty of the accounted fills.
    #[must_use]
    pub fn notional(&self) -> Notional {
        self.fills.iter().fold(Notional::ZERO, |sum, f| {
            sum.checked_add(Notional::of(f.price, f.qty)).unwrap_or(sum)
        })
    }

    /// The average fill price: Σ price × qty ÷ Σ qty in 10⁻⁸ units, rounded
    /// half-up once; `None` before any fill (docs, *Fill rules*).
    #[must_use]
    pub fn average_price(&self) -> Option<Price> {
        let (mut notional, mut filled) = (0i128, 0i128);
        for f in &self.fills {
            notional += i128::from(f.price.units()) * i128::from(f.qty.units());
            filled += i128::from(f.qty.units());
        }
        if filled == 0 {
            return None;
        }
        let rounded = (notional + filled / 2) / filled;
        i64::try_from(rounded).ok().and_then(Price::from_units)
    }

    /// The accounted trade ids, highest first.
    fn trade_ids_descending(&self) -> Vec<TradeId> {
        let mut ids: Vec<TradeId> = self.fills.iter().map(|f| f.trade_id).collect();
        ids.sort_unstable_by(|a, b| b.cmp(a));
        ids
    }

    /// The trade ids the duplicate rule remembers: the [`TRADE_WINDOW`]
    /// highest accounted, ascending (docs, *Fill rules*).
    #[must_use]
    pub fn remembered_trade_ids(&self) -> Vec<TradeId> {
        let mut ids = self.trade_ids_descending();
        ids.truncate(TRADE_WINDOW);
        ids.reverse();
        ids
    }

    /// The highest accounted trade id that is not remembered: a fill at or
    /// below it is refused (docs, *Fill rules*).
    #[must_use]
    pub fn trade_floor(&self) -> Option<TradeId> {
        self.trade_ids_descending().get(TRADE_WINDOW).copied()
    }

    /// Whether `trade_id` is a remembered trade id: a duplicate.
    #[must_use]
    pub fn has_trade(&self, trade_id: TradeId) -> bool {
        self.remembered_trade_ids().contains(&trade_id)
    }

    /// The most the order can fill: its quantity, or — a close-position order
    /// whose quantity is not stated yet — no limit (`Qty::MAX` in an
    /// overfill's error).
    fn fill_limit(&self) -> Qty {
        if self.quantity_known() {
            self.spec.quantity
        } else {
            Qty::MAX
        }
    }

    /// The checks every fill passes, in order: a remembered trade id is a
    /// duplicate whatever it carries; one at or below the floor is refused;
    /// then the quantity must be positive and must fit (filled + qty ≤
    /// quantity, in integers; only representable while the quantity is not
    /// known).
    fn plan(&self, fill: &ReportFill) -> Result<Plan, ApplyError> {
        if self.has_trade(fill.trade_id) {
            return Ok(Plan::Duplicate);
        }
        let trade_id = fill.trade_id;
        self.check_floor(trade_id)?;
        if fill.qty.is_zero() {
            return Err(self.fill_error(FillError::ZeroQty { trade_id }));
        }
        let filled = self.filled_qty();
        let limit = self.fill_limit();
        match filled.checked_add(fill.qty) {
            Some(after) if after <= limit => Ok(Plan::New(after)),
            _ => Err(self.fill_error(FillError::Overfill {
                trade_id,
                fill_qty: fill.qty,
                filled,
                quantity: limit,
            })),
        }
    }

    /// A trade id at or below the floor cannot be told from one accounted.
    fn check_floor(&self, trade_id: TradeId) -> Result<(), ApplyError> {
        match self.trade_floor() {
            Some(floor) if trade_id <= floor => {
                Err(self.fill_error(FillError::BeyondDuplicateWindow { trade_id, floor }))
            }
            _ => Ok(()),
        }
    }

    fn fill_error(&self, source: FillError) -> ApplyError {
        ApplyError::Fill {
            client_id: self.client_id(),
            source,
        }
    }

    /// Accounts an accepted fill at the report's time: a conditional order
    /// that fills has triggered.
    fn account(&mut self, fill: &ReportFill, report: &ExecutionReport) {
        self.fills.push(RefFill {
            trade_id: fill.trade_id,
            qty: fill.qty,
            price: fill.price,
        });
        if self.is_conditional() {
            self.triggered = true;
            self.triggered_at.get_or_insert(report.transaction_time);
        }
        self.learn_exchange_id(report.exchange_id);
        self.touch(report.transaction_time);
    }

    /// A fill of a live order (Placing, Armed, Active, Cancelling). A fill
    /// that leaves Placing or Armed, and one that completes the order, must
    /// end with an exchange id (the order's or the report's): a Filled or
    /// Active order has one. A completing fill moves the order to Filled,
    /// closed at the fill's time; a partial one moves Placing and Armed (its
    /// triggered order's fill, ahead of `TRIGGERED`) to Active and keeps the
    /// other states. While a close-position order's quantity is not stated,
    /// no fill completes it.
    pub(super) fn fill_live(
        &mut self,
        fill: ReportFill,
        report: &ExecutionReport,
    ) -> Result<Applied, ApplyError> {
        let after = match self.plan(&fill)? {
            Plan::Duplicate => return Ok(Applied::Duplicate),
            Plan::New(after) => after,
        };
        let completes = self.quantity_known() && after == self.spec.quantity;
        let leaves = matches!(self.status, OrderStatus::Placing | OrderStatus::Armed);
        let needs_id = completes || leaves;
        if needs_id && self.exchange_id.or(report.exchange_id).is_none() {
            return Err(self.fill_error(FillError::MissingExchangeId {
                trade_id: fill.trade_id,
            }));
        }
        self.account(&fill, report);
        let applied = fill_applied(&fill, after, report);
        if completes {
            self.close(OrderStatus::Filled, report.transaction_time);
            Ok(Applied::Filled(applied))
        } else {
            if leaves {
                self.status = OrderStatus::Active;
                self.triggering_since = None;
            }
            Ok(Applied::PartiallyFilled(applied))
        }
    }

    /// A fill after Cancelled, Expired or Failed: accounted (an exchange id it
    /// names is learned), the state and `closed_at` stay, whatever the filled
    /// quantity becomes.
    pub(super) fn fill_late(
        &mut self,
        fill: ReportFill,
        report: &ExecutionReport,
    ) -> Result<Applied, ApplyError> {
        let after = match self.plan(&fill)? {
            Plan::Duplicate => return Ok(Applied::Duplicate),
            Plan::New(after) => after,
        };
        self.account(&fill, report);
        Ok(Applied::LateFill(fill_applied(&fill, after, report)))
    }

    /// A fill of a Filled order: nothing is left to fill. A known trade id is
    /// a duplicate; a new one is an overfill, unless the general checks refuse
    /// it first (a zero quantity).
    pub(super) fn fill_filled(&self, fill: ReportFill) -> Result<Applied, ApplyError> {
        let trade_id = fill.trade_id;
        if self.has_trade(trade_id) {
            return Ok(Applied::Duplicate);
        }
        self.check_floor(trade_id)?;
        if fill.qty.is_zero() {
            return Err(self.fill_error(FillError::ZeroQty { trade_id }));
        }
        Err(self.fill_error(FillError::Overfill {
            trade_id,
            fill_qty: fill.qty,
            filled: self.filled_qty(),
            quantity: self.spec.quantity,
        }))
    }
}

/// What a fill reports: the trade, the filled quantity after it, and the gap
/// to the report's cumulative quantity.
fn fill_applied(fill: &ReportFill, filled_qty: Qty, report: &ExecutionReport) -> FillApplied {
    let (unseen_qty, excess_qty) = gap(filled_qty, report.cumulative_qty);
    FillApplied {
        trade_id: fill.trade_id,
        qty: fill.qty,
        price: fill.price,
        filled_qty,
        unseen_qty,
        excess_qty,
    }
}
