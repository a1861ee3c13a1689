//! [`Op::run`]: an operation applied to a tracker, with what the store
//! needs to know about it (the order changed and whether it closed, the
//! orders removed, the trade applied, the outcome to journal).

use std::time::Duration;

use ordertrack::{
    Applied, ClientOrderId, ExecutionReport, OrderKey, OrderTracker, Outcome, Price, Qty,
    TrackError, TradeId,
};

use crate::operation::Op;

/// What the tracker answered.
#[derive(Debug)]
pub(crate) enum Answer {
    /// A request or registration: the order's key.
    Key(OrderKey),
    /// A report: where it went and what it did.
    Outcome(Outcome),
    /// A cleanup: how many orders it removed.
    Removed(usize),
}

/// A trade an operation applied: a `trades` row.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Trade {
    pub(crate) client_id: ClientOrderId,
    pub(crate) trade_id: TradeId,
    pub(crate) qty: Qty,
    pub(crate) price: Price,
    pub(crate) at: u64,
    pub(crate) exchange_id: Option<u64>,
}

/// What an operation changed, as the store needs to know it.
#[derive(Debug, Default)]
pub(crate) struct Effects {
    /// The order changed, and whether it became terminal.
    pub(crate) changed: Option<(ClientOrderId, bool)>,
    /// The orders removed.
    pub(crate) removed: Vec<ClientOrderId>,
    /// The trade applied.
    pub(crate) trade: Option<Trade>,
}

/// What running an operation did.
#[derive(Debug)]
pub(crate) struct Ran {
    /// The tracker's answer.
    pub(crate) result: Result<Answer, TrackError>,
    /// The outcome the journal records (and replay must give again).
    pub(crate) outcome: String,
    /// What it changed.
    pub(crate) effects: Effects,
}

impl Op {
    /// Runs the operation on `tracker`.
    pub(crate) fn run(self, tracker: &mut OrderTracker) -> Ran {
        let mut fx = Effects::default();
        let result = match self {
            Self::Register(order) => {
                let (client_id, closed) = (order.client_id(), order.status().is_terminal());
                let result = tracker.register(order);
                if result.is_ok() {
                    fx.changed = Some((client_id, closed));
                }
                result.map(Answer::Key)
            }
            Self::Place(c, now) => request(tracker, &mut fx, c, |t, k| t.place(k, now)),
            Self::Cancel(c, now) => request(tracker, &mut fx, c, |t, k| t.cancel(k, now)),
            Self::PlaceFailed(c, reason, now) => {
                request(tracker, &mut fx, c, |t, k| t.place_failed(k, reason, now))
            }
            Self::PlaceInDoubt(c, now) => {
                request(tracker, &mut fx, c, |t, k| t.place_in_doubt(k, now))
            }
            Self::CancelRejected(c, now) => {
                request(tracker, &mut fx, c, |t, k| t.cancel_rejected(k, now))
            }
            Self::Apply(report) => apply(tracker, &mut fx, &report),
            Self::Cleanup { now, max_age_ms } => {
                let removed = &mut fx.removed;
                let count = tracker.cleanup_terminal_with(
                    now,
                    Duration::from_millis(max_age_ms),
                    |order| removed.push(order.client_id()),
                );
                Ok(Answer::Removed(count))
            }
        };
        let outcome = match &result {
            Ok(Answer::Key(_)) => "ok".to_owned(),
            Ok(Answer::Outcome(Outcome::Applied { applied, .. })) => {
                format!("applied:{}", applied_name(applied))
            }
            Ok(Answer::Outcome(Outcome::Unknown(_))) => "unknown".to_owned(),
            Ok(Answer::Removed(n)) => format!("removed:{n}"),
            Err(e) => format!("refused:{}", e.kind()),
        };
        Ran {
            result,
            outcome,
            effects: fx,
        }
    }
}

/// An engine request on the order `client_id`: its key found, `request` run,
/// and whether it closed the order noted.
fn request(
    tracker: &mut OrderTracker,
    fx: &mut Effects,
    client_id: ClientOrderId,
    request: impl FnOnce(&mut OrderTracker, OrderKey) -> Result<(), TrackError>,
) -> Result<Answer, TrackError> {
    let (key, was_terminal) = tracker
        .lookup_client(&client_id)
        .map(|(key, order)| (key, order.status().is_terminal()))
        .ok_or(TrackError::UnknownClientId { client_id })?;
    request(tracker, key)?;
    let closed = !was_terminal && is_terminal(tracker, key);
    fx.changed = Some((client_id, closed));
    Ok(Answer::Key(key))
}

fn is_terminal(tracker: &OrderTracker, key: OrderKey) -> bool {
    tracker.get(key).is_some_and(|o| o.status().is_terminal())
}

/// A feed report applied; the order it routes to (as the tracker routes: by
/// client id when it names a tracked one, else by symbol and exchange id) is
/// looked up first, to know whether the report closed it.
fn apply(
    tracker: &mut OrderTracker,
    fx: &mut Effects,
    report: &ExecutionReport,
) -> Result<Answer, TrackError> {
    let routed = report
        .client_id
        .and_then(|c| tracker.lookup_client(&c))
        .or_else(|| {
            report
                .exchange_id
                .and_then(|id| tracker.lookup_exchange(&report.symbol, id))
        })
        .map(|(_, order)| order.status().is_terminal());
    let outcome = tracker.apply(report)?;
    if let Outcome::Applied { key, applied } = outcome
        && !applied.is_ignored()
        && let Some(order) = tracker.get(key)
    {
        let client_id = order.client_id();
        let closed = routed == Some(false) && order.status().is_terminal();
        fx.changed = Some((client_id, closed));
        fx.trade = applied.fill().map(|fill| Trade {
            client_id,
            trade_id: fill.trade_id,
            qty: fill.qty,
            price: fill.price,
            at: report.transaction_time,
            exchange_id: report.exchange_id.or(order.exchange_id()).map(|e| e.0),
        });
    }
    Ok(Answer::Outcome(outcome))
}

/// The name of what a report did, as the journal's outcome column says it.
const fn applied_name(applied: &Applied) -> &'static str {
    match applied {
        Applied::Acknowledged => "Acknowledged",
        Applied::Armed => "Armed",
        Applied::Triggering => "Triggering",
        Applied::Triggered => "Triggered",
        Applied::PartiallyFilled(_) => "PartiallyFilled",
        Applied::Filled(_) => "Filled",
        Applied::LateFill(_) => "LateFill",
        Applied::Cancelled(_) => "Cancelled",
        Applied::Expired(_) => "Expired",
        Applied::Failed(_) => "Failed",
        Applied::Amended => "Amended",
        Applied::Duplicate => "Duplicate",
        Applied::Stale => "Stale",
    }
}
