//! The engine's requests through the tracker: `place`, `cancel`, `place_failed`,
//! `place_in_doubt`, `cancel_rejected` — each allowed where the state machine
//! allows it, and everywhere else a typed error that changes nothing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use ordertrack::*;

/// Every state an order can be in for a request, with how it was reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Start {
    Idle,
    Placing,
    PlacingInDoubt,
    Active,
    CancellingAcked,
    CancellingUnacked,
    Filled,
    Cancelled,
    Expired,
    Failed,
}

const STARTS: [Start; 10] = [
    Start::Idle,
    Start::Placing,
    Start::PlacingInDoubt,
    Start::Active,
    Start::CancellingAcked,
    Start::CancellingUnacked,
    Start::Filled,
    Start::Cancelled,
    Start::Expired,
    Start::Failed,
];

/// Drives a fresh order (exchange id `id`) to `start` through the tracker.
fn make(t: &mut OrderTracker, start: Start, id: u64) -> (OrderKey, OrderBuilder) {
    let b = order().parent("twap-1");
    let key = t.register(b.idle()).unwrap();
    step(t);
    let go = |t: &mut OrderTracker,
              request: &dyn Fn(&mut OrderTracker) -> Result<(), TrackError>| {
        request(t).unwrap();
        step(t);
    };
    let feed = |t: &mut OrderTracker, report: ExecutionReport| {
        assert!(matches!(t.apply(&report).unwrap(), Outcome::Applied { .. }));
        step(t);
    };
    if start == Start::Idle {
        return (key, b);
    }
    go(t, &|t| t.place(key, 1_001));
    match start {
        Start::Idle | Start::Placing => {}
        Start::PlacingInDoubt => go(t, &|t| t.place_in_doubt(key, 1_500)),
        Start::Active => feed(t, b.report().eid(id).at(1_002).ack()),
        Start::CancellingAcked => {
            feed(t, b.report().eid(id).at(1_002).ack());
            go(t, &|t| t.cancel(key, 1_003));
        }
        Start::CancellingUnacked => go(t, &|t| t.cancel(key, 1_003)),
        Start::Filled => feed(t, b.report().eid(id).at(1_002).trade(1, "1", "100", "1")),
        Start::Cancelled => {
            feed(t, b.report().eid(id).at(1_002).ack());
            feed(t, b.report().eid(id).at(1_004).canceled());
        }
        Start::Expired => feed(t, b.report().eid(id).at(1_004).expired()),
        Start::Failed => feed(t, b.report().at(1_004).rejected()),
    }
    (key, b)
}

fn expected_status(start: Start) -> OrderStatus {
    match start {
        Start::Idle => OrderStatus::Idle,
        Start::Placing | Start::PlacingInDoubt => OrderStatus::Placing,
        Start::Active => OrderStatus::Active,
        Start::CancellingAcked | Start::CancellingUnacked => OrderStatus::Cancelling,
        Start::Filled => OrderStatus::Filled,
        Start::Cancelled => OrderStatus::Cancelled,
        Start::Expired => OrderStatus::Expired,
        Start::Failed => OrderStatus::Failed,
    }
}

type Call = fn(&mut OrderTracker, OrderKey) -> Result<(), TrackError>;
/// The state a request leads to from a start, `None` where it is refused.
type Leads = fn(Start) -> Option<OrderStatus>;

