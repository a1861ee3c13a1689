//! Deterministic ids, orders and reports: the same data on every run.

use ordertrack::{
    ClientOrderId, ExchangeOrderId, ExecutionReport, ExecutionType, NewOrder, OrderType, Origin,
    ParentId, Price, Qty, ReportFill, ReportStatus, Side, SubAccountId, Symbol, TradeId,
};

/// `n` sub-accounts shaped like the engine's (hyphenated UUIDs), with distinct
/// eight-character prefixes.
pub(crate) fn sub_accounts(n: usize) -> Vec<SubAccountId> {
    (0..n)
        .map(|i| {
            let text = format!("{i:08x}-7b4d-4e1a-9f00-{:012x}", i * 7919);
            SubAccountId::new(&text).expect("valid sub-account")
        })
        .collect()
}

/// `n` Binance-form symbols, the busiest real ones first.
pub(crate) fn symbols(n: usize) -> Vec<Symbol> {
    const REAL: [&str; 8] = [
        "BTCUSDT",
        "ETHUSDT",
        "SOLUSDT",
        "BNBUSDT",
        "XRPUSDT",
        "DOGEUSDT",
        "1000PEPEUSDT",
        "BTCUSDT_250926",
    ];
    (0..n)
        .map(|i| match REAL.get(i) {
            Some(name) => Symbol::new(name).expect("valid symbol"),
            None => Symbol::new(&format!("ALT{i}USDT")).expect("valid symbol"),
        })
        .collect()
}

/// `n` parent algo ids.
pub(crate) fn parents(n: usize) -> Vec<ParentId> {
    (0..n)
        .map(|i| ParentId::new(&format!("twap-{i:06}")).expect("valid parent"))
        .collect()
}

/// One whole unit (1.0) in 10⁻⁸ units.
pub(crate) const ONE: i64 = 100_000_000;

pub(crate) fn qty(units: i64) -> Qty {
    Qty::from_units(units).expect("non-negative")
}

pub(crate) fn price(units: i64) -> Price {
    Price::from_units(units).expect("non-negative")
}

/// A LIMIT order with a deterministic client id (`seq` is its unique part).
pub(crate) fn spec(
    seq: u64,
    sub_account: SubAccountId,
    symbol: Symbol,
    parent: Option<ParentId>,
    created_at: u64,
) -> NewOrder {
    let origin = Origin::ALL[(seq % Origin::ALL.len() as u64) as usize];
    NewOrder {
        trigger: None,
        client_id: ClientOrderId::with_unique(&sub_account, origin, u128::from(seq)),
        sub_account,
        symbol,
        side: if seq.is_multiple_of(2) {
            Side::Buy
        } else {
            Side::Sell
        },
        order_type: OrderType::Limit,
        quantity: qty(ONE),
        price: Some(price(97_000 * ONE + (seq % 1_000) as i64 * 10_000_000)),
        reduce_only: false,
        origin: Some(origin),
        parent,
        leverage: 5,
        created_at,
    }
}

/// A report about `spec`'s order.
pub(crate) fn report(
    spec: &NewOrder,
    exchange_id: Option<ExchangeOrderId>,
    execution: ExecutionType,
    status: ReportStatus,
    fill: Option<ReportFill>,
    cumulative_qty: Qty,
    at: u64,
) -> ExecutionReport {
    ExecutionReport {
        algo_id: None,
        client_id: Some(spec.client_id),
        exchange_id,
        symbol: spec.symbol,
        execution,
        status,
        fill,
        cumulative_qty: Some(cumulative_qty),
        amendment: None,
        terms: None,
        expiry_reason: None,
        transaction_time: at,
    }
}

/// The `NEW` ack.
pub(crate) fn ack(spec: &NewOrder, exchange_id: ExchangeOrderId, at: u64) -> ExecutionReport {
    report(
        spec,
        Some(exchange_id),
        ExecutionType::New,
        ReportStatus::New,
        None,
        Qty::ZERO,
        at,
    )
}

/// A `TRADE` of `fill_units`, bringing the exchange's cumulative to `cumulative_units`.
pub(crate) fn trade(
    spec: &NewOrder,
    exchange_id: ExchangeOrderId,
    trade_id: u64,
    fill_units: i64,
    cumulative_units: i64,
    at: u64,
) -> ExecutionReport {
    let status = if cumulative_units >= spec.quantity.units() {
        ReportStatus::Filled
    } else {
        ReportStatus::PartiallyFilled
    };
    let fill = ReportFill {
        trade_id: TradeId(trade_id),
        qty: qty(fill_units),
        price: spec.price.unwrap_or(Price::ZERO),
    };
    report(
        spec,
        Some(exchange_id),
        ExecutionType::Trade,
        status,
        Some(fill),
        qty(cumulative_units),
        at,
    )
}

/// The exchange's `CANCELED`.
pub(crate) fn canceled(
    spec: &NewOrder,
    exchange_id: Option<ExchangeOrderId>,
    cumulative_units: i64,
    at: u64,
) -> ExecutionReport {
    report(
        spec,
        exchange_id,
        ExecutionType::Canceled,
        ReportStatus::Canceled,
        None,
        qty(cumulative_units),
        at,
    )
}

/// The exchange's `EXPIRED`.
pub(crate) fn expired(
    spec: &NewOrder,
    exchange_id: ExchangeOrderId,
    cumulative_units: i64,
    at: u64,
) -> ExecutionReport {
    report(
        spec,
        Some(exchange_id),
        ExecutionType::Expired,
        ReportStatus::Expired,
        None,
        qty(cumulative_units),
        at,
    )
}

/// The exchange's `REJECTED`.
pub(crate) fn rejected(spec: &NewOrder, at: u64) -> ExecutionReport {
    report(
        spec,
        None,
        ExecutionType::Rejected,
        ReportStatus::Rejected,
        None,
        Qty::ZERO,
        at,
    )
}
