//! Per-order callbacks: each of `on_partial`, `on_fill`, `on_late_fill`,
//! `on_cancel`, `on_expire`, `on_fail` called exactly once per event, after the
//! order's new state is stored, never for duplicates, stale events, refused
//! reports or events that have no callback.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::sync::{Arc, Mutex};

use common::*;
use ordertrack::*;

/// An operation on the tracker that reports success or a refusal.
type Op<'a> = dyn Fn(&mut OrderTracker) -> Result<(), TrackError> + 'a;

fn seen_names(seen: &[Seen]) -> Vec<&'static str> {
    seen.iter().map(|s| s.callback).collect()
}

#[test]
fn partial_and_fill_each_once_and_never_for_duplicates() {
    let mut t = OrderTracker::new();
    let recorder = Recorder::on(&mut t);
    let b = order().qty("1");
    let key = t
        .register_with_callbacks(b.idle(), recorder.callbacks())
        .unwrap();
    step(&t);
    t.place(key, 1_001).unwrap();
    step(&t);
    t.apply(&b.report().eid(1).at(1_002).ack()).unwrap();
    step(&t);
    assert!(
        recorder.take().is_empty(),
        "no callback for place or the ack"
    );

    let first = b.report().eid(1).at(1_003).trade(1, "0.25", "100", "0.25");
    let second = b.report().eid(1).at(1_004).trade(2, "0.25", "102", "0.5");
    let last = b.report().eid(1).at(1_005).trade(3, "0.5", "101", "1");
    let mut outcomes = Vec::new();
    for report in [first, first, second, first, second, last, last, second] {
        outcomes.push(t.apply(&report).unwrap());
        step(&t);
    }
    let seen = recorder.take();
    assert_eq!(seen_names(&seen), ["on_partial", "on_partial", "on_fill"]);
    // Each callback saw the state stored by its own event.
    assert_eq!(
        seen.iter()
            .map(|s| (s.status, s.filled))
            .collect::<Vec<_>>(),
        [
            (OrderStatus::Active, q("0.25")),
            (OrderStatus::Active, q("0.5")),
            (OrderStatus::Filled, q("1")),
        ]
    );
    assert!(seen.iter().all(|s| s.key == key));
    // The outcomes polling engines get say the same.
    let applied: Vec<Applied> = outcomes
        .iter()
        .filter_map(|o| match o {
            Outcome::Applied { applied, .. } if !applied.is_ignored() => Some(*applied),
            _ => None,
        })
        .collect();
    assert_eq!(applied, seen.iter().map(|s| s.applied).collect::<Vec<_>>());
    assert_eq!(
        outcomes
            .iter()
            .filter(|o| matches!(
                o,
                Outcome::Applied {
                    applied: Applied::Duplicate,
                    ..
                }
            ))
            .count(),
        5
    );
}

#[test]
fn cancel_then_late_fill() {
    let mut t = OrderTracker::new();
    let recorder = Recorder::on(&mut t);
    let b = order().qty("1");
    let key = active(&mut t, &b, 5);
    t.set_callbacks(key, recorder.callbacks()).unwrap();
    step(&t);
    t.cancel(key, 1_100).unwrap();
    step(&t);
    assert!(
        recorder.take().is_empty(),
        "no callback for the cancel request"
    );
    t.apply(&b.report().eid(5).cum("0.4").at(1_200).canceled())
        .unwrap();
    step(&t);
    // A stale CANCELED again, then the late fill twice.
    t.apply(&b.report().eid(5).cum("0.4").at(1_200).canceled())
        .unwrap();
    step(&t);
    let late = b.report().eid(5).at(1_150).trade(8, "0.4", "100", "0.4");
    t.apply(&late).unwrap();
    step(&t);
    t.apply(&late).unwrap();
    step(&t);
    let seen = recorder.take();
    assert_eq!(seen_names(&seen), ["on_cancel", "on_late_fill"]);
    assert_eq!(
        seen[0].applied,
        Applied::Cancelled(Closed {
            filled_qty: q("0"),
            unseen_qty: q("0.4"),
            excess_qty: Qty::ZERO,
        })
    );
    assert_eq!(
        (seen[0].status, seen[0].filled),
        (OrderStatus::Cancelled, Qty::ZERO)
    );
    assert_eq!(
        (seen[1].status, seen[1].filled),
        (OrderStatus::Cancelled, q("0.4"))
    );
}

