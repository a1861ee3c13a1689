//! The user-data stream into an [`OrderTracker`], one line at a time: the
//! incremental API an engine drives on the live stream (and the `replay` tool
//! on a recorded one).
//!
//! [`FeedTracker::feed`] takes one line (`&[u8]`, `&str` or a [`Line`] from a
//! [`LineReader`]) and answers what it did ([`Fed`]) or why the line could not
//! be used ([`FeedError`], with [`FeedError::kind`]). A line that fails leaves
//! the tracker exactly as it was.
//!
//! - An event of a tracked order is applied through [`OrderTracker::apply`]:
//!   [`Fed::Applied`].
//! - **Adoption** (on by default, [`FeedConfig::adopt`]): an
//!   `ORDER_TRADE_UPDATE` or `ALGO_UPDATE` naming one of the engine's `PMS…`
//!   client ids that no tracked order has (an order from before a restart;
//!   every order in a recording) rebuilds the order as sent at the event's
//!   transaction time ([`crate::seed_order`]), applies the event and registers
//!   the result — all or nothing: [`Fed::Adopted`]. A conditional order
//!   adopted from the algo service's `NEW` is `Armed`.
//! - A `TRADE_LITE` carries too little to rebuild an order, so one naming a
//!   `PMS…` id not tracked is **held** ([`Fed::Held`]) and applied right after
//!   the `ORDER_TRADE_UPDATE` that adopts its order (on the live stream
//!   `TRADE_LITE` usually comes first). [`FeedTracker::abandon_held`] gives
//!   up on the ones still held when a stream ends.
//! - **A triggered order's early events.** Binance often sends the first
//!   events of the matching-engine order a conditional order triggered into
//!   before the algo service's `TRIGGERED` names that order (`ai`), and their
//!   client id need not be the conditional order's. An event of a
//!   matching-engine order that names no order of ours and no bound exchange
//!   id is **held** by (symbol, exchange id) while an order of ours on that
//!   symbol waits for its trigger ([`Fed::HeldForTrigger`]); the report that
//!   binds the exchange id to our order applies them after itself, in line
//!   order ([`Fed::AppliedAndReleased`], or within [`Fed::Adopted`]). Once no
//!   order of ours on the symbol waits any more, the ones left are applied
//!   as what they are (foreign). [`FeedTracker::abandon_held`] counts the ones
//!   left at the end as foreign. Once bound, an event of the triggered order
//!   routes to the conditional order by (symbol, exchange id), and the model
//!   takes it whatever client id it names and with its own (`MARKET`,
//!   `LIMIT`) type as `ot`.
//! - Anything else is an unknown order: [`Fed::UnknownOurs`] for a `PMS…` id
//!   (with adoption off, or of an order [`FeedTracker::cleanup_terminal`]
//!   removed: a redelivered event never brings a closed order back),
//!   [`Fed::Foreign`] for anyone else's.
//!
//! **Memory is bounded whatever the stream** ([`FeedConfig`]): a line longer
//! than `max_line_bytes` is refused unread; at most `max_held_trade_lites`
//! reports are held, `max_unknown_orders` and `max_foreign_orders` distinct
//! unknown orders remembered (the oldest evicted first, counted in
//! [`FeedStats`]), and `max_held_for_trigger` events of triggered orders;
//! adoption stops at `max_orders` tracked orders.
//!
//! ```
//! use ordertrack::{Applied, OrderStatus};
//! use ordertrack_binance::{Fed, FeedConfig, FeedTracker};
//!
//! let mut feed = FeedTracker::new(FeedConfig::default());
//! let new = r#"{"e":"ORDER_TRADE_UPDATE","T":1764001000012,"E":1764001000013,"o":{"s":"BTCUSDT","c":"PMSa1b2c3d4_CHASE_1a2b3c4d5e6f","S":"BUY","o":"LIMIT","f":"GTC","q":"0.020","p":"86500.00","ap":"0","sp":"0","x":"NEW","X":"NEW","i":731246000101,"l":"0","z":"0.000","L":"0","n":"0","N":"USDT","T":1764001000012,"t":0,"b":"1730","a":"0","m":false,"R":false,"wt":"CONTRACT_PRICE","ot":"LIMIT","ps":"BOTH","cp":false,"rp":"0","pP":false,"si":0,"ss":0,"V":"EXPIRE_MAKER","pm":"NONE","gtd":0,"er":"0"}}"#;
//! let Fed::Adopted { key, applied, .. } = feed.feed(new)? else {
//!     return Err("not adopted".into());
//! };
//! assert_eq!(applied, Applied::Acknowledged);
//! assert_eq!(feed.tracker().get(key).map(|o| o.status()), Some(OrderStatus::Active));
//!
//! let account = r#"{"e":"ACCOUNT_CONFIG_UPDATE","E":1764001046001,"T":1764001046000,"ac":{"s":"BTCUSDT","l":20}}"#;
//! let Fed::Other { event_type } = feed.feed(account)? else {
//!     return Err("not another event".into());
//! };
//! assert_eq!(event_type.as_str(), "ACCOUNT_CONFIG_UPDATE");
//!
//! let err = feed.feed(&new[..100]).unwrap_err();
//! assert_eq!(err.kind(), "malformed_json");
//! assert_eq!((feed.stats().lines, feed.tracker().len()), (3, 1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod dispatch;
mod error;
mod for_trigger;
mod held;
mod lines;
mod recent;
mod stats;
mod triggered;
mod watch;

