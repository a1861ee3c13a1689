//! Strict on what the tracker uses, tolerant of everything else: stream
//! events in older and newer layouts, unused fields of any type, escapes,
//! ids as strings, the combined-stream envelope, liquidation statuses — and a
//! typed error naming field and value for every used field that is absent,
//! mistyped or undocumented.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers outside #[test] functions"
)]

use ordertrack::{
    ExchangeOrderId, ExecutionReport, ExecutionType, ExpiryReason, OrderType, Qty, ReportStatus,
    Side, TradeId,
};
use ordertrack_binance::wire::{Text, UserDataEvent, WireError};
use ordertrack_binance::{ConvertError, DecodeError, FeedEvent, decode};

/// Binance's documented `ORDER_TRADE_UPDATE` (Event-Order-Update page).
const DOC_OTU: &str = r#"{"e":"ORDER_TRADE_UPDATE","E":1568879465651,"T":1568879465650,"o":{"s":"BTCUSDT","c":"TEST","S":"SELL","o":"TRAILING_STOP_MARKET","f":"GTC","q":"0.001","p":"0","ap":"0","sp":"7103.04","x":"NEW","X":"NEW","i":8886774,"l":"0","z":"0","L":"0","N":"USDT","n":"0","T":1568879465650,"t":0,"b":"0","a":"9.91","m":false,"R":false,"wt":"CONTRACT_PRICE","ot":"TRAILING_STOP_MARKET","ps":"LONG","cp":false,"AP":"7476.89","cr":"5.0","pP":false,"si":0,"ss":0,"rp":"0","V":"EXPIRE_TAKER","pm":"OPPONENT","gtd":0,"er":"0"}}"#;

/// A fill in the current layout.
const TRADE: &str = r#"{"e":"ORDER_TRADE_UPDATE","T":1764000000053,"E":1764000000054,"o":{"s":"ETHUSDT","c":"PMS9f3c2a1b_SCALPER_8e7d6c5b4a39","S":"SELL","o":"MARKET","f":"GTC","q":"0.250","p":"0","ap":"2934.51000","sp":"0","x":"TRADE","X":"PARTIALLY_FILLED","i":8389765812345601,"l":"0.120","z":"0.120","L":"2934.51","n":"0.17607060","N":"USDT","T":1764000000053,"t":5401234501,"b":"0","a":"0","m":false,"R":false,"wt":"CONTRACT_PRICE","ot":"MARKET","ps":"BOTH","cp":false,"rp":"0","pP":false,"si":0,"ss":0,"V":"EXPIRE_MAKER","pm":"NONE","gtd":0,"er":"0"}}"#;

/// A fill as streams wrote it before 2024: no `V`, `pm`, `gtd`, `pP`, `si`,
/// `ss`, `er`; `rp` present.
const TRADE_2021: &str = r#"{"e":"ORDER_TRADE_UPDATE","T":1630000000053,"E":1630000000054,"o":{"s":"ETHUSDT","c":"PMS9f3c2a1b_SCALPER_8e7d6c5b4a39","S":"SELL","o":"MARKET","f":"GTC","q":"0.250","p":"0","ap":"2934.51000","sp":"0","x":"TRADE","X":"PARTIALLY_FILLED","i":8389765812345601,"l":"0.120","z":"0.120","L":"2934.51","n":"0.17607060","N":"USDT","T":1630000000053,"t":5401234501,"b":"0","a":"0","m":false,"R":false,"wt":"CONTRACT_PRICE","ot":"MARKET","ps":"BOTH","cp":false,"rp":"0"}}"#;

/// The fill with exactly the fields the tracker reads: the required ones and
/// the optional `ot` and `R` (`cp` absent: not a close-position order).
const TRADE_MINIMAL: &str = r#"{"e":"ORDER_TRADE_UPDATE","T":1764000000053,"o":{"s":"ETHUSDT","c":"PMS9f3c2a1b_SCALPER_8e7d6c5b4a39","S":"SELL","q":"0.250","p":"0","x":"TRADE","X":"PARTIALLY_FILLED","i":8389765812345601,"l":"0.120","z":"0.120","L":"2934.51","t":5401234501,"R":false,"ot":"MARKET"}}"#;

/// Binance's documented `TRADE_LITE`.
const DOC_LITE: &str = r#"{"e":"TRADE_LITE","E":1721895408092,"T":1721895408214,"s":"BTCUSDT","q":"0.001","p":"0","m":false,"c":"z8hcUoOsqEdKMeKPSABslD","S":"BUY","L":"64089.20","l":"0.040","t":109100866,"i":8886774}"#;

fn with(line: &str, from: &str, to: &str) -> String {
    assert!(line.contains(from), "{from} not in {line}");
    line.replacen(from, to, 1)
}

