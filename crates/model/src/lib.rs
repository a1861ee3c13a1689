//! # ordertrack-model
//!
//! The order model of [ordertrack](https://example.invalid/ordertrack): what one
//! order is and how exchange events move it.
//!
//! - **Value types**, validated once at construction and `Copy`: [`ClientOrderId`]
//!   (Binance's `^[\.A-Z\:/a-z0-9_-]{1,36}$`, with the engine's routable
//!   `PMS{sub-account 8}_{ORIGIN}_{12 hex}` form, the origin written by name),
//!   [`SubAccountId`], [`ParentId`] and [`Symbol`] (Binance form only; all three
//!   interned: 4-byte handles compared as integers, in bounded tables),
//!   [`ExchangeOrderId`], [`TradeId`], and exact fixed-point [`Price`] and [`Qty`].
//! - **The order** [`AnyOrder`]: one plain record per order (the fields every
//!   state shares, and a state tag with the data only that state has) that
//!   stays where it is stored. [`AnyOrder::apply`] applies an
//!   [`ExecutionReport`] through one match on (state, event), after checking
//!   the report against the order (symbol, ids, and the terms it restates:
//!   side, original type, quantity).
//! - **The typestate**, in handles over the record: [`OrderMut<'_, S>`]
//!   ([`OrderRef<'_, S>`] to read). A transition consumes the handle, writes
//!   the next state in place and returns the next state's handle, so an
//!   illegal transition does not compile, and data that exists only in some
//!   states is typed so: an `OrderMut<'_, Active>` *has* an exchange id. The
//!   table's rows call these same transitions.
//! - **Fills** ([`Fills`]) are summed exactly, and a duplicate trade is
//!   recognised in a fixed size whatever the number of fills ([`TRADE_WINDOW`]).
//!
//! The model never reads a clock: every time is a millisecond timestamp passed in.
//!
//! ```
//! use ordertrack_model::*;
//!
//! let sub = SubAccountId::new("3f2a9c1e-7b4d-4e1a")?;
//! let spec = NewOrder::limit(sub, Origin::Chase, Symbol::new("BTCUSDT")?, Side::Buy,
//!     Qty::parse("0.3")?, Price::parse("97000")?, 1_000);
//!
//! // Typed: the compiler knows the state at every step.
//! let mut order = AnyOrder::new(spec)?;
//! let idle: OrderMut<'_, Idle> = order.view_mut().ok_or("a new order is Idle")?;
//! let active: OrderMut<'_, Active> = idle.place(1_001).acknowledge(ExchangeOrderId(42), 1_002);
//! assert_eq!(active.exchange_id(), ExchangeOrderId(42));
//!
//! // Erased: a feed report moves the same record through the same transitions.
//! let report = ExecutionReport {
//!     client_id: Some(spec.client_id),
//!     exchange_id: Some(ExchangeOrderId(42)),
//!     algo_id: None,
//!     symbol: spec.symbol,
//!     execution: ExecutionType::Trade,
//!     status: ReportStatus::PartiallyFilled,
//!     fill: Some(ReportFill { trade_id: TradeId(7), qty: Qty::parse("0.1")?, price: Price::parse("97000")? }),
//!     cumulative_qty: Some(Qty::parse("0.1")?),
//!     terms: None,
//!     amendment: None,
//!     expiry_reason: None,
//!     transaction_time: 1_003,
//! };
//! assert!(matches!(order.apply(&report)?, Applied::PartiallyFilled(_)));
//! assert_eq!(order.apply(&report)?, Applied::Duplicate); // same trade id: counted once
//! assert_eq!(order.filled_qty(), Qty::parse("0.1")?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

mod any;
mod applied;
mod builder;
mod decimal;
mod error;
mod fills;
mod handle;
mod ids;
mod intern;
mod kinds;
mod new_order;
mod parts;
mod record;
mod report;
mod state;
mod symbol;
#[cfg(feature = "testing")]
pub mod testing;
mod text;
pub mod transitions;
mod trigger;

pub use any::AnyOrder;
pub use applied::{Applied, Closed, FillApplied};
pub use builder::NewOrderBuilder;
pub use decimal::{DECIMAL_PLACES, DecimalError, Notional, Price, Qty};
pub use error::{
    AmendError, ApplyError, FillError, OrderError, Refused, RejectError, Request, RequestError,
    TermMismatch, TriggerError,
};
pub use fills::{Fill, Fills, LastFill, TRADE_WINDOW};
pub use handle::{OrderMut, OrderRef};
pub use ids::{
    AlgoId, CLIENT_ORDER_ID_MAX_LEN, ClientOrderId, ExchangeOrderId, IdError, PARENT_ID_MAX_LEN,
    PARENT_IDS_MAX, ParentId, PmsParts, SUB_ACCOUNT_ID_MAX_LEN, SUB_ACCOUNT_PREFIX_LEN,
    SUB_ACCOUNTS_MAX, SubAccountId, SubAccountPrefix, TradeId,
};
pub use kinds::{OrderType, Origin, Side};
pub use new_order::{MAX_LEVERAGE, NewOrder};
pub use parts::{FillParts, OrderParts, PartsError};
pub use report::{Amendment, ExecutionReport, ExecutionType, OrderTerms, ReportFill, ReportStatus};
pub use state::{
    AckedData, Active, Armed, ArmedData, Cancelled, Cancelling, CancellingData, ClosedData,
    Expired, ExpiryReason, FailReason, Failed, Filled, FilledData, Idle, OrderStatus, Placing,
    PlacingData, State, StateData,
};
pub use symbol::{SYMBOL_MAX_LEN, SYMBOLS_MAX, Symbol, SymbolError};
pub use text::clip;
pub use transitions::{CancelRejected, FillOutcome, LateFillOutcome};
pub use trigger::{Trigger, WorkingType};
