//! # ordertrack
//!
//! Know, at every instant, what each of your orders is doing on the exchange.
//!
//! [`OrderTracker`] keeps every order in one slotmap arena and indexes it by client
//! order id, by (symbol, exchange order id), by sub-account, by symbol (live orders
//! only) and by parent algo — each index exact after every operation, each
//! operation O(1). The engine asks ([`OrderTracker::place`],
//! [`OrderTracker::cancel`]); the exchange's feed decides ([`OrderTracker::apply`]),
//! and every change goes through the typestate transitions of
//! [`ordertrack_model`], which this crate re-exports: `ordertrack` is the only
//! dependency an engine adds.
//!
//! Feeds arrive out of order, twice, late, and for orders never placed: a duplicate
//! trade is counted once, a late fill is accounted without reopening a closed
//! order, a timeout is not a rejection, a report restating another side, type
//! or quantity than the order's is refused with the field named, and a report
//! for an unknown order is an [`Outcome::Unknown`], never a panic.
//!
//! Conditional orders (stops, take-profits, trailing stops, through Binance's
//! algo service) are tracked through their whole life: armed under their algo
//! id, then bound at their trigger to the matching-engine order they became,
//! whose events route to them by (symbol, exchange id) whatever client id they
//! carry.
//!
//! Algos hear about their orders through one handler per tracker
//! ([`OrderTracker::set_handler`]); each order says which of its events it wants
//! ([`Callbacks`], a flag set: no allocation per order).
//!
//! ```
//! use ordertrack::*;
//!
//! let mut tracker = OrderTracker::new();
//! let sub = SubAccountId::new("3f2a9c1e-7b4d-4e1a")?;
//! let btc = Symbol::new("BTCUSDT")?;
//! let spec = NewOrder::limit(sub, Origin::Chase, btc, Side::Buy,
//!     Qty::parse("0.5")?, Price::parse("97000")?, 1_000);
//! let key = tracker.register(AnyOrder::new(spec)?)?;
//! tracker.place(key, 1_001)?;
//!
//! // The exchange fills the order before its NEW ack arrives: the fill is real.
//! let fill = ExecutionReport {
//!     client_id: Some(spec.client_id),
//!     exchange_id: Some(ExchangeOrderId(8_389_765)),
//!     algo_id: None,
//!     symbol: btc,
//!     execution: ExecutionType::Trade,
//!     status: ReportStatus::Filled,
//!     fill: Some(ReportFill { trade_id: TradeId(1), qty: Qty::parse("0.5")?, price: Price::parse("96999.9")? }),
//!     cumulative_qty: Some(Qty::parse("0.5")?),
//!     amendment: None,
//!     terms: None,
//!     expiry_reason: None,
//!     transaction_time: 1_002,
//! };
//! assert!(matches!(tracker.apply(&fill)?, Outcome::Applied { applied: Applied::Filled(_), .. }));
//! assert_eq!(tracker.apply(&fill)?, Outcome::Applied { key, applied: Applied::Duplicate });
//!
//! let (_, order) = tracker.lookup_exchange(&btc, ExchangeOrderId(8_389_765)).expect("indexed");
//! assert_eq!(order.status(), OrderStatus::Filled);
//! assert_eq!(tracker.count_active_by_symbol(&btc), 0);
//! assert_eq!(tracker.cleanup_terminal(1_002 + 300_000 + 1, std::time::Duration::from_secs(300)), 1);
//! tracker.check_invariants().expect("consistent");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

mod bucket;
mod callbacks;
mod cleanup;
mod entry;
mod error;
mod index;
mod invariants;
mod memory;
mod queries;
mod requests;
mod routing;
mod tracker;

pub use callbacks::{Callbacks, Handler, OrderEvent};
pub use error::{TrackError, UnknownOrder};
pub use invariants::Violation;
pub use memory::MemoryUsage;
pub use ordertrack_model as model;
pub use ordertrack_model::*;
pub use queries::Orders;
pub use routing::Outcome;
pub use tracker::{OrderKey, OrderTracker};
