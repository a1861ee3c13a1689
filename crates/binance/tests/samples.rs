//! The built-in samples replayed: the sample session's summary and every
//! order's final state exactly, and each bad line of the errors sample named
//! with its line, kind and order.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers outside #[test] functions"
)]

mod replayed;

use std::collections::BTreeMap;

use ordertrack::{
    AlgoId, ClientOrderId, ExchangeOrderId, ExpiryReason, OrderStatus, OrderType, Origin, Symbol,
    TradeId, Trigger, WorkingType,
};
use ordertrack_binance::{
    FeedConfig, FeedStats, InvariantCheck, ReplayOptions, SAMPLE_ERRORS, SAMPLE_SESSION, Summary,
    replay,
};
use replayed::{order, price, qty, run, states};

#[test]
fn sample_session_summary_is_exact() {
    let summary = replay(SAMPLE_SESSION.as_bytes(), ReplayOptions::default());
    let expected = Summary {
        stats: FeedStats {
            lines: 68,
            blank_lines: 1,
            order_trade_updates: 46,
            trade_lites: 11,
            algo_updates: 8,
            other_events: 2,
            orders_registered: 14,
            acks: 11,
            armed: 2,
            triggering: 2,
            triggers: 3,
            fills_applied: 16,
            late_fills: 1,
            cancels: 1,
            expiries: 2,
            rejections: 0,
            // One AMENDMENT, and the close-position take-profit's stale NEW
            // that states its quantity (the one change it makes).
            amendments: 2,
            duplicates: 10,
            stale: 5,
            trade_lites_held: 2,
            held_evicted: 0,
            held_for_trigger: 3,
            held_for_trigger_evicted: 0,
            unknown_orders: 1,
            unknown_events: 1,
            unknown_evicted: 0,
            foreign_orders: 5,
            foreign_events: 10,
            foreign_evicted: 0,
        },
        limits: FeedConfig::default(),
        abandoned_trade_lites: 1,
        abandoned_for_trigger: 0,
        orders_by_state: states(&[
            ("Active", 2),
            ("Filled", 9),
            ("Cancelled", 1),
            ("Expired", 2),
        ]),
        error_lines: 0,
        errors_by_kind: BTreeMap::new(),
        first_errors: vec![],
        invariants: InvariantCheck {
            ok: true,
            orders: 14,
            violations: 0,
            first_violations: vec![],
        },
        // Checked row by row in `sample_session_orders_end_where_they_should`.
        orders: summary.orders.clone(),
    };
    assert_eq!(summary, expected);
    assert_eq!((summary.events(), summary.exit_status()), (67, 0));
}

/// An order as `--orders` shows it: client id, state, filled, average price,
/// fills, exchange id.
type Row = (
    String,
    OrderStatus,
    String,
    Option<String>,
    u64,
    Option<u64>,
);

