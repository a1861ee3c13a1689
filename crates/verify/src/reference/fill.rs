//! Fills on the reference's order, as `docs/state-machine.md` (*Fill rules*,
//! *Terminal rules*) writes them: identity is the trade id, every check is
//! exact and made before anything changes, and the exchange's cumulative
//! quantity only measures the gap (`unseen_qty`, `excess_qty`).

use ordertrack::{
    Applied, ApplyError, ExecutionReport, FillApplied, FillError, OrderStatus, Qty, ReportFill,
    TradeId,
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
    /// The checks every fill passes, in order: a remembered trade id is a
    /// duplicate whatever it carries; one at or below the floor is refused;
    /// then the quantity must be positive and must fit (filled + qty ≤
    /// quantity, in integers).
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
        match filled.checked_add(fill.qty) {
            Some(after) if after <= self.spec.quantity => Ok(Plan::New(after)),
            _ => Err(self.fill_error(FillError::Overfill {
                trade_id,
                fill_qty: fill.qty,
                filled,
                quantity: self.spec.quantity,
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

    /// Accounts an accepted fill at the report's time.
    fn account(&mut self, fill: &ReportFill, report: &ExecutionReport) {
        self.fills.push(RefFill {
            trade_id: fill.trade_id,
            qty: fill.qty,
            price: fill.price,
        });
        self.learn_exchange_id(report.exchange_id);
        self.touch(report.transaction_time);
    }

    /// A fill of a live order (Placing, Active, Cancelling). A fill that leaves
    /// Placing, and one that completes the order, must end with an exchange
    /// id (the order's or the report's): a Filled or Active order has one. A
    /// completing fill moves the order to Filled, closed at the fill's time; a
    /// partial one moves Placing to Active and keeps the other states.
    pub(super) fn fill_live(
        &mut self,
        fill: ReportFill,
        report: &ExecutionReport,
    ) -> Result<Applied, ApplyError> {
        let after = match self.plan(&fill)? {
            Plan::Duplicate => return Ok(Applied::Duplicate),
            Plan::New(after) => after,
        };
        let completes = after == self.spec.quantity;
        let needs_id = completes || self.status == OrderStatus::Placing;
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
            if self.status == OrderStatus::Placing {
                self.status = OrderStatus::Active;
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
