//! Walks orders through every path of the state machine with a tracker and prints
//! each step: ack and fills, fill before ack, cancel racing a fill, a late fill
//! after cancel, a placement timeout settled by the feed, a definitive rejection,
//! a rejected cancel, an expiry, duplicates and stale events, a foreign order, and
//! cleanup. Run with `cargo run --release --example lifecycle`.

use std::error::Error;

use ordertrack::*;

/// Builds feed reports for one order.
struct Feed {
    client_id: ClientOrderId,
    symbol: Symbol,
    exchange_id: ExchangeOrderId,
}

impl Feed {
    fn report(
        &self,
        execution: ExecutionType,
        status: ReportStatus,
        cumulative: &str,
        at: u64,
    ) -> Result<ExecutionReport, Box<dyn Error>> {
        Ok(ExecutionReport {
            algo_id: None,
            client_id: Some(self.client_id),
            exchange_id: Some(self.exchange_id),
            symbol: self.symbol,
            execution,
            status,
            fill: None,
            cumulative_qty: Some(Qty::parse(cumulative)?),
            amendment: None,
            terms: None,
            expiry_reason: None,
            transaction_time: at,
        })
    }

    fn ack(&self, at: u64) -> Result<ExecutionReport, Box<dyn Error>> {
        self.report(ExecutionType::New, ReportStatus::New, "0", at)
    }

    fn fill(
        &self,
        trade: u64,
        qty: &str,
        price: &str,
        cumulative: &str,
        last: bool,
        at: u64,
    ) -> Result<ExecutionReport, Box<dyn Error>> {
        let status = if last {
            ReportStatus::Filled
        } else {
            ReportStatus::PartiallyFilled
        };
        let mut report = self.report(ExecutionType::Trade, status, cumulative, at)?;
        report.fill = Some(ReportFill {
            trade_id: TradeId(trade),
            qty: Qty::parse(qty)?,
            price: Price::parse(price)?,
        });
        Ok(report)
    }
}

