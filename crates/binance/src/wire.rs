//! Borrowed serde views of Binance USDⓈ-M futures JSON payloads.
//!
//! Every string field borrows from the input (`&'a str`), and every decimal
//! (price, quantity, commission, notional) stays the exchange's decimal
//! string: nothing here goes through a float. Unknown JSON fields are
//! ignored, so Binance may add fields without breaking parsing.
//!
//! Sources (Binance developer docs, USDⓈ-M futures):
//! - `ORDER_TRADE_UPDATE`: user-data-streams/Event-Order-Update
//! - `TRADE_LITE`: the 2024-09-03 announcement "Introducing TRADE_LITE for
//!   USDⓈ-M Futures Websocket" (also user-data-streams/Event-Trade-Lite)
//! - REST bodies: trade/rest-api/New-Order, Cancel-Order, Query-Order
//! - error codes: usds-margined-futures/error-code; HTTP semantics:
//!   usds-margined-futures/general-info ("HTTP Return Codes").
//!
//! Entry points: [`UserDataEvent::parse`] for one stream message and
//! [`parse`] for REST bodies ([`OrderResponse`], [`ErrorBody`]). Failures are
//! a [`WireError`] naming the JSON path of the offending field.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::error::Category;

/// Defines a string-valued enum whose `Deserialize` borrows the string:
/// a non-string is a wrong type, an unlisted string an unknown variant
/// (serde's derive would report a number as a JSON syntax error).
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$doc:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$doc])* $variant,)+
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <&str>::deserialize(deserializer)?;
                match text {
                    $($text => Ok(Self::$variant),)+
                    _ => Err(serde::de::Error::unknown_variant(text, &[$($text),+])),
                }
            }
        }
    };
}

wire_enum! {
    /// Execution type `x` of an `ORDER_TRADE_UPDATE`: what this event did.
    ExecutionType {
        /// `NEW`: the order was accepted (also the first event of a
        /// liquidation or ADL order).
        New = "NEW",
        /// `CANCELED`: the order was canceled.
        Canceled = "CANCELED",
        /// `CALCULATED`: liquidation / ADL execution (a fill of a
        /// Binance-made `autoclose-…` or `adl_autoclose` order).
        Calculated = "CALCULATED",
        /// `EXPIRED`: the order expired; the reason is in `er`.
        Expired = "EXPIRED",
        /// `TRADE`: a fill; `l`, `L`, `t` describe it.
        Trade = "TRADE",
        /// `AMENDMENT`: the order was modified (price / quantity).
        Amendment = "AMENDMENT",
    }
}

wire_enum! {
    /// Order status: `X` of an `ORDER_TRADE_UPDATE`, `status` of a REST answer.
    OrderStatus {
        /// `NEW`: open, nothing filled.
        New = "NEW",
        /// `PARTIALLY_FILLED`: open, partly filled.
        PartiallyFilled = "PARTIALLY_FILLED",
        /// `FILLED`: fully filled (terminal).
        Filled = "FILLED",
        /// `CANCELED`: canceled (terminal).
        Canceled = "CANCELED",
        /// `EXPIRED`: expired by the exchange's rules (terminal).
        Expired = "EXPIRED",
        /// `EXPIRED_IN_MATCH`: expired by self-trade prevention (terminal).
        ExpiredInMatch = "EXPIRED_IN_MATCH",
        /// `REJECTED`: listed for REST answers only; the stream never sends it.
        Rejected = "REJECTED",
    }
}

/// One user-data stream message, dispatched on its event type `e`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[expect(
    clippy::large_enum_variant,
    reason = "events are short-lived stack values; boxing would allocate per event"
)]
pub enum UserDataEvent<'a> {
    /// `ORDER_TRADE_UPDATE`: an order changed state.
    OrderTradeUpdate(OrderTradeUpdate<'a>),
    /// `TRADE_LITE`: the low-latency subset of a `TRADE` execution.
    TradeLite(TradeLite<'a>),
    /// Any other event (`ACCOUNT_UPDATE`, `MARGIN_CALL`, `listenKeyExpired`,
    /// `ACCOUNT_CONFIG_UPDATE`, …); only its type is read.
    Other {
        /// The event type `e`.
        event_type: &'a str,
    },
}

impl<'a> UserDataEvent<'a> {
    /// Parses one user-data stream message (one JSON object, as received on
    /// `/ws/<listenKey>`). Reads `e` first, then parses the full event only
    /// for the two types the tracker consumes.
    ///
    /// # Errors
    /// [`WireError`] when the message is not JSON, lacks `e`, or an order
    /// event has a missing, mistyped or unknown-valued field.
    pub fn parse(line: &'a str) -> Result<Self, WireError> {
        #[derive(Deserialize)]
        struct Envelope<'e> {
            #[serde(rename = "e")]
            event_type: &'e str,
        }
        let Envelope { event_type } = parse(line)?;
        Ok(match event_type {
            "ORDER_TRADE_UPDATE" => Self::OrderTradeUpdate(parse(line)?),
            "TRADE_LITE" => Self::TradeLite(parse(line)?),
            _ => Self::Other { event_type },
        })
    }
}

/// `ORDER_TRADE_UPDATE` event: `{"e":"ORDER_TRADE_UPDATE","E","T","o":{…}}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct OrderTradeUpdate<'a> {
    /// `E`: event time (when the message was generated), ms since epoch.
    #[serde(rename = "E")]
    pub event_time_ms: u64,
    /// `T`: transaction time (matching engine), ms since epoch.
    #[serde(rename = "T")]
    pub transaction_time_ms: u64,
    /// `o`: the order and, for fills, the trade.
    #[serde(rename = "o", borrow)]
    pub order: OrderUpdate<'a>,
}