#[test]
fn expire_once() {
    let mut t = OrderTracker::new();
    let recorder = Recorder::on(&mut t);
    let b = order();
    let key = active(&mut t, &b, 6);
    t.set_callbacks(key, recorder.callbacks()).unwrap();
    step(&t);
    t.apply(&b.report().eid(6).at(1_300).expired()).unwrap();
    step(&t);
    t.apply(&b.report().eid(6).at(1_300).expired()).unwrap();
    step(&t);
    let seen = recorder.take();
    assert_eq!(seen_names(&seen), ["on_expire"]);
    assert_eq!(seen[0].status, OrderStatus::Expired);
}

#[test]
fn fail_once_from_the_feed_and_from_the_engine() {
    let mut t = OrderTracker::new();
    let recorder = Recorder::on(&mut t);
    let by_feed = order();
    let k1 = placing(&mut t, &by_feed);
    t.set_callbacks(k1, recorder.callbacks()).unwrap();
    step(&t);
    t.apply(&by_feed.report().at(1_100).rejected()).unwrap();
    step(&t);
    t.apply(&by_feed.report().at(1_100).rejected()).unwrap(); // stale
    step(&t);

    let by_engine = order();
    let k2 = placing(&mut t, &by_engine);
    t.set_callbacks(k2, recorder.callbacks()).unwrap();
    step(&t);
    t.place_failed(k2, FailReason::ExchangeError { code: -2019 }, 1_200)
        .unwrap();
    step(&t);
    // A second place_failed is refused: no second call.
    assert!(t.place_failed(k2, FailReason::Rejected, 1_300).is_err());
    step(&t);

    let seen = recorder.take();
    assert_eq!(seen_names(&seen), ["on_fail", "on_fail"]);
    assert_eq!((seen[0].key, seen[0].status), (k1, OrderStatus::Failed));
    assert_eq!((seen[1].key, seen[1].status), (k2, OrderStatus::Failed));
    assert_eq!(
        seen[1].applied,
        Applied::Failed(Closed::between(q("0"), None))
    );
}

#[test]
fn no_callback_for_requests_acks_amendments_or_refused_reports() {
    let mut t = OrderTracker::new();
    let recorder = Recorder::on(&mut t);
    let b = order().qty("1");
    let key = t
        .register_with_callbacks(b.idle(), recorder.callbacks())
        .unwrap();
    step(&t);
    let requests: [&Op<'_>; 8] = [
        &|t| t.place(key, 1_001),
        &|t| t.place_in_doubt(key, 1_500),
        &|t| t.cancel(key, 1_600),
        &|t| t.cancel_rejected(key, 1_700),
        &|t| t.apply(&b.report().eid(3).at(1_800).ack()).map(drop),
        &|t| {
            t.apply(&b.report().eid(3).at(1_900).amended("2", "99"))
                .map(drop)
        },
        &|t| t.cancel(key, 2_000),
        &|t| t.cancel_rejected(key, 2_100),
    ];
    for request in requests {
        request(&mut t).unwrap();
        step(&t);
        assert!(recorder.take().is_empty());
    }
    // Refused: an overfill, and a fill naming another exchange id.
    for refused in [
        b.report().eid(3).trade(1, "3", "100", "3"),
        b.report().eid(4).trade(2, "1", "100", "1"),
    ] {
        let before = Snapshot::take(&t);
        assert!(t.apply(&refused).is_err());
        step(&t);
        before.assert_unchanged(&t);
    }
    assert_eq!(status(&t, key), OrderStatus::Active);
    assert!(recorder.take().is_empty());
}

