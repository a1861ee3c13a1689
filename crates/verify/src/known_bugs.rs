//! The model's known disagreements with issue 12's rules, which the
//! reference follows: each [`KnownBug`] is written down precisely (input,
//! expected, got) in its documentation and reproduced by an ignored test of
//! `tests/known_bugs.rs` (`cargo test -p ordertrack-verify --test known_bugs --
//! --ignored` fails until the model is fixed).
//!
//! While [`AVOID`] is `true`, the harness and the `report_apply` oracle stay
//! clear of exactly these inputs, so every other check keeps running: the
//! harness turns an action that would hit one into [`crate::harness::Action::Skip`]
//! (judged on the reference, before anything runs: [`in_action`]), and the
//! oracle takes back a step whose outcome has a bug's signature
//! ([`in_order_step`], [`in_request`]). Once the model is fixed, set
//! [`AVOID`] to `false` and remove the bug.

use ordertrack::{AnyOrder, Applied, OrderStatus, Qty};

use crate::harness::{Action, Model};

/// Whether the harness and the oracle avoid the inputs of the known bugs.
pub const AVOID: bool = true;

/// A disagreement of the model with the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KnownBug {
    /// `AnyOrder::request_cancel` (and so `OrderTracker::cancel`) refuses an
    /// `Armed` order, although `OrderMut<Armed>::request_cancel` exists
    /// (`CanRequestCancel for Armed`) and `cancel_rejected` returns a
    /// cancelled armed order to `Armed`: the engine cannot cancel a stop that
    /// waits for its trigger. Input: a conditional order placed, the algo
    /// service's `NEW` (→ Armed), then `request_cancel(now)`. Expected:
    /// `Ok(())`, Cancelling (no exchange id, algo id kept). Got:
    /// `Err(RequestError { status: Armed, request: Cancel })`
    /// (`crates/model/src/any/requests.rs` matches only Placing and Active).
    CancelOfArmedRefused,
    /// A close-position order whose fills already reach the quantity its
    /// triggered order then states completes (→ Filled), but the report is
    /// returned as the cell's own `Acknowledged` or `Triggered`, not
    /// `Filled`: no `on_fill` callback, although the order is done
    /// (`crates/model/src/any/quantity.rs`, `complete_if_filled`: only an
    /// ignored cell becomes `Filled`). Input: a close-position order placed,
    /// a cancel sent, a fill of 1 lot naming no exchange id (Cancelling, no
    /// id), then the matching engine's `NEW` with the exchange id and terms
    /// `q` = 1 lot. Expected: `Applied::Filled` (the last fill's details).
    /// Got: `Applied::Acknowledged`, the order Filled.
    CompletionNotReportedFilled,
    /// A fill that brings a close-position order whose quantity is not yet
    /// stated to exactly `Qty::MAX` completes it (→ Filled with quantity 0
    /// and `Qty::MAX` filled), although no fill completes such an order
    /// (`OrderMut::fill` compares the fill with `fill_limit()`, which is
    /// `Qty::MAX` while the quantity is unknown). Input: a close-position
    /// order placed, the matching engine's `NEW`, then a `TRADE` of
    /// `Qty::MAX`. Expected: `PartiallyFilled` (Active, quantity unknown).
    /// Got: `Filled`.
    FillToQtyMaxCompletes,
}

impl KnownBug {
    /// Every known bug.
    pub const ALL: [Self; 3] = [
        Self::CancelOfArmedRefused,
        Self::CompletionNotReportedFilled,
        Self::FillToQtyMaxCompletes,
    ];
}

/// The known bug `action` would hit, judged from the reference's view before
/// it runs (the reference predicts the right outcome; the model would not
/// give it).
#[must_use]
pub fn in_action(model: &Model, action: &Action) -> Option<KnownBug> {
    match *action {
        Action::Cancel { id, .. } => model
            .tracker
            .get(id)
            .filter(|o| o.status == OrderStatus::Armed)
            .map(|_| KnownBug::CancelOfArmedRefused),
        Action::Apply { ref report } => {
            // Both bugs concern a close-position order whose quantity is not
            // stated yet: only such an order is simulated.
            let id = model.tracker.route(report)?;
            let before = model.tracker.get(id)?;
            if before.quantity_known() {
                return None;
            }
            let mut after = before.clone();
            match after.apply(report).ok()? {
                Applied::Filled(_)
                    if !report.execution.is_fill() && before.exchange_id.is_none() =>
                {
                    Some(KnownBug::CompletionNotReportedFilled)
                }
                Applied::PartiallyFilled(f)
                    if f.filled_qty == Qty::MAX && !after.quantity_known() =>
                {
                    Some(KnownBug::FillToQtyMaxCompletes)
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// The known bug whose signature a report's outcome on one order shows
/// (`before` and `after` the report; `applied`, what it returned).
#[must_use]
pub fn in_order_step(before: &AnyOrder, after: &AnyOrder, applied: &Applied) -> Option<KnownBug> {
    let completed = after.status() == OrderStatus::Filled && before.status() != OrderStatus::Filled;
    if completed && !after.quantity_known() {
        return Some(KnownBug::FillToQtyMaxCompletes);
    }
    (completed && !matches!(applied, Applied::Filled(_)))
        .then_some(KnownBug::CompletionNotReportedFilled)
}

/// The known bug an engine request on `before` hits: a cancel of an armed
/// order.
#[must_use]
pub fn in_request(before: &AnyOrder, cancel: bool) -> Option<KnownBug> {
    (cancel && before.status() == OrderStatus::Armed).then_some(KnownBug::CancelOfArmedRefused)
}
