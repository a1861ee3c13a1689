//! Borrowed serde views of Binance USDⓈ-M futures JSON payloads, and their
//! conversion into the model's types.
//!
//! **Strict on what the tracker uses, tolerant of everything else.** Each
//! view declares exactly the fields the tracker reads (the table in
//! `docs/binance.md`); a payload missing one of them, or holding one of the
//! wrong type or with an undocumented value, is a [`WireError`] naming the
//! field's JSON path. Every other field is ignored, whatever its JSON type or
//! absence, so payloads from before a field existed (streams before 2024 lack
//! `V`, `pm`, `gtd`, `er`) and payloads where an unused field has another type
//! (`rp` as a number, `sp` null) are read all the same. Strings are read with
//! their escapes ([`Text`], borrowed when there is none); ids Binance writes as
//! numbers or strings ([`Id`]) and codes written as `"0"` or `0` ([`Code`])
//! accept both. Decimals stay the exchange's decimal strings until the model
//! parses them exactly: nothing here goes through a float.
//!
//! - [`stream`]: `ORDER_TRADE_UPDATE`, `TRADE_LITE` and `ALGO_UPDATE`
//!   ([`UserDataEvent::parse`]), bare or in the combined-stream envelope, and
//!   their reports.
//! - [`algo`]: what the algo service's payloads share (its status, the
//!   triggered order's id).
//! - [`rest`](mod@rest): order answers, error bodies and list answers
//!   ([`parse_list`]), and their [`crate::OrderSnapshot`]s.
//! - [`rest_algo`]: the algo service's answers (orders, acknowledgements,
//!   lists: [`parse_algo_list`]), and their [`crate::AlgoSnapshot`]s.
//! - [`codes`]: what a failed REST call means ([`classify_rest_error`]).
//!
//! Sources (Binance developer docs, USDⓈ-M futures): user-data-streams
//! Event-Order-Update, Event-Trade-Lite and Event-Algo-Order-Update;
//! trade/rest-api New-Algo-Order, Cancel-Algo-Order, Query-Algo-Order,
//! Current-All-Algo-Open-Orders, Query-All-Algo-Orders; New-Order,
//! Cancel-Order, Query-Order, Current-All-Open-Orders, All-Orders,
//! Place-Multiple-Orders; the error-code page and general-info ("HTTP Return
//! Codes").

pub mod algo;
pub mod codes;
mod error;
pub mod rest;
pub mod rest_algo;
pub mod stream;
pub(crate) mod value;

pub use algo::{ActualOrderId, WireAlgoStatus};
pub use codes::{RestErrorClass, classify_rest_error};
pub use error::{WireError, parse};
pub use rest::{ErrorBody, LIST_ITEMS_MAX, ListItem, OrderResponse, WsApiEnvelope, parse_list};
pub use rest_algo::{AlgoAck, AlgoBody, AlgoOrderResponse, parse_algo_body, parse_algo_list};
pub use stream::{
    AlgoOrderUpdate, AlgoUpdate, OrderTradeUpdate, OrderUpdate, TradeLite, UserDataEvent,
    WireExecution, WireStatus,
};
pub use value::{Code, ErrorCode, Id, Millis, Raw, Text};
