//! The order events into the model's [`ExecutionReport`].

use ordertrack::{
    Amendment, ExchangeOrderId, ExecutionReport, ExecutionType, OrderTerms, Price, ReportFill,
    ReportStatus, TradeId, WorkingType,
};
use serde::Deserialize;

use super::{OrderTradeUpdate, OrderUpdate, TradeLite};
use crate::convert::{self, ConvertError};
use crate::wire::value::{Code, Id, Raw, Text};

impl<'a> OrderTradeUpdate<'a> {
    /// The event as an [`ExecutionReport`].
    ///
    /// | report | from |
    /// |---|---|
    /// | `client_id` | `o.c`; `None` for an id of Binance's own order that breaks the rule for client-made ids (`settlement_autoclose-…` runs to 37 characters) |
    /// | `exchange_id` | `o.i` |
    /// | `symbol` | `o.s` |
    /// | `execution` | `o.x` (`NEW CANCELED CALCULATED EXPIRED TRADE AMENDMENT`) |
    /// | `status` | `o.X` (incl. `EXPIRED_IN_MATCH`; `NEW_INSURANCE`, `NEW_ADL` as `NEW`) |
    /// | `fill` | `o.t`, `o.l`, `o.L` when `x` is `TRADE` or `CALCULATED` and `t` is not `0`, else `None` |
    /// | `cumulative_qty` | `o.z` |
    /// | `terms` | `o.S`, `o.ot`, `o.q`, `o.p` (`"0"` → no price), `o.R`, `o.cp`; for a conditional `ot`, also `o.sp` (the trigger price, `"0"` → none) and `o.wt` |
    /// | `amendment` | `o.q`, `o.p` when `x` is `AMENDMENT`, else `None` |
    /// | `expiry_reason` | `o.er` when `x` is `EXPIRED` (`None` when absent) |
    /// | `transaction_time` | `T` |
    ///
    /// # Errors
    /// [`ConvertError`] naming the first field the model refuses, or a fill
    /// field a `TRADE` / `CALCULATED` execution lacks.
    pub fn to_report(&self) -> Result<ExecutionReport, ConvertError> {
        let o: &OrderUpdate<'a> = &self.order;
        let execution = ExecutionType::from(o.execution_type);
        let fill = if execution.is_fill() {
            let needed =
                |field, raw: Option<Raw<'a>>| raw.ok_or(ConvertError::Missing { field, execution });
            let Id(trade_id) = read_raw("$.o.t", needed("$.o.t", o.trade_id)?)?;
            if trade_id == 0 {
                // No trade to account: Binance's pending-liquidation events
                // (`x = CALCULATED`, `X = NEW`, `t = 0`). A tracked order
                // refuses a fill report without its fill.
                None
            } else {
                let qty: Text<'_> = read_raw("$.o.l", needed("$.o.l", o.last_filled_qty)?)?;
                let price: Text<'_> = read_raw("$.o.L", needed("$.o.L", o.last_filled_price)?)?;
                Some(ReportFill {
                    trade_id: TradeId(trade_id),
                    qty: convert::qty("$.o.l", &qty)?,
                    price: convert::price("$.o.L", &price)?,
                })
            }
        } else {
            None
        };
        let quantity = convert::qty("$.o.q", &o.orig_qty)?;
        let price = convert::limit_price("$.o.p", &o.orig_price)?;
        let order_type = o
            .orig_order_type
            .as_ref()
            .map(|ot| convert::order_type("$.o.ot", ot))
            .transpose()?;
        let (trigger_price, working_type) = match order_type {
            Some(t) if t.is_conditional() => o.trigger()?,
            _ => (None, None),
        };
        let terms = OrderTerms {
            trigger_price,
            working_type,
            side: convert::side("$.o.S", &o.side)?,
            order_type,
            quantity,
            price,
            reduce_only: o.reduce_only,
            close_position: o.close_position.unwrap_or(false),
        };
        let amendment =
            (execution == ExecutionType::Amendment).then_some(Amendment { quantity, price });
        let expiry_reason = o
            .expiry_reason
            .filter(|_| execution == ExecutionType::Expired)
            .map(|raw| read_raw::<Code>("$.o.er", raw))
            .transpose()?
            .map(|Code(code)| ordertrack::ExpiryReason(code));
        Ok(ExecutionReport {
            algo_id: None,
            client_id: convert::stream_client_id("$.o.c", &o.client_order_id)?,
            exchange_id: Some(ExchangeOrderId(o.order_id.0)),
            symbol: convert::symbol("$.o.s", &o.symbol)?,
            execution,
            status: o.order_status.into(),
            fill,
            cumulative_qty: Some(convert::qty("$.o.z", &o.cum_filled_qty)?),
            terms: Some(terms),
            amendment,
            expiry_reason,
            transaction_time: self.transaction_time_ms.0,
        })
    }
}

