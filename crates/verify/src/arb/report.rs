//! Execution reports: with any field values, or aimed at one order.

use arbitrary::Unstructured;
use ordertrack::{
    AlgoId, Amendment, AnyOrder, ExchangeOrderId, ExecutionReport, ExecutionType, ExpiryReason,
    OrderTerms, OrderType, Qty, ReportFill, ReportStatus, Side, TradeId,
};

use super::values::{any_price, any_qty, client_order_id, order_terms, symbol};
use super::{EXECUTION_TYPES, REPORT_STATUSES};

/// The terms a report about `order` restates: none (half the time), the
/// order's own (an `AMENDMENT`'s new quantity), or the order's own with one
/// field changed (side, original type, quantity, close position, no type).
fn restated_terms(
    u: &mut Unstructured<'_>,
    order: &AnyOrder,
    amendment: Option<Amendment>,
) -> arbitrary::Result<Option<OrderTerms>> {
    if u.arbitrary()? {
        return Ok(None);
    }
    let spec = order.spec();
    let own = OrderTerms {
        trigger_price: spec.trigger.and_then(|t| t.price),
        working_type: spec.trigger.map(|t| t.working_type),
        side: spec.side,
        order_type: Some(spec.order_type),
        quantity: amendment.map_or(spec.quantity, |a| a.quantity),
        price: amendment.and_then(|a| a.price).or(spec.price),
        reduce_only: Some(spec.reduce_only),
        close_position: order.is_close_position(),
    };
    Ok(Some(match u.int_in_range(0..=8u8)? {
        0 => OrderTerms {
            side: match spec.side {
                Side::Buy => Side::Sell,
                Side::Sell => Side::Buy,
            },
            ..own
        },
        1 => OrderTerms {
            order_type: Some(*u.choose(&OrderType::ALL)?),
            ..own
        },
        2 => OrderTerms {
            quantity: any_qty(u)?,
            ..own
        },
        3 => OrderTerms {
            quantity: Qty::ZERO,
            close_position: true,
            ..own
        },
        4 => OrderTerms {
            order_type: None,
            reduce_only: None,
            ..own
        },
        // What a close-position order's triggered order states: the
        // position, at or above what has filled.
        5 => OrderTerms {
            quantity: order
                .filled_qty()
                .checked_add(any_qty(u)?)
                .unwrap_or(Qty::MAX),
            ..own
        },
        _ => own,
    }))
}

/// An execution report with any field values: any ids, symbol, execution type
/// and status (consistent or not), fill with any quantity and price (zero,
/// huge), any cumulative quantity or none, amendment, terms and time.
///
/// # Errors
/// When `u` runs out of data in a way `arbitrary` reports.
pub fn execution_report(u: &mut Unstructured<'_>) -> arbitrary::Result<ExecutionReport> {
    Ok(ExecutionReport {
        algo_id: u.arbitrary::<Option<u64>>()?.and_then(AlgoId::new),
        client_id: if u.ratio(3, 4)? {
            Some(client_order_id(u)?)
        } else {
            None
        },
        exchange_id: u.arbitrary::<Option<u64>>()?.map(ExchangeOrderId),
        symbol: symbol(u)?,
        execution: *u.choose(&EXECUTION_TYPES)?,
        status: *u.choose(&REPORT_STATUSES)?,
        fill: if u.arbitrary()? {
            Some(ReportFill {
                trade_id: TradeId(u.arbitrary()?),
                qty: any_qty(u)?,
                price: any_price(u)?,
            })
        } else {
            None
        },
        cumulative_qty: if u.ratio(1, 4)? {
            None
        } else {
            Some(any_qty(u)?)
        },
        amendment: if u.arbitrary()? {
            Some(Amendment {
                quantity: any_qty(u)?,
                price: if u.arbitrary()? {
                    Some(any_price(u)?)
                } else {
                    None
                },
            })
        } else {
            None
        },
        terms: if u.arbitrary()? {
            Some(order_terms(u)?)
        } else {
            None
        },
        expiry_reason: u.arbitrary::<Option<u16>>()?.map(ExpiryReason),
        transaction_time: u.arbitrary()?,
    })
}

