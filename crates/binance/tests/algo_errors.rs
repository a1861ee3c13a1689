//! Bad `ALGO_UPDATE`s through a [`FeedTracker`]: each a typed error naming
//! its field and rule, the tracker and what the feed holds exactly as they
//! were; and algo reports an order refuses.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers outside #[test] functions"
)]

mod algo_lines;

use algo_lines::{Algo, tracked};
use ordertrack::{AnyOrder, OrderKey, OrderStatus};
use ordertrack_binance::{DecodeError, Fed, FeedConfig, FeedError, FeedTracker};

fn orders(feed: &FeedTracker) -> Vec<(OrderKey, AnyOrder)> {
    feed.tracker().iter().map(|(k, o)| (k, o.clone())).collect()
}

/// An armed stop, and one event of its triggered order held for it.
fn armed() -> (FeedTracker, Algo) {
    let stop = Algo::stop_market(21);
    let mut feed = FeedTracker::new(FeedConfig::default());
    assert!(matches!(
        feed.feed(stop.update("NEW", "", Some("0.00000"), 1_000).as_str()),
        Ok(Fed::Adopted { .. })
    ));
    let engine = stop.triggered(
        "AtD2ra0wTOmtMt8UWrhXS0",
        731_246_002_021,
        "MARKET",
        "MARKET",
    );
    let lite = engine.lite(6_923_601_211, "0.004", "84995.50", 1_500);
    assert!(matches!(
        feed.feed(lite.as_str()),
        Ok(Fed::HeldForTrigger { .. })
    ));
    (feed, stop)
}

#[test]
fn bad_algo_updates_are_typed_errors_that_change_nothing() {
    let (mut feed, stop) = armed();
    let triggered = stop.update("TRIGGERED", "731246002021", Some("0"), 2_000);
    let with = |from: &str, to: &str| {
        assert!(triggered.contains(from), "{from}");
        triggered.replacen(from, to, 1)
    };
    let aid = format!(r#""aid":{},"#, stop.aid);
    for (line, kind, field, rule) in [
        (with(&aid, ""), "missing_field", "$.o.aid", "missing field"),
        (
            with(&aid, r#""aid":0,"#),
            "invalid_value",
            "$.o.aid",
            "is not an algo id",
        ),
        (
            with(r#""ai":"731246002021""#, r#""ai":"abc""#),
            "wrong_type",
            "$.o.ai",
            r#"expected an order id (digits, as a string or a number), or "" before the trigger"#,
        ),
        (
            with(r#""X":"TRIGGERED""#, r#""X":"PAUSED""#),
            "unknown_value",
            "$.o.X",
            "unknown value `PAUSED`",
        ),
        (
            with(r#""tp":"85000.00""#, r#""tp":"85,000""#),
            "bad_decimal",
            "$.o.tp",
            "field `$.o.tp`",
        ),
    ] {
        let before = (orders(&feed), feed.held_for_trigger(), feed.stats());
        let err = feed.feed(line.as_str()).unwrap_err();
        let FeedError::Decode(decode) = &err else {
            panic!("{line}: {err:?}");
        };
        let named = match decode {
            DecodeError::Wire(wire) => wire.field().to_owned(),
            DecodeError::Convert(convert) => convert.field().to_owned(),
        };
        assert_eq!((err.kind(), named.as_str()), (kind, field), "{line}");
        let message = err.to_string();
        assert!(
            message.contains(rule) && message.contains(field),
            "{message}"
        );
        assert!(message.len() < 300, "{message}");
        let after = (orders(&feed), feed.held_for_trigger(), feed.stats());
        // Only the line count moved.
        assert_eq!(before.0, after.0, "{line}");
        assert_eq!(before.1, after.1, "{line}");
        assert_eq!(
            (before.2.lines + 1, before.2.algo_updates),
            (after.2.lines, after.2.algo_updates)
        );
    }
    // The true TRIGGERED still applies, and releases the held fill.
    assert!(matches!(
        feed.feed(triggered.as_str()),
        Ok(Fed::AppliedAndReleased { .. })
    ));
    let order = tracked(&feed, &stop.caid);
    assert_eq!(
        (order.status(), order.filled_qty().to_string()),
        (OrderStatus::Active, "0.004".to_owned())
    );
}

#[test]
fn algo_reports_the_order_refuses_change_nothing() {
    let (mut feed, stop) = armed();
    // Another algo id for the same client id.
    let other = Algo {
        aid: stop.aid + 1,
        ..stop.clone()
    };
    // Another side.
    let buy = Algo {
        side: "BUY",
        ..stop.clone()
    };
    // TRIGGERED naming an order id another tracked order holds.
    let mut cases = vec![
        (
            other.update("TRIGGERING", "", None, 2_000),
            "report_mismatch",
        ),
        (buy.update("TRIGGERING", "", None, 2_000), "terms_mismatch"),
    ];
    let limit_id = "PMSa1b2c3d4_CHASE_00000000a021";
    let limit = format!(
        r#"{{"e":"ORDER_TRADE_UPDATE","T":1764001000012,"E":1764001000013,"o":{{"s":"BTCUSDT","c":"{limit_id}","S":"BUY","o":"LIMIT","f":"GTC","q":"0.010","p":"84000.00","ap":"0","sp":"0","x":"NEW","X":"NEW","i":731246009021,"l":"0","z":"0.000","L":"0","n":"0","N":"USDT","T":1764001000012,"t":0,"b":"840","a":"0","m":false,"R":false,"wt":"CONTRACT_PRICE","ot":"LIMIT","ps":"BOTH","cp":false,"rp":"0","pP":false,"si":0,"ss":0,"V":"EXPIRE_MAKER","pm":"NONE","gtd":0,"er":"0"}}}}"#
    );
    assert!(matches!(feed.feed(limit.as_str()), Ok(Fed::Adopted { .. })));
    cases.push((
        stop.update("TRIGGERED", "731246009021", Some("0"), 2_000),
        "exchange_id_taken",
    ));
    for (line, kind) in cases {
        let before = (orders(&feed), feed.held_for_trigger());
        let err = feed.feed(line.as_str()).unwrap_err();
        assert_eq!(err.kind(), kind, "{line}: {err}");
        assert!(err.to_string().contains(&stop.caid), "{err}");
        assert_eq!((orders(&feed), feed.held_for_trigger()), before, "{line}");
    }
    assert_eq!(tracked(&feed, &stop.caid).status(), OrderStatus::Armed);
}