#[test]
fn sample_session_orders_end_where_they_should() {
    let (summary, tracker) = run(SAMPLE_SESSION);
    // (client id, state, filled, average price, fills, exchange id), by client id.
    let rows: Vec<Row> = summary
        .orders
        .iter()
        .map(|r| {
            (
                r.client_id.to_string(),
                r.state,
                r.filled_qty.to_string(),
                r.avg_price.map(|p| p.to_string()),
                r.fills,
                r.exchange_id.map(|id| id.0),
            )
        })
        .collect();
    let row = |id: &str, state, filled: &str, avg: Option<&str>, fills, exchange_id: u64| {
        (
            id.to_owned(),
            state,
            filled.to_owned(),
            avg.map(str::to_owned),
            fills,
            Some(exchange_id),
        )
    };
    use OrderStatus::{Active, Cancelled, Expired, Filled};
    assert_eq!(
        rows,
        [
            // Amended (0.015 → 0.012 at 86580), then filled; the earlier
            // three-letter origin code is read as well as the name.
            row(
                "PMS7f3e9c21_CHS_708192a3b4c5",
                Filled,
                "0.012",
                Some("86580"),
                1,
                731_246_000_707
            ),
            // A triggered STOP_MARKET (reported as MARKET) keeps its original type.
            // A close-position take-profit of the algo service: its quantity,
            // "0" until it triggered, learnt from its triggered order (0.3).
            row(
                "PMS7f3e9c21_MANUAL_c6d7e8f90a12",
                Filled,
                "0.3",
                Some("3050.52"),
                2,
                8_389_766_000_002_626
            ),
            row(
                "PMS7f3e9c21_TRAIL_STOP_92a3b4c5d6e7",
                Filled,
                "0.003",
                Some("86880.1"),
                1,
                4_010_000_909
            ),
            // A triggered trailing stop; its TRADE_LITE came first.
            row(
                "PMS7f3e9c21_TRAIL_STOP_a3b4c5d6e7f8",
                Filled,
                "0.1",
                Some("2948.2"),
                1,
                8_389_766_000_001_515
            ),
            // TRADE_LITE before anything else about the order: held, then applied.
            row(
                "PMS7f3e9c21_TWAP_3c4d5e6f7081",
                Filled,
                "30000",
                Some("0.006112"),
                1,
                52_342_000_301
            ),
            // The cancel overtook a fill: accounted late, still Cancelled.
            row(
                "PMS7f3e9c21_TWAP_4d5e6f708192",
                Cancelled,
                "25000",
                Some("0.0061"),
                2,
                52_342_000_402
            ),
            row(
                "PMSa1b2c3d4_BASKET_8192a3b4c5d6",
                Active,
                "0",
                None,
                0,
                731_246_000_808
            ),
            row(
                "PMSa1b2c3d4_CHASE_0f1e2d3c4b5a",
                Active,
                "0",
                None,
                0,
                731_246_001_212
            ),
            // Ack, then fills with TRADE_LITE twins in both orders of arrival.
            row(
                "PMSa1b2c3d4_CHASE_1a2b3c4d5e6f",
                Filled,
                "0.02",
                Some("86500"),
                2,
                731_246_000_101
            ),
            // An IOC partly filled, then expired (twice: the second is stale).
            row(
                "PMSa1b2c3d4_MANUAL_5e6f708192a3",
                Expired,
                "0.004",
                Some("86485"),
                1,
                731_246_000_505
            ),
            // Filled before its ack; the ack was stale; a redelivered line counted once.
            row(
                "PMSa1b2c3d4_SCALPER_2b3c4d5e6f70",
                Filled,
                "0.5",
                Some("2931.43"),
                2,
                8_389_766_000_000_201
            ),
            // Expired by self-trade prevention.
            row(
                "PMSa1b2c3d4_SRF_6f708192a3b4",
                Expired,
                "0",
                None,
                0,
                8_389_766_000_000_606
            ),
            // A stop of the algo service: armed, triggering, its triggered
            // order's first fill (under another client id) before TRIGGERED
            // held, then applied once TRIGGERED bound the order; two fills.
            row(
                "PMSa1b2c3d4_TRAIL_STOP_b5c6d7e8f901",
                Filled,
                "0.01",
                Some("84997.3"),
                2,
                731_246_002_001
            ),
            // A stop from before the algo service: EXPIRED (er 8) was its
            // trigger, not its end; NEW as MARKET, then filled.
            row(
                "PMSa1b2c3d4_TRAIL_STOP_d7e8f90a1b23",
                Filled,
                "0.005",
                Some("87512.3"),
                1,
                731_246_003_003
            ),
        ]
    );
    let Some(stp) = order(&tracker, "PMSa1b2c3d4_SRF_6f708192a3b4").view::<ordertrack::Expired>()
    else {
        panic!("not expired");
    };
    assert_eq!(stp.expiry_reason(), Some(ExpiryReason(1)));
    let amended = order(&tracker, "PMS7f3e9c21_CHS_708192a3b4c5");
    assert_eq!(
        (amended.quantity(), amended.price()),
        (qty("0.012"), Some(price("86580.00")))
    );
    assert_eq!(amended.spec().origin, Some(Origin::Chase));
    let stop = order(&tracker, "PMS7f3e9c21_TRAIL_STOP_92a3b4c5d6e7");
    assert_eq!(stop.spec().order_type, OrderType::StopMarket);
    assert_eq!(stop.spec().origin, Some(Origin::TrailStop));
    assert_eq!(stop.symbol(), Symbol::new("BTCUSDT_251226").unwrap());
    // The conditional orders: algo ids, triggers, what they learnt.
    let stop = order(&tracker, "PMSa1b2c3d4_TRAIL_STOP_b5c6d7e8f901");
    assert_eq!(
        (stop.algo_id().map(AlgoId::get), stop.triggered()),
        (Some(1_000_000_041_234_501), true)
    );
    assert_eq!(stop.trigger(), Some(Trigger::at(price("85000.00"))));
    assert!(stop.reduce_only());
    let close = order(&tracker, "PMS7f3e9c21_MANUAL_c6d7e8f90a12");
    assert!(close.is_close_position() && close.quantity_known());
    assert_eq!(
        close.trigger().map(|t| (t.price, t.working_type)),
        Some((Some(price("3050.00")), WorkingType::MarkPrice))
    );
    let legacy = order(&tracker, "PMSa1b2c3d4_TRAIL_STOP_d7e8f90a1b23");
    assert_eq!((legacy.algo_id(), legacy.triggered()), (None, true));
    assert_eq!(
        legacy.trigger().and_then(|t| t.price),
        Some(price("87500.0"))
    );
    // The foreign order held while the stop was armed was let go as foreign.
    assert!(
        tracker
            .lookup_exchange(
                &Symbol::new("BTCUSDT").unwrap(),
                ExchangeOrderId(731_246_004_004)
            )
            .is_none()
    );
    // Its TRADE_LITE came, its updates never did: never registered.
    let never = ClientOrderId::new("PMSa1b2c3d4_SCALPER_b4c5d6e7f809").unwrap();
    assert!(tracker.lookup_client(&never).is_none());
}