fn report(line: &str) -> ExecutionReport {
    match decode(line) {
        Ok(FeedEvent::OrderUpdate(report) | FeedEvent::TradeLite(report)) => report,
        other => panic!("{line}: {other:?}"),
    }
}

fn wire_error(line: &str) -> WireError {
    match decode(line) {
        Err(DecodeError::Wire(err)) => err,
        other => panic!("{line}: expected a wire error, got {other:?}"),
    }
}

#[test]
fn every_layout_of_one_fill_gives_the_same_report() {
    let current = report(TRADE);
    let old = report(TRADE_2021);
    assert_eq!(
        ExecutionReport {
            transaction_time: current.transaction_time,
            ..old
        },
        current
    );
    assert_eq!(report(TRADE_MINIMAL), current);
    let fill = current.fill.unwrap();
    assert_eq!(
        (fill.trade_id, fill.qty, fill.price.to_string()),
        (
            TradeId(5_401_234_501),
            Qty::parse("0.12").unwrap(),
            "2934.51".to_owned()
        )
    );
    let terms = current.terms.unwrap();
    assert_eq!(
        (terms.side, terms.order_type, terms.quantity),
        (
            Side::Sell,
            Some(OrderType::Market),
            Qty::parse("0.25").unwrap()
        )
    );
}