/// Each request, and the state it leads to from each start where it is allowed.
fn requests() -> [(Request, Call, Leads); 5] {
    [
        (
            Request::Place,
            |t, k| t.place(k, 2_000),
            |s| (s == Start::Idle).then_some(OrderStatus::Placing),
        ),
        (
            Request::Cancel,
            |t, k| t.cancel(k, 2_000),
            |s| {
                matches!(s, Start::Placing | Start::PlacingInDoubt | Start::Active)
                    .then_some(OrderStatus::Cancelling)
            },
        ),
        (
            Request::PlaceFailed,
            |t, k| t.place_failed(k, FailReason::ExchangeError { code: -2019 }, 2_000),
            |s| {
                matches!(
                    s,
                    Start::Placing | Start::PlacingInDoubt | Start::CancellingUnacked
                )
                .then_some(OrderStatus::Failed)
            },
        ),
        (
            Request::PlaceInDoubt,
            |t, k| t.place_in_doubt(k, 2_000),
            |s| matches!(s, Start::Placing | Start::PlacingInDoubt).then_some(OrderStatus::Placing),
        ),
        (
            Request::CancelRejected,
            |t, k| t.cancel_rejected(k, 2_000),
            |s| match s {
                Start::CancellingAcked => Some(OrderStatus::Active),
                Start::CancellingUnacked => Some(OrderStatus::Placing),
                _ => None,
            },
        ),
    ]
}

#[test]
fn every_request_in_every_state() {
    let mut allowed = 0;
    let mut refused = 0;
    for (request, call, outcome) in requests() {
        for (i, start) in STARTS.into_iter().enumerate() {
            let mut t = OrderTracker::new();
            // A bystander in each tracker, so "nothing changed" covers other orders too.
            let bystander = active(&mut t, &order().sub(1).parent("twap-1"), 9_999);
            let (key, b) = make(&mut t, start, 100 + i as u64);
            assert_eq!(status(&t, key), expected_status(start), "{start:?}");
            let before = Snapshot::take(&t);

            let result = call(&mut t, key);
            step(&t);
            match outcome(start) {
                Some(next) => {
                    result.unwrap_or_else(|e| panic!("{request} from {start:?}: {e}"));
                    assert_eq!(status(&t, key), next, "{request} from {start:?}");
                    let live = t.active_by_symbol(&btc()).keys().contains(&key);
                    assert_eq!(live, !next.is_terminal(), "{request} from {start:?}");
                    allowed += 1;
                }
                None => {
                    let err =
                        result.expect_err(&format!("{request} from {start:?} must be refused"));
                    assert_eq!(
                        err,
                        TrackError::Request {
                            key,
                            source: RequestError {
                                client_id: b.spec().client_id,
                                status: expected_status(start),
                                request,
                            },
                        },
                        "{request} from {start:?}"
                    );
                    assert!(err.to_string().contains(&request.to_string()));
                    before.assert_unchanged(&t);
                    refused += 1;
                }
            }
            assert_eq!(status(&t, bystander), OrderStatus::Active);
        }
    }
    // 5 requests × 10 starts: the allowed cells of the transition table are
    // place 1, cancel 3, place_failed 3, place_in_doubt 2, cancel_rejected 2.
    assert_eq!((allowed, refused), (11, 39));
}

#[test]
fn every_request_on_a_stale_key_is_a_stale_key_error() {
    let mut t = OrderTracker::new();
    let (key, _) = make(&mut t, Start::Active, 1);
    t.unregister(key).unwrap();
    step(&t);
    // A new order that may reuse the slot.
    let (fresh, _) = make(&mut t, Start::CancellingAcked, 2);
    let before = Snapshot::take(&t);
    for (request, call, _) in requests() {
        assert_eq!(
            call(&mut t, key),
            Err(TrackError::StaleKey { key }),
            "{request}"
        );
        step(&t);
        before.assert_unchanged(&t);
    }
    assert_eq!(
        t.set_callbacks(key, Callbacks::new()),
        Err(TrackError::StaleKey { key })
    );
    assert_eq!(status(&t, fresh), OrderStatus::Cancelling);
    assert!(
        TrackError::StaleKey { key }
            .to_string()
            .contains("names no tracked order")
    );
}

