//! The incremental API: what each line does ([`Fed`]), with adoption on and
//! off, bad lines that change nothing, and refusals that name the order.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "test helpers outside #[test] functions"
)]

mod stream_lines;

use ordertrack::{Applied, OrderStatus, OrderTracker, Qty};
use ordertrack_binance::wire::Text;
use ordertrack_binance::{
    Fed, FeedConfig, FeedError, FeedStats, FeedTracker, Released, decode, seed_order,
};
use stream_lines::{config, id, lite, new_order, orders, pms};

const BASIC: &str = include_str!("data/session_basic.jsonl");

#[test]
fn every_outcome_of_a_line() {
    let mut feed = FeedTracker::new(config());
    let a = pms(0xa);
    assert_eq!(feed.feed(""), Ok(Fed::Blank));
    assert_eq!(feed.feed(" \t"), Ok(Fed::Blank));
    let other = r#"{"e":"listenKeyExpired","E":1764001000000,"listenKey":"x"}"#;
    assert_eq!(
        feed.feed(other),
        Ok(Fed::Other {
            event_type: Text::from("listenKeyExpired")
        })
    );
    // A TRADE_LITE before anything else about the order: held.
    assert_eq!(
        feed.feed(&*lite(&a, 7, 100)),
        Ok(Fed::Held { client_id: id(&a) })
    );
    assert_eq!((feed.held_trade_lites(), feed.tracker().len()), (1, 0));
    // Its ORDER_TRADE_UPDATE adopts the order, then the held report applies.
    let Ok(Fed::Adopted {
        key,
        applied,
        released,
    }) = feed.feed(new_order(&a, 7).as_bytes())
    else {
        panic!("not adopted");
    };
    assert_eq!(applied, Applied::Acknowledged);
    let [
        Released {
            line: 4,
            result:
                Ok(Fed::Applied {
                    key: fill_key,
                    applied: Applied::PartiallyFilled(fill),
                }),
        },
    ] = released.as_slice()
    else {
        panic!("{released:?}");
    };
    assert_eq!(
        (*fill_key, fill.filled_qty),
        (key, Qty::parse("0.001").unwrap())
    );
    assert_eq!(feed.held_trade_lites(), 0);
    // Now tracked: applied at once; its twin is a duplicate.
    assert_eq!(
        feed.feed(&*lite(&a, 7, 101)).map(|fed| matches!(
            fed,
            Fed::Applied {
                applied: Applied::PartiallyFilled(_),
                ..
            }
        )),
        Ok(true)
    );
    assert_eq!(
        feed.feed(&*lite(&a, 7, 101)),
        Ok(Fed::Applied {
            key,
            applied: Applied::Duplicate
        })
    );
    // Someone else's order: foreign, met once.
    let web = new_order("web_Kq3Zr8uT1mXy5Pc2Lf9N", 9);
    let Ok(Fed::Foreign {
        order,
        first_seen: true,
    }) = feed.feed(&*web)
    else {
        panic!()
    };
    assert_eq!(order.client_id, Some(id("web_Kq3Zr8uT1mXy5Pc2Lf9N")));
    assert!(matches!(
        feed.feed(&*web),
        Ok(Fed::Foreign {
            first_seen: false,
            ..
        })
    ));
    let stats = feed.stats();
    assert_eq!(
        (
            stats.lines,
            stats.blank_lines,
            stats.other_events,
            stats.trade_lites,
            stats.order_trade_updates
        ),
        (9, 2, 1, 3, 3)
    );
    assert_eq!(
        (
            stats.orders_registered,
            stats.acks,
            stats.fills_applied,
            stats.duplicates
        ),
        (1, 1, 2, 1)
    );
    assert_eq!(
        (
            stats.trade_lites_held,
            stats.foreign_orders,
            stats.foreign_events
        ),
        (1, 1, 2)
    );
    let order = feed.tracker().get(key).unwrap();
    assert_eq!(
        (order.status(), order.filled_qty()),
        (OrderStatus::Active, Qty::parse("0.002").unwrap())
    );
}

