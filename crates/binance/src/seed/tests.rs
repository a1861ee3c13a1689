//! [`seed_order`] on real lines: every field, conditional orders and their
//! triggers, close-position orders, and what is refused.

use ordertrack::{
    ClientOrderId, NewOrder, OrderError, OrderType, Origin, Price, Qty, Side, SubAccountId, Symbol,
    Trigger, WorkingType,
};

use super::{SeedError, seed_order};
use crate::event::{DecodeError, FeedEvent, decode};

const BASIC: &str = include_str!("../../tests/data/session_basic.jsonl");
const RACES: &str = include_str!("../../tests/data/session_races.jsonl");
const SAMPLE: &str = include_str!("../../data/sample_session.jsonl");

fn seed(line: &str) -> Result<NewOrder, SeedError> {
    let report = *decode(line).unwrap().report().unwrap();
    seed_order(&report).map(|order| *order.spec())
}

fn with(line: &str, from: &str, to: &str) -> String {
    assert!(line.contains(from), "{from}");
    line.replacen(from, to, 1)
}

fn first(text: &'static str) -> &'static str {
    text.lines().next().unwrap()
}

#[test]
fn limit_order_seed_has_every_field() {
    let spec = seed(first(BASIC)).unwrap();
    assert_eq!(
        spec,
        NewOrder {
            trigger: None,
            client_id: ClientOrderId::new("PMSa1b2c3d4_CHS_0f1e2d3c4b5a").unwrap(),
            // Only the 8-character prefix is known: it is the sub-account.
            sub_account: SubAccountId::new("a1b2c3d4").unwrap(),
            symbol: Symbol::new("BTCUSDT").unwrap(),
            side: Side::Buy,
            order_type: OrderType::Limit,
            quantity: Qty::parse("0.010").unwrap(),
            price: Some(Price::parse("86950.00").unwrap()),
            reduce_only: false,
            origin: Some(Origin::Chase),
            parent: None,
            leverage: 1,
            created_at: 1_764_000_000_012,
        }
    );
}

#[test]
fn market_reduce_only_and_fill_before_ack() {
    // The first event of this market order is a fill: the seed comes from it.
    let spec = seed(first(RACES)).unwrap();
    assert_eq!(
        (spec.order_type, spec.price, spec.side, spec.origin),
        (OrderType::Market, None, Side::Buy, Some(Origin::Chase))
    );
    assert_eq!(spec.quantity, Qty::parse("0.006").unwrap());
    let reduce = BASIC.lines().nth(9).unwrap();
    let spec = seed(reduce).unwrap();
    assert!(spec.reduce_only);
    assert_eq!((spec.origin, spec.side), (Some(Origin::Manual), Side::Sell));
}

#[test]
fn triggered_stop_keeps_its_original_type() {
    let triggered = SAMPLE
        .lines()
        .find(|l| l.contains(r#""o":"MARKET""#) && l.contains(r#""ot":"STOP_MARKET""#))
        .unwrap();
    let spec = seed(triggered).unwrap();
    assert_eq!(spec.order_type, OrderType::StopMarket);
    assert_eq!(spec.symbol.as_str(), "BTCUSDT_251226");
    assert_eq!((spec.price, spec.origin), (None, Some(Origin::TrailStop)));
    assert_eq!(spec.sub_account.as_str(), "7f3e9c21");
}

#[test]
fn foreign_ids_are_not_seeded() {
    for id in [
        "autoclose-1764000000123",
        "adl_autoclose",
        "web_abc123",
        "TEST",
    ] {
        let line = with(first(BASIC), "PMSa1b2c3d4_CHS_0f1e2d3c4b5a", id);
        let err = seed(&line).unwrap_err();
        assert_eq!(
            err,
            SeedError::Foreign {
                client_id: id.to_owned()
            }
        );
        assert_eq!(err.kind(), "foreign_order");
    }
}

#[test]
fn unknown_origin_words_are_seeded_with_no_origin() {
    let line = with(
        first(BASIC),
        "PMSa1b2c3d4_CHS_0f1e2d3c4b5a",
        "PMSa1b2c3d4_GRID_0f1e2d3c4b5a",
    );
    let spec = seed(&line).unwrap();
    assert_eq!((spec.origin, spec.sub_account.as_str()), (None, "a1b2c3d4"));
    let line = with(first(BASIC), "PMSa1b2c3d4_CHS_", "PMSa1b2c3d4_TRAIL_STOP_");
    assert_eq!(seed(&line).unwrap().origin, Some(Origin::TrailStop));
}

#[test]
fn a_trade_lite_cannot_seed_an_order() {
    let lite = SAMPLE.lines().find(|l| l.contains("TRADE_LITE")).unwrap();
    let Ok(FeedEvent::TradeLite(report)) = decode(lite) else {
        panic!("{lite}");
    };
    let err = seed_order(&report).unwrap_err();
    assert!(
        matches!(err, SeedError::NoTerms { .. } | SeedError::Foreign { .. }),
        "{err:?}"
    );
}

#[test]
fn a_zero_quantity_is_refused_unless_close_position() {
    let line = with(first(BASIC), r#""q":"0.010""#, r#""q":"0""#);
    let line = with(&line, r#""cp":false"#, r#""cp":true"#);
    // A LIMIT order: `cp` means nothing, its zero quantity is refused.
    let err = seed(&line).unwrap_err();
    let client_id = ClientOrderId::new("PMSa1b2c3d4_CHS_0f1e2d3c4b5a").unwrap();
    assert_eq!(
        err,
        SeedError::ZeroQuantity {
            client_id,
            close_position: true
        }
    );
    assert_eq!(err.kind(), "zero_quantity_order");
    assert!(err.to_string().contains("closePosition"), "{err}");
    let line = with(&line, r#""cp":true"#, r#""cp":false"#);
    assert_eq!(
        seed(&line).unwrap_err(),
        SeedError::ZeroQuantity {
            client_id,
            close_position: false
        }
    );
}

/// The first line of BASIC as a TAKE_PROFIT_MARKET sell with `sp`, `wt`
/// and `cp` given.
fn take_profit(q: &str, cp: bool, wt: &str) -> String {
    let mut line = first(BASIC).to_owned();
    for (from, to) in [
        (r#""o":"LIMIT""#, r#""o":"TAKE_PROFIT_MARKET""#.to_owned()),
        (r#""ot":"LIMIT""#, r#""ot":"TAKE_PROFIT_MARKET""#.to_owned()),
        (r#""S":"BUY""#, r#""S":"SELL""#.to_owned()),
        (r#""p":"86950.00""#, r#""p":"0""#.to_owned()),
        (r#""sp":"0""#, r#""sp":"90000.00""#.to_owned()),
        (r#""q":"0.010""#, format!(r#""q":"{q}""#)),
        (r#""cp":false"#, format!(r#""cp":{cp}"#)),
        (r#""wt":"CONTRACT_PRICE""#, format!(r#""wt":"{wt}""#)),
    ] {
        line = with(&line, from, &to);
    }
    line
}

#[test]
fn close_position_orders_are_seeded_without_quantity() {
    let spec = seed(&take_profit("0", true, "MARK_PRICE")).unwrap();
    assert_eq!(
        (spec.order_type, spec.quantity, spec.price),
        (OrderType::TakeProfitMarket, Qty::ZERO, None)
    );
    assert_eq!(
        spec.trigger,
        Some(Trigger {
            price: Some(Price::parse("90000").unwrap()),
            working_type: WorkingType::MarkPrice,
            close_position: true,
        })
    );
    // The quantity an event of its triggered order states is learnt
    // later, never seeded: a close-position order starts without one.
    let spec = seed(&take_profit("0.004", true, "CONTRACT_PRICE")).unwrap();
    assert_eq!(spec.quantity, Qty::ZERO);
    // A conditional order with a quantity keeps it.
    let spec = seed(&take_profit("0.004", false, "CONTRACT_PRICE")).unwrap();
    assert_eq!(spec.quantity, Qty::parse("0.004").unwrap());
    assert_eq!(
        spec.trigger.map(|t| (t.working_type, t.close_position)),
        Some((WorkingType::ContractPrice, false))
    );
}

#[test]
fn a_conditional_order_without_trigger_price_is_refused() {
    let line = take_profit("0.004", false, "CONTRACT_PRICE").replacen(
        r#""sp":"90000.00""#,
        r#""sp":"0""#,
        1,
    );
    let err = seed(&line).unwrap_err();
    assert!(
        matches!(
            err,
            SeedError::Order(OrderError::MissingTriggerPrice {
                order_type: OrderType::TakeProfitMarket,
                ..
            })
        ),
        "{err:?}"
    );
    // `wt` outside its two values names the field, like any used field.
    let line = take_profit("0.004", false, "INDEX_PRICE");
    let err = decode(&line).unwrap_err();
    assert_eq!(err.kind(), "unknown_value");
    assert!(err.to_string().contains("$.o.wt"), "{err}");
}

#[test]
fn algo_updates_seed_conditional_orders() {
    let algo = SAMPLE
        .lines()
        .find(|l| l.contains("ALGO_UPDATE") && l.contains(r#""X":"NEW""#))
        .unwrap();
    let spec = seed(algo).unwrap();
    assert!(spec.order_type.is_conditional(), "{spec:?}");
    let trigger = spec.trigger.unwrap();
    assert!(trigger.price.is_some());
    assert_eq!(spec.client_id.parse_pms().unwrap().origin, spec.origin);
}

#[test]
fn refused_fields_name_their_path() {
    for (from, to, field, kind) in [
        (r#""S":"BUY""#, r#""S":"LONG""#, "$.o.S", "unknown_value"),
        (
            r#""ot":"LIMIT""#,
            r#""ot":"ICEBERG""#,
            "$.o.ot",
            "unknown_value",
        ),
        (r#""q":"0.010""#, r#""q":"-1""#, "$.o.q", "bad_decimal"),
        (
            r#""p":"86950.00""#,
            r#""p":"8.695e4""#,
            "$.o.p",
            "bad_decimal",
        ),
        (
            r#""s":"BTCUSDT""#,
            r#""s":"BTC-USDT""#,
            "$.o.s",
            "bad_symbol",
        ),
        (
            r#""c":"PMSa1b2c3d4_CHS_0f1e2d3c4b5a""#,
            r#""c":"PMSa1b2c3d4_CHS_0f1e2d3c4b5a#""#,
            "$.o.c",
            "bad_client_id",
        ),
    ] {
        let err = decode(&with(first(BASIC), from, to)).unwrap_err();
        let DecodeError::Convert(convert) = &err else {
            panic!("{to}: {err:?}");
        };
        assert_eq!((convert.field(), err.kind()), (field, kind), "{to}");
    }
}

#[test]
fn orders_the_model_refuses() {
    let line = with(first(BASIC), r#""p":"86950.00""#, r#""p":"0""#);
    let err = seed(&line).unwrap_err();
    assert!(
        matches!(
            err,
            SeedError::Order(OrderError::MissingPrice {
                order_type: OrderType::Limit,
                ..
            })
        ),
        "{err:?}"
    );
    assert_eq!(err.kind(), "unregistrable_order");
}
