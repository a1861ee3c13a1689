//! `FeedResult`: what one stream line or REST answer did, as a Python object.

use ordertrack::{Applied, OrderKey};
use ordertrack_binance::{Fed, FeedTracker};
use pyo3::prelude::*;

use crate::state::OrderState;

/// What a line (or REST answer) did.
///
/// `kind` is one of `applied` (to a tracked order; `released` then holds what
/// the events held for it did), `adopted` (an order of ours rebuilt from the
/// event), `held` (a `TRADE_LITE` waiting for its order), `held_for_trigger`
/// (an event of a matching-engine order that may be a conditional order's
/// triggered order: `event_type` is `"SYMBOL ORDER_ID"`), `unknown_ours` (a `PMS…` order not tracked), `foreign` (someone
/// else's order), `other` (an event type with nothing to track), `blank`, or,
/// for a REST answer, `place_failed`, `place_in_doubt`, `cancel_rejected`,
/// `unchanged`. For `applied` and `adopted`, `applied` says what the event did
/// (`acknowledged`, `armed`, `triggering`, `triggered`, `partially_filled`,
/// `filled`, `late_fill`, `cancelled`, `expired`, `failed`, `amended`,
/// `duplicate`, `stale`) and `order` is the order after it.
#[pyclass(module = "ordertrack", frozen, get_all)]
pub(crate) struct FeedResult {
    /// What kind of outcome this is.
    pub(crate) kind: &'static str,
    /// What the event did to the order, for `applied` and `adopted`.
    pub(crate) applied: Option<&'static str>,
    /// The order after the event, when one is tracked.
    pub(crate) order: Option<Py<OrderState>>,
    /// The client order id the event named, when it named one.
    pub(crate) client_order_id: Option<String>,
    /// The event type, for `other`; the symbol and order id, for
    /// `held_for_trigger`.
    pub(crate) event_type: Option<String>,
    /// Whether an unknown or foreign order was seen for the first time.
    pub(crate) first_seen: Option<bool>,
    /// What the `TRADE_LITE`s held for an adopted order did, in arrival order.
    pub(crate) released: Vec<Py<FeedResult>>,
}

#[pymethods]
impl FeedResult {
    fn __repr__(&self) -> String {
        let text =
            |value: Option<&str>| value.map_or_else(|| "None".to_owned(), |v| format!("{v:?}"));
        format!(
            "FeedResult(kind={:?}, applied={}, client_order_id={})",
            self.kind,
            text(self.applied),
            text(self.client_order_id.as_deref())
        )
    }
}

/// The snake-case name of what an event did.
pub(crate) const fn applied_name(applied: &Applied) -> &'static str {
    match applied {
        Applied::Acknowledged => "acknowledged",
        Applied::Armed => "armed",
        Applied::Triggering => "triggering",
        Applied::Triggered => "triggered",
        Applied::PartiallyFilled(_) => "partially_filled",
        Applied::Filled(_) => "filled",
        Applied::LateFill(_) => "late_fill",
        Applied::Cancelled(_) => "cancelled",
        Applied::Expired(_) => "expired",
        Applied::Failed(_) => "failed",
        Applied::Amended => "amended",
        Applied::Duplicate => "duplicate",
        Applied::Stale => "stale",
    }
}

impl FeedResult {
    /// An outcome of `kind` naming nothing.
    pub(crate) const fn bare(kind: &'static str) -> Self {
        Self {
            kind,
            applied: None,
            order: None,
            client_order_id: None,
            event_type: None,
            first_seen: None,
            released: Vec::new(),
        }
    }

    /// `applied` (of `kind`) to the order under `key`.
    pub(crate) fn for_order(
        py: Python<'_>,
        feed: &FeedTracker,
        kind: &'static str,
        key: OrderKey,
        applied: Option<&Applied>,
    ) -> PyResult<Self> {
        let order = feed.tracker().get(key);
        Ok(Self {
            applied: applied.map(applied_name),
            order: order.map(|o| Py::new(py, OrderState::of(o))).transpose()?,
            client_order_id: order.map(|o| o.client_id().to_string()),
            ..Self::bare(kind)
        })
    }

    /// What `fed` says, with the orders as `feed` now has them.
    pub(crate) fn of(py: Python<'_>, feed: &FeedTracker, fed: &Fed<'_>) -> PyResult<Self> {
        Ok(match fed {
            Fed::Applied { key, applied } => {
                Self::for_order(py, feed, "applied", *key, Some(applied))?
            }
            Fed::Adopted {
                key,
                applied,
                released,
            }
            | Fed::AppliedAndReleased {
                key,
                applied,
                released,
            } => {
                let kind = if matches!(fed, Fed::Adopted { .. }) {
                    "adopted"
                } else {
                    "applied"
                };
                let mut result = Self::for_order(py, feed, kind, *key, Some(applied))?;
                for one in released {
                    let inner = match &one.result {
                        Ok(fed) => Self::of(py, feed, fed)?,
                        Err(error) => Self {
                            event_type: Some(error.kind().to_owned()),
                            ..Self::bare("refused")
                        },
                    };
                    result.released.push(Py::new(py, inner)?);
                }
                result
            }
            Fed::Held { client_id } => Self {
                client_order_id: Some(client_id.to_string()),
                ..Self::bare("held")
            },
            Fed::HeldForTrigger {
                symbol,
                exchange_id,
            } => Self {
                event_type: Some(format!("{symbol} {exchange_id}")),
                ..Self::bare("held_for_trigger")
            },
            Fed::UnknownOurs {
                client_id,
                first_seen,
            } => Self {
                client_order_id: Some(client_id.to_string()),
                first_seen: Some(*first_seen),
                ..Self::bare("unknown_ours")
            },
            Fed::Foreign { order, first_seen } => Self {
                client_order_id: order.client_id.map(|c| c.to_string()),
                first_seen: Some(*first_seen),
                ..Self::bare("foreign")
            },
            Fed::Other { event_type } => Self {
                event_type: Some(event_type.to_string()),
                ..Self::bare("other")
            },
            Fed::Blank => Self::bare("blank"),
        })
    }

    /// The (key, what happened) pairs of `fed` that may call a callback.
    pub(crate) fn events(fed: &Fed<'_>) -> Vec<(OrderKey, Applied)> {
        match fed {
            Fed::Applied { key, applied } => vec![(*key, *applied)],
            Fed::Adopted {
                key,
                applied,
                released,
            }
            | Fed::AppliedAndReleased {
                key,
                applied,
                released,
            } => {
                let mut events = vec![(*key, *applied)];
                for one in released {
                    if let Ok(fed) = &one.result {
                        events.extend(Self::events(fed));
                    }
                }
                events
            }
            _ => Vec::new(),
        }
    }
}
