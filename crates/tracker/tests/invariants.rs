//! Whole-tracker properties: `OrderTracker` is `Send`, `check_invariants()` is
//! clean after every step of a long mixed workload, every query stays exact, and
//! every refused operation leaves the tracker exactly as it was.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use ordertrack::*;

/// Compiles only if `T` can be moved to another thread.
fn assert_send<T: Send>() {}

#[test]
fn the_tracker_and_its_parts_are_send() {
    assert_send::<OrderTracker>();
    assert_send::<Callbacks>();
    assert_send::<Outcome>();
    assert_send::<TrackError>();
    // And it can actually be moved to an event-loop thread and back.
    let mut t = OrderTracker::new();
    let key = t.register(order().idle()).unwrap();
    step(&t);
    let t = std::thread::spawn(move || {
        let mut t = t;
        t.place(key, 1).unwrap();
        step(&t);
        t
    })
    .join()
    .unwrap();
    assert_eq!(status(&t, key), OrderStatus::Placing);
    step(&t);
}

#[test]
fn violations_print_what_is_wrong() {
    let v = Violation::CountMismatch {
        index: "symbol",
        indexed: 3,
        expected: 2,
    };
    assert_eq!(v.to_string(), format!("{v:?}"));
    assert!(v.to_string().contains("symbol"));
}

/// A small deterministic generator (64-bit LCG), so the workload is the same
/// on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % below
    }
}

/// Everything the workload knows about one order it made.
struct Made {
    key: OrderKey,
    builder: OrderBuilder,
    exchange_id: u64,
    next_trade: u64,
}

#[test]
fn a_long_mixed_workload_keeps_every_index_exact() {
    let mut t = OrderTracker::new();
    let mut rng = Lcg(0x5eed);
    let mut made: Vec<Made> = Vec::new();
    let mut now = 1_000;
    let (mut ok, mut refused, mut unknown) = (0, 0, 0);
    let symbols = ["BTCUSDT", "ETHUSDT", "1000PEPEUSDT"];

    for i in 0..1_000 {
        now += 1 + rng.next(50) as u64;
        // Work on the 16 most recent orders, so that each goes through many steps.
        let recent = made.len().min(16);
        let pick = (recent > 0).then(|| made.len() - 1 - rng.next(recent));
        let op = rng.next(12);
        // Operations that may be refused: remember everything to compare with.
        let before = (pick.is_some() && (2..=10).contains(&op)).then(|| Snapshot::take(&t));
        let result: Result<(), TrackError> = match (op, pick) {
            (0 | 1, _) | (_, None) => {
                let mut b = order()
                    .sub(rng.next(3))
                    .symbol(symbols[rng.next(3)])
                    .qty("1")
                    .created(now);
                if rng.next(2) == 0 {
                    b = b.parent(PARENTS[rng.next(3)]);
                }
                let key = t.register(b.idle()).unwrap();
                made.push(Made {
                    key,
                    builder: b,
                    exchange_id: i + 1,
                    next_trade: 1,
                });
                Ok(())
            }
            (2, Some(m)) => t.place(made[m].key, now),
            (3, Some(m)) => t.cancel(made[m].key, now),
            (4, Some(m)) => t.place_in_doubt(made[m].key, now),
            (5, Some(m)) => t.cancel_rejected(made[m].key, now),
            (6, Some(m)) => t.place_failed(made[m].key, FailReason::Rejected, now),
            (7, Some(m)) => {
                let m = &made[m];
                t.apply(&m.builder.report().eid(m.exchange_id).at(now).ack())
                    .map(drop)
            }
            (8 | 9, Some(m)) => {
                let mm = &mut made[m];
                let filled = t.get(mm.key).map_or(Qty::ZERO, AnyOrder::filled_qty);
                let qty = if rng.next(3) == 0 { "0.5" } else { "0.25" };
                let cum = filled.checked_add(q(qty)).unwrap().to_string();
                // Sometimes repeat the previous trade: a duplicate.
                let trade = if rng.next(4) == 0 {
                    mm.next_trade.saturating_sub(1).max(1)
                } else {
                    mm.next_trade
                };
                mm.next_trade = mm.next_trade.max(trade + 1);
                t.apply(
                    &mm.builder
                        .report()
                        .eid(mm.exchange_id)
                        .at(now)
                        .trade(trade, qty, "100", &cum),
                )
                .map(drop)
            }
            (10, Some(m)) => {
                let m = &made[m];
                let report = if rng.next(2) == 0 {
                    m.builder.report().eid(m.exchange_id).at(now).canceled()
                } else {
                    m.builder
                        .report()
                        .no_client_id()
                        .eid(m.exchange_id)
                        .at(now)
                        .expired()
                };
                t.apply(&report).map(drop)
            }
            (_, Some(m)) => {
                if rng.next(2) == 0 {
                    t.unregister(made[m].key);
                } else {
                    t.cleanup_terminal(now, std::time::Duration::from_millis(200));
                }
                Ok(())
            }
        };
        step(&t);
        match result {
            Ok(()) => ok += 1,
            Err(e) => {
                // Refused: the arena and every index exactly as before.
                before.expect("a fallible operation").assert_unchanged(&t);
                assert!(!matches!(e, TrackError::DuplicateClientId { .. }));
                refused += 1;
            }
        }
        // A report for a removed order comes back unknown (and ours), never routed elsewhere.
        if let Some(gone) = made.iter().find(|m| t.get(m.key).is_none()) {
            let report = gone.builder.report().at(now).ack();
            if t.lookup_client(&gone.builder.spec().client_id).is_none() {
                let outcome = t.apply(&report).unwrap();
                assert!(matches!(outcome, Outcome::Unknown(u) if u.is_ours()));
                unknown += 1;
            }
        }
    }
    // The workload exercised both paths many times.
    assert!(
        ok > 400 && refused > 200 && unknown > 100,
        "ok {ok}, refused {refused}, unknown {unknown}"
    );
    let statuses: std::collections::HashSet<OrderStatus> =
        t.iter().map(|(_, o)| o.status()).collect();
    assert!(statuses.len() >= 4, "{statuses:?}");
}