#[test]
fn place_failed_keeps_the_reason_and_closes_the_order() {
    let mut t = OrderTracker::new();
    let (key, _) = make(&mut t, Start::Placing, 1);
    t.place_failed(key, FailReason::ExchangeError { code: -2019 }, 1_700)
        .unwrap();
    step(&t);
    let order = t.get(key).unwrap();
    match order.view::<Failed>() {
        Some(o) => {
            assert_eq!(o.fail_reason(), FailReason::ExchangeError { code: -2019 });
            assert_eq!(o.closed_at(), 1_700);
        }
        None => panic!("expected Failed, got {order:?}"),
    }
    assert_eq!(t.count_active_by_symbol(&btc()), 0);
    assert_eq!(t.count_by_parent(&parent("twap-1")), 1);
    // Queued for cleanup at its close time.
    assert_eq!(
        t.cleanup_terminal(1_700 + 1_000, std::time::Duration::from_millis(1_000)),
        0
    );
    assert_eq!(
        t.cleanup_terminal(1_700 + 1_001, std::time::Duration::from_millis(1_000)),
        1
    );
    step(&t);
}

#[test]
fn cancel_rejected_returns_to_active_or_to_placing() {
    let mut t = OrderTracker::new();
    let (acked, a) = make(&mut t, Start::CancellingAcked, 11);
    let (unacked, b) = make(&mut t, Start::CancellingUnacked, 12);

    t.cancel_rejected(acked, 2_000).unwrap();
    step(&t);
    assert_eq!(status(&t, acked), OrderStatus::Active);
    assert_eq!(
        t.lookup_exchange(&btc(), eid(11)).map(|(k, _)| k),
        Some(acked)
    );

    t.cancel_rejected(unacked, 2_000).unwrap();
    step(&t);
    assert_eq!(status(&t, unacked), OrderStatus::Placing);
    assert_eq!(t.get(unacked).unwrap().exchange_id(), None);
    assert_eq!(t.count_active_by_symbol(&btc()), 2);

    // Both go on as usual: a fill on the first, the ack on the second.
    t.apply(&a.report().eid(11).at(2_100).trade(1, "1", "100", "1"))
        .unwrap();
    step(&t);
    assert_eq!(status(&t, acked), OrderStatus::Filled);
    t.apply(&b.report().eid(12).at(2_100).ack()).unwrap();
    step(&t);
    assert_eq!(status(&t, unacked), OrderStatus::Active);
    assert_eq!(t.count_active_by_symbol(&btc()), 1);
}

#[test]
fn a_request_touches_only_its_order() {
    let mut t = OrderTracker::new();
    let (a, _) = make(&mut t, Start::Active, 1);
    let (b, _) = make(&mut t, Start::Active, 2);
    let other = t.get(b).unwrap().clone();
    t.cancel(a, 3_000).unwrap();
    step(&t);
    assert_eq!(status(&t, a), OrderStatus::Cancelling);
    assert_eq!(t.get(b), Some(&other));
    assert_eq!(t.get(a).unwrap().updated_at(), 3_000);
}

#[test]
fn place_and_cancel_by_client_id() {
    let mut t = OrderTracker::new();
    let b = order();
    let key = t.register(b.idle()).unwrap();
    let id = b.spec.client_id;
    assert_eq!(t.place_by_client_id(&id, 1_100), Ok(key));
    assert_eq!(t.get(key).unwrap().status(), OrderStatus::Placing);
    assert_eq!(t.cancel_by_client_id(&id, 1_200), Ok(key));
    assert_eq!(t.get(key).unwrap().status(), OrderStatus::Cancelling);
    step(&t);
    // A request the state forbids: the same error as by key, nothing changed.
    let before = Snapshot::take(&t);
    assert!(matches!(
        t.place_by_client_id(&id, 1_300),
        Err(TrackError::Request { key: k, .. }) if k == key
    ));
    before.assert_unchanged(&t);
    // An id no tracked order has.
    let unknown = cid("PMSa1b2c3d4_CHASE_ffffffffffff");
    let err = t.cancel_by_client_id(&unknown, 1_300).unwrap_err();
    assert_eq!(err, TrackError::UnknownClientId { client_id: unknown });
    assert_eq!(err.kind(), "unknown_client_id");
    assert!(err.to_string().contains(unknown.as_str()));
    before.assert_unchanged(&t);
}
