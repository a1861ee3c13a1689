//! # ordertrack-binance
//!
//! The Binance USDⓈ-M futures adapter for [`ordertrack`]: the
//! exchange's own payloads in, exchange-neutral [`ExecutionReport`]s and
//! tracker calls out.
//!
//! - [`wire`]: borrowed serde views of the user-data stream's
//!   `ORDER_TRADE_UPDATE`, `TRADE_LITE` and `ALGO_UPDATE` events (bare or in
//!   the combined-stream envelope) and of the REST answers, lists and error
//!   bodies of the order and algo endpoints, with their conversions into
//!   reports and snapshots. **Strict on what the
//!   tracker uses, tolerant of everything else** (`docs/binance.md` has the
//!   field table): a [`WireError`] names the JSON path of a used field that is
//!   missing, mistyped or undocumented; any other field may be absent or of any
//!   type. Decimals stay strings until [`Price`]/[`Qty`] parse them exactly,
//!   never through `f64`.
//! - [`convert`]: the field readers the conversions share; a [`ConvertError`]
//!   names the field and the model's rule it breaks. [`decode`] reads one line
//!   into a report.
//! - [`seed`]: the order the engine would have registered, rebuilt from a
//!   report ([`seed_order`]), conditional and close-position orders included.
//! - [`rest`]: new-order, cancel and query answers, list answers
//!   (`openOrders`, `allOrders`, `batchOrders` with per-item errors) and
//!   WebSocket API answers, applied to a tracker ([`apply_new_order_result`],
//!   [`apply_cancel_result`], [`apply_query_result`],
//!   [`apply_batch_new_orders_result`], [`apply_order_list`]): ack, definitive
//!   failure, in doubt (a timeout is never a rejection), cancel rejected; and
//!   the algo service's for conditional orders ([`apply_algo_new_result`],
//!   [`apply_algo_cancel_result`], [`apply_algo_query_result`],
//!   [`apply_algo_order_list`]).
//! - [`feed`]: the incremental API an engine drives on the live stream: one
//!   line in, what it did out ([`FeedTracker::feed`] → [`Fed`] or a
//!   [`FeedError`]), orders of ours adopted from their events, early
//!   `TRADE_LITE`s held, a triggered order's events held until the algo
//!   service's `TRIGGERED` binds it, memory bounded by [`FeedConfig`]'s caps.
//! - [`reconcile`](mod@reconcile): after a reconnect, the tracker compared with
//!   the exchange's REST view (`openOrders`, `openAlgoOrders`, order and algo
//!   queries, `userTrades`): what to fetch ([`fetch_plan`]), the typed
//!   [`Reconciliation`] ([`reconcile()`]), and its application (missed fills
//!   booked once by trade id, closes, adoptions, in-doubt placements settled).
//! - [`replay`](mod@replay): a recorded stream through a [`FeedTracker`],
//!   summarized ([`replay()`]); the `replay` binary is its command line.
//!
//! Deduplication, ordering and the check of every event against its order
//! are the model's: a trade reported by both `TRADE_LITE` and
//! `ORDER_TRADE_UPDATE` names the same order and trade id, and an order
//! applies a trade id once; an event older than what the order reflects is
//! ignored as stale; a fill after a close is accounted without reopening it;
//! an event restating another side, type or quantity than the order's is
//! refused.
//!
//! ```
//! use ordertrack::*;
//! use ordertrack_binance::{FeedEvent, decode};
//!
//! // Binance's documented ORDER_TRADE_UPDATE example.
//! let line = r#"{"e":"ORDER_TRADE_UPDATE","E":1568879465651,"T":1568879465650,"o":{"s":"BTCUSDT","c":"TEST","S":"SELL","o":"TRAILING_STOP_MARKET","f":"GTC","q":"0.001","p":"0","ap":"0","sp":"7103.04","x":"NEW","X":"NEW","i":8886774,"l":"0","z":"0","L":"0","N":"USDT","n":"0","T":1568879465650,"t":0,"b":"0","a":"9.91","m":false,"R":false,"wt":"CONTRACT_PRICE","ot":"TRAILING_STOP_MARKET","ps":"LONG","cp":false,"AP":"7476.89","cr":"5.0","pP":false,"si":0,"ss":0,"rp":"0","V":"EXPIRE_TAKER","pm":"OPPONENT","gtd":0,"er":"0"}}"#;
//! let FeedEvent::OrderUpdate(report) = decode(line)? else {
//!     return Err("not an order update".into());
//! };
//! assert_eq!(report.client_id, Some(ClientOrderId::new("TEST")?));
//! assert_eq!(report.exchange_id, Some(ExchangeOrderId(8_886_774)));
//! assert_eq!(report.symbol, Symbol::new("BTCUSDT")?);
//! assert_eq!((report.execution, report.status), (ExecutionType::New, ReportStatus::New));
//! assert_eq!((report.fill, report.cumulative_qty), (None, Some(Qty::ZERO)));
//! assert_eq!(report.transaction_time, 1_568_879_465_650);
//!
//! // "TEST" is not one of the engine's PMS… ids: the tracker calls it foreign.
//! let mut tracker = OrderTracker::new();
//! let Outcome::Unknown(unknown) = tracker.apply(&report)? else {
//!     return Err("expected an unknown order".into());
//! };
//! assert!(!unknown.is_ours());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

pub mod convert;
pub mod event;
pub mod feed;
pub mod reconcile;
pub mod replay;
pub mod rest;
pub mod seed;
pub mod wire;

pub use convert::ConvertError;
pub use event::{DecodeError, FeedEvent, decode};
pub use feed::{
    Fed, FeedChange, FeedConfig, FeedError, FeedStats, FeedTracker, Line, LineReader, Released,
    ReportOrder,
};
pub use reconcile::{
    Fetch, ReconcileError, Reconciliation, Snapshot, StepKind, fetch_plan, reconcile,
};
pub use replay::{
    DEFAULT_ERROR_LINES, InvariantCheck, LineError, MAX_ERROR_LINES, MAX_MESSAGE_BYTES, OrderRow,
    ReconcileRun, ReplayOptions, SAMPLE_ERRORS, SAMPLE_SESSION, Summary, replay, replay_into,
    replay_reconciled,
};
#[cfg(feature = "store")]
pub use replay::{StoredReplayError, replay_stored};
pub use rest::{
    AlgoAnswer, AlgoApplied, AlgoListAnswer, AlgoSnapshot, ListAnswer, ListItemError,
    ListedAlgoOrder, ListedOrder, ListedOutcome, NO_RESPONSE, OrderSnapshot, RestAnswer,
    RestApplied, RestEffect, RestError, apply_algo_cancel_result, apply_algo_new_result,
    apply_algo_order_list, apply_algo_query_result, apply_batch_new_orders_result,
    apply_cancel_result, apply_new_order_result, apply_order_list, apply_query_result, fail_reason,
    read_algo_answer, read_algo_list_answer, read_answer, read_list_answer,
    read_ws_api_algo_answer, read_ws_api_answer,
};
pub use seed::{SeedError, seed_order};
pub use wire::{RestErrorClass, UserDataEvent, WireAlgoStatus, WireError, classify_rest_error};

#[cfg(doc)]
use ordertrack::{ExecutionReport, Price, Qty};
