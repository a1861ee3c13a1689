//! The run on `ordertrack`: one operation at a time, as the engine performs it.

use std::hint::black_box;
use std::time::Duration;

use ordertrack::{AnyOrder, Applied, FailReason, OrderKey, OrderTracker, Outcome, TrackError};

use crate::generator::Op;
use crate::support::clock;
use crate::{Did, MAX_AGE_MS};

fn applied_name(applied: &Applied) -> &'static str {
    match applied {
        Applied::Acknowledged => "acknowledged",
        Applied::Armed => "armed",
        Applied::Triggering => "triggering",
        Applied::Triggered => "triggered",
        Applied::PartiallyFilled(_) => "partially filled",
        Applied::Filled(_) => "filled",
        Applied::LateFill(_) => "late fill",
        Applied::Cancelled(_) => "cancelled",
        Applied::Expired(_) => "expired",
        Applied::Failed(_) => "failed",
        Applied::Amended => "amended",
        Applied::Duplicate => "duplicate (ignored)",
        Applied::Stale => "stale (ignored)",
    }
}

fn request(result: Result<(), TrackError>) -> Did {
    if result.is_ok() {
        Did::Done
    } else {
        Did::Refused
    }
}

/// Runs one operation on `ordertrack`.
#[inline]
pub(crate) fn step(tracker: &mut OrderTracker, keys: &mut Vec<OrderKey>, op: &Op) -> Did {
    let key = |seq: &u32| keys[*seq as usize];
    match op {
        Op::Register(spec) => {
            let order = AnyOrder::new(*spec).expect("valid order");
            keys.push(tracker.register(order).expect("new client id"));
            Did::Done
        }
        Op::Place(seq, now) => request(tracker.place(key(seq), *now)),
        Op::Cancel(seq, now) => request(tracker.cancel(key(seq), *now)),
        Op::PlaceFailed(seq, now) => {
            request(tracker.place_failed(key(seq), FailReason::ExchangeError { code: -2019 }, *now))
        }
        Op::PlaceInDoubt(seq, now) => request(tracker.place_in_doubt(key(seq), *now)),
        Op::CancelRejected(seq, now) => request(tracker.cancel_rejected(key(seq), *now)),
        Op::Report(report) => match tracker.apply(report) {
            Ok(Outcome::Applied { applied, .. }) => Did::Applied(applied_name(&applied)),
            Ok(Outcome::Unknown(_)) => Did::Unknown,
            Err(_) => Did::Refused,
        },
        Op::ActiveBySymbol(symbol) => {
            let open: i64 = tracker
                .active_by_symbol(symbol)
                .map(|(_, o)| o.quantity().units() - o.filled_qty().units())
                .sum();
            black_box(open);
            Did::Done
        }
        Op::BySubAccount(sub) => {
            let total: i64 = tracker
                .by_sub_account(sub)
                .map(|(_, o)| o.quantity().units())
                .sum();
            black_box(total);
            Did::Done
        }
        Op::ByParent(parent) => {
            let filled: i64 = tracker
                .by_parent(parent)
                .map(|(_, o)| o.filled_qty().units())
                .sum();
            black_box(filled);
            Did::Done
        }
        Op::LookupClient(id) => {
            black_box(tracker.lookup_client(id).map(|(k, _)| k));
            Did::Done
        }
        Op::LookupExchange(symbol, id) => {
            black_box(tracker.lookup_exchange(symbol, *id).map(|(k, _)| k));
            Did::Done
        }
        Op::Cleanup(now) => {
            black_box(tracker.cleanup_terminal(*now, std::time::Duration::from_millis(MAX_AGE_MS)));
            Did::Done
        }
    }
}

/// One timed pass of the run on `ordertrack`; returns the time and the tracker.
pub(crate) fn pass_ours(ops: &[Op], orders: usize) -> (Duration, OrderTracker) {
    let mut tracker = OrderTracker::new();
    let mut keys = Vec::with_capacity(orders);
    let start = clock();
    for op in ops {
        black_box(step(&mut tracker, &mut keys, op));
    }
    (clock() - start, tracker)
}
