//! Valid events, mapped field by field.

use super::*;

#[test]
fn doc_order_trade_update_maps_every_field() {
    let report = report(doc_otu());
    assert_eq!(
        report,
        ExecutionReport {
            algo_id: None,
            client_id: Some(ClientOrderId::new("TEST").unwrap()),
            exchange_id: Some(ExchangeOrderId(8_886_774)),
            symbol: Symbol::new("BTCUSDT").unwrap(),
            execution: ExecutionType::New,
            status: ReportStatus::New,
            fill: None,
            cumulative_qty: Some(Qty::ZERO),
            amendment: None,
            terms: Some(OrderTerms {
                // A conditional type: its `sp` and `wt` are read.
                trigger_price: Some(price("7103.04")),
                working_type: Some(WorkingType::ContractPrice),
                side: Side::Sell,
                order_type: Some(OrderType::TrailingStopMarket),
                quantity: qty("0.001"),
                price: None,
                reduce_only: Some(false),
                close_position: false,
            }),
            expiry_reason: None,
            transaction_time: 1_568_879_465_650,
        }
    );
    assert_eq!(report.client_id.unwrap().as_str(), "TEST");
    assert_eq!(report.client_id.unwrap().parse_pms(), None);
}

#[test]
fn doc_trade_lite_maps_every_field() {
    let report = report(doc_lite());
    let fill = ReportFill {
        trade_id: TradeId(109_100_866),
        qty: qty("0.040"),
        price: price("64089.20"),
    };
    assert_eq!(
        report,
        ExecutionReport {
            algo_id: None,
            client_id: Some(ClientOrderId::new("z8hcUoOsqEdKMeKPSABslD").unwrap()),
            exchange_id: Some(ExchangeOrderId(8_886_774)),
            symbol: Symbol::new("BTCUSDT").unwrap(),
            execution: ExecutionType::Trade,
            status: ReportStatus::PartiallyFilled,
            fill: Some(fill),
            // TRADE_LITE states no cumulative quantity, nor the order's type.
            cumulative_qty: None,
            amendment: None,
            terms: Some(OrderTerms {
                trigger_price: None,
                working_type: None,
                side: Side::Buy,
                order_type: None,
                quantity: qty("0.001"),
                price: None,
                reduce_only: None,
                close_position: false,
            }),
            expiry_reason: None,
            transaction_time: 1_721_895_408_214,
        }
    );
}

#[test]
fn trade_maps_fill_cumulative_and_time() {
    let report = report(trade_line());
    assert_eq!(
        report,
        ExecutionReport {
            algo_id: None,
            client_id: Some(ClientOrderId::new("PMSa1b2c3d4_SCL_8e7d6c5b4a39").unwrap()),
            exchange_id: Some(ExchangeOrderId(8_389_765_812_345_601)),
            symbol: Symbol::new("ETHUSDT").unwrap(),
            execution: ExecutionType::Trade,
            status: ReportStatus::PartiallyFilled,
            fill: Some(ReportFill {
                trade_id: TradeId(5_401_234_501),
                qty: qty("0.120"),
                price: price("2934.51"),
            }),
            cumulative_qty: Some(qty("0.120")),
            amendment: None,
            terms: Some(OrderTerms {
                trigger_price: None,
                working_type: None,
                side: Side::Sell,
                order_type: Some(OrderType::Market),
                quantity: qty("0.25"),
                price: None,
                reduce_only: Some(false),
                close_position: false,
            }),
            expiry_reason: None,
            transaction_time: 1_764_000_000_053,
        }
    );
    // Exact: 0.12 is 12,000,000 units of 10^-8, not a float near it.
    assert_eq!(report.cumulative_qty.map(Qty::units), Some(12_000_000));
}

