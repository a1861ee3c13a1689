//! `ALGO_UPDATE`s mapped field by field, in both envelopes and forms, and
//! each refused field named.

use ordertrack::AlgoId;

use super::*;
use crate::event::FeedEvent;

/// Binance's documented `ALGO_UPDATE` (a CANCELED take-profit).
const DOC_ALGO: &str = r#"{"e":"ALGO_UPDATE","T":1750515742297,"E":1750515742303,"o":{"caid":"Q5xaq5EGKgXXa0fD7fs0Ip","aid":2148719,"at":"CONDITIONAL","o":"TAKE_PROFIT","s":"BNBUSDT","S":"SELL","ps":"BOTH","f":"GTC","q":"0.01","X":"CANCELED","ai":"","ap":"0.00000","aq":"0.00000","act":"0","tp":"750","p":"750","V":"EXPIRE_MAKER","wt":"CONTRACT_PRICE","pm":"NONE","cp":false,"pP":false,"R":false,"tt":0,"gtd":0,"rm":"Reduce Only reject"}}"#;

/// nautilus_trader's FINISHED stop, in the combined-stream envelope.
const FINISHED: &str = r#"{"stream":"test","data":{"e":"ALGO_UPDATE","T":1765431097031,"E":1765431097037,"o":{"caid":"O-20251211-053131-TEST-000-1","aid":1000000033225453,"at":"CONDITIONAL","o":"STOP_MARKET","s":"DOGEUSDT","S":"BUY","ps":"BOTH","f":"GTC","q":"38","X":"FINISHED","ai":"88937381063","ap":"0.13856","aq":"38","act":"MARKET","tp":"0.13855","p":"0","V":"EXPIRE_MAKER","wt":"CONTRACT_PRICE","pm":"NONE","cp":false,"pP":false,"R":false,"tt":1765431097019,"gtd":0}}}"#;

fn algo_report(line: &str) -> ExecutionReport {
    match decode(line) {
        Ok(FeedEvent::AlgoUpdate(report)) => report,
        other => panic!("not an algo update: {other:?}"),
    }
}

#[test]
fn the_doc_example_maps_every_field() {
    assert_eq!(
        algo_report(DOC_ALGO),
        ExecutionReport {
            algo_id: AlgoId::new(2_148_719),
            client_id: Some(ClientOrderId::new("Q5xaq5EGKgXXa0fD7fs0Ip").unwrap()),
            exchange_id: None,
            symbol: Symbol::new("BNBUSDT").unwrap(),
            execution: ExecutionType::Canceled,
            status: ReportStatus::Canceled,
            fill: None,
            cumulative_qty: Some(Qty::ZERO),
            amendment: None,
            terms: Some(OrderTerms {
                side: Side::Sell,
                order_type: Some(OrderType::TakeProfit),
                quantity: qty("0.01"),
                price: Some(price("750")),
                reduce_only: Some(false),
                close_position: false,
                trigger_price: Some(price("750")),
                working_type: Some(WorkingType::ContractPrice),
            }),
            expiry_reason: None,
            transaction_time: 1_750_515_742_297,
        }
    );
}