/// The `o` object of an `ORDER_TRADE_UPDATE`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct OrderUpdate<'a> {
    /// `s`: symbol, e.g. `BTCUSDT`.
    #[serde(rename = "s")]
    pub symbol: &'a str,
    /// `c`: client order id. Binance's own orders use `autoclose-…`
    /// (liquidation), `adl_autoclose` (ADL) and `settlement_autoclose-…`.
    #[serde(rename = "c")]
    pub client_order_id: &'a str,
    /// `S`: side, `BUY` or `SELL`.
    #[serde(rename = "S")]
    pub side: &'a str,
    /// `o`: order type (`LIMIT`, `MARKET`, `STOP`, …, `LIQUIDATION`).
    #[serde(rename = "o")]
    pub order_type: &'a str,
    /// `f`: time in force (`GTC`, `IOC`, `FOK`, `GTX`, `GTD`).
    #[serde(rename = "f")]
    pub time_in_force: &'a str,
    /// `q`: original quantity (decimal string).
    #[serde(rename = "q")]
    pub orig_qty: &'a str,
    /// `p`: original price (decimal string; `"0"` for market orders).
    #[serde(rename = "p")]
    pub orig_price: &'a str,
    /// `ap`: average fill price (decimal string; `"0"` before any fill).
    #[serde(rename = "ap")]
    pub avg_price: &'a str,
    /// `sp`: stop price (ignore for `TRAILING_STOP_MARKET`).
    #[serde(rename = "sp")]
    pub stop_price: &'a str,
    /// `x`: what this event did.
    #[serde(rename = "x")]
    pub execution_type: ExecutionType,
    /// `X`: order status after this event.
    #[serde(rename = "X")]
    pub order_status: OrderStatus,
    /// `i`: exchange order id (unique per symbol).
    #[serde(rename = "i")]
    pub order_id: u64,
    /// `l`: quantity of this fill (`"0"` when not a fill).
    #[serde(rename = "l")]
    pub last_filled_qty: &'a str,
    /// `z`: cumulative filled quantity of the order.
    #[serde(rename = "z")]
    pub cum_filled_qty: &'a str,
    /// `L`: price of this fill (`"0"` when not a fill).
    #[serde(rename = "L")]
    pub last_filled_price: &'a str,
    /// `N`: commission asset; older docs: "will not push if no commission".
    #[serde(rename = "N", borrow)]
    pub commission_asset: Option<&'a str>,
    /// `n`: commission of this fill; absent together with `N`.
    #[serde(rename = "n", borrow)]
    pub commission: Option<&'a str>,
    /// `T`: order trade time, ms since epoch.
    #[serde(rename = "T")]
    pub trade_time_ms: u64,
    /// `t`: trade id (`0` when not a fill); unique per symbol.
    #[serde(rename = "t")]
    pub trade_id: u64,
    /// `b`: bids notional of the account's open orders on the symbol.
    #[serde(rename = "b")]
    pub bids_notional: &'a str,
    /// `a`: asks notional of the account's open orders on the symbol.
    #[serde(rename = "a")]
    pub asks_notional: &'a str,
    /// `m`: whether this fill was on the maker side.
    #[serde(rename = "m")]
    pub is_maker: bool,
    /// `R`: reduce-only order.
    #[serde(rename = "R")]
    pub reduce_only: bool,
    /// `wt`: stop price working type (`MARK_PRICE`, `CONTRACT_PRICE`).
    #[serde(rename = "wt")]
    pub working_type: &'a str,
    /// `ot`: original order type (before a stop triggered).
    #[serde(rename = "ot")]
    pub orig_order_type: &'a str,
    /// `ps`: position side (`BOTH`, `LONG`, `SHORT`).
    #[serde(rename = "ps")]
    pub position_side: &'a str,
    /// `cp`: close-all (close position); "pushed with conditional order".
    #[serde(rename = "cp")]
    pub close_position: Option<bool>,
    /// `AP`: activation price, only pushed with `TRAILING_STOP_MARKET`.
    #[serde(rename = "AP", borrow)]
    pub activation_price: Option<&'a str>,
    /// `cr`: callback rate, only pushed with `TRAILING_STOP_MARKET`.
    #[serde(rename = "cr", borrow)]
    pub callback_rate: Option<&'a str>,
    /// `pP`: whether price protection is on.
    #[serde(rename = "pP")]
    pub price_protect: bool,
    /// `si`: documented as "ignore" (strategy id of a conditional order).
    #[serde(rename = "si")]
    pub strategy_id: u64,
    /// `ss`: documented as "ignore" (strategy status).
    #[serde(rename = "ss")]
    pub strategy_status: u64,
    /// `rp`: realized profit of this fill (decimal string, may be negative).
    #[serde(rename = "rp")]
    pub realized_profit: &'a str,
    /// `V`: self-trade prevention mode (`NONE`, `EXPIRE_TAKER`,
    /// `EXPIRE_MAKER`, `EXPIRE_BOTH`).
    #[serde(rename = "V")]
    pub self_trade_prevention_mode: &'a str,
    /// `pm`: price match mode (`NONE`, `OPPONENT`, `QUEUE_5`, …).
    #[serde(rename = "pm")]
    pub price_match: &'a str,
    /// `gtd`: auto-cancel time of a `GTD` order, ms since epoch; `0` if none.
    #[serde(rename = "gtd")]
    pub good_till_date_ms: u64,
    /// `er`: expiry reason, a *string* code: `"0"` none, `"1"` self-trade
    /// prevention, `"2"` IOC not fully filled, `"3"` IOC + STP, `"4"`
    /// knocked out by a higher-priority reduce-only order, `"5"` account
    /// liquidated, `"6"` GTE condition unsatisfied, `"7"` symbol delisted,
    /// `"8"` initial order expired after its stop triggered, `"9"` market
    /// order not fully filled. Absent in payloads older than the field.
    #[serde(rename = "er", borrow)]
    pub expiry_reason: Option<&'a str>,
}

/// `TRADE_LITE` event: the fill-only, low-latency twin of an
/// `ORDER_TRADE_UPDATE` with `x = TRADE` (same `s` and `t`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TradeLite<'a> {
    /// `E`: event time, ms since epoch.
    #[serde(rename = "E")]
    pub event_time_ms: u64,
    /// `T`: transaction time, ms since epoch.
    #[serde(rename = "T")]
    pub transaction_time_ms: u64,
    /// `s`: symbol.
    #[serde(rename = "s")]
    pub symbol: &'a str,
    /// `q`: original quantity of the order.
    #[serde(rename = "q")]
    pub orig_qty: &'a str,
    /// `p`: original price of the order (`"0"`-like for market orders).
    #[serde(rename = "p")]
    pub orig_price: &'a str,
    /// `m`: whether this fill was on the maker side.
    #[serde(rename = "m")]
    pub is_maker: bool,
    /// `c`: client order id.
    #[serde(rename = "c")]
    pub client_order_id: &'a str,
    /// `S`: side, `BUY` or `SELL`.
    #[serde(rename = "S")]
    pub side: &'a str,
    /// `L`: price of this fill.
    #[serde(rename = "L")]
    pub last_filled_price: &'a str,
    /// `l`: quantity of this fill.
    #[serde(rename = "l")]
    pub last_filled_qty: &'a str,
    /// `t`: trade id.
    #[serde(rename = "t")]
    pub trade_id: u64,
    /// `i`: exchange order id.
    #[serde(rename = "i")]
    pub order_id: u64,
}