/// Applies one report and prints what it did.
fn step(tracker: &mut OrderTracker, label: &str, report: &ExecutionReport) {
    let what = match tracker.apply(report) {
        Ok(Outcome::Applied { key, applied }) => {
            let order = tracker.get(key);
            let status = order.map_or("?".to_owned(), |o| o.status().to_string());
            let filled = order.map_or("?".to_owned(), |o| o.filled_qty().to_string());
            format!("{applied:?} -> {status}, filled {filled}")
        }
        Ok(Outcome::Unknown(unknown)) => format!(
            "unknown order ({})",
            if unknown.is_ours() {
                "ours, not tracked"
            } else {
                "foreign"
            }
        ),
        Err(error) => format!("refused: {error}"),
    };
    println!("  {label:<44} {what}");
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut tracker = OrderTracker::new();
    let sub = SubAccountId::new("3f2a9c1e-7b4d-4e1a-9f00-0123456789ab")?;
    let btc = Symbol::new("BTCUSDT")?;
    let mut next_id = 8_389_765_u64;
    let mut new_order =
        |origin: Origin, qty: &str, at: u64| -> Result<(NewOrder, Feed), Box<dyn Error>> {
            let spec = NewOrder::limit(
                sub,
                origin,
                btc,
                Side::Buy,
                Qty::parse(qty)?,
                Price::parse("97000")?,
                at,
            );
            next_id += 1;
            let feed = Feed {
                client_id: spec.client_id,
                symbol: btc,
                exchange_id: ExchangeOrderId(next_id),
            };
            Ok((spec, feed))
        };

    println!("1. ack, partial fill, duplicate, final fill, stale NEW");
    let (spec, feed) = new_order(Origin::Manual, "0.3", 1_000)?;
    let fills = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = fills.clone();
    // One handler for the tracker; each order says which of its events it wants.
    tracker.set_handler(move |event| {
        counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        println!(
            "  (on_fill callback: {} is {})",
            event.order.client_id(),
            event.order.status()
        );
    });
    let key = tracker.register_with_callbacks(AnyOrder::new(spec)?, Callbacks::new().on_fill())?;
    tracker.place(key, 1_001)?;
    println!("  {} placed", spec.client_id);
    step(&mut tracker, "NEW", &feed.ack(1_002)?);
    step(
        &mut tracker,
        "TRADE 0.1 @ 97000",
        &feed.fill(1, "0.1", "97000", "0.1", false, 1_003)?,
    );
    step(
        &mut tracker,
        "same TRADE again",
        &feed.fill(1, "0.1", "97000", "0.1", false, 1_003)?,
    );
    step(
        &mut tracker,
        "TRADE 0.2 @ 96999.5",
        &feed.fill(2, "0.2", "96999.5", "0.3", true, 1_004)?,
    );
    step(&mut tracker, "stale NEW after FILLED", &feed.ack(1_002)?);
    if let Some(order) = tracker.get(key) {
        println!(
            "  average price {:?}, on_fill called {} time(s)",
            order.fills().average_price(),
            fills.load(std::sync::atomic::Ordering::Relaxed)
        );
    }

    println!("2. fill before ack");
    let (spec, feed) = new_order(Origin::Chase, "1", 2_000)?;
    let key = tracker.register(AnyOrder::new(spec)?)?;
    tracker.place(key, 2_001)?;
    step(
        &mut tracker,
        "TRADE 0.4 before any NEW",
        &feed.fill(10, "0.4", "97000", "0.4", false, 2_002)?,
    );
    step(&mut tracker, "the late NEW", &feed.ack(2_001)?);

    println!("3. cancel racing a fill, then a late fill after CANCELED");
    let (spec, feed) = new_order(Origin::Twap, "1", 3_000)?;
    let key = tracker.register(AnyOrder::new(spec)?)?;
    tracker.place(key, 3_001)?;
    step(&mut tracker, "NEW", &feed.ack(3_002)?);
    tracker.cancel(key, 3_003)?;
    println!(
        "  cancel requested -> {:?}",
        tracker.get(key).map(AnyOrder::status)
    );
    step(
        &mut tracker,
        "TRADE 0.25 while cancelling",
        &feed.fill(20, "0.25", "97000", "0.25", false, 3_004)?,
    );
    step(
        &mut tracker,
        "CANCELED (exchange saw 0.5 filled)",
        &feed.report(
            ExecutionType::Canceled,
            ReportStatus::Canceled,
            "0.5",
            3_005,
        )?,
    );
    step(
        &mut tracker,
        "late TRADE 0.25",
        &feed.fill(21, "0.25", "97000", "0.5", false, 3_004)?,
    );

    println!("4. placement timeout, settled by the feed");
    let (spec, feed) = new_order(Origin::Scalper, "1", 4_000)?;
    let key = tracker.register(AnyOrder::new(spec)?)?;
    tracker.place(key, 4_001)?;
    tracker.place_in_doubt(key, 4_500)?;
    println!(
        "  timeout -> {:?}, in doubt since {:?}",
        tracker.get(key).map(AnyOrder::status),
        tracker.get(key).and_then(AnyOrder::in_doubt_since)
    );
    step(
        &mut tracker,
        "NEW arrives after the timeout",
        &feed.ack(4_600)?,
    );

    println!("5. definitive rejection, rejected cancel, expiry");
    let (spec, _) = new_order(Origin::Surf, "1", 5_000)?;
    let key = tracker.register(AnyOrder::new(spec)?)?;
    tracker.place(key, 5_001)?;
    tracker.place_failed(key, FailReason::ExchangeError { code: -2019 }, 5_002)?;
    println!(
        "  -2019 margin insufficient -> {:?}",
        tracker.get(key).map(AnyOrder::status)
    );
    let (spec, feed) = new_order(Origin::Basket, "1", 5_100)?;
    let key = tracker.register(AnyOrder::new(spec)?)?;
    tracker.place(key, 5_101)?;
    step(&mut tracker, "NEW", &feed.ack(5_102)?);
    tracker.cancel(key, 5_103)?;
    tracker.cancel_rejected(key, 5_104)?;
    println!(
        "  cancel rejected (-2011) -> {:?}",
        tracker.get(key).map(AnyOrder::status)
    );
    let mut expiry = feed.report(
        ExecutionType::Expired,
        ReportStatus::ExpiredInMatch,
        "0",
        5_105,
    )?;
    expiry.expiry_reason = Some(ExpiryReason(1));
    step(&mut tracker, "EXPIRED_IN_MATCH", &expiry);

    println!("6. a foreign order and a bad report");
    let foreign = Feed {
        client_id: ClientOrderId::new("autoclose-1764000000123")?,
        symbol: btc,
        exchange_id: ExchangeOrderId(1),
    };
    step(
        &mut tracker,
        "liquidation fill (autoclose-…)",
        &foreign.fill(99, "1", "90000", "1", true, 6_000)?,
    );
    let (spec, feed) = new_order(Origin::TrailStop, "0.1", 6_100)?;
    let key = tracker.register(AnyOrder::new(spec)?)?;
    tracker.place(key, 6_101)?;
    step(
        &mut tracker,
        "overfill: TRADE 0.2 on a 0.1 order",
        &feed.fill(30, "0.2", "97000", "0.2", true, 6_102)?,
    );

    println!("7. bookkeeping");
    println!(
        "  tracked {}, live on BTCUSDT {}",
        tracker.len(),
        tracker.count_active_by_symbol(&btc)
    );
    println!(
        "  cleanup of terminal orders older than 60 s: removed {}",
        tracker.cleanup_terminal(70_000, std::time::Duration::from_millis(60_000))
    );
    println!(
        "  tracked {}, invariants: {:?}",
        tracker.len(),
        tracker.check_invariants().map_err(|v| v.len())
    );
    Ok(())
}
