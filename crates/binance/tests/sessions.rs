//! Round trips of recorded sessions through the adapter and a tracker: every
//! order's final state in `session_basic`, the races of `session_races`,
//! deduplication of `TRADE_LITE` / `ORDER_TRADE_UPDATE` twins in both orders
//! of arrival, and out-of-order events that never move an order backwards.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    reason = "test helpers outside #[test] functions"
)]

mod replayed;

use ordertrack::{ExchangeOrderId, Expired, ExpiryReason, OrderStatus, TradeId};
use replayed::{order, price, qty, run, states};

const BASIC: &str = include_str!("data/session_basic.jsonl");
const RACES: &str = include_str!("data/session_races.jsonl");

fn lines(text: &str, numbers: &[usize]) -> String {
    let all: Vec<&str> = text.lines().collect();
    numbers
        .iter()
        .map(|&n| format!("{}\n", all[n - 1]))
        .collect()
}

#[test]
fn session_basic_final_states() {
    let (summary, tracker) = run(BASIC);
    let check =
        |id: &str, status: OrderStatus, filled: &str, avg: Option<&str>, exchange_id: u64| {
            let o = order(&tracker, id);
            assert_eq!(o.status(), status, "{id}");
            assert_eq!(o.filled_qty(), qty(filled), "{id}");
            assert_eq!(o.fills().average_price(), avg.map(price), "{id}");
            assert_eq!(o.exchange_id(), Some(ExchangeOrderId(exchange_id)), "{id}");
        };
    check(
        "PMSa1b2c3d4_CHS_0f1e2d3c4b5a",
        OrderStatus::Filled,
        "0.010",
        Some("86950"),
        731_245_678_901,
    );
    check(
        "PMSa1b2c3d4_SCL_8e7d6c5b4a39",
        OrderStatus::Filled,
        "0.250",
        Some("2934.5048"),
        8_389_765_812_345_601,
    );
    check(
        "PMS7f3e9c21_TWP_a0b1c2d3e4f5",
        OrderStatus::Cancelled,
        "20000",
        Some("0.0061234"),
        52_341_876_501,
    );
    check(
        "PMSa1b2c3d4_MAN_3c2b1a0f9e8d",
        OrderStatus::Expired,
        "0.002",
        Some("86948.5"),
        731_245_699_012,
    );
    check(
        "PMSa1b2c3d4_SRF_5d4c3b2a1f0e",
        OrderStatus::Cancelled,
        "0",
        None,
        8_389_765_812_399_911,
    );
    check(
        "PMS7f3e9c21_TRL_e5f4a3b2c1d0",
        OrderStatus::Filled,
        "20000",
        Some("0.006119"),
        52_341_877_002,
    );
    check(
        "PMSa1b2c3d4_BSK_9a8b7c6d5e4f",
        OrderStatus::Filled,
        "0.004",
        Some("86900"),
        731_245_712_345,
    );
    let Some(ioc) = order(&tracker, "PMSa1b2c3d4_MAN_3c2b1a0f9e8d").view::<Expired>() else {
        panic!("not expired");
    };
    assert_eq!(ioc.expiry_reason(), Some(ExpiryReason(2)));
    assert_eq!(tracker.len(), 7);
    assert_eq!(
        (
            summary.stats.orders_registered,
            summary.stats.acks,
            summary.stats.fills_applied
        ),
        (7, 7, 9)
    );
    assert_eq!((summary.stats.cancels, summary.stats.expiries), (2, 1));
    assert_eq!(
        (
            summary.stats.duplicates,
            summary.stats.stale,
            summary.stats.late_fills
        ),
        (0, 0, 0)
    );
    assert_eq!(
        (
            summary.error_lines,
            summary.stats.foreign_orders,
            summary.stats.unknown_orders
        ),
        (0, 0, 0)
    );
    assert!(summary.invariants.ok);
    tracker.check_invariants().unwrap();
}

#[test]
fn session_races_round_trip() {
    let (summary, tracker) = run(RACES);
    // Fill before ack; the NEW arrives after the first fill and is stale.
    let early = order(&tracker, "PMSa1b2c3d4_CHS_1b2c3d4e5f60");
    assert_eq!(
        (early.status(), early.filled_qty()),
        (OrderStatus::Filled, qty("0.006"))
    );
    // Three trades, each sent as TRADE_LITE and ORDER_TRADE_UPDATE (one line
    // twice): each counted once.
    let twins = order(&tracker, "PMSa1b2c3d4_SCL_2c3d4e5f6a7b");
    assert_eq!(
        (twins.status(), twins.filled_qty()),
        (OrderStatus::Filled, qty("0.300"))
    );
    assert_eq!(twins.fills().count(), 3);
    let mut remembered = twins.fills().recent_trade_ids().to_vec();
    remembered.sort();
    assert_eq!(
        remembered,
        [
            TradeId(5_401_300_001),
            TradeId(5_401_300_002),
            TradeId(5_401_300_003)
        ]
    );
    // The cancel overtook the fill: the fill is accounted, the order stays Cancelled.
    let late = order(&tracker, "PMS7f3e9c21_TWP_3d4e5f6a7b8c");
    assert_eq!(
        (late.status(), late.filled_qty()),
        (OrderStatus::Cancelled, qty("15000"))
    );
    let lite_first = order(&tracker, "PMSa1b2c3d4_TRL_4e5f6a7b8c9d");
    assert_eq!(
        (lite_first.status(), lite_first.filled_qty()),
        (OrderStatus::Filled, qty("0.008"))
    );
    assert_eq!(summary.stats.orders_registered, 4);
    assert_eq!(
        summary.orders_by_state,
        states(&[("Filled", 3), ("Cancelled", 1)])
    );
    assert_eq!(
        (summary.stats.fills_applied, summary.stats.late_fills),
        (8, 1)
    );
    assert_eq!((summary.stats.duplicates, summary.stats.stale), (6, 1));
    assert_eq!((summary.stats.acks, summary.stats.cancels), (3, 1));
    // autoclose-…, adl_autoclose, web_…, x-…: foreign.
    assert_eq!(
        (summary.stats.foreign_orders, summary.stats.foreign_events),
        (4, 8)
    );
    assert_eq!(
        (summary.stats.unknown_orders, summary.stats.unknown_events),
        (0, 0)
    );
    assert_eq!(
        (summary.stats.other_events, summary.stats.trade_lites),
        (2, 5)
    );
    // The truncated line and the line without `i`, by line number.
    assert_eq!(summary.error_lines, 2);
    let bad: Vec<(u64, &str)> = summary
        .first_errors
        .iter()
        .map(|e| (e.line, e.kind))
        .collect();
    assert_eq!(bad, [(28, "malformed_json"), (29, "missing_field")]);
    assert!(
        summary.first_errors[1].message.contains("`$.o.i`"),
        "{:?}",
        summary.first_errors
    );
    assert!(summary.invariants.ok);
    tracker.check_invariants().unwrap();
}