/// Order answer of `POST /fapi/v1/order` (new), `DELETE /fapi/v1/order`
/// (cancel) and `GET /fapi/v1/order` (query); the three share this shape.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderResponse<'a> {
    /// Client order id.
    pub client_order_id: &'a str,
    /// Cumulative filled quantity; in new and cancel answers only.
    #[serde(borrow)]
    pub cum_qty: Option<&'a str>,
    /// Cumulative filled quote amount.
    pub cum_quote: &'a str,
    /// Executed quantity.
    pub executed_qty: &'a str,
    /// Exchange order id.
    pub order_id: u64,
    /// Average fill price; in new and query answers (not in the documented
    /// cancel answer).
    #[serde(borrow)]
    pub avg_price: Option<&'a str>,
    /// Original quantity.
    pub orig_qty: &'a str,
    /// Limit price (`"0"` for market orders).
    pub price: &'a str,
    /// Reduce-only order.
    pub reduce_only: bool,
    /// Side, `BUY` or `SELL`.
    pub side: &'a str,
    /// Position side (`BOTH`, `LONG`, `SHORT`).
    pub position_side: &'a str,
    /// Order status.
    pub status: OrderStatus,
    /// Stop price (ignore for `TRAILING_STOP_MARKET`).
    pub stop_price: &'a str,
    /// Close-all order.
    pub close_position: bool,
    /// Symbol.
    pub symbol: &'a str,
    /// Time in force.
    pub time_in_force: &'a str,
    /// Order type.
    #[serde(rename = "type")]
    pub order_type: &'a str,
    /// Original order type.
    pub orig_type: &'a str,
    /// Activation price; `TRAILING_STOP_MARKET` only.
    #[serde(borrow)]
    pub activate_price: Option<&'a str>,
    /// Callback rate; `TRAILING_STOP_MARKET` only.
    #[serde(borrow)]
    pub price_rate: Option<&'a str>,
    /// Order creation time, ms since epoch; in query answers only.
    pub time: Option<u64>,
    /// Last update time, ms since epoch.
    pub update_time: u64,
    /// Stop price working type.
    pub working_type: &'a str,
    /// Whether conditional-order trigger protection is on.
    pub price_protect: bool,
    /// Price match mode.
    pub price_match: &'a str,
    /// Self-trade prevention mode.
    pub self_trade_prevention_mode: &'a str,
    /// Auto-cancel time of a `GTD` order, ms since epoch; `0` if none.
    pub good_till_date: u64,
}

/// Binance error body, e.g. `{"code":-2011,"msg":"Unknown order sent."}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ErrorBody<'a> {
    /// Error code (negative). Optional: third-party clients report 503
    /// bodies carrying only a message.
    pub code: Option<i64>,
    /// Human-readable message; borrowed unless it contains JSON escapes.
    #[serde(borrow)]
    pub msg: Cow<'a, str>,
}

/// What a failed REST call means for the order it was about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestErrorClass {
    /// Binance refused the request: no order was created, or the cancel
    /// changed nothing.
    Definitive,
    /// Cancel or query of an order Binance does not have open (`-2011`,
    /// `-2013`): already filled, canceled, expired, or never placed.
    UnknownOrder,
    /// The outcome is unknown: the order may exist. Reconcile (query by
    /// client order id, watch the stream) before acting again.
    InDoubt,
}

/// `-2011 CANCEL_REJECTED` ("Cancel request failure as open order not found
/// in the orderbook: Unknown order sent") and `-2013 NO_SUCH_ORDER` ("Order
/// does not exist").
const UNKNOWN_ORDER_CODES: [i64; 2] = [-2011, -2013];

/// Codes that leave the outcome unknown:
/// - `-1000 UNKNOWN` "An unknown error occured while processing the request."
/// - `-1001 DISCONNECTED` "Internal error; unable to process your request."
///   (general-info calls this message a failure when it comes with HTTP 503;
///   kept in doubt since the code itself promises nothing.)
/// - `-1006 UNEXPECTED_RESP` "… Execution status unknown."
/// - `-1007 TIMEOUT` "Timeout waiting for response from backend server. Send
///   status unknown; execution status unknown."
/// - `-4116 DUPLICATED_CLIENT_ORDER_ID`: this request was refused, but an
///   order with that client id exists (possibly an earlier in-doubt send).
const IN_DOUBT_CODES: [i64; 5] = [-1000, -1001, -1006, -1007, -4116];

/// Codes after which Binance did not create the order (or did not cancel):
/// authentication, rate limits, parameter and filter checks, margin and
/// position rules, and execution-rule rejections, all from the USDⓈ-M
/// error-code page. `-1008` is here because general-info documents it as
/// "System overload; 100% failure" ("Request throttled by system-level
/// protection").
const DEFINITIVE_CODES: &[i64] = &[
    // 10xx: auth, rate limits, throttling, message and time checks.
    -1002, -1003, -1008, -1013, -1014, -1015, -1016, -1020, -1021, -1022,
    // 11xx: request parameters (-1102 mandatory param, -1106 param not
    // required, -1111 precision, -1121 bad symbol, …).
    -1100, -1101, -1102, -1103, -1104, -1105, -1106, -1111, -1112, -1114, -1115, -1116, -1117,
    -1118, -1121, -1122, -1128, -1130, -1136,
    // 20xx: -2010 NEW_ORDER_REJECTED, -2018/-2019 balance/margin
    // insufficient, -2021 would immediately trigger, -2022 reduce-only, …
    -2010, -2014, -2015, -2018, -2019, -2020, -2021, -2022, -2023, -2024, -2025, -2026, -2027,
    -2028,
    // 40xx: price/qty filters (-4003 qty < 0, -4014 tick, -4023 step, -4164
    // min notional), -4061 position side mismatch, reduce-only rules, …
    -4001, -4002, -4003, -4004, -4005, -4006, -4007, -4013, -4014, -4015, -4016, -4023, -4024,
    -4045, -4060, -4061, -4062, -4087, -4088, -4118, -4120, -4131, -4135, -4137, -4138, -4140,
    -4141, -4142, -4164, -4183, -4184, -4192, -4400, -4401, -4402,
    // 50xx: -5021 FOK rejected, -5022 post-only (GTX) would take, -5028 ME
    // recvWindow, price match / STP / GTD parameter errors.
    -5021, -5022, -5028, -5037, -5038, -5039, -5040, -5041,
];

/// general-info, HTTP 503 variant A: "the API successfully sent the request
/// but not get a response within the timeout period. It is important to NOT
/// treat this as a failure operation; the execution status is UNKNOWN".
const UNKNOWN_EXECUTION_MSG: &str = "Unknown error, please check your request or try again later";

/// Classifies a failed REST call from its HTTP status and parsed error body
/// (`None` when the body was not a Binance error body, e.g. an HTML 502).
///
/// In order: unknown-order codes; in-doubt codes and the 503 "Unknown
/// error" message; definitive codes; then the HTTP status: other `4XX`
/// (except `408`, a backend timeout) are definitive ("malformed requests;
/// the issue is on the sender's side"), everything else (`5XX`, `408`,
/// unexpected statuses) is in doubt ("5XX … the issue is on Binance's
/// side").
#[must_use]
pub fn classify_rest_error(http_status: u16, body: Option<&ErrorBody<'_>>) -> RestErrorClass {
    let code = body.and_then(|b| b.code);
    let msg = body.map_or("", |b| b.msg.as_ref());
    match code {
        Some(c) if UNKNOWN_ORDER_CODES.contains(&c) => RestErrorClass::UnknownOrder,
        Some(c) if IN_DOUBT_CODES.contains(&c) => RestErrorClass::InDoubt,
        _ if msg.starts_with(UNKNOWN_EXECUTION_MSG) => RestErrorClass::InDoubt,
        Some(c) if DEFINITIVE_CODES.contains(&c) => RestErrorClass::Definitive,
        _ if (400..500).contains(&http_status) && http_status != 408 => RestErrorClass::Definitive,
        _ => RestErrorClass::InDoubt,
    }
}

