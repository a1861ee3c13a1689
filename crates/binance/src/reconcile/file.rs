//! The reconciliation file: the answers an engine fetched for one
//! reconnect, as one JSON document, so that a recorded reconnect can be
//! replayed (`replay --reconcile FILE`) and checked.
//!
//! ```json
//! {
//!   "after_line": 12,
//!   "now": 1764000100000,
//!   "recv_window_ms": 5000,
//!   "answers": [
//!     {"request": "/fapi/v1/openOrders?symbol=BTCUSDT", "status": 200, "body": []},
//!     {"request": "/fapi/v1/order?symbol=BTCUSDT&orderId=4000000001", "status": 200, "body": {"orderId": 4000000001, "…": "…"}},
//!     {"request": "/fapi/v1/userTrades?symbol=BTCUSDT&orderId=4000000001", "status": 200, "body": [{"id": 7, "…": "…"}]},
//!     {"request": "/fapi/v1/algoOrder?clientAlgoId=PMS…&symbol=BTCUSDT", "status": 400, "body": {"code": -2013, "msg": "Order does not exist."}}
//!   ]
//! }
//! ```
//!
//! - `after_line` (optional): the replay reconciles after this many stream
//!   lines (the reconnect's place in the recording); absent, after the last.
//! - `now`: the clock of the reconciliation (ms), for the `recvWindow` rule.
//! - `recv_window_ms` (optional): [`super::DEFAULT_RECV_WINDOW_MS`] when absent.
//! - `answers`: each request as its path and query ([`super::Fetch::path`],
//!   [`super::Fetch::query`]; a `GET /fapi/v1/algoOrder` adds
//!   `&symbol=…`, the symbol its order is on), the HTTP status, and the body
//!   as received (JSON as it is, any other body as a JSON string).

use ordertrack::{ClientOrderId, ExchangeOrderId, Symbol};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::{DEFAULT_RECV_WINDOW_MS, Fetch, OrderId, Snapshot};

/// A reconciliation file, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReconcileFile {
    /// After how many stream lines to reconcile; `None`: after the last.
    pub after_line: Option<u64>,
    /// The reconciliation's clock (ms).
    pub now: u64,
    /// The `recvWindow` (ms).
    pub recv_window_ms: u64,
    /// The answers.
    pub snapshot: Snapshot,
}

/// Why a reconciliation file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    /// Not JSON of the file's shape.
    #[error("the reconciliation file is not of the documented shape: {0}")]
    Json(String),
    /// An answer's `request` names no request the reconciliation uses.
    #[error("answers[{index}].request {request:?}: {rule}")]
    Request {
        /// The answer's position.
        index: usize,
        /// The request as written (at most 64 bytes).
        request: String,
        /// The rule it breaks.
        rule: String,
    },
}

#[derive(Deserialize, Serialize)]
struct FileShape<'a> {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    after_line: Option<u64>,
    now: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    recv_window_ms: Option<u64>,
    #[serde(borrow)]
    answers: Vec<AnswerShape<'a>>,
}

#[derive(Deserialize, Serialize)]
struct AnswerShape<'a> {
    request: String,
    status: u16,
    #[serde(borrow)]
    body: &'a RawValue,
}

impl ReconcileFile {
    /// Reads a reconciliation file.
    ///
    /// # Errors
    /// [`FileError`] naming the answer and the rule; nothing is read then.
    pub fn parse(text: &str) -> Result<Self, FileError> {
        let shape: FileShape<'_> =
            serde_json::from_str(text).map_err(|e| FileError::Json(e.to_string()))?;
        let mut snapshot = Snapshot::new();
        for (index, answer) in shape.answers.iter().enumerate() {
            let fetch = parse_request(&answer.request).map_err(|rule| FileError::Request {
                index,
                request: ordertrack::clip(&answer.request, 64).to_owned(),
                rule,
            })?;
            let raw = answer.body.get();
            // A JSON string is a body that was not JSON: its text.
            let body = serde_json::from_str::<String>(raw).unwrap_or_else(|_| raw.to_owned());
            snapshot.insert(fetch, answer.status, body);
        }
        Ok(Self {
            after_line: shape.after_line,
            now: shape.now,
            recv_window_ms: shape.recv_window_ms.unwrap_or(DEFAULT_RECV_WINDOW_MS),
            snapshot,
        })
    }