use ordertrack::{
    AnyOrder, Applied, ClientOrderId, ExchangeOrderId, ExecutionReport, OrderKey, OrderTracker,
    Symbol, UnknownOrder,
};
use serde::Serialize;

pub use error::{FeedError, ReportOrder};
pub use lines::{Line, LineReader};
pub use stats::FeedStats;

use crate::wire::Text;
use for_trigger::ForTrigger;
use held::Held;
use recent::Recent;
use watch::Watch;

/// A [`FeedTracker`]'s settings: what it does with orders of ours it does not
/// track, and the caps that bound its memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FeedConfig {
    /// Whether an `ORDER_TRADE_UPDATE` or `ALGO_UPDATE` for a `PMS…` client
    /// id no tracked order has adopts the order (rebuilt from the event); when
    /// `false` its events are [`Fed::UnknownOurs`] and no `TRADE_LITE` is
    /// held. Default `true`.
    pub adopt: bool,
    /// The longest line read, in bytes; a longer one is [`FeedError::TooLong`].
    /// Default 1 MiB (Binance's messages are under 2 KiB).
    pub max_line_bytes: usize,
    /// The most `TRADE_LITE`s held for orders not met yet, across all orders;
    /// beyond it the oldest is evicted. Default 10,000.
    pub max_held_trade_lites: usize,
    /// The most events held for triggered orders not bound yet
    /// ([`Fed::HeldForTrigger`]), across all orders; beyond it the oldest is
    /// evicted. Default 10,000.
    pub max_held_for_trigger: usize,
    /// The most distinct foreign orders remembered (to count each once);
    /// beyond it the oldest is forgotten. Default 100,000.
    pub max_foreign_orders: usize,
    /// The most distinct unknown orders of ours remembered. Default 100,000.
    pub max_unknown_orders: usize,
    /// The most client ids remembered of orders [`FeedTracker::cleanup_terminal`]
    /// removed, which are never adopted again; beyond it the oldest is
    /// forgotten. Default 100,000.
    pub max_cleaned_orders: usize,
    /// Adoption stops when the tracker holds this many orders
    /// ([`FeedError::TrackerFull`]); orders the engine registers itself are
    /// not limited. Default 1,000,000 (about 0.5 GB of tracked orders).
    pub max_orders: usize,
}

impl Default for FeedConfig {
    fn default() -> Self {
        Self {
            adopt: true,
            max_line_bytes: 1 << 20,
            max_held_trade_lites: 10_000,
            max_held_for_trigger: 10_000,
            max_foreign_orders: 100_000,
            max_unknown_orders: 100_000,
            max_cleaned_orders: 100_000,
            max_orders: 1_000_000,
        }
    }
}