#[test]
fn the_callback_sees_exactly_the_stored_order() {
    let mut t = OrderTracker::new();
    let seen: Arc<Mutex<Vec<(OrderKey, AnyOrder)>>> = Arc::default();
    let sink = Arc::clone(&seen);
    t.set_handler(move |event| {
        sink.lock().unwrap().push((event.key, event.order.clone()));
    });
    let b = order().qty("1");
    let key = active(&mut t, &b, 9);
    t.set_callbacks(key, Callbacks::new().on_partial()).unwrap();
    step(&t);
    t.apply(&b.report().eid(9).at(1_100).trade(1, "0.1", "100", "0.1"))
        .unwrap();
    step(&t);
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].0, key);
    assert_eq!(Some(&seen[0].1), t.get(key));
}

#[test]
fn set_callbacks_replaces_and_only_the_order_s_own_events_are_handed_over() {
    let mut t = OrderTracker::new();
    let recorder = Recorder::on(&mut t);
    let a = order().qty("1");
    let b = order().qty("1");
    let c = order().qty("1");
    let ka = t
        .register_with_callbacks(a.idle(), Callbacks::new().on_cancel())
        .unwrap();
    let kb = t
        .register_with_callbacks(b.idle(), Callbacks::all())
        .unwrap();
    let kc = t.register(c.idle()).unwrap();
    step(&t);
    // Replaced: `a` now asks for fills, and no longer for cancels.
    t.set_callbacks(ka, Callbacks::new().on_fill()).unwrap();
    step(&t);
    for (key, builder, id) in [(ka, &a, 1), (kb, &b, 2), (kc, &c, 3)] {
        t.place(key, 1_001).unwrap();
        t.apply(&builder.report().eid(id).at(1_002).trade(1, "1", "100", "1"))
            .unwrap();
        step(&t);
    }
    let seen = recorder.take();
    assert_eq!(
        seen.iter().map(|s| (s.callback, s.key)).collect::<Vec<_>>(),
        [("on_fill", ka), ("on_fill", kb)],
        "an order without callbacks is never handed over"
    );
    // Without a handler, nothing is called and nothing fails.
    assert!(t.take_handler().is_some());
    let d = order().qty("1");
    let kd = t
        .register_with_callbacks(d.idle(), Callbacks::all())
        .unwrap();
    t.place(kd, 1_001).unwrap();
    t.apply(&d.report().eid(4).at(1_002).trade(1, "1", "100", "1"))
        .unwrap();
    step(&t);
    assert!(recorder.take().is_empty());
}

#[test]
fn a_callback_left_unset_is_simply_skipped() {
    let mut t = OrderTracker::new();
    let recorder = Recorder::on(&mut t);
    let b = order().qty("1");
    let key = active(&mut t, &b, 4);
    t.set_callbacks(key, Callbacks::new().on_fill()).unwrap();
    step(&t);
    t.apply(&b.report().eid(4).at(1_100).trade(1, "0.5", "100", "0.5"))
        .unwrap();
    step(&t);
    assert!(recorder.take().is_empty());
    t.apply(&b.report().eid(4).at(1_101).trade(2, "0.5", "100", "1"))
        .unwrap();
    step(&t);
    assert_eq!(recorder.names(), ["on_fill"]);
}

#[test]
fn set_callbacks_on_a_stale_key_is_an_error() {
    let mut t = OrderTracker::new();
    let recorder = Recorder::on(&mut t);
    let key = t.register(order().idle()).unwrap();
    t.unregister(key).unwrap();
    step(&t);
    assert_eq!(
        t.set_callbacks(key, recorder.callbacks()),
        Err(TrackError::StaleKey { key })
    );
    step(&t);
    assert!(t.is_empty());
}

#[test]
fn callbacks_debug_shows_which_are_set() {
    let text = format!("{:?}", Callbacks::new().on_cancel());
    assert!(text.contains("on_cancel"), "{text}");
    assert!(!text.contains("on_fill"), "{text}");
}
