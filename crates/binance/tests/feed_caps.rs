//! The caps that bound a feed tracker's memory whatever the stream: held
//! `TRADE_LITE`s, remembered unknown and foreign orders, line length and
//! adopted orders; evictions are counted and never exceed the caps.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helpers outside #[test] functions"
)]

mod stream_lines;

use ordertrack_binance::{Fed, FeedConfig, FeedError, FeedTracker, Line};
use stream_lines::{config, id, lite, new_order, orders, pms};

#[test]
fn held_trade_lites_never_exceed_their_cap() {
    let cap = 100;
    let mut feed = FeedTracker::new(FeedConfig {
        max_held_trade_lites: cap,
        ..config()
    });
    for n in 0..1_000 {
        assert!(matches!(
            feed.feed(&*lite(&pms(n), n + 1, n + 1)),
            Ok(Fed::Held { .. })
        ));
        assert!(feed.held_trade_lites() <= cap);
    }
    let stats = feed.stats();
    assert_eq!((stats.trade_lites_held, stats.held_evicted), (1_000, 900));
    // The newest are still held; the oldest were evicted, oldest first.
    let Ok(Fed::Adopted { released, .. }) = feed.feed(&*new_order(&pms(999), 1_000)) else {
        panic!()
    };
    assert_eq!(released.iter().map(|r| r.line).collect::<Vec<_>>(), [1_000]);
    let Ok(Fed::Adopted { released, .. }) = feed.feed(&*new_order(&pms(899), 900)) else {
        panic!()
    };
    assert!(released.is_empty());
    // The stream ends: what is still held counts as unknown orders of ours.
    assert_eq!(feed.abandon_held(), 99);
    assert_eq!(feed.held_trade_lites(), 0);
    assert_eq!(
        (feed.stats().unknown_orders, feed.stats().unknown_events),
        (99, 99)
    );
}

#[test]
fn remembered_unknown_orders_never_exceed_their_caps() {
    let cap = 50;
    let mut feed = FeedTracker::new(FeedConfig {
        adopt: false,
        max_foreign_orders: cap,
        max_unknown_orders: cap,
        ..config()
    });
    for n in 0..500 {
        let foreign = new_order(&format!("web_{n}"), 1_000_000 + n);
        assert!(matches!(
            feed.feed(&*foreign),
            Ok(Fed::Foreign {
                first_seen: true,
                ..
            })
        ));
        assert!(matches!(
            feed.feed(&*lite(&pms(n), n + 1, n + 1)),
            Ok(Fed::UnknownOurs {
                first_seen: true,
                ..
            })
        ));
        assert!(feed.remembered_foreign_orders() <= cap && feed.remembered_unknown_orders() <= cap);
    }
    let stats = feed.stats();
    assert_eq!(
        (
            stats.foreign_orders,
            stats.foreign_evicted,
            stats.foreign_events
        ),
        (500, 450, 500)
    );
    assert_eq!(
        (
            stats.unknown_orders,
            stats.unknown_evicted,
            stats.unknown_events
        ),
        (500, 450, 500)
    );
    // A recent one is remembered; an evicted one counts as new again.
    assert!(matches!(
        feed.feed(&*lite(&pms(499), 500, 1)),
        Ok(Fed::UnknownOurs {
            first_seen: false,
            ..
        })
    ));
    assert!(matches!(
        feed.feed(&*lite(&pms(0), 1, 1)),
        Ok(Fed::UnknownOurs {
            first_seen: true,
            ..
        })
    ));
    assert_eq!(feed.stats().unknown_evicted, 451);
}