/// A payload that could not be read. `field` / `near` is a JSON path such
/// as `$.o.i`; `line` and `column` (1-based line, byte column) are serde's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    /// Not JSON: syntax error, truncated input, or a number too large to
    /// represent (`1e400`).
    #[error("malformed JSON at line {line} column {column}, near `{near}`: {detail}")]
    Malformed {
        /// Path of the last key read before the error.
        near: String,
        /// serde_json's description.
        detail: String,
        /// Line of the error.
        line: usize,
        /// Column of the error.
        column: usize,
    },
    /// A required field is absent.
    #[error("missing field `{field}` at line {line} column {column}")]
    MissingField {
        /// Path of the absent field.
        field: String,
        /// Line of the end of the enclosing object.
        line: usize,
        /// Column of the end of the enclosing object.
        column: usize,
    },
    /// A field has the wrong JSON type or an out-of-range value (a string
    /// for a number, a negative or fractional id, an escaped string where a
    /// borrowed one is required).
    #[error("wrong type for field `{field}` at line {line} column {column}: {detail}")]
    WrongType {
        /// Path of the field.
        field: String,
        /// serde_json's description.
        detail: String,
        /// Line of the error.
        line: usize,
        /// Column of the error.
        column: usize,
    },
    /// An enumerated field (`x`, `X`, `status`) has a value not listed in
    /// [`ExecutionType`] / [`OrderStatus`].
    #[error("unknown value `{value}` for field `{field}` at line {line} column {column}")]
    UnknownValue {
        /// Path of the field.
        field: String,
        /// The value received.
        value: String,
        /// Line of the error.
        line: usize,
        /// Column of the error.
        column: usize,
    },
}

/// Parses one JSON document into a wire type, e.g. `parse::<OrderResponse>`
/// or `parse::<ErrorBody>` for a REST body.
///
/// # Errors
/// [`WireError`] naming the offending field's path and position.
pub fn parse<'a, T: Deserialize<'a>>(input: &'a str) -> Result<T, WireError> {
    serde_json::from_str(input).map_err(|err| WireError::new(input, &err))
}

impl WireError {
    /// Turns serde_json's error into a typed one, locating the field from
    /// the error position (serde_json itself does not report paths).
    fn new(input: &str, err: &serde_json::Error) -> Self {
        let (line, column) = (err.line(), err.column());
        let full = err.to_string();
        let suffix = format!(" at line {line} column {column}");
        let detail = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
        let path = json_path_at(input, byte_offset(input, line, column));
        let quoted = |prefix: &str| {
            detail
                .strip_prefix(prefix)
                .and_then(|rest| rest.split('`').next())
                .map(str::to_owned)
        };
        match err.classify() {
            Category::Data => {
                if let Some(name) = quoted("missing field `") {
                    Self::MissingField {
                        field: format!("{path}.{name}"),
                        line,
                        column,
                    }
                } else if let Some(value) = quoted("unknown variant `") {
                    Self::UnknownValue {
                        field: path,
                        value,
                        line,
                        column,
                    }
                } else {
                    Self::WrongType {
                        field: path,
                        detail,
                        line,
                        column,
                    }
                }
            }
            Category::Io | Category::Syntax | Category::Eof => Self::Malformed {
                near: path,
                detail,
                line,
                column,
            },
        }
    }
}

/// Byte offset of serde_json's (1-based line, byte column) position.
fn byte_offset(input: &str, line: usize, column: usize) -> usize {
    let line_start: usize = input
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    line_start.saturating_add(column).min(input.len())
}