impl<'a> OrderUpdate<'a> {
    /// The trigger of a conditional order's event: `sp` (`"0"`, `""` or
    /// `null` → none) and `wt` (`null` → none).
    fn trigger(&self) -> Result<(Option<Price>, Option<WorkingType>), ConvertError> {
        let text = |field, raw: Option<Raw<'a>>| {
            raw.filter(|r| r.get() != "null")
                .map(|r| read_raw::<Text<'_>>(field, r))
                .transpose()
        };
        let stop_price = text("$.o.sp", self.stop_price)?;
        let working_type = text("$.o.wt", self.working_type)?;
        Ok((
            convert::trigger_price("$.o.sp", stop_price.as_deref())?,
            working_type
                .as_deref()
                .map(|wt| convert::working_type("$.o.wt", wt))
                .transpose()?,
        ))
    }
}

/// Reads a field kept as raw JSON, now that the event's type needs it.
fn read_raw<'a, T: Deserialize<'a>>(field: &'static str, raw: Raw<'a>) -> Result<T, ConvertError> {
    serde_json::from_str(raw.get()).map_err(|err| ConvertError::Invalid {
        field,
        value: convert::clip(raw.get()),
        rule: match err.classify() {
            serde_json::error::Category::Data => "has the wrong type or value for this field",
            _ => "is not JSON this field can hold",
        },
    })
}

impl TradeLite<'_> {
    /// The event as a `TRADE` [`ExecutionReport`].
    ///
    /// `TRADE_LITE` carries the trade (`t l L`), the order (`c i s S q`) and
    /// the transaction time `T`, but neither the order's status nor its
    /// cumulative filled quantity. So the report says what the event does
    /// prove:
    /// - `status` is [`ReportStatus::PartiallyFilled`] ("at least this trade
    ///   filled"); the model never takes completion from a report's status — an
    ///   order becomes `Filled` when its own exact sum of fills reaches its
    ///   quantity, so a trade that completes the order still fills it.
    /// - `cumulative_qty` is `None`: the event does not state it, so a
    ///   `TRADE_LITE` reveals no gap either way; its `ORDER_TRADE_UPDATE` twin
    ///   (same symbol and trade id, applied once) can.
    /// - `terms` restate side `S` and quantity `q`; no type, no price.
    ///
    /// # Errors
    /// [`ConvertError`] naming the first field the model refuses.
    pub fn to_report(&self) -> Result<ExecutionReport, ConvertError> {
        let fill = ReportFill {
            trade_id: TradeId(self.trade_id.0),
            qty: convert::qty("$.l", &self.last_filled_qty)?,
            price: convert::price("$.L", &self.last_filled_price)?,
        };
        let terms = OrderTerms {
            trigger_price: None,
            working_type: None,
            side: convert::side("$.S", &self.side)?,
            order_type: None,
            quantity: convert::qty("$.q", &self.orig_qty)?,
            price: None,
            reduce_only: None,
            close_position: false,
        };
        Ok(ExecutionReport {
            algo_id: None,
            client_id: convert::stream_client_id("$.c", &self.client_order_id)?,
            exchange_id: Some(ExchangeOrderId(self.order_id.0)),
            symbol: convert::symbol("$.s", &self.symbol)?,
            execution: ExecutionType::Trade,
            status: ReportStatus::PartiallyFilled,
            fill: (fill.trade_id != TradeId(0)).then_some(fill),
            cumulative_qty: None,
            terms: Some(terms),
            amendment: None,
            expiry_reason: None,
            transaction_time: self.transaction_time_ms.0,
        })
    }
}