#[test]
fn sample_errors_name_each_line_and_order() {
    let (summary, tracker) = run(SAMPLE_ERRORS);
    assert_eq!(
        summary.errors_by_kind,
        BTreeMap::from([
            ("bad_symbol", 1),
            ("exchange_id_taken", 1),
            ("fill_refused", 1),
            ("inconsistent_report", 1),
            ("invalid_value", 1),
            ("malformed_json", 1),
            ("wrong_type", 1),
        ])
    );
    let errors: Vec<(u64, &str)> = summary
        .first_errors
        .iter()
        .map(|e| (e.line, e.kind))
        .collect();
    assert_eq!(
        errors,
        [
            (3, "malformed_json"),
            (4, "bad_symbol"),
            (5, "wrong_type"),
            (6, "fill_refused"),
            (7, "exchange_id_taken"),
            (8, "inconsistent_report"),
            (10, "invalid_value"),
        ]
    );
    let message = |line: u64| {
        summary
            .first_errors
            .iter()
            .find(|e| e.line == line)
            .map(|e| e.message.as_str())
            .unwrap()
    };
    assert!(message(3).starts_with("malformed JSON"), "{}", message(3));
    assert!(
        message(4).contains("\"BTC/USDT:USDT\" is in ccxt form"),
        "{}",
        message(4)
    );
    assert_eq!(
        message(5),
        r#"wrong type for field `$.o.ai` at line 1 column 246: invalid value: string "abc", expected an order id (digits, as a string or a number), or "" before the trigger"#
    );
    assert_eq!(
        message(10),
        r#"field `$.o.aid`: "0" is not an algo id (the algo service numbers orders from 1)"#
    );
    assert_eq!(
        message(6),
        "order PMSa1b2c3d4_CHASE_0f1e2d3c4b5a: fill 6923456703: 0.009 on top of 0.004 filled exceeds the order quantity 0.01 (overfill)"
    );
    assert_eq!(
        message(7),
        "exchange order id 731245678901 on BTCUSDT already belongs to tracked order PMSa1b2c3d4_CHASE_0f1e2d3c4b5a, not to PMSa1b2c3d4_SCALPER_9a8b7c6d5e4f"
    );
    assert_eq!(
        message(8),
        "order PMSa1b2c3d4_MANUAL_3c2b1a0f9e8d: report: execution type NEW cannot come with order status FILLED"
    );
    // Client ids, never the tracker's internal handles.
    for error in &summary.first_errors {
        assert!(!error.message.contains("OrderKey"), "{error:?}");
    }
    // Only the CHASE order was registered, and its real fills all applied.
    assert_eq!(tracker.len(), 1);
    let chase = order(&tracker, "PMSa1b2c3d4_CHASE_0f1e2d3c4b5a");
    assert_eq!(
        (chase.status(), chase.filled_qty()),
        (OrderStatus::Filled, qty("0.010"))
    );
    assert_eq!(chase.fills().count(), 2);
    let mut remembered = chase.fills().recent_trade_ids().to_vec();
    remembered.sort();
    assert_eq!(remembered, [TradeId(6_923_456_701), TradeId(6_923_456_703)]);
    assert_eq!((summary.error_lines, summary.exit_status()), (7, 2));
    assert!(summary.invariants.ok);
}