/// What one line did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fed<'a> {
    /// An order of ours not tracked was adopted from this `ORDER_TRADE_UPDATE`
    /// or `ALGO_UPDATE` (rebuilt, placed, the event applied, registered), then
    /// the `TRADE_LITE`s held for it and the events held for the triggered
    /// order it is bound to were applied, in arrival order.
    Adopted {
        /// The new order.
        key: OrderKey,
        /// What this line's event did to it.
        applied: Applied,
        /// What each held `TRADE_LITE` did.
        released: Vec<Released>,
    },
    /// The event was applied to a tracked order.
    Applied {
        /// The order.
        key: OrderKey,
        /// What it did.
        applied: Applied,
    },
    /// The event was applied to a tracked order, then events held in the
    /// feed were applied after it, in line order: those of the
    /// matching-engine order it just bound the order to (a conditional
    /// order's triggered order), and, when no order of ours on the symbol
    /// waits for its trigger any more, every other one held on the symbol
    /// (mostly [`Fed::Foreign`] then).
    AppliedAndReleased {
        /// The order.
        key: OrderKey,
        /// What this line's event did.
        applied: Applied,
        /// What each held event did.
        released: Vec<Released>,
    },
    /// A `TRADE_LITE` for an order of ours not tracked yet: held until its
    /// `ORDER_TRADE_UPDATE` adopts it.
    Held {
        /// The order's client id.
        client_id: ClientOrderId,
    },
    /// An event of a matching-engine order that names no order of ours (its
    /// client id is none of ours, its exchange id is bound to no tracked
    /// order), while an order of ours on the symbol waits for its trigger:
    /// held until a report binds that exchange id (see the [module
    /// documentation](self)).
    HeldForTrigger {
        /// The symbol.
        symbol: Symbol,
        /// The matching-engine order's id.
        exchange_id: ExchangeOrderId,
    },
    /// An event for a `PMS…` client id no tracked order has, with adoption off
    /// or for an order this feed cleaned up.
    UnknownOurs {
        /// The client id.
        client_id: ClientOrderId,
        /// Whether this order was not remembered yet.
        first_seen: bool,
    },
    /// An event for someone else's order (`autoclose-…`, another bot, a
    /// manual trade on the exchange's site).
    Foreign {
        /// The order, as the event names it.
        order: UnknownOrder,
        /// Whether this order was not remembered yet.
        first_seen: bool,
    },
    /// Another event type (`ACCOUNT_UPDATE`, `listenKeyExpired`, …): nothing
    /// to track.
    Other {
        /// The event type `e` (borrowed from the line unless it held an escape).
        event_type: Text<'a>,
    },
    /// An empty or whitespace-only line.
    Blank,
}

/// What a held event (a `TRADE_LITE`, an event of a triggered order) did once
/// its order was met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Released {
    /// The number of the line that brought it ([`FeedStats::lines`] then).
    pub line: u64,
    /// What it did (applied to its order, or counted as foreign), or why it
    /// was refused.
    pub result: Result<Fed<'static>, FeedError>,
}

/// An [`OrderTracker`] fed by the user-data stream, one line at a time (see
/// the [module documentation](self)).
#[derive(Debug)]
pub struct FeedTracker {
    tracker: OrderTracker,
    config: FeedConfig,
    stats: FeedStats,
    held: Held<ClientOrderId>,
    for_trigger: ForTrigger,
    /// Conditional orders of ours that may wait for their trigger.
    watch: Watch,
    unknown: Recent<ClientOrderId>,
    foreign: Recent<(Symbol, Option<ExchangeOrderId>)>,
    /// Orders removed by [`FeedTracker::cleanup_terminal`]: never adopted again.
    cleaned: Recent<ClientOrderId>,
    /// The changes made to the tracker since [`FeedTracker::take_changes`],
    /// when asked for ([`FeedTracker::record_changes`]).
    changes: Option<Vec<FeedChange>>,
}