#[test]
fn every_execution_type_and_status() {
    use ExecutionType as X;
    use ReportStatus as S;
    let from = r#""x":"TRADE","X":"PARTIALLY_FILLED""#;
    for (x, status, execution, want_status, is_fill) in [
        ("NEW", "NEW", X::New, S::New, false),
        ("CANCELED", "CANCELED", X::Canceled, S::Canceled, false),
        ("CALCULATED", "FILLED", X::Calculated, S::Filled, true),
        ("EXPIRED", "EXPIRED", X::Expired, S::Expired, false),
        (
            "EXPIRED",
            "EXPIRED_IN_MATCH",
            X::Expired,
            S::ExpiredInMatch,
            false,
        ),
        (
            "TRADE",
            "PARTIALLY_FILLED",
            X::Trade,
            S::PartiallyFilled,
            true,
        ),
        ("TRADE", "FILLED", X::Trade, S::Filled, true),
        (
            "AMENDMENT",
            "PARTIALLY_FILLED",
            X::Amendment,
            S::PartiallyFilled,
            false,
        ),
        ("AMENDMENT", "NEW", X::Amendment, S::New, false),
    ] {
        let line = with(trade_line(), from, &format!(r#""x":"{x}","X":"{status}""#));
        let report = report(&line);
        assert_eq!((report.execution, report.status), (execution, want_status));
        assert_eq!(report.fill.is_some(), is_fill, "{x}");
        assert_eq!(report.amendment.is_some(), x == "AMENDMENT", "{x}");
        assert_eq!(report.expiry_reason.is_some(), x == "EXPIRED", "{x}");
    }
    // The stream never sends REJECTED, but the wire enum lists it.
    let line = with(trade_line(), from, r#""x":"NEW","X":"REJECTED""#);
    assert_eq!(report(&line).status, S::Rejected);
}

#[test]
fn amendment_carries_quantity_and_price() {
    let line = with(
        line(BASIC, 0),
        r#""x":"NEW","X":"NEW""#,
        r#""x":"AMENDMENT","X":"NEW""#,
    );
    let line = with(
        &line,
        r#""q":"0.010","p":"86950.00""#,
        r#""q":"0.008","p":"86940.50""#,
    );
    assert_eq!(
        report(&line).amendment,
        Some(Amendment {
            quantity: qty("0.008"),
            price: Some(price("86940.5")),
        })
    );
    // A market order's "p":"0" is no price.
    let market = with(
        trade_line(),
        r#""x":"TRADE","X":"PARTIALLY_FILLED""#,
        r#""x":"AMENDMENT","X":"PARTIALLY_FILLED""#,
    );
    assert_eq!(
        report(&market).amendment,
        Some(Amendment {
            quantity: qty("0.250"),
            price: None,
        })
    );
}

#[test]
fn expiry_reason_is_kept_for_expiries() {
    let expired = line(BASIC, 11);
    assert_eq!(report(expired).execution, ExecutionType::Expired);
    assert_eq!(report(expired).expiry_reason, Some(ExpiryReason(2)));
    assert_eq!(report(expired).cumulative_qty, Some(qty("0.002")));
    let stp = with(
        &with(expired, r#""X":"EXPIRED""#, r#""X":"EXPIRED_IN_MATCH""#),
        r#""er":"2""#,
        r#""er":"1""#,
    );
    assert_eq!(
        (report(&stp).status, report(&stp).expiry_reason),
        (ReportStatus::ExpiredInMatch, Some(ExpiryReason(1)))
    );
    // Payloads older than the field: no reason.
    let old = with(expired, r#","er":"2""#, "");
    assert_eq!(report(&old).expiry_reason, None);
    // Not an expiry: `er` is "0" and not kept.
    assert_eq!(report(trade_line()).expiry_reason, None);
    // `er` as a number, as some payloads have it.
    let numeric = with(expired, r#""er":"2""#, r#""er":2"#);
    assert_eq!(report(&numeric).expiry_reason, Some(ExpiryReason(2)));
    // On an event that is no expiry, `er` is not read: any form is fine.
    for odd in [r#""er":"two""#, r#""er":null"#, r#""er":{"x":1}"#] {
        let line = with(trade_line(), r#""er":"0""#, odd);
        assert_eq!(report(&line).expiry_reason, None, "{odd}");
    }
}

#[test]
fn extreme_decimals_stay_exact() {
    let line = with(
        trade_line(),
        r#""L":"2934.51""#,
        r#""L":"92233720368.54775807""#,
    );
    assert_eq!(report(&line).fill.unwrap().price, Price::MAX);
    let line = with(trade_line(), r#""l":"0.120""#, r#""l":"0.00000001""#);
    assert_eq!(report(&line).fill.unwrap().qty.units(), 1);
    let line = with(trade_line(), r#""l":"0.120""#, r#""l":"0.10000000000""#);
    assert_eq!(report(&line).fill.unwrap().qty, qty("0.1"));
}

#[test]
fn a_fill_without_a_trade_id_carries_no_fill() {
    // Binance's pending-liquidation events: `x = CALCULATED`, `X = NEW`, `t = 0`.
    for (base, from) in [
        (trade_line(), r#""t":5401234501"#),
        (doc_lite(), r#""t":109100866"#),
    ] {
        let report = report(&with(base, from, r#""t":0"#));
        assert!(report.execution.is_fill());
        assert_eq!(report.fill, None, "{base}");
    }
}

#[test]
fn binance_made_client_ids_may_break_the_client_id_rule() {
    let settlement = with(
        trade_line(),
        r#""c":"PMSa1b2c3d4_SCL_8e7d6c5b4a39""#,
        r#""c":"settlement_autoclose-1111222233334444""#,
    );
    let report = report(&settlement);
    assert_eq!(report.client_id, None);
    assert_eq!(
        report.exchange_id,
        Some(ExchangeOrderId(8_389_765_812_345_601))
    );
}
