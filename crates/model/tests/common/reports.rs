//! Execution reports about the test order, and applying them through
//! `AnyOrder::apply` with the order checked unchanged when nothing applies.
#![allow(clippy::panic, clippy::expect_used)]

use ordertrack_model::{
    AnyOrder, Applied, ExecutionReport, ExecutionType, ExpiryReason, FillApplied, FillError, Qty,
    ReportFill, ReportStatus, TradeId,
};

use super::{EX, btc, cid, px, qty};

// ---------------------------------------------------------------- reports

/// A report about the test order naming both ids, with no fill, amendment or
/// expiry reason, and zero cumulative quantity.
pub(crate) fn report(execution: ExecutionType, status: ReportStatus, at: u64) -> ExecutionReport {
    ExecutionReport {
        algo_id: None,
        client_id: Some(cid()),
        exchange_id: Some(EX),
        symbol: btc(),
        execution,
        status,
        fill: None,
        cumulative_qty: Some(Qty::ZERO),
        amendment: None,
        terms: None,
        expiry_reason: None,
        transaction_time: at,
    }
}

/// `NEW` / `NEW`: the ack.
pub(crate) fn ack_report(at: u64) -> ExecutionReport {
    report(ExecutionType::New, ReportStatus::New, at)
}

/// `TRADE` / `PARTIALLY_FILLED` (the status is only checked for consistency;
/// set it to `FILLED` with struct update syntax where it matters).
pub(crate) fn trade_report(
    trade_id: u64,
    quantity: &str,
    price: &str,
    cumulative: &str,
    at: u64,
) -> ExecutionReport {
    ExecutionReport {
        fill: Some(ReportFill {
            trade_id: TradeId(trade_id),
            qty: qty(quantity),
            price: px(price),
        }),
        cumulative_qty: Some(qty(cumulative)),
        ..report(ExecutionType::Trade, ReportStatus::PartiallyFilled, at)
    }
}

/// `CANCELED` / `CANCELED`.
pub(crate) fn canceled_report(cumulative: &str, at: u64) -> ExecutionReport {
    ExecutionReport {
        cumulative_qty: Some(qty(cumulative)),
        ..report(ExecutionType::Canceled, ReportStatus::Canceled, at)
    }
}

/// `EXPIRED` / `status` (`EXPIRED` or `EXPIRED_IN_MATCH`) with a reason.
pub(crate) fn expired_report(
    status: ReportStatus,
    reason: Option<ExpiryReason>,
    at: u64,
) -> ExecutionReport {
    ExecutionReport {
        terms: None,
        expiry_reason: reason,
        ..report(ExecutionType::Expired, status, at)
    }
}

/// `REJECTED` / `REJECTED`.
pub(crate) fn rejected_report(at: u64) -> ExecutionReport {
    report(ExecutionType::Rejected, ReportStatus::Rejected, at)
}

/// `AMENDMENT` / `NEW` to `quantity` (and `price`, when given).
pub(crate) fn amendment_report(quantity: &str, price: Option<&str>, at: u64) -> ExecutionReport {
    ExecutionReport {
        amendment: Some(ordertrack_model::Amendment {
            quantity: qty(quantity),
            price: price.map(px),
        }),
        ..report(ExecutionType::Amendment, ReportStatus::New, at)
    }
}

/// One well-formed report of each execution type, with a status it allows.
pub(crate) const EXECUTIONS: [(ExecutionType, ReportStatus); 7] = [
    (ExecutionType::New, ReportStatus::New),
    (ExecutionType::Trade, ReportStatus::PartiallyFilled),
    (ExecutionType::Calculated, ReportStatus::PartiallyFilled),
    (ExecutionType::Canceled, ReportStatus::Canceled),
    (ExecutionType::Expired, ReportStatus::Expired),
    (ExecutionType::Amendment, ReportStatus::New),
    (ExecutionType::Rejected, ReportStatus::Rejected),
];

/// A well-formed report of each execution type, naming the order's exchange id.
pub(crate) fn matrix_report(execution: ExecutionType, status: ReportStatus) -> ExecutionReport {
    let at = 2_000;
    match execution {
        ExecutionType::Trade | ExecutionType::Calculated => ExecutionReport {
            execution,
            ..trade_report(5, "0.1", "100", "0.1", at)
        },
        ExecutionType::Amendment => amendment_report("2", None, at),
        ExecutionType::Expired => expired_report(status, None, at),
        _ => report(execution, status, at),
    }
}

// ---------------------------------------------------------------- applying reports

/// Applies a report that must succeed.
pub(crate) fn ok(order: &mut AnyOrder, report: &ExecutionReport) -> Applied {
    order
        .apply(report)
        .unwrap_or_else(|e| panic!("{report:?} on {order:?}: {e}"))
}

/// Applies a report that must be ignored, and checks nothing changed.
pub(crate) fn ignored(order: &mut AnyOrder, report: &ExecutionReport) -> Applied {
    let before = order.clone();
    let applied = ok(order, report);
    assert!(applied.is_ignored(), "{applied:?}");
    assert_eq!(*order, before, "an ignored report changes nothing");
    applied
}

/// Applies a report that must be refused, and checks nothing changed.
pub(crate) fn refused(
    order: &mut AnyOrder,
    report: &ExecutionReport,
) -> ordertrack_model::ApplyError {
    let before = order.clone();
    let error = order
        .apply(report)
        .expect_err("the report should be refused");
    assert_eq!(*order, before, "a refused report changes nothing ({error})");
    error
}

/// Applies a trade report that must be refused with this fill error.
pub(crate) fn fill_refused(order: &mut AnyOrder, report: &ExecutionReport) -> FillError {
    match refused(order, report) {
        ordertrack_model::ApplyError::Fill { client_id, source } => {
            assert_eq!(client_id, order.client_id());
            source
        }
        other => panic!("expected a refused fill, got {other:?}"),
    }
}

/// What the report of a fill says it did, with no excess quantity.
pub(crate) fn fill_applied(
    trade: u64,
    q: &str,
    p: &str,
    filled: &str,
    unseen: &str,
) -> FillApplied {
    FillApplied {
        trade_id: TradeId(trade),
        qty: qty(q),
        price: px(p),
        filled_qty: qty(filled),
        unseen_qty: qty(unseen),
        excess_qty: Qty::ZERO,
    }
}
