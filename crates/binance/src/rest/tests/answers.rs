//! Answers read and classified, and the reports and reasons they give.

use super::*;

#[test]
fn answers_are_read_and_classified() {
    assert_eq!(
        read_answer(200, NEW),
        RestAnswer::Order(OrderSnapshot {
            client_id: ClientOrderId::new("PMSa1b2c3d4_TRL_4e5f6a7b8c9d").unwrap(),
            exchange_id: ExchangeOrderId(731_245_800_777),
            symbol: Symbol::new("BTCUSDT").unwrap(),
            status: ReportStatus::New,
            executed_qty: Qty::ZERO,
            update_time: 1_764_000_104_010,
            terms: OrderTerms {
                trigger_price: None,
                working_type: None,
                side: Side::Sell,
                order_type: Some(OrderType::Limit),
                quantity: Qty::parse("0.008").unwrap(),
                price: Some(Price::parse("87010.00").unwrap()),
                reduce_only: Some(false),
                close_position: false,
            },
        })
    );
    let RestAnswer::Order(query) = read_answer(200, QUERY) else {
        panic!("not an order");
    };
    assert_eq!(
        (query.status, query.executed_qty),
        (ReportStatus::Filled, Qty::parse("0.010").unwrap())
    );
    let RestAnswer::Order(cancel) = read_answer(200, CANCEL) else {
        panic!("not an order");
    };
    assert_eq!(cancel.status, ReportStatus::Canceled);
    use RestErrorClass::*;
    for (status, body, want) in [
        (
            400,
            UNKNOWN,
            error(UnknownOrder, 400, Some(-2011), "Unknown order sent."),
        ),
        (
            400,
            NO_SUCH,
            error(UnknownOrder, 400, Some(-2013), "Order does not exist."),
        ),
        (
            400,
            MARGIN,
            error(Definitive, 400, Some(-2019), "Margin is insufficient."),
        ),
        (
            408,
            TIMEOUT,
            error(
                InDoubt,
                408,
                Some(-1007),
                "Timeout waiting for response from backend server. Send status unknown; execution status unknown.",
            ),
        ),
        (502, HTML_502, error(InDoubt, 502, None, HTML_502)),
        (NO_RESPONSE, "", error(InDoubt, 0, None, "")),
        (403, "", error(Definitive, 403, None, "")),
        // An error body under a 2XX status is still an error.
        (
            200,
            MARGIN,
            error(Definitive, 200, Some(-2019), "Margin is insufficient."),
        ),
    ] {
        assert_eq!(read_answer(status, body), want, "{status} {body}");
    }
    let garbled = read_answer(200, &NEW[..80]);
    assert!(
        matches!(
            garbled,
            RestAnswer::Unreadable {
                http_status: 200,
                error: DecodeError::Wire(_)
            }
        ),
        "{garbled:?}"
    );
    let bad_qty = read_answer(
        200,
        &with(NEW, r#""executedQty":"0""#, r#""executedQty":"-1""#),
    );
    let RestAnswer::Unreadable {
        error: DecodeError::Convert(err),
        ..
    } = bad_qty
    else {
        panic!("{bad_qty:?}");
    };
    assert_eq!(err.field(), "$.executedQty");
}

#[test]
fn snapshot_reports() {
    let RestAnswer::Order(snapshot) = read_answer(200, QUERY) else {
        panic!("not an order");
    };
    for (status, execution, report_status) in [
        (ReportStatus::New, ExecutionType::New, ReportStatus::New),
        (
            ReportStatus::PartiallyFilled,
            ExecutionType::New,
            ReportStatus::New,
        ),
        (ReportStatus::Filled, ExecutionType::New, ReportStatus::New),
        (
            ReportStatus::Canceled,
            ExecutionType::Canceled,
            ReportStatus::Canceled,
        ),
        (
            ReportStatus::Expired,
            ExecutionType::Expired,
            ReportStatus::Expired,
        ),
        (
            ReportStatus::ExpiredInMatch,
            ExecutionType::Expired,
            ReportStatus::ExpiredInMatch,
        ),
        (
            ReportStatus::Rejected,
            ExecutionType::Rejected,
            ReportStatus::Rejected,
        ),
    ] {
        let report = OrderSnapshot { status, ..snapshot }.report();
        assert_eq!(
            (report.execution, report.status),
            (execution, report_status)
        );
        assert!(report.execution.allows(report.status));
        assert_eq!(
            (report.client_id, report.exchange_id, report.symbol),
            (
                Some(snapshot.client_id),
                Some(snapshot.exchange_id),
                snapshot.symbol
            )
        );
        assert_eq!(
            (report.fill, report.amendment, report.expiry_reason),
            (None, None, None)
        );
        assert_eq!(
            (report.cumulative_qty, report.transaction_time),
            (Some(snapshot.executed_qty), 1_764_000_001_258)
        );
    }
}

#[test]
fn fail_reason_codes() {
    assert_eq!(
        fail_reason(Some(-2019), 400),
        FailReason::ExchangeError { code: -2019 }
    );
    assert_eq!(
        fail_reason(None, 418),
        FailReason::ExchangeError { code: 418 }
    );
    assert_eq!(
        fail_reason(Some(i64::MIN), 400),
        FailReason::ExchangeError { code: 400 }
    );
}