#[test]
fn a_finished_stop_names_its_triggered_order() {
    let report = algo_report(FINISHED);
    assert_eq!(
        (report.execution, report.status),
        (ExecutionType::Triggered, ReportStatus::Finished)
    );
    assert_eq!(report.exchange_id, Some(ExchangeOrderId(88_937_381_063)));
    assert_eq!(report.algo_id.map(AlgoId::get), Some(1_000_000_033_225_453));
    assert_eq!(report.cumulative_qty, Some(qty("38")));
    let terms = report.terms.unwrap();
    assert_eq!(
        (terms.order_type, terms.price, terms.trigger_price),
        (Some(OrderType::StopMarket), None, Some(price("0.13855")))
    );
    // Bare, with `T` as a string, nulls and unknown fields: the same report.
    let bare = FINISHED
        .strip_prefix(r#"{"stream":"test","data":"#)
        .and_then(|l| l.strip_suffix('}'))
        .unwrap()
        .replacen(r#""T":1765431097031"#, r#""T":"1765431097031""#, 1)
        .replacen(r#""act":"MARKET""#, r#""act":null,"new":{"x":[1]}"#, 1)
        .replacen(r#""pm":"NONE""#, r#""pm":7"#, 1);
    assert_eq!(algo_report(&bare), report);
}

#[test]
fn every_status_maps_to_its_execution() {
    for (status, execution, reported) in [
        ("NEW", ExecutionType::New, ReportStatus::New),
        (
            "TRIGGERING",
            ExecutionType::Triggering,
            ReportStatus::Triggering,
        ),
        (
            "TRIGGERED",
            ExecutionType::Triggered,
            ReportStatus::Triggered,
        ),
        ("FINISHED", ExecutionType::Triggered, ReportStatus::Finished),
        ("CANCELED", ExecutionType::Canceled, ReportStatus::Canceled),
        ("EXPIRED", ExecutionType::Expired, ReportStatus::Expired),
        ("REJECTED", ExecutionType::Rejected, ReportStatus::Rejected),
    ] {
        let line = with(DOC_ALGO, r#""X":"CANCELED""#, &format!(r#""X":"{status}""#));
        let report = algo_report(&line);
        assert_eq!(
            (report.execution, report.status),
            (execution, reported),
            "{status}"
        );
        assert!(report.execution.allows(report.status));
    }
}

#[test]
fn unstated_and_empty_values_are_none() {
    // A TRIGGERING states no executed quantity; a trailing stop may have no
    // trigger price; an absent `ai`, `wt`, `R`, `cp` state nothing.
    let line = DOC_ALGO
        .replacen(r#""ap":"0.00000","aq":"0.00000","act":"0","#, "", 1)
        .replacen(r#""tp":"750""#, r#""tp":"""#, 1)
        .replacen(r#""ai":"","#, "", 1)
        .replacen(r#""wt":"CONTRACT_PRICE","#, "", 1)
        .replacen(r#""R":false,"#, "", 1);
    let report = algo_report(&line);
    let terms = report.terms.unwrap();
    assert_eq!((report.exchange_id, report.cumulative_qty), (None, None));
    assert_eq!(
        (terms.trigger_price, terms.working_type, terms.reduce_only),
        (None, None, None)
    );
    // An `aq` of "" is not stated either.
    let line = with(DOC_ALGO, r#""aq":"0.00000""#, r#""aq":"""#);
    assert_eq!(algo_report(&line).cumulative_qty, None);
}

#[test]
fn binance_made_caids_name_no_client_id() {
    let line = with(
        DOC_ALGO,
        r#""caid":"Q5xaq5EGKgXXa0fD7fs0Ip""#,
        r#""caid":"settlement_autoclose-1111222233334444""#,
    );
    assert_eq!(algo_report(&line).client_id, None);
    let line = with(
        DOC_ALGO,
        r#""caid":"Q5xaq5EGKgXXa0fD7fs0Ip""#,
        r#""caid":"bad id""#,
    );
    let err = convert_error(&line);
    assert_eq!((err.kind(), err.field()), ("bad_client_id", "$.o.caid"));
}

#[test]
fn refused_fields_are_named() {
    let wire = |from: &str, to: &str| match decode(&with(DOC_ALGO, from, to)) {
        Err(DecodeError::Wire(err)) => (
            err.field().to_owned(),
            DecodeError::Wire(err.clone()).kind(),
        ),
        other => panic!("{to}: {other:?}"),
    };
    assert_eq!(
        wire(r#""aid":2148719,"#, ""),
        ("$.o.aid".to_owned(), "missing_field")
    );
    assert_eq!(
        wire(r#""ai":"""#, r#""ai":"abc""#),
        ("$.o.ai".to_owned(), "wrong_type")
    );
    assert_eq!(
        wire(r#""ai":"""#, r#""ai":"-5""#),
        ("$.o.ai".to_owned(), "wrong_type")
    );
    assert_eq!(
        wire(r#""X":"CANCELED""#, r#""X":"PAUSED""#),
        ("$.o.X".to_owned(), "unknown_value")
    );
    assert_eq!(
        wire(r#""q":"0.01""#, r#""q":0.01"#),
        ("$.o.q".to_owned(), "wrong_type")
    );
    assert_eq!(
        wire(r#""caid":"Q5xaq5EGKgXXa0fD7fs0Ip","#, ""),
        ("$.o.caid".to_owned(), "missing_field")
    );
    // In the envelope, the path starts at `data`.
    match decode(&with(
        FINISHED,
        r#""ai":"88937381063""#,
        r#""ai":"8893738106x""#,
    )) {
        Err(DecodeError::Wire(err)) => assert_eq!(err.field(), "$.data.o.ai"),
        other => panic!("{other:?}"),
    }
    for (from, to, field, kind) in [
        (r#""aid":2148719"#, r#""aid":0"#, "$.o.aid", "invalid_value"),
        (
            r#""o":"TAKE_PROFIT""#,
            r#""o":"ICEBERG""#,
            "$.o.o",
            "unknown_value",
        ),
        (
            r#""wt":"CONTRACT_PRICE""#,
            r#""wt":"INDEX""#,
            "$.o.wt",
            "unknown_value",
        ),
        (r#""tp":"750""#, r#""tp":"7.5e2""#, "$.o.tp", "bad_decimal"),
        (r#""aq":"0.00000""#, r#""aq":"-1""#, "$.o.aq", "bad_decimal"),
        (r#""S":"SELL""#, r#""S":"SHORT""#, "$.o.S", "unknown_value"),
        (
            r#""s":"BNBUSDT""#,
            r#""s":"BNB/USDT""#,
            "$.o.s",
            "bad_symbol",
        ),
    ] {
        let err = convert_error(&with(DOC_ALGO, from, to));
        assert_eq!((err.field(), err.kind()), (field, kind), "{to}");
    }
    let message = convert_error(&with(DOC_ALGO, r#""aid":2148719"#, r#""aid":0"#)).to_string();
    assert_eq!(
        message,
        r#"field `$.o.aid`: "0" is not an algo id (the algo service numbers orders from 1)"#
    );
}

#[test]
fn order_trade_update_triggers_are_read_for_conditional_types_only() {
    // A LIMIT's `sp` and `wt` are never read: any form costs nothing.
    let line = with(trade_line(), r#""wt":"CONTRACT_PRICE""#, r#""wt":5"#);
    let terms = report(&line).terms.unwrap();
    assert_eq!((terms.trigger_price, terms.working_type), (None, None));
    // A STOP_MARKET's are: the stop price, "0" and null as none.
    let stop = with(trade_line(), r#""ot":"MARKET""#, r#""ot":"STOP_MARKET""#);
    let stop = with(&stop, r#""sp":"0""#, r#""sp":"2925.50""#);
    let terms = report(&stop).terms.unwrap();
    assert_eq!(
        (terms.trigger_price, terms.working_type),
        (Some(price("2925.50")), Some(WorkingType::ContractPrice))
    );
    let none = with(&stop, r#""sp":"2925.50""#, r#""sp":null"#);
    assert_eq!(report(&none).terms.unwrap().trigger_price, None);
    let bad = with(&stop, r#""sp":"2925.50""#, r#""sp":2925.5"#);
    let err = convert_error(&bad);
    assert_eq!((err.field(), err.kind()), ("$.o.sp", "invalid_value"));
}