#[test]
fn twins_are_applied_once_in_either_order() {
    // RACES line 4: the ETHUSDT order's NEW; 5: TRADE_LITE of trade …001; 6 and
    // 7: its ORDER_TRADE_UPDATE twin, twice.
    for numbers in [[4, 5, 6], [4, 6, 5]] {
        let (summary, tracker) = run(&lines(RACES, &numbers));
        assert_eq!(
            (summary.stats.fills_applied, summary.stats.duplicates),
            (1, 1),
            "{numbers:?}"
        );
        let o = order(&tracker, "PMSa1b2c3d4_SCL_2c3d4e5f6a7b");
        assert_eq!(o.filled_qty(), qty("0.100"));
    }
    // A redelivered line is a duplicate.
    let (summary, _) = run(&lines(RACES, &[4, 6, 7]));
    assert_eq!(
        (summary.stats.fills_applied, summary.stats.duplicates),
        (1, 1)
    );
    // A TRADE_LITE before the order is met waits for its registration.
    let (summary, tracker) = run(&lines(RACES, &[5, 4, 6]));
    assert_eq!(
        (summary.stats.fills_applied, summary.stats.duplicates),
        (1, 1)
    );
    assert_eq!(
        (
            summary.stats.unknown_orders,
            summary.stats.orders_registered
        ),
        (0, 1)
    );
    assert_eq!(
        order(&tracker, "PMSa1b2c3d4_SCL_2c3d4e5f6a7b").filled_qty(),
        qty("0.100")
    );
    // Twins of a foreign order: two foreign events, one foreign order.
    let foreign = "{\"e\":\"TRADE_LITE\",\"E\":1764000113214,\"T\":1764000113214,\"s\":\"1000PEPEUSDT\",\"q\":\"10000\",\"p\":\"0\",\"m\":false,\"c\":\"x-xcKtGhcu5e6f7a8b9c0d1e2f3a4b5c\",\"S\":\"SELL\",\"L\":\"0.0061002\",\"l\":\"10000\",\"t\":2611300222,\"i\":52341900500}\n";
    let (summary, _) = run(&(foreign.to_owned() + &lines(RACES, &[26])));
    assert_eq!(
        (summary.stats.foreign_orders, summary.stats.foreign_events),
        (1, 2)
    );
}

/// Every permutation of `items`.
fn permutations(items: &[usize]) -> Vec<Vec<usize>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut out = Vec::new();
    for (i, &first) in items.iter().enumerate() {
        let mut rest = items.to_vec();
        rest.remove(i);
        for mut tail in permutations(&rest) {
            tail.insert(0, first);
            out.push(tail);
        }
    }
    out
}

#[test]
fn out_of_order_events_never_move_an_order_backwards() {
    // (events of one order in RACES, its client id, final status, filled qty)
    let cases = [
        (
            vec![1, 2, 3],
            "PMSa1b2c3d4_CHS_1b2c3d4e5f60",
            OrderStatus::Filled,
            "0.006",
        ),
        (
            vec![12, 13, 14],
            "PMS7f3e9c21_TWP_3d4e5f6a7b8c",
            OrderStatus::Cancelled,
            "15000",
        ),
        (
            vec![4, 5, 8, 10, 11],
            "PMSa1b2c3d4_SCL_2c3d4e5f6a7b",
            OrderStatus::Filled,
            "0.300",
        ),
        (
            vec![15, 16, 17, 18, 19],
            "PMSa1b2c3d4_TRL_4e5f6a7b8c9d",
            OrderStatus::Filled,
            "0.008",
        ),
    ];
    for (events, id, status, filled) in cases {
        let (_, reference) = run(&lines(RACES, &events));
        let reference = order(&reference, id).clone();
        for permutation in permutations(&events) {
            let (summary, tracker) = run(&lines(RACES, &permutation));
            let o = order(&tracker, id);
            assert_eq!(
                (o.status(), o.filled_qty()),
                (status, qty(filled)),
                "{permutation:?}"
            );
            assert_eq!(o.fills().average_price(), reference.fills().average_price());
            assert_eq!(o.exchange_id(), reference.exchange_id());
            assert_eq!(
                summary.error_lines, 0,
                "{permutation:?}: {:?}",
                summary.first_errors
            );
            tracker.check_invariants().unwrap();
        }
    }
}
