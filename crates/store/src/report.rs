//! An [`ExecutionReport`] as the JSON object a journaled `apply` holds, every
//! field by name (Binance's spellings for the enums, decimals as strings),
//! and read back.

use ordertrack::{
    AlgoId, Amendment, ClientOrderId, ExchangeOrderId, ExecutionReport, ExecutionType,
    ExpiryReason, OrderTerms, OrderType, Price, Qty, ReportFill, ReportStatus, Side, Symbol,
    TradeId, WorkingType,
};
use serde_json::{Map, Value as Json};

use crate::json::{Field, Fields};

/// The report as a JSON object.
pub(crate) fn encode(report: &ExecutionReport) -> Json {
    let mut o = Map::new();
    o.insert("client_id".into(), opt_text(report.client_id));
    o.insert(
        "exchange_id".into(),
        opt_u64(report.exchange_id.map(|e| e.0)),
    );
    o.insert("algo_id".into(), opt_u64(report.algo_id.map(AlgoId::get)));
    o.insert("symbol".into(), text(report.symbol));
    o.insert("execution".into(), text(report.execution.as_str()));
    o.insert("status".into(), text(report.status.as_str()));
    o.insert(
        "fill".into(),
        report.fill.map_or(Json::Null, |f| {
            let mut fill = Map::new();
            fill.insert("trade_id".into(), Json::from(f.trade_id.0));
            fill.insert("qty".into(), text(f.qty));
            fill.insert("price".into(), text(f.price));
            Json::Object(fill)
        }),
    );
    o.insert("cumulative_qty".into(), opt_text(report.cumulative_qty));
    o.insert("terms".into(), report.terms.map_or(Json::Null, terms));
    o.insert(
        "amendment".into(),
        report.amendment.map_or(Json::Null, |a| {
            let mut amendment = Map::new();
            amendment.insert("quantity".into(), text(a.quantity));
            amendment.insert("price".into(), opt_text(a.price));
            Json::Object(amendment)
        }),
    );
    o.insert(
        "expiry_reason".into(),
        opt_u64(report.expiry_reason.map(|e| u64::from(e.0))),
    );
    o.insert(
        "transaction_time".into(),
        Json::from(report.transaction_time),
    );
    Json::Object(o)
}

fn terms(t: OrderTerms) -> Json {
    let mut o = Map::new();
    o.insert("side".into(), text(t.side.as_str()));
    o.insert(
        "order_type".into(),
        opt_text(t.order_type.map(OrderType::as_str)),
    );
    o.insert("quantity".into(), text(t.quantity));
    o.insert("price".into(), opt_text(t.price));
    o.insert(
        "reduce_only".into(),
        t.reduce_only.map_or(Json::Null, Json::from),
    );
    o.insert("close_position".into(), Json::from(t.close_position));
    o.insert("trigger_price".into(), opt_text(t.trigger_price));
    o.insert(
        "working_type".into(),
        opt_text(t.working_type.map(WorkingType::as_str)),
    );
    Json::Object(o)
}

fn text(value: impl std::fmt::Display) -> Json {
    Json::from(value.to_string())
}

fn opt_text(value: Option<impl std::fmt::Display>) -> Json {
    value.map_or(Json::Null, text)
}

fn opt_u64(value: Option<u64>) -> Json {
    value.map_or(Json::Null, Json::from)
}

/// The report a JSON object describes, or the field that breaks a rule.
pub(crate) fn decode(fields: &Fields<'_>) -> Result<ExecutionReport, Field> {
    let execution = fields.need(
        "execution",
        fields.parse("execution", |s| {
            ExecutionType::ALL
                .into_iter()
                .find(|x| x.as_str() == s)
                .ok_or("not an execution type")
        })?,
    )?;
    let status = fields.need(
        "status",
        fields.parse("status", |s| {
            ReportStatus::ALL
                .into_iter()
                .find(|x| x.as_str() == s)
                .ok_or("not a report status")
        })?,
    )?;
    let fill = match fields.object("fill")? {
        Some(f) => Some(ReportFill {
            trade_id: TradeId(f.need("trade_id", f.u64("trade_id")?)?),
            qty: f.need("qty", f.parse("qty", Qty::parse)?)?,
            price: f.need("price", f.parse("price", Price::parse)?)?,
        }),
        None => None,
    };
    let amendment = match fields.object("amendment")? {
        Some(a) => Some(Amendment {
            quantity: a.need("quantity", a.parse("quantity", Qty::parse)?)?,
            price: a.parse("price", Price::parse)?,
        }),
        None => None,
    };
    let terms = match fields.object("terms")? {
        Some(t) => Some(decode_terms(&t)?),
        None => None,
    };
    let algo_id = fields
        .u64("algo_id")?
        .map(|id| AlgoId::new(id).ok_or(("algo_id", "zero".to_owned())))
        .transpose()?;
    let expiry_reason = fields
        .u64("expiry_reason")?
        .map(|r| {
            u16::try_from(r)
                .map(ExpiryReason)
                .map_err(|_| ("expiry_reason", format!("{r} is out of range")))
        })
        .transpose()?;
    Ok(ExecutionReport {
        client_id: fields.parse("client_id", ClientOrderId::new)?,
        exchange_id: fields.u64("exchange_id")?.map(ExchangeOrderId),
        algo_id,
        symbol: fields.need("symbol", fields.parse("symbol", Symbol::new)?)?,
        execution,
        status,
        fill,
        cumulative_qty: fields.parse("cumulative_qty", Qty::parse)?,
        terms,
        amendment,
        expiry_reason,
        transaction_time: fields.need("transaction_time", fields.u64("transaction_time")?)?,
    })
}

fn decode_terms(t: &Fields<'_>) -> Result<OrderTerms, Field> {
    Ok(OrderTerms {
        side: t.need(
            "side",
            t.parse("side", |s| Side::from_binance(s).ok_or("not a side"))?,
        )?,
        order_type: t.parse("order_type", |s| {
            OrderType::from_binance(s).ok_or("not an order type")
        })?,
        quantity: t.need("quantity", t.parse("quantity", Qty::parse)?)?,
        price: t.parse("price", Price::parse)?,
        reduce_only: t.bool("reduce_only")?,
        close_position: t.need("close_position", t.bool("close_position")?)?,
        trigger_price: t.parse("trigger_price", Price::parse)?,
        working_type: t.parse("working_type", |s| {
            WorkingType::from_binance(s).ok_or("not a working type")
        })?,
    })
}
