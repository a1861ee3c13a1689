//! `ALGO_UPDATE`: the algo service's event about a conditional order, as a
//! borrowed view of the fields the tracker uses, and its report.

use ordertrack::{AlgoId, ExecutionReport, OrderTerms};
use serde::Deserialize;

use crate::convert::{self, ConvertError};
use crate::wire::algo::{ActualOrderId, WireAlgoStatus};
use crate::wire::value::{Id, Millis, Text};

/// `ALGO_UPDATE` event: `{"e":"ALGO_UPDATE","T",…,"o":{…}}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AlgoUpdate<'a> {
    /// `T`: transaction time, ms since epoch. (Binance's page labels `T`
    /// "Event Time" and `E` "Transaction Time", the reverse of every other
    /// event; the values — `T` before `E` — are those of the other events.)
    #[serde(rename = "T")]
    pub transaction_time_ms: Millis,
    /// `o`: the conditional order.
    #[serde(rename = "o", borrow)]
    pub order: AlgoOrderUpdate<'a>,
}

/// The `o` object of an `ALGO_UPDATE`: the fields the tracker uses.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AlgoOrderUpdate<'a> {
    /// `caid`: the client algo id (the engine's client order id).
    #[serde(rename = "caid", borrow)]
    pub client_algo_id: Text<'a>,
    /// `aid`: the algo id, a number or a string (up to about 10¹⁵ and beyond).
    #[serde(rename = "aid")]
    pub algo_id: Id,
    /// `o`: the conditional order's type (`STOP_MARKET`, `TAKE_PROFIT`, …).
    #[serde(rename = "o", borrow)]
    pub order_type: Text<'a>,
    /// `s`: symbol.
    #[serde(rename = "s", borrow)]
    pub symbol: Text<'a>,
    /// `S`: side, `BUY` or `SELL`.
    #[serde(rename = "S", borrow)]
    pub side: Text<'a>,
    /// `q`: quantity (`"0"` for a close-position order).
    #[serde(rename = "q", borrow)]
    pub quantity: Text<'a>,
    /// `p`: limit price (`"0"` for the market types).
    #[serde(rename = "p", borrow)]
    pub price: Text<'a>,
    /// `X`: the algo status.
    #[serde(rename = "X")]
    pub status: WireAlgoStatus,
    /// `ai`: the matching-engine order it triggered into (`""` before);
    /// absent: none yet.
    #[serde(rename = "ai", default)]
    pub actual_order_id: Option<ActualOrderId>,
    /// `aq`: the triggered order's executed quantity; absent (a
    /// `TRIGGERING`) or `""`: not stated.
    #[serde(rename = "aq", borrow, default)]
    pub executed_qty: Option<Text<'a>>,
    /// `tp`: the trigger price (`""` or `"0"`: none, as for a trailing stop
    /// without an activation price).
    #[serde(rename = "tp", borrow, default)]
    pub trigger_price: Option<Text<'a>>,
    /// `wt`: the price the trigger watches (`MARK_PRICE`, `CONTRACT_PRICE`).
    #[serde(rename = "wt", borrow, default)]
    pub working_type: Option<Text<'a>>,
    /// `R`: reduce-only.
    #[serde(rename = "R", default)]
    pub reduce_only: Option<bool>,
    /// `cp`: close-position (close-all).
    #[serde(rename = "cp", default)]
    pub close_position: Option<bool>,
}

impl AlgoUpdate<'_> {
    /// The event as an algo-service [`ExecutionReport`] (`algo_id` set).
    ///
    /// | report | from |
    /// |---|---|
    /// | `algo_id` | `o.aid` (never `0`) |
    /// | `client_id` | `o.caid`, read as `o.c` of an `ORDER_TRADE_UPDATE` is (Binance's own `…autoclose…` ids name none) |
    /// | `exchange_id` | `o.ai`; `""` → none |
    /// | `symbol` | `o.s` |
    /// | `execution`, `status` | `o.X`: `NEW` (New, New), `TRIGGERING` (Triggering, Triggering), `TRIGGERED` (Triggered, Triggered), `FINISHED` (Triggered, Finished), `CANCELED`, `EXPIRED`, `REJECTED` as themselves |
    /// | `cumulative_qty` | `o.aq` when stated |
    /// | `terms` | `o.S`, `o.o` (the conditional type), `o.q`, `o.p` (`"0"` → none), `o.R`, `o.cp`, `o.tp` (trigger price), `o.wt` |
    /// | `fill`, `amendment`, `expiry_reason` | none: the algo service reports no trade (the triggered order's own events do) |
    /// | `transaction_time` | `T` |
    ///
    /// # Errors
    /// [`ConvertError`] naming the first field the model refuses (`aid` `0`
    /// is [`ConvertError::Invalid`] at `$.o.aid`).
    pub fn to_report(&self) -> Result<ExecutionReport, ConvertError> {
        let o = &self.order;
        let algo_id = AlgoId::new(o.algo_id.0).ok_or_else(|| ConvertError::Invalid {
            field: "$.o.aid",
            value: "0".to_owned(),
            rule: "is not an algo id (the algo service numbers orders from 1)",
        })?;
        let (execution, status) = o.status.execution();
        let terms = OrderTerms {
            side: convert::side("$.o.S", &o.side)?,
            order_type: Some(convert::order_type("$.o.o", &o.order_type)?),
            quantity: convert::qty("$.o.q", &o.quantity)?,
            price: convert::limit_price("$.o.p", &o.price)?,
            reduce_only: o.reduce_only,
            close_position: o.close_position.unwrap_or(false),
            trigger_price: convert::trigger_price("$.o.tp", o.trigger_price.as_deref())?,
            working_type: o
                .working_type
                .as_deref()
                .map(|wt| convert::working_type("$.o.wt", wt))
                .transpose()?,
        };
        Ok(ExecutionReport {
            algo_id: Some(algo_id),
            client_id: convert::stream_client_id("$.o.caid", &o.client_algo_id)?,
            exchange_id: o.actual_order_id.and_then(|id| id.0),
            symbol: convert::symbol("$.o.s", &o.symbol)?,
            execution,
            status,
            fill: None,
            cumulative_qty: convert::stated_qty("$.o.aq", o.executed_qty.as_deref())?,
            terms: Some(terms),
            amendment: None,
            expiry_reason: None,
            transaction_time: self.transaction_time_ms.0,
        })
    }
}