    /// The file's text (answers in the snapshot's order).
    ///
    /// # Errors
    /// [`FileError::Json`] if serde_json cannot write it.
    pub fn render(&self) -> Result<String, FileError> {
        let json = |e: serde_json::Error| FileError::Json(e.to_string());
        let bodies: Vec<(String, u16, Box<RawValue>)> = self
            .snapshot
            .iter()
            .map(|(fetch, answer)| {
                let body = RawValue::from_string(answer.body.clone())
                    .or_else(|_| {
                        serde_json::to_string(&answer.body).and_then(RawValue::from_string)
                    })
                    .map_err(json)?;
                Ok((request_text(fetch), answer.http_status, body))
            })
            .collect::<Result<_, FileError>>()?;
        let shape = FileShape {
            after_line: self.after_line,
            now: self.now,
            recv_window_ms: Some(self.recv_window_ms),
            answers: bodies
                .iter()
                .map(|(request, status, body)| AnswerShape {
                    request: request.clone(),
                    status: *status,
                    body,
                })
                .collect(),
        };
        serde_json::to_string_pretty(&shape).map_err(json)
    }
}

/// A request as the file writes it: path and query, plus `&symbol=…` for
/// an algo order query.
#[must_use]
pub fn request_text(fetch: &Fetch) -> String {
    match fetch {
        Fetch::AlgoOrder { symbol, .. } => {
            format!("{}?{}&symbol={symbol}", fetch.path(), fetch.query())
        }
        _ => format!("{}?{}", fetch.path(), fetch.query()),
    }
}

/// The request a file's `request` names.
fn parse_request(text: &str) -> Result<Fetch, String> {
    let text = text.strip_prefix("GET ").unwrap_or(text);
    let (path, query) = text.split_once('?').unwrap_or((text, ""));
    let param = |name: &str| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
    };
    let symbol = || {
        let value = param("symbol").ok_or("the parameter `symbol` is required")?;
        Symbol::new(value).map_err(|e| format!("parameter `symbol`: {e}"))
    };
    let client = |name: &str| {
        let value = param(name).ok_or(format!("the parameter `{name}` is required"))?;
        ClientOrderId::new(value).map_err(|e| format!("parameter `{name}`: {e}"))
    };
    let order_id = || {
        let value = param("orderId").ok_or("the parameter `orderId` is required")?;
        value
            .parse::<u64>()
            .map(ExchangeOrderId)
            .map_err(|_| format!("parameter `orderId`: {value:?} is not an order id"))
    };
    match path {
        "/fapi/v1/openOrders" => Ok(Fetch::OpenOrders { symbol: symbol()? }),
        "/fapi/v1/openAlgoOrders" => Ok(Fetch::OpenAlgoOrders { symbol: symbol()? }),
        "/fapi/v1/order" => Ok(Fetch::Order {
            symbol: symbol()?,
            order: match param("orderId") {
                Some(_) => OrderId::Exchange(order_id()?),
                None => OrderId::Client(client("origClientOrderId")?),
            },
        }),
        "/fapi/v1/algoOrder" => Ok(Fetch::AlgoOrder {
            symbol: symbol()?,
            client_id: client("clientAlgoId")?,
        }),
        "/fapi/v1/userTrades" => Ok(Fetch::UserTrades {
            symbol: symbol()?,
            exchange_id: order_id()?,
        }),
        _ => Err("the path must be one of /fapi/v1/openOrders, /fapi/v1/openAlgoOrders, /fapi/v1/order, /fapi/v1/algoOrder, /fapi/v1/userTrades".to_owned()),
    }
}