/// One change a line made to the tracker, for a caller that mirrors the
/// tracker elsewhere (a store: see the `replay` tool's `--store`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedChange {
    /// An order of ours adopted: registered as it is now (its first event
    /// applied).
    Registered(AnyOrder),
    /// A report applied to a tracked order.
    Applied(ExecutionReport),
}

impl FeedTracker {
    /// A feed tracker around an empty [`OrderTracker`].
    #[must_use]
    pub fn new(config: FeedConfig) -> Self {
        Self::with_tracker(OrderTracker::new(), config)
    }

    /// A feed tracker around `tracker`, which may already hold the engine's
    /// orders.
    #[must_use]
    pub fn with_tracker(tracker: OrderTracker, config: FeedConfig) -> Self {
        Self {
            watch: Watch::of(&tracker),
            tracker,
            config,
            stats: FeedStats::default(),
            held: Held::new(config.max_held_trade_lites),
            for_trigger: ForTrigger::new(config.max_held_for_trigger),
            unknown: Recent::new(config.max_unknown_orders),
            foreign: Recent::new(config.max_foreign_orders),
            cleaned: Recent::new(config.max_cleaned_orders),
            changes: None,
        }
    }

    /// From now on, records every change [`FeedTracker::feed`] makes to the
    /// tracker (an adopted order registered, a report applied) until
    /// [`FeedTracker::take_changes`] takes them: a line makes at most one
    /// change plus one per event it releases, so taking them after each line
    /// keeps the record bounded.
    pub fn record_changes(&mut self) {
        self.changes.get_or_insert_with(Vec::new);
    }

    /// The changes recorded since the last call, in the order they were made
    /// (none unless [`FeedTracker::record_changes`] was called).
    pub fn take_changes(&mut self) -> Vec<FeedChange> {
        self.changes
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// Records `change` when changes are recorded.
    fn changed(&mut self, change: impl FnOnce() -> FeedChange) {
        if let Some(changes) = self.changes.as_mut() {
            changes.push(change());
        }
    }

    /// The tracker, for queries.
    #[must_use]
    pub fn tracker(&self) -> &OrderTracker {
        &self.tracker
    }

    /// The tracker, for the engine's own calls (`register`, `place`,
    /// `cancel`, `cleanup_terminal`, …).
    pub fn tracker_mut(&mut self) -> &mut OrderTracker {
        &mut self.tracker
    }

    /// The tracker, giving up what is held.
    #[must_use]
    pub fn into_tracker(self) -> OrderTracker {
        self.tracker
    }

    /// The settings.
    #[must_use]
    pub fn config(&self) -> &FeedConfig {
        &self.config
    }

    /// The counts so far, evictions included.
    #[must_use]
    pub fn stats(&self) -> FeedStats {
        FeedStats {
            held_evicted: self.held.evicted(),
            held_for_trigger_evicted: self.for_trigger.evicted(),
            unknown_evicted: self.unknown.evicted(),
            foreign_evicted: self.foreign.evicted(),
            ..self.stats
        }
    }

    /// `TRADE_LITE`s held now (at most [`FeedConfig::max_held_trade_lites`]).
    #[must_use]
    pub fn held_trade_lites(&self) -> usize {
        self.held.len()
    }

    /// Events of triggered orders held now (at most
    /// [`FeedConfig::max_held_for_trigger`]).
    #[must_use]
    pub fn held_for_trigger(&self) -> usize {
        self.for_trigger.len()
    }

    /// Unknown orders of ours remembered now (at most
    /// [`FeedConfig::max_unknown_orders`]).
    #[must_use]
    pub fn remembered_unknown_orders(&self) -> usize {
        self.unknown.len()
    }

    /// Foreign orders remembered now (at most
    /// [`FeedConfig::max_foreign_orders`]).
    #[must_use]
    pub fn remembered_foreign_orders(&self) -> usize {
        self.foreign.len()
    }

    /// Client ids of cleaned-up orders remembered now (at most
    /// [`FeedConfig::max_cleaned_orders`]).
    #[must_use]
    pub fn remembered_cleaned_orders(&self) -> usize {
        self.cleaned.len()
    }
}