/// A report aimed at `order`: its client id, exchange id and symbol most of the
/// time, an execution type with a consistent status most of the time, fills of
/// the remaining quantity, part of it, zero or an overfill with new or repeated
/// trade ids; the algo service's reports naming the order's algo id (and
/// others now and then); its terms restated now and then, mostly as the order
/// has them (or stating a position); a
/// cumulative quantity most of the time; each field replaced by an arbitrary
/// value now and then. Reaches the order's transitions far more often than
/// [`execution_report`].
///
/// # Errors
/// When `u` runs out of data in a way `arbitrary` reports.
pub fn report_for(
    u: &mut Unstructured<'_>,
    order: &AnyOrder,
) -> arbitrary::Result<ExecutionReport> {
    let execution = *u.choose(&EXECUTION_TYPES)?;
    let remaining = order.quantity().saturating_sub(order.filled_qty());
    let fill = if execution.is_fill() || u.ratio(1, 8)? {
        let known = order.fills().recent_trade_ids();
        let trade_id = if !known.is_empty() && u.ratio(1, 4)? {
            *u.choose(known)?
        } else {
            TradeId(u.arbitrary()?)
        };
        let qty = match u.int_in_range(0..=5u8)? {
            0 | 1 => remaining,
            2 => Qty::from_units(u.int_in_range(0..=remaining.units())?).unwrap_or(Qty::ZERO),
            3 => Qty::ZERO,
            4 => remaining
                .checked_add(Qty::from_units(1).unwrap_or(Qty::ZERO))
                .unwrap_or(Qty::MAX),
            _ => any_qty(u)?,
        };
        Some(ReportFill {
            trade_id,
            qty,
            price: any_price(u)?,
        })
    } else {
        None
    };
    let after = order
        .filled_qty()
        .checked_add(fill.map_or(Qty::ZERO, |f| f.qty))
        .unwrap_or(Qty::MAX);
    let consistent = match execution {
        ExecutionType::New => ReportStatus::New,
        ExecutionType::Trade | ExecutionType::Calculated if after >= order.quantity() => {
            ReportStatus::Filled
        }
        ExecutionType::Trade | ExecutionType::Calculated => ReportStatus::PartiallyFilled,
        ExecutionType::Canceled => ReportStatus::Canceled,
        ExecutionType::Expired => ReportStatus::Expired,
        ExecutionType::Amendment if order.filled_qty().is_zero() => ReportStatus::New,
        ExecutionType::Amendment => ReportStatus::PartiallyFilled,
        ExecutionType::Rejected => ReportStatus::Rejected,
        ExecutionType::Triggering => ReportStatus::Triggering,
        ExecutionType::Triggered => {
            *u.choose(&[ReportStatus::Triggered, ReportStatus::Finished])?
        }
    };
    // The algo service's reports name the order's algo id (the one it knows,
    // else one it may be given); now and then another service's report does.
    let own_algo_id = order
        .algo_id()
        .or(AlgoId::new(u.arbitrary::<u64>()?.max(1)));
    let algo_service = matches!(
        execution,
        ExecutionType::Triggering | ExecutionType::Triggered
    );
    let algo_id = match u.int_in_range(0..=7u8)? {
        0 => None,
        1 => AlgoId::new(u.arbitrary()?),
        2 => own_algo_id,
        _ => own_algo_id.filter(|_| algo_service),
    };
    let own_exchange_id = order
        .exchange_id()
        .unwrap_or(ExchangeOrderId(u.arbitrary()?));
    let amendment = if execution == ExecutionType::Amendment || u.ratio(1, 8)? {
        Some(Amendment {
            quantity: if u.ratio(3, 4)? {
                order
                    .filled_qty()
                    .checked_add(
                        Qty::from_units(u.int_in_range(0..=1_000_000)?).unwrap_or(Qty::ZERO),
                    )
                    .unwrap_or(Qty::MAX)
            } else {
                any_qty(u)?
            },
            price: if u.arbitrary()? {
                Some(any_price(u)?)
            } else {
                None
            },
        })
    } else {
        None
    };
    let terms = restated_terms(u, order, amendment)?;
    Ok(ExecutionReport {
        algo_id,
        client_id: match u.int_in_range(0..=7u8)? {
            0 => None,
            1 => Some(client_order_id(u)?),
            _ => Some(order.client_id()),
        },
        exchange_id: match u.int_in_range(0..=7u8)? {
            0 => None,
            1 => Some(ExchangeOrderId(u.arbitrary()?)),
            _ => Some(own_exchange_id),
        },
        symbol: if u.ratio(1, 8)? {
            symbol(u)?
        } else {
            order.symbol()
        },
        execution,
        status: if u.ratio(1, 8)? {
            *u.choose(&REPORT_STATUSES)?
        } else {
            consistent
        },
        fill,
        cumulative_qty: match u.int_in_range(0..=7u8)? {
            0 | 1 => Some(any_qty(u)?),
            2 => None,
            _ => Some(after),
        },
        amendment,
        terms,
        expiry_reason: u.arbitrary::<Option<u16>>()?.map(ExpiryReason),
        transaction_time: order
            .updated_at()
            .saturating_add(u.int_in_range(0..=10_000)?)
            .saturating_sub(u.int_in_range(0..=10_000)?),
    })
}
