//! Tests of the stream events' conversion into reports: valid events mapped
//! field by field (`mapping.rs`), each refused field named (`errors.rs`), and
//! the algo service's `ALGO_UPDATE` (`algo.rs`).
use ordertrack::{
    Amendment, ClientOrderId, DecimalError, ExchangeOrderId, ExecutionReport, ExecutionType,
    ExpiryReason, IdError, OrderTerms, OrderType, Price, Qty, ReportFill, ReportStatus, Side,
    Symbol, SymbolError, TradeId, WorkingType,
};

use crate::convert::ConvertError;
use crate::event::{DecodeError, decode};
use crate::wire::WireError;

mod algo;
mod errors;
mod mapping;

const DOC: &str = include_str!("../../../../tests/data/binance_doc_example.jsonl");
const BASIC: &str = include_str!("../../../../tests/data/session_basic.jsonl");

fn line(text: &'static str, n: usize) -> &'static str {
    text.lines().nth(n).unwrap()
}

/// The doc ORDER_TRADE_UPDATE.
fn doc_otu() -> &'static str {
    line(DOC, 0)
}

/// The doc TRADE_LITE.
fn doc_lite() -> &'static str {
    line(DOC, 1)
}

/// An ETHUSDT market SELL's first fill (TRADE, PARTIALLY_FILLED).
fn trade_line() -> &'static str {
    line(BASIC, 2)
}

fn with(line: &str, from: &str, to: &str) -> String {
    assert!(line.contains(from), "{from} not in {line}");
    line.replacen(from, to, 1)
}

fn report(line: &str) -> ExecutionReport {
    *decode(line).unwrap().report().unwrap()
}

fn convert_error(line: &str) -> ConvertError {
    match decode(line) {
        Err(DecodeError::Convert(err)) => err,
        other => panic!("expected a conversion error, got {other:?}"),
    }
}

fn qty(s: &str) -> Qty {
    Qty::parse(s).unwrap()
}

fn price(s: &str) -> Price {
    Price::parse(s).unwrap()
}
