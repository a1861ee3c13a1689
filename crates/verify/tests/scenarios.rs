//! Minimal op sequences found by the property tests, kept as plain, seed-free
//! regression tests (they stay meaningful whatever the strategies become).

use ordertrack::OrderTracker;
use ordertrack_verify::harness::{CheckOptions, Harness, StepOutcome};
use ordertrack_verify::ops::{
    AlgoField, ClientIdField, ClientIdPick, CumulativeField, ExchangeIdPick, Op, OrderRef,
    RegisterOp, ReportKind, ReportOp, StartState, StartStatus, StatusField, SymbolField,
    TermsField, TimeField, TriggerPick,
};

fn register(n: u16, status: StartStatus) -> Op {
    Op::Register(RegisterOp {
        client_id: ClientIdPick::Generated(n),
        sub_account: 0,
        symbol: 0,
        parent: None,
        origin: 0,
        buy: false,
        order_type: 0,
        lots: 1,
        price_ticks: Some(1),
        reduce_only: false,
        trigger: TriggerPick::None,
        leverage: 1,
        start: StartState {
            status,
            exchange_id: ExchangeIdPick::Own,
            prefill_lots: 0,
            age: 0,
        },
        callbacks: true,
    })
}

fn report(order: u8, kind: ReportKind, time: TimeField) -> Op {
    Op::Report(ReportOp {
        order: OrderRef(order),
        kind,
        client_id: ClientIdField::Own,
        exchange_id: ExchangeIdPick::Own,
        symbol: SymbolField::Own,
        status: StatusField::Consistent,
        cumulative: CumulativeField::Consistent,
        time,
        dt: 0,
        terms: TermsField::Omit,
        algo: AlgoField::Auto,
    })
}

/// Runs `ops` with every check; returns what the last one returned.
#[allow(
    clippy::unwrap_used,
    reason = "test helper: a divergence fails the test"
)]
fn last_outcome(ops: &[Op]) -> StepOutcome {
    let mut harness = Harness::new(OrderTracker::new(), CheckOptions::ALL);
    for op in ops {
        harness.step(op).unwrap();
    }
    harness.model.last.unwrap().expected
}

/// Found at 10,000 cases when the tracker started compacting its cleanup queue
/// on `unregister`: an order closed in the future, unregistered (its queue entry
/// an orphan, then compacted away), and a new order closed now must take its own
/// close time as its stamp, so a cleanup at `now + 207`, `max_age` 0, removes it.
#[test]
fn compacted_orphans_no_longer_hold_back_later_orders() {
    let ops = [
        register(0, StartStatus::Placing),
        report(0, ReportKind::Cancel, TimeField::Future(714)),
        Op::Unregister { order: OrderRef(0) },
        register(0, StartStatus::Filled),
        Op::Cleanup {
            dt: 207,
            max_age: 0,
        },
    ];
    assert_eq!(last_outcome(&ops), StepOutcome::Cleaned(1));
}

/// While an orphan is not compacted (half the queue is still tracked), it still
/// raises later stamps: B (closed now) goes, the orphan A (closed in the
/// future) is passed, C (closed now, queued after A) stays.
#[test]
fn uncompacted_orphans_still_raise_later_stamps() {
    let ops = [
        register(0, StartStatus::Placing),
        register(1, StartStatus::Cancelled),
        report(0, ReportKind::Cancel, TimeField::Future(714)),
        Op::Unregister { order: OrderRef(0) },
        register(2, StartStatus::Filled),
        Op::Cleanup {
            dt: 207,
            max_age: 0,
        },
    ];
    assert_eq!(last_outcome(&ops), StepOutcome::Cleaned(1));
}