#[test]
fn without_adoption_orders_of_ours_are_unknown() {
    // The engine's own tracker, with an order it registered and sent.
    let mut tracker = OrderTracker::new();
    let report = *decode(&new_order(&pms(2), 8)).unwrap().report().unwrap();
    let key = tracker.register(seed_order(&report).unwrap()).unwrap();
    let mut feed = FeedTracker::with_tracker(
        tracker,
        FeedConfig {
            adopt: false,
            ..config()
        },
    );
    let a = pms(1);
    assert_eq!(
        feed.feed(&*lite(&a, 7, 100)),
        Ok(Fed::UnknownOurs {
            client_id: id(&a),
            first_seen: true
        })
    );
    assert_eq!(
        feed.feed(&*new_order(&a, 7)),
        Ok(Fed::UnknownOurs {
            client_id: id(&a),
            first_seen: false
        })
    );
    assert_eq!((feed.tracker().len(), feed.held_trade_lites()), (1, 0));
    // The feed applies to the engine's order, and the engine keeps asking.
    assert_eq!(
        feed.feed(&*new_order(&pms(2), 8)),
        Ok(Fed::Applied {
            key,
            applied: Applied::Acknowledged
        })
    );
    feed.tracker_mut().cancel(key, 2).unwrap();
    let cancel = new_order(&pms(2), 8)
        .replace(r#""x":"NEW","X":"NEW""#, r#""x":"CANCELED","X":"CANCELED""#)
        .replace("1764001000012", "1764001000500");
    assert!(matches!(
        feed.feed(&*cancel),
        Ok(Fed::Applied {
            applied: Applied::Cancelled(_),
            ..
        })
    ));
    let stats = feed.stats();
    assert_eq!(
        (
            stats.unknown_orders,
            stats.unknown_events,
            stats.orders_registered
        ),
        (1, 2, 0)
    );
    assert_eq!((stats.acks, stats.cancels), (1, 1));
    let tracker = feed.into_tracker();
    assert_eq!(
        tracker.get(key).map(|o| o.status()),
        Some(OrderStatus::Cancelled)
    );
}

#[test]
fn bad_lines_leave_everything_as_it_was() {
    let basic: Vec<&str> = BASIC.lines().collect();
    // After line 5 the BTC order is Active with 0.004 of 0.010 filled.
    let partial = basic[4];
    let fresh = basic[5]; // the first event of the 1000PEPEUSDT TWAP order
    let with = |line: &str, from: &str, to: &str| {
        assert!(line.contains(from), "{from}");
        line.replacen(from, to, 1)
    };
    let overfill = with(
        &with(partial, r#""t":6923456701"#, r#""t":6923456799"#),
        r#""l":"0.004""#,
        r#""l":"0.009""#,
    );
    let cases: Vec<(String, &str)> = vec![
        (partial[..150].to_owned(), "malformed_json"),
        (
            with(partial, r#""x":"TRADE""#, r#""x":"FILL""#),
            "unknown_value",
        ),
        (
            with(partial, r#""l":"0.004""#, r#""l":"0.0O4""#),
            "bad_decimal",
        ),
        (
            with(partial, r#""s":"BTCUSDT""#, r#""s":"BTC/USDT:USDT""#),
            "bad_symbol",
        ),
        (
            with(
                partial,
                r#""c":"PMSa1b2c3d4_CHS_0f1e2d3c4b5a""#,
                r#""c":"PMS a1b2""#,
            ),
            "bad_client_id",
        ),
        (overfill, "fill_refused"),
        (
            with(partial, r#""X":"PARTIALLY_FILLED""#, r#""X":"CANCELED""#),
            "inconsistent_report",
        ),
        (
            with(partial, r#""i":731245678901"#, r#""i":731245678999"#),
            "report_mismatch",
        ),
        // A new order whose very first event cannot apply: not left registered.
        (
            with(fresh, r#""X":"NEW""#, r#""X":"FILLED""#),
            "inconsistent_report",
        ),
        (
            with(fresh, r#""q":"50000""#, r#""q":"0""#),
            "zero_quantity_order",
        ),
        (
            with(fresh, r#""p":"0.0061234""#, r#""p":"0""#),
            "unregistrable_order",
        ),
        // A new order of ours with an exchange id another order holds.
        (
            with(fresh, r#""s":"1000PEPEUSDT""#, r#""s":"BTCUSDT""#).replacen(
                r#""i":52341876501"#,
                r#""i":731245678901"#,
                1,
            ),
            "exchange_id_taken",
        ),
        ("\u{feff}{}".to_owned(), "malformed_json"),
    ];
    for (line, kind) in &cases {
        let mut feed = FeedTracker::new(config());
        for before in &basic[..5] {
            feed.feed(*before).unwrap();
        }
        feed.feed(&*lite("PMSa1b2c3d4_CHS_00000000000f", 1, 1))
            .unwrap(); // one held
        let (tracker, stats) = (orders(&feed), feed.stats());
        let err = feed.feed(line.as_str()).unwrap_err();
        assert_eq!(err.kind(), *kind, "{err}");
        assert_eq!(orders(&feed), tracker, "{kind}: {line}");
        assert_eq!(feed.held_trade_lites(), 1);
        let decoded = u64::from(!matches!(err, FeedError::Decode(_)));
        assert_eq!(
            feed.stats(),
            FeedStats {
                lines: stats.lines + 1,
                order_trade_updates: stats.order_trade_updates + decoded,
                ..stats
            },
            "{kind}: {line}"
        );
        assert!(!err.to_string().contains("OrderKey"), "{err}");
        feed.tracker().check_invariants().unwrap();
    }
    let mut feed = FeedTracker::new(config());
    let err = feed.feed(&b"{\"e\":\"TRADE_LITE\xff\"}"[..]).unwrap_err();
    assert_eq!((err.kind(), feed.stats().lines), ("not_utf8", 1));
}

#[test]
fn refusals_name_the_order_by_client_id() {
    let mut feed = FeedTracker::new(config());
    let a = pms(3);
    feed.feed(&*new_order(&a, 7)).unwrap();
    let overfill = lite(&a, 7, 100).replace(r#""l":"0.001""#, r#""l":"0.020""#);
    let err = feed.feed(&*overfill).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "order {a}: fill 100: 0.02 on top of 0 filled exceeds the order quantity 0.01 (overfill)"
        )
    );
    // Decided before the order is looked at, yet named.
    let inconsistent = new_order(&a, 7).replace(r#""X":"NEW""#, r#""X":"FILLED""#);
    let err = feed.feed(&*inconsistent).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("order {a}: report: execution type NEW cannot come with order status FILLED")
    );
}