#[test]
fn unused_fields_of_any_type_or_absent_cost_nothing() {
    let current = report(TRADE);
    for (from, to) in [
        (r#""rp":"0""#, r#""rp":0"#),
        (r#""rp":"0""#, r#""rp":-1.5e3"#),
        (r#""sp":"0""#, r#""sp":null"#),
        (r#""V":"EXPIRE_MAKER""#, r#""V":null"#),
        (r#""N":"USDT""#, r#""N":null"#),
        (r#""n":"0.17607060""#, r#""n":0.1760706"#),
        (r#""m":false"#, r#""m":"false""#),
        (r#""gtd":0"#, r#""gtd":"0""#),
        (r#""si":0"#, r#""si":{"id":0}"#),
        (r#""ps":"BOTH""#, r#""ps":["BOTH"]"#),
        (r#""E":1764000000054"#, r#""E":"1764000000054""#),
        (r#""ap":"2934.51000""#, r#""ap":2934.51"#),
        (r#""f":"GTC""#, r#""f":"GTE_GTC""#),
        (r#""o":"MARKET""#, r#""o":"SOMETHING_NEW""#),
        (
            r#""wt":"CONTRACT_PRICE","#,
            r#""zz":[1,{"a":[null,true]}],"wt":7,"#,
        ),
        (r#""er":"0""#, r#""er":"not read on a TRADE""#),
    ] {
        assert_eq!(report(&with(TRADE, from, to)), current, "{to}");
    }
}

#[test]
fn strings_with_escapes_and_ids_as_strings_are_read() {
    let escaped = with(TRADE, r#""s":"ETHUSDT""#, r#""s":"ETH\u0055SDT""#);
    let escaped = with(
        &escaped,
        r#""c":"PMS9f3c2a1b_SCALPER_8e7d6c5b4a39""#,
        r#""c":"PMS9f3c2a1b_SCALPER_8e7d6c5b4a39""#.replace("SCALPER", "SCALPE\\u0052").as_str(),
    );
    assert_eq!(report(&escaped), report(TRADE));
    let ids = with(
        TRADE,
        r#""i":8389765812345601"#,
        r#""i":"8389765812345601""#,
    );
    let ids = with(&ids, r#""t":5401234501"#, r#""t":"5401234501""#);
    assert_eq!(report(&ids), report(TRADE));
    let lite = with(DOC_LITE, r#""i":8886774"#, r#""i":"8886774""#);
    assert_eq!(report(&lite).exchange_id, Some(ExchangeOrderId(8_886_774)));
}

#[test]
fn the_combined_stream_envelope_is_accepted() {
    for line in [TRADE, DOC_LITE, DOC_OTU] {
        let wrapped = format!(
            r#"{{"stream":"pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1","data":{line}}}"#
        );
        assert_eq!(report(&wrapped), report(line));
    }
    let wrapped =
        r#"{"stream":"k","data":{"e":"listenKeyExpired","E":"1736996475556","listenKey":"k"}}"#;
    assert!(matches!(
        decode(wrapped),
        Ok(FeedEvent::Other { event_type }) if event_type.as_str() == "listenKeyExpired"
    ));
    // An error inside the envelope names its path there.
    let bad = format!(
        r#"{{"stream":"k","data":{}}}"#,
        with(TRADE, r#""x":"TRADE""#, r#""x":"SWAP""#)
    );
    let err = wire_error(&bad);
    assert!(
        matches!(&err, WireError::UnknownValue { field, value, .. } if field == "$.data.o.x" && value == "SWAP"),
        "{err:?}"
    );
    // Neither `e` nor `data.e`.
    let err = wire_error(r#"{"stream":"k","data":{"E":1}}"#);
    assert!(
        matches!(&err, WireError::MissingField { field, .. } if field == "$.data.e"),
        "{err:?}"
    );
}

#[test]
fn liquidation_statuses_and_orders_are_read() {
    for status in ["NEW_INSURANCE", "NEW_ADL"] {
        let line = with(DOC_OTU, r#""X":"NEW""#, &format!(r#""X":"{status}""#));
        assert_eq!(report(&line).status, ReportStatus::New, "{status}");
    }
    let liquidation = with(
        &with(
            &with(TRADE, r#""x":"TRADE""#, r#""x":"CALCULATED""#),
            r#""ot":"MARKET""#,
            r#""ot":"LIQUIDATION""#,
        ),
        r#""c":"PMS9f3c2a1b_SCALPER_8e7d6c5b4a39""#,
        r#""c":"autoclose-1764000000123""#,
    );
    let r = report(&liquidation);
    assert_eq!(r.execution, ExecutionType::Calculated);
    assert_eq!(r.terms.unwrap().order_type, Some(OrderType::Liquidation));
    assert_eq!(r.client_id.unwrap().parse_pms(), None);
}

#[test]
fn expiry_reason_as_string_or_number() {
    let expired = with(
        &with(DOC_OTU, r#""x":"NEW""#, r#""x":"EXPIRED""#),
        r#""X":"NEW""#,
        r#""X":"EXPIRED""#,
    );
    let string = with(&expired, r#""er":"0""#, r#""er":"6""#);
    let number = with(&expired, r#""er":"0""#, r#""er":6"#);
    assert_eq!(report(&string).expiry_reason, Some(ExpiryReason(6)));
    assert_eq!(report(&number).expiry_reason, Some(ExpiryReason(6)));
    let absent = with(&expired, r#","er":"0""#, "");
    assert_eq!(report(&absent).expiry_reason, None);
}

#[test]
fn every_used_field_is_required_and_named() {
    let order_start = TRADE.find(r#""o":{"#).unwrap() + 5;
    for field in ["s", "c", "S", "q", "p", "x", "X", "i", "z"] {
        // Remove `"field":value,` from the `o` object.
        let key = order_start
            + TRADE[order_start..]
                .find(&format!(r#""{field}":"#))
                .unwrap();
        let end = key + TRADE[key..].find(',').unwrap() + 1;
        let line = format!("{}{}", &TRADE[..key], &TRADE[end..]);
        let err = wire_error(&line);
        assert!(
            matches!(&err, WireError::MissingField { field: f, .. } if *f == format!("$.o.{field}")),
            "{field}: {err:?}"
        );
    }
    let err = wire_error(&with(TRADE, r#""T":1764000000053,"E""#, r#""E""#));
    assert!(
        matches!(&err, WireError::MissingField { field, .. } if field == "$.T"),
        "{err:?}"
    );
    // The fill's own fields, on a fill only.
    for (field, path) in [
        (r#""t":5401234501,"#, "$.o.t"),
        (r#""L":"2934.51","#, "$.o.L"),
    ] {
        match decode(&with(TRADE, field, "")) {
            Err(DecodeError::Convert(ConvertError::Missing { field, execution })) => {
                assert_eq!((field, execution), (path, ExecutionType::Trade));
            }
            other => panic!("{path}: {other:?}"),
        }
    }
    // Not needed on a NEW.
    let new = with(&with(DOC_OTU, r#""t":0,"#, ""), r#""l":"0","#, "");
    assert!(report(&new).fill.is_none());
}

#[test]
fn used_fields_of_the_wrong_type_or_value_are_named() {
    let cases = [
        (r#""q":"0.250""#, r#""q":0.25"#, "$.o.q"),
        (r#""z":"0.120""#, r#""z":null"#, "$.o.z"),
        (r#""i":8389765812345601"#, r#""i":-5"#, "$.o.i"),
        (r#""i":8389765812345601"#, r#""i":"83897x""#, "$.o.i"),
        (r#""x":"TRADE""#, r#""x":5"#, "$.o.x"),
        (r#""R":false"#, r#""R":"no""#, "$.o.R"),
    ];
    for (from, to, path) in cases {
        let err = wire_error(&with(TRADE, from, to));
        assert!(
            matches!(&err, WireError::WrongType { field, .. } if field == path),
            "{to}: {err:?}"
        );
    }
    for (from, to, path, value) in [
        (r#""x":"TRADE""#, r#""x":"REPLACED""#, "$.o.x", "REPLACED"),
        (
            r#""X":"PARTIALLY_FILLED""#,
            r#""X":"PENDING_CANCEL""#,
            "$.o.X",
            "PENDING_CANCEL",
        ),
        (
            r#""X":"PARTIALLY_FILLED""#,
            r#""X":"partially_filled""#,
            "$.o.X",
            "partially_filled",
        ),
    ] {
        let err = wire_error(&with(TRADE, from, to));
        assert!(
            matches!(&err, WireError::UnknownValue { field, value: v, .. } if field == path && v == value),
            "{to}: {err:?}"
        );
        assert!(err.to_string().contains(value), "{err}");
    }
}

#[test]
fn used_decimals_and_enums_the_model_refuses_are_named() {
    for (from, to, kind, field) in [
        (r#""q":"0.250""#, r#""q":"-50""#, "bad_decimal", "$.o.q"),
        (r#""q":"0.250""#, r#""q":"1e400""#, "bad_decimal", "$.o.q"),
        (r#""p":"0""#, r#""p":"NaN""#, "bad_decimal", "$.o.p"),
        (r#""z":"0.120""#, r#""z":"0.1.2""#, "bad_decimal", "$.o.z"),
        (
            r#""S":"SELL""#,
            r#""S":"SIDEWAYS""#,
            "unknown_value",
            "$.o.S",
        ),
        (
            r#""ot":"MARKET""#,
            r#""ot":"ICEBERG""#,
            "unknown_value",
            "$.o.ot",
        ),
    ] {
        match decode(&with(TRADE, from, to)) {
            Err(DecodeError::Convert(err)) => {
                assert_eq!((err.kind(), err.field()), (kind, field), "{to}");
            }
            other => panic!("{to}: {other:?}"),
        }
    }
}

#[test]
fn other_events_are_recognised_by_type_only() {
    for (line, want) in [
        (
            r#"{"e":"ACCOUNT_UPDATE","E":1564745798939,"T":1564745798938,"a":{"m":"ORDER","B":[],"P":[]}}"#,
            "ACCOUNT_UPDATE",
        ),
        (
            r#"{"e":"CONDITIONAL_ORDER_TRIGGER_REJECT","E":1685517224945,"T":1685517224955,"or":{"s":"ETHUSDT","i":155618472834,"r":"Due to the order could not be filled immediately, the FOK order has been rejected. The order will not be recorded in the order history"}}"#,
            "CONDITIONAL_ORDER_TRIGGER_REJECT",
        ),
        (
            r#"{"e":"listenKeyExpired","E":"1736996475556","listenKey":"WsCMN0a4KHUPTQuX6IUnqEZfB1inxmv1qR4kbf1LuEjur5VdbzqvyxqG9TSjVVxv"}"#,
            "listenKeyExpired",
        ),
        (
            r#"{"E":1,"e":"MARGIN_CALL","cw":"3.16812045","p":[]}"#,
            "MARGIN_CALL",
        ),
    ] {
        match UserDataEvent::parse(line) {
            Ok(UserDataEvent::Other { event_type }) => assert_eq!(event_type, Text::from(want)),
            other => panic!("{line}: {other:?}"),
        }
    }
}

#[test]
fn the_fast_path_and_the_general_parse_agree() {
    let sample = ordertrack_binance::SAMPLE_SESSION;
    for line in sample.lines().chain([TRADE, TRADE_2021, DOC_LITE, DOC_OTU]) {
        if line.trim().is_empty() {
            continue;
        }
        // The same message with a space after `{`: no fast path.
        let slow = line.replacen('{', "{ ", 1);
        match (decode(line), decode(&slow)) {
            (Ok(a), Ok(b)) => assert_eq!(a.report(), b.report(), "{line}"),
            (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind(), "{line}"),
            (a, b) => panic!("{line}: {a:?} vs {b:?}"),
        }
    }
}

#[test]
fn hostile_lines_give_short_typed_errors() {
    let deep = "[".repeat(10_000_000);
    let nested = r#"{"e":"#.repeat(1_000_000);
    let long_value = with(
        TRADE,
        r#""x":"TRADE""#,
        &format!(r#""x":"{}""#, "A".repeat(1_000_000)),
    );
    let long_number = with(
        TRADE,
        r#""i":8389765812345601"#,
        &format!(r#""i":{}"#, "9".repeat(100_000)),
    );
    for line in [
        deep.as_str(),
        nested.as_str(),
        long_value.as_str(),
        long_number.as_str(),
        "",
        "null",
        "\u{0}",
    ] {
        let err = decode(line).unwrap_err();
        let message = err.to_string();
        assert!(
            message.len() < 400,
            "{} bytes: {}",
            message.len(),
            &message[..200.min(message.len())]
        );
    }
}