/// Path (`$.o.i`) of the key whose value was being read at byte `offset`:
/// a minimal scan tracking strings (with escapes), nesting and `key:`.
/// serde_json reports an error just after the offending value, or just
/// after the `}` of an object that lacks a field.
fn json_path_at(input: &str, offset: usize) -> String {
    let bytes = input.as_bytes();
    let end = offset.min(bytes.len());
    // One entry per open object or array: the key being read in it.
    let mut keys: Vec<Option<&str>> = Vec::new();
    let mut last_string = None;
    let mut i = 0;
    while i < end {
        match bytes.get(i) {
            Some(b'"') => {
                let start = i + 1;
                i = start;
                while i < end && bytes.get(i) != Some(&b'"') {
                    i += if bytes.get(i) == Some(&b'\\') { 2 } else { 1 };
                }
                last_string = input.get(start..i.min(end));
            }
            Some(b':') => {
                if let Some(key) = keys.last_mut() {
                    *key = last_string;
                }
            }
            Some(b'{' | b'[') => keys.push(None),
            Some(b'}' | b']') => {
                keys.pop();
            }
            _ => {}
        }
        i += 1;
    }
    keys.into_iter()
        .flatten()
        .fold(String::from("$"), |path, key| path + "." + key)
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::*;

    const DOC: &str = include_str!("../tests/data/binance_doc_example.jsonl");
    const BASIC: &str = include_str!("../tests/data/session_basic.jsonl");
    const RACES: &str = include_str!("../tests/data/session_races.jsonl");
    const REST_NEW: &str = include_str!("../tests/data/rest_new_order.json");
    const REST_CANCEL: &str = include_str!("../tests/data/rest_cancel_order.json");
    const REST_QUERY: &str = include_str!("../tests/data/rest_query_order.json");
    const REST_UNKNOWN: &str = include_str!("../tests/data/rest_error_unknown_order.json");
    const REST_MARGIN: &str = include_str!("../tests/data/rest_error_margin_insufficient.json");
    const REST_TIMEOUT: &str = include_str!("../tests/data/rest_error_timeout.json");

    /// Binance's documented `POST /fapi/v1/order` response example.
    const DOC_NEW_ORDER: &str = r#"{"clientOrderId":"testOrder","cumQty":"0","cumQuote":"0","executedQty":"0","orderId":22542179,"avgPrice":"0.00000","origQty":"10","price":"0","reduceOnly":false,"side":"SELL","positionSide":"SHORT","status":"NEW","stopPrice":"0","closePosition":false,"symbol":"BTCUSDT","timeInForce":"GTD","type":"TRAILING_STOP_MARKET","origType":"TRAILING_STOP_MARKET","activatePrice":"9020","priceRate":"0.3","updateTime":1566818724722,"workingType":"CONTRACT_PRICE","priceProtect":false,"priceMatch":"NONE","selfTradePreventionMode":"NONE","goodTillDate":1693207680000}"#;
    /// Binance's documented cancel response example (no `avgPrice`).
    const DOC_CANCEL: &str = r#"{"clientOrderId":"myOrder1","cumQty":"0","cumQuote":"0","executedQty":"0","orderId":283194212,"origQty":"11","origType":"TRAILING_STOP_MARKET","price":"0","reduceOnly":false,"side":"BUY","positionSide":"SHORT","status":"CANCELED","stopPrice":"9300","closePosition":false,"symbol":"BTCUSDT","timeInForce":"GTC","type":"TRAILING_STOP_MARKET","activatePrice":"9020","priceRate":"0.3","updateTime":1571110484038,"workingType":"CONTRACT_PRICE","priceProtect":false,"priceMatch":"NONE","selfTradePreventionMode":"NONE","goodTillDate":0}"#;

    fn doc_line(n: usize) -> &'static str {
        DOC.lines().nth(n).unwrap()
    }

    fn otu(line: &str) -> OrderTradeUpdate<'_> {
        match UserDataEvent::parse(line).unwrap() {
            UserDataEvent::OrderTradeUpdate(update) => update,
            other => panic!("not an ORDER_TRADE_UPDATE: {other:?}"),
        }
    }

    /// The doc `ORDER_TRADE_UPDATE` with `from` replaced by `to`.
    fn doc_otu_with(from: &str, to: &str) -> String {
        assert!(doc_line(0).contains(from), "{from}");
        doc_line(0).replacen(from, to, 1)
    }

    /// The path a [`WireError`] names.
    fn field_of(err: &WireError) -> &str {
        match err {
            WireError::Malformed { near: f, .. }
            | WireError::MissingField { field: f, .. }
            | WireError::WrongType { field: f, .. }
            | WireError::UnknownValue { field: f, .. } => f,
        }
    }

    const ONE: i128 = 1_000_000_000_000;

    /// Test-only exact decimal: the value times 10^12.
    fn fixed(s: &str) -> i128 {
        let (neg, s) = s.strip_prefix('-').map_or((false, s), |rest| (true, rest));
        let (int, frac) = s.split_once('.').unwrap_or((s, ""));
        assert!(frac.len() <= 12, "{s}");
        let value: i128 = format!("{int}{frac:0<12}").parse().unwrap();
        if neg { -value } else { value }
    }

    /// Whether `printed` is `num / den` (in units of 10^-12) rounded to the
    /// number of decimals `printed` has.
    fn rounds_to(printed: &str, num: i128, den: i128) -> bool {
        let decimals = printed.split_once('.').map_or(0, |(_, f)| f.len());
        (fixed(printed) * den - num).abs() * 2 * 10_i128.pow(decimals as u32) <= den * ONE
    }

    /// `PMS{8 chars of sub-account}_{CODE}_{12 lowercase hex}`, at most 36 chars.
    fn is_our_client_id(id: &str) -> bool {
        const CODES: [&str; 7] = ["MAN", "CHS", "SCL", "TWP", "TRL", "SRF", "BSK"];
        let parts: Vec<&str> = id.strip_prefix("PMS").unwrap_or("").split('_').collect();
        id.len() <= 36
            && matches!(parts.as_slice(), [sub, code, hex]
                if sub.len() == 8
                    && sub.bytes().all(|b| b.is_ascii_alphanumeric())
                    && CODES.contains(code)
                    && hex.len() == 12
                    && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
    }

    #[test]
    fn doc_example_order_trade_update_every_field() {
        let expected = OrderTradeUpdate {
            event_time_ms: 1_568_879_465_651,
            transaction_time_ms: 1_568_879_465_650,
            order: OrderUpdate {
                symbol: "BTCUSDT",
                client_order_id: "TEST",
                side: "SELL",
                order_type: "TRAILING_STOP_MARKET",
                time_in_force: "GTC",
                orig_qty: "0.001",
                orig_price: "0",
                avg_price: "0",
                stop_price: "7103.04",
                execution_type: ExecutionType::New,
                order_status: OrderStatus::New,
                order_id: 8_886_774,
                last_filled_qty: "0",
                cum_filled_qty: "0",
                last_filled_price: "0",
                commission_asset: Some("USDT"),
                commission: Some("0"),
                trade_time_ms: 1_568_879_465_650,
                trade_id: 0,
                bids_notional: "0",
                asks_notional: "9.91",
                is_maker: false,
                reduce_only: false,
                working_type: "CONTRACT_PRICE",
                orig_order_type: "TRAILING_STOP_MARKET",
                position_side: "LONG",
                close_position: Some(false),
                activation_price: Some("7476.89"),
                callback_rate: Some("5.0"),
                price_protect: false,
                strategy_id: 0,
                strategy_status: 0,
                realized_profit: "0",
                self_trade_prevention_mode: "EXPIRE_TAKER",
                price_match: "OPPONENT",
                good_till_date_ms: 0,
                expiry_reason: Some("0"),
            },
        };
        assert_eq!(otu(doc_line(0)), expected);
    }

    #[test]
    fn doc_example_trade_lite_every_field() {
        let expected = TradeLite {
            event_time_ms: 1_721_895_408_092,
            transaction_time_ms: 1_721_895_408_214,
            symbol: "BTCUSDT",
            orig_qty: "0.001",
            orig_price: "0",
            is_maker: false,
            client_order_id: "z8hcUoOsqEdKMeKPSABslD",
            side: "BUY",
            last_filled_price: "64089.20",
            last_filled_qty: "0.040",
            trade_id: 109_100_866,
            order_id: 8_886_774,
        };
        assert_eq!(
            UserDataEvent::parse(doc_line(1)),
            Ok(UserDataEvent::TradeLite(expected))
        );
    }

    #[test]
    fn doc_example_new_order_response_every_field() {
        let expected = OrderResponse {
            client_order_id: "testOrder",
            cum_qty: Some("0"),
            cum_quote: "0",
            executed_qty: "0",
            order_id: 22_542_179,
            avg_price: Some("0.00000"),
            orig_qty: "10",
            price: "0",
            reduce_only: false,
            side: "SELL",
            position_side: "SHORT",
            status: OrderStatus::New,
            stop_price: "0",
            close_position: false,
            symbol: "BTCUSDT",
            time_in_force: "GTD",
            order_type: "TRAILING_STOP_MARKET",
            orig_type: "TRAILING_STOP_MARKET",
            activate_price: Some("9020"),
            price_rate: Some("0.3"),
            time: None,
            update_time: 1_566_818_724_722,
            working_type: "CONTRACT_PRICE",
            price_protect: false,
            price_match: "NONE",
            self_trade_prevention_mode: "NONE",
            good_till_date: 1_693_207_680_000,
        };
        assert_eq!(parse::<OrderResponse<'_>>(DOC_NEW_ORDER), Ok(expected));
    }

    #[test]
    fn doc_example_cancel_response_has_no_avg_price() {
        let cancel: OrderResponse<'_> = parse(DOC_CANCEL).unwrap();
        assert_eq!(cancel.status, OrderStatus::Canceled);
        assert_eq!(
            (cancel.avg_price, cancel.time, cancel.cum_qty),
            (None, None, Some("0"))
        );
        assert_eq!(cancel.order_id, 283_194_212);
    }

    #[test]
    fn every_execution_type() {
        for (text, want) in [
            ("NEW", ExecutionType::New),
            ("CANCELED", ExecutionType::Canceled),
            ("CALCULATED", ExecutionType::Calculated),
            ("EXPIRED", ExecutionType::Expired),
            ("TRADE", ExecutionType::Trade),
            ("AMENDMENT", ExecutionType::Amendment),
        ] {
            let line = doc_otu_with(r#""x":"NEW""#, &format!(r#""x":"{text}""#));
            assert_eq!(otu(&line).order.execution_type, want, "{text}");
        }
    }

    #[test]
    fn every_order_status() {
        for (text, want) in [
            ("NEW", OrderStatus::New),
            ("PARTIALLY_FILLED", OrderStatus::PartiallyFilled),
            ("FILLED", OrderStatus::Filled),
            ("CANCELED", OrderStatus::Canceled),
            ("EXPIRED", OrderStatus::Expired),
            ("EXPIRED_IN_MATCH", OrderStatus::ExpiredInMatch),
            ("REJECTED", OrderStatus::Rejected),
        ] {
            let line = doc_otu_with(r#""X":"NEW""#, &format!(r#""X":"{text}""#));
            assert_eq!(otu(&line).order.order_status, want, "{text}");
            let body =
                DOC_NEW_ORDER.replacen(r#""status":"NEW""#, &format!(r#""status":"{text}""#), 1);
            assert_eq!(
                parse::<OrderResponse<'_>>(&body).unwrap().status,
                want,
                "{text}"
            );
        }
    }

    #[test]
    fn unknown_enum_values_name_field_and_value() {
        let cases = [
            (
                doc_otu_with(r#""x":"NEW""#, r#""x":"REPLACED""#),
                "$.o.x",
                "REPLACED",
            ),
            (
                doc_otu_with(r#""X":"NEW""#, r#""X":"PENDING_CANCEL""#),
                "$.o.X",
                "PENDING_CANCEL",
            ),
            (doc_otu_with(r#""X":"NEW""#, r#""X":"new""#), "$.o.X", "new"),
        ];
        for (line, path, bad) in &cases {
            let err = UserDataEvent::parse(line).unwrap_err();
            assert!(
                matches!(&err, WireError::UnknownValue { field, value, line: 1, .. }
                    if field == path && value == bad),
                "{err:?}"
            );
            assert!(
                err.to_string()
                    .contains(&format!("`{bad}` for field `{path}` at line 1 column"))
            );
        }
        let body = DOC_NEW_ORDER.replacen(r#""status":"NEW""#, r#""status":"TRIGGERED""#, 1);
        let err = parse::<OrderResponse<'_>>(&body).unwrap_err();
        assert!(
            matches!(&err, WireError::UnknownValue { field, value, .. }
            if field == "$.status" && value == "TRIGGERED"),
            "{err:?}"
        );
    }

    #[test]
    fn missing_fields_are_named_with_their_path() {
        let cases = [
            (doc_otu_with(r#""i":8886774,"#, ""), "$.o.i"),
            (doc_otu_with(r#""x":"NEW","#, ""), "$.o.x"),
            (doc_otu_with(r#""E":1568879465651,"#, ""), "$.E"),
            (doc_otu_with(r#""e":"ORDER_TRADE_UPDATE","#, ""), "$.e"),
            (doc_line(1).replacen(r#""t":109100866,"#, "", 1), "$.t"),
        ];
        for (line, path) in &cases {
            let err = UserDataEvent::parse(line).unwrap_err();
            assert!(
                matches!(&err, WireError::MissingField { field, .. } if field == path),
                "{err:?}"
            );
            let text = err.to_string();
            assert!(
                text.starts_with(&format!("missing field `{path}` at line 1 column ")),
                "{text}"
            );
        }
        let body = DOC_NEW_ORDER.replacen(r#""orderId":22542179,"#, "", 1);
        let err = parse::<OrderResponse<'_>>(&body).unwrap_err();
        assert_eq!(field_of(&err), "$.orderId");
    }

    #[test]
    fn optional_fields_may_be_absent() {
        let mut line = doc_line(0).to_owned();
        for field in [
            r#""N":"USDT","#,
            r#""n":"0","#,
            r#""cp":false,"#,
            r#""AP":"7476.89","#,
            r#""cr":"5.0","#,
            r#","er":"0""#,
        ] {
            line = line.replacen(field, "", 1);
        }
        let order = otu(&line).order;
        assert_eq!(
            (
                order.commission_asset,
                order.commission,
                order.close_position
            ),
            (None, None, None)
        );
        assert_eq!(
            (
                order.activation_price,
                order.callback_rate,
                order.expiry_reason
            ),
            (None, None, None)
        );
        let null_commission = doc_otu_with(r#""n":"0""#, r#""n":null"#);
        assert_eq!(otu(&null_commission).order.commission, None);
    }

    #[test]
    fn wrong_types_are_named() {
        let cases = [
            (doc_otu_with(r#""i":8886774"#, r#""i":"8886774""#), "$.o.i"),
            (doc_otu_with(r#""m":false"#, r#""m":"false""#), "$.o.m"),
            (doc_otu_with(r#""q":"0.001""#, r#""q":0.001"#), "$.o.q"),
            (doc_otu_with(r#""x":"NEW""#, r#""x":5"#), "$.o.x"),
            (
                doc_otu_with(r#""N":"USDT""#, r#""N":{"asset":"USDT"}"#),
                "$.o.N",
            ),
            (
                doc_otu_with(r#""E":1568879465651"#, r#""E":"1568879465651""#),
                "$.E",
            ),
            (
                doc_line(0).replacen(r#""o":{"#, r#""o":"x","ignored":{"#, 1),
                "$.o",
            ),
        ];
        for (line, path) in &cases {
            let err = UserDataEvent::parse(line).unwrap_err();
            assert!(
                matches!(&err, WireError::WrongType { field, .. } if field == path),
                "{err:?}"
            );
            assert!(
                err.to_string()
                    .starts_with(&format!("wrong type for field `{path}` at line 1"))
            );
        }
    }

    #[test]
    fn absurd_numbers_are_errors() {
        for (from, to, path) in [
            (r#""i":8886774"#, r#""i":1e400"#, "$.o.i"),
            (r#""i":8886774"#, r#""i":-8886774"#, "$.o.i"),
            (r#""i":8886774"#, r#""i":18446744073709551616"#, "$.o.i"),
            (r#""i":8886774"#, r#""i":8886774.5"#, "$.o.i"),
            (r#""i":8886774"#, r#""i":1e3"#, "$.o.i"),
            (r#""t":0"#, r#""t":-1"#, "$.o.t"),
            (r#""gtd":0"#, r#""gtd":-5"#, "$.o.gtd"),
            (
                r#""T":1568879465650,"o""#,
                r#""T":-1568879465650,"o""#,
                "$.T",
            ),
        ] {
            let err = UserDataEvent::parse(&doc_otu_with(from, to)).unwrap_err();
            assert_eq!(field_of(&err), path, "{to}: {err}");
        }
        let err =
            UserDataEvent::parse(&doc_otu_with(r#""i":8886774"#, r#""i":1e400"#)).unwrap_err();
        assert!(matches!(err, WireError::Malformed { .. }), "{err:?}");
        let err = UserDataEvent::parse(&doc_otu_with(r#""i":8886774"#, r#""i":-1"#)).unwrap_err();
        assert!(
            err.to_string()
                .contains("invalid value: integer `-1`, expected u64"),
            "{err}"
        );
    }

    #[test]
    fn malformed_json_reports_position() {
        let line = doc_line(0);
        let truncated = line.get(..200).unwrap();
        let err = UserDataEvent::parse(truncated).unwrap_err();
        assert!(
            matches!(
                &err,
                WireError::Malformed {
                    line: 1,
                    column: 200,
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(field_of(&err).starts_with("$.o."), "{err}");
        assert!(err.to_string().contains("EOF while parsing"), "{err}");
        for bad in [
            "",
            "not json",
            "{\"e\":\"ORDER_TRADE_UPDATE\"} trailing",
            "{'e':'TRADE_LITE'}",
        ] {
            let err = UserDataEvent::parse(bad).unwrap_err();
            assert!(matches!(err, WireError::Malformed { .. }), "{bad}: {err:?}");
        }
        let err = UserDataEvent::parse("[1,2]").unwrap_err();
        assert!(
            matches!(&err, WireError::WrongType { field, .. } if field == "$"),
            "{err:?}"
        );
    }

    #[test]
    fn multi_line_bodies_report_line_and_column() {
        let body = "{\n  \"code\": \"-2011\",\n  \"msg\": \"Unknown order sent.\"\n}";
        let err = parse::<ErrorBody<'_>>(body).unwrap_err();
        assert_eq!(
            err,
            WireError::WrongType {
                field: "$.code".to_owned(),
                detail: "invalid type: string \"-2011\", expected i64".to_owned(),
                line: 2,
                column: 17,
            }
        );
        let body = "{\n  \"code\": -2011\n}";
        let err = parse::<ErrorBody<'_>>(body).unwrap_err();
        assert!(
            matches!(&err, WireError::MissingField { field, line: 3, .. } if field == "$.msg"),
            "{err:?}"
        );
    }

    #[test]
    fn other_event_types_are_skipped_not_failed() {
        for (line, want) in [
            (
                r#"{"e":"ACCOUNT_UPDATE","E":1564745798939,"T":1564745798938,"a":{"m":"ORDER","B":[],"P":[]}}"#,
                "ACCOUNT_UPDATE",
            ),
            (
                r#"{"e":"MARGIN_CALL","E":1587727187525,"cw":"3.16812045","p":[{"s":"ETHUSDT","ps":"LONG","pa":"1.327","mt":"CROSSED","iw":"0","mp":"187.17127","up":"-1.166074","mm":"1.614445"}]}"#,
                "MARGIN_CALL",
            ),
            (
                r#"{"e":"ACCOUNT_CONFIG_UPDATE","E":1611646737479,"T":1611646737476,"ac":{"s":"BTCUSDT","l":25}}"#,
                "ACCOUNT_CONFIG_UPDATE",
            ),
            (
                r#"{"e":"listenKeyExpired","E":"1736996475556","listenKey":"WsCMN0a4KHUPTQuX6IUnqEZfB1inxmv1qR4kbf1LuEjur5VdbzqvyxqG9TSjVVxv"}"#,
                "listenKeyExpired",
            ),
        ] {
            assert_eq!(
                UserDataEvent::parse(line),
                Ok(UserDataEvent::Other { event_type: want })
            );
        }
    }

    #[test]
    fn escaped_strings_cannot_be_borrowed() {
        let line = doc_otu_with(r#""c":"TEST""#, r#""c":"TE\/ST""#);
        let err = UserDataEvent::parse(&line).unwrap_err();
        assert!(
            matches!(&err, WireError::WrongType { field, .. } if field == "$.o.c"),
            "{err:?}"
        );
        let body: ErrorBody<'_> =
            parse(r#"{"code":-1102,"msg":"Param \"symbol\" missing."}"#).unwrap();
        assert_eq!(body.msg, "Param \"symbol\" missing.");
        assert!(matches!(body.msg, Cow::Owned(_)));
        let body: ErrorBody<'_> = parse(REST_UNKNOWN).unwrap();
        assert!(matches!(body.msg, Cow::Borrowed("Unknown order sent.")));
    }

    #[test]
    fn session_basic_is_self_consistent() {
        let mut totals: HashMap<(&str, u64), (i128, i128)> = HashMap::new();
        let mut last_time = 0;
        let mut seen = HashSet::new();
        for line in BASIC.lines() {
            let update = otu(line);
            let o = &update.order;
            assert!(update.event_time_ms > update.transaction_time_ms, "{line}");
            assert!(update.transaction_time_ms >= last_time, "{line}");
            assert_eq!(update.transaction_time_ms, o.trade_time_ms);
            last_time = update.transaction_time_ms;
            assert!(is_our_client_id(o.client_order_id), "{}", o.client_order_id);
            let (qty, quote) = totals.entry((o.symbol, o.order_id)).or_default();
            let last_qty = fixed(o.last_filled_qty);
            if o.execution_type == ExecutionType::Trade {
                let notional = last_qty * fixed(o.last_filled_price);
                *qty += last_qty;
                *quote += notional;
                let rate = if o.is_maker { 2 } else { 5 };
                assert!(
                    rounds_to(o.commission.unwrap(), notional * rate, 10_000 * ONE),
                    "{line}"
                );
                assert!(o.trade_id > 0);
            } else {
                assert_eq!(
                    (last_qty, o.trade_id, o.last_filled_price),
                    (0, 0, "0"),
                    "{line}"
                );
            }
            assert_eq!(fixed(o.cum_filled_qty), *qty, "{line}");
            assert!(*qty == 0 || rounds_to(o.avg_price, *quote, *qty), "{line}");
            let filled = *qty == fixed(o.orig_qty);
            assert_eq!(o.order_status == OrderStatus::Filled, filled, "{line}");
            seen.insert((o.symbol, o.execution_type, o.order_status, o.expiry_reason));
        }
        for symbol in ["BTCUSDT", "ETHUSDT", "1000PEPEUSDT"] {
            assert!(seen.iter().any(|s| s.0 == symbol));
        }
        assert!(seen.iter().any(|s| s.1 == ExecutionType::Canceled));
        assert!(
            seen.iter()
                .any(|s| (s.1, s.3) == (ExecutionType::Expired, Some("2")))
        );
    }

    #[test]
    fn session_races_parse_and_hold_together() {
        let mut fills = HashMap::new();
        let mut max_cum: HashMap<(&str, u64), i128> = HashMap::new();
        let (mut lites, mut others, mut errors, mut foreign) = (vec![], vec![], vec![], vec![]);
        for line in RACES.lines() {
            match UserDataEvent::parse(line) {
                Ok(UserDataEvent::OrderTradeUpdate(update)) => {
                    let o = update.order;
                    if o.trade_id != 0 {
                        let fill = (
                            o.order_id,
                            o.client_order_id,
                            o.last_filled_qty,
                            o.last_filled_price,
                        );
                        let previous = fills.insert((o.symbol, o.trade_id), fill);
                        assert!(previous.is_none_or(|p| p == fill), "{line}");
                    }
                    let cum = max_cum.entry((o.symbol, o.order_id)).or_default();
                    *cum = (*cum).max(fixed(o.cum_filled_qty));
                    if !is_our_client_id(o.client_order_id) {
                        foreign.push((o.client_order_id, o.execution_type));
                    }
                }
                Ok(UserDataEvent::TradeLite(lite)) => lites.push(lite),
                Ok(UserDataEvent::Other { event_type }) => others.push(event_type),
                Err(err) => errors.push(err),
            }
        }
        for (&(symbol, order_id), &cum) in &max_cum {
            let sum: i128 = fills
                .iter()
                .filter(|((s, _), (id, ..))| *s == symbol && *id == order_id)
                .map(|(_, (_, _, qty, _))| fixed(qty))
                .sum();
            assert_eq!(sum, cum, "{symbol} {order_id}");
        }
        assert_eq!(lites.len(), 5);
        for lite in &lites {
            let twin = (
                lite.order_id,
                lite.client_order_id,
                lite.last_filled_qty,
                lite.last_filled_price,
            );
            assert_eq!(fills.get(&(lite.symbol, lite.trade_id)), Some(&twin));
        }
        assert_eq!(others, ["ACCOUNT_UPDATE", "listenKeyExpired"]);
        assert!(foreign.contains(&("autoclose-1764000000123", ExecutionType::Calculated)));
        assert!(foreign.contains(&("adl_autoclose", ExecutionType::Calculated)));
        assert!(foreign.iter().any(|f| f.0.starts_with("web_")));
        assert!(foreign.iter().any(|f| f.0.starts_with("x-")));
        assert!(
            matches!(errors.as_slice(), [WireError::Malformed { .. }, WireError::MissingField { field, .. }]
                if field == "$.o.i"),
            "{errors:?}"
        );
        let lines: Vec<&str> = RACES.lines().collect();
        assert!(
            lines.windows(2).any(|w| w.first() == w.get(1)),
            "no duplicated line"
        );
    }

    #[test]
    fn rest_sample_files() {
        let new: OrderResponse<'_> = parse(REST_NEW).unwrap();
        assert_eq!(
            (new.status, new.order_id, new.cum_qty, new.time),
            (OrderStatus::New, 731_245_800_777, Some("0"), None)
        );
        assert!(is_our_client_id(new.client_order_id));
        let cancel: OrderResponse<'_> = parse(REST_CANCEL).unwrap();
        assert_eq!(
            (cancel.status, cancel.time_in_force),
            (OrderStatus::Canceled, "GTX")
        );
        let query: OrderResponse<'_> = parse(REST_QUERY).unwrap();
        assert_eq!(query.status, OrderStatus::Filled);
        assert_eq!((query.cum_qty, query.time), (None, Some(1_764_000_000_012)));
        assert!(rounds_to(
            query.avg_price.unwrap(),
            fixed(query.cum_quote) * ONE,
            fixed(query.executed_qty)
        ));
        for (body, status, want) in [
            (REST_UNKNOWN, 400, RestErrorClass::UnknownOrder),
            (REST_MARGIN, 400, RestErrorClass::Definitive),
            (REST_TIMEOUT, 408, RestErrorClass::InDoubt),
            (REST_TIMEOUT, 503, RestErrorClass::InDoubt),
        ] {
            let error: ErrorBody<'_> = parse(body).unwrap();
            assert_eq!(classify_rest_error(status, Some(&error)), want, "{body}");
        }
    }

    #[test]
    fn rest_error_classification() {
        let body = |code: Option<i64>, msg: &'static str| ErrorBody {
            code,
            msg: Cow::Borrowed(msg),
        };
        for code in [-2011, -2013] {
            assert_eq!(
                classify_rest_error(400, Some(&body(Some(code), "x"))),
                RestErrorClass::UnknownOrder
            );
        }
        for code in [-1000, -1001, -1006, -1007, -4116] {
            for status in [400, 408, 500, 503] {
                let class = classify_rest_error(status, Some(&body(Some(code), "x")));
                assert_eq!(class, RestErrorClass::InDoubt, "{code} {status}");
            }
        }
        for code in [
            -1002, -1003, -1008, -1013, -1021, -1022, -1102, -1106, -1111, -1121, -2010, -2019,
            -2021, -2022, -4003, -4014, -4061, -4164, -5021, -5022,
        ] {
            for status in [400, 429, 503] {
                let class = classify_rest_error(status, Some(&body(Some(code), "x")));
                assert_eq!(class, RestErrorClass::Definitive, "{code} {status}");
            }
        }
        let unknown_execution = body(
            None,
            "Unknown error, please check your request or try again later.",
        );
        assert_eq!(
            classify_rest_error(503, Some(&unknown_execution)),
            RestErrorClass::InDoubt
        );
        let unknown_execution = body(
            Some(-1003),
            "Unknown error, please check your request or try again later.",
        );
        assert_eq!(
            classify_rest_error(503, Some(&unknown_execution)),
            RestErrorClass::InDoubt
        );
        for status in [500, 502, 503, 504, 408, 200] {
            assert_eq!(
                classify_rest_error(status, None),
                RestErrorClass::InDoubt,
                "{status}"
            );
        }
        for status in [400, 401, 403, 404, 418, 429] {
            assert_eq!(
                classify_rest_error(status, None),
                RestErrorClass::Definitive,
                "{status}"
            );
            let unlisted = body(Some(-9999), "new code");
            assert_eq!(
                classify_rest_error(status, Some(&unlisted)),
                RestErrorClass::Definitive
            );
        }
        let unlisted = body(Some(-9999), "new code");
        assert_eq!(
            classify_rest_error(502, Some(&unlisted)),
            RestErrorClass::InDoubt
        );
    }

    #[test]
    fn code_lists_are_disjoint() {
        for code in DEFINITIVE_CODES {
            assert!(
                !UNKNOWN_ORDER_CODES.contains(code) && !IN_DOUBT_CODES.contains(code),
                "{code}"
            );
        }
        assert!(
            IN_DOUBT_CODES
                .iter()
                .all(|c| !UNKNOWN_ORDER_CODES.contains(c))
        );
        let unique: HashSet<_> = DEFINITIVE_CODES.iter().collect();
        assert_eq!(unique.len(), DEFINITIVE_CODES.len());
    }
}