#[test]
fn a_line_over_the_limit_is_a_short_error() {
    let mut feed = FeedTracker::new(FeedConfig {
        max_line_bytes: 1 << 20,
        ..config()
    });
    let long = "[".repeat((1 << 20) + 1);
    let err = feed.feed(&*long).unwrap_err();
    assert_eq!(
        err,
        FeedError::TooLong {
            bytes: (1 << 20) + 1,
            max: 1 << 20
        }
    );
    assert_eq!(err.kind(), "line_too_long");
    assert_eq!(
        err.to_string(),
        "line of 1048577 bytes is longer than the limit of 1048576 bytes; skipped unread"
    );
    let err = feed.feed(Line::Overlong { bytes: 100 << 20 }).unwrap_err();
    assert_eq!(err.kind(), "line_too_long");
    // Deep nesting within the limit: refused by the parser with a short message.
    let err = feed.feed(&long[..1 << 20]).unwrap_err();
    assert!(err.to_string().len() < 300, "{err}");
    assert_eq!((feed.stats().lines, feed.tracker().len()), (3, 0));
}

#[test]
fn adoption_stops_at_max_orders() {
    let mut feed = FeedTracker::new(FeedConfig {
        max_orders: 2,
        ..config()
    });
    for n in 0..2 {
        assert!(matches!(
            feed.feed(&*new_order(&pms(n), n + 1)),
            Ok(Fed::Adopted { .. })
        ));
    }
    let before = orders(&feed);
    let err = feed.feed(&*new_order(&pms(2), 3)).unwrap_err();
    assert_eq!(
        err,
        FeedError::TrackerFull {
            client_id: id(&pms(2)),
            max: 2
        }
    );
    assert!(
        err.to_string()
            .starts_with(&format!("order {}: not adopted", pms(2))),
        "{err}"
    );
    assert_eq!(orders(&feed), before);
    // Tracked orders still get their events.
    assert!(matches!(
        feed.feed(&*lite(&pms(1), 2, 5)),
        Ok(Fed::Applied { .. })
    ));
}

/// A cancel of the order of `new_order`, at a later time.
fn cancel(client_id: &str, exchange_id: u64) -> String {
    new_order(client_id, exchange_id)
        .replacen(
            r#""x":"NEW","X":"NEW""#,
            r#""x":"CANCELED","X":"CANCELED""#,
            1,
        )
        .replace("1764001000012", "1764001000500")
}

#[test]
fn an_order_cleaned_up_is_never_adopted_again() {
    let cap = 3;
    let mut feed = FeedTracker::new(FeedConfig {
        max_cleaned_orders: cap,
        ..config()
    });
    for n in 0..5 {
        assert!(matches!(
            feed.feed(&*new_order(&pms(n), n + 1)),
            Ok(Fed::Adopted { .. })
        ));
        assert!(matches!(
            feed.feed(&*cancel(&pms(n), n + 1)),
            Ok(Fed::Applied { .. })
        ));
    }
    assert_eq!(
        feed.cleanup_terminal(1_764_001_400_000, std::time::Duration::from_millis(300_000)),
        5
    );
    assert_eq!(feed.tracker().len(), 0);
    assert_eq!(feed.remembered_cleaned_orders(), cap);
    // A redelivered fill of a cleaned-up order: not adopted, not counted again.
    for n in 2..5 {
        let before = orders(&feed);
        assert!(
            matches!(
                feed.feed(&*new_order(&pms(n), n + 1)),
                Ok(Fed::UnknownOurs { .. })
            ),
            "order {n} adopted again"
        );
        assert!(matches!(
            feed.feed(&*lite(&pms(n), n + 1, 77)),
            Ok(Fed::UnknownOurs { .. })
        ));
        assert_eq!(orders(&feed), before);
    }
    // Beyond the cap, the oldest cleaned-up ids are forgotten (documented).
    assert!(matches!(
        feed.feed(&*new_order(&pms(0), 1)),
        Ok(Fed::Adopted { .. })
    ));
    assert_eq!(
        feed.tracker()
            .lookup_client(&id(&pms(0)))
            .map(|(_, o)| o.client_id()),
        Some(id(&pms(0)))
    );
}
