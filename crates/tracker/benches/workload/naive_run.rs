//! The same run for the naive engine: its orders and reports translated to
//! strings and floats, and the naive tracker's step.

use std::hint::black_box;
use std::time::Duration;

use ordertrack::{ExecutionReport, NewOrder};

use crate::generator::Op;
use crate::naive;
use crate::support::{ONE, clock};
use crate::{Did, MAX_AGE_MS};

/// The run as the naive engine performs it.
#[derive(Debug, Clone)]
pub(crate) enum NaiveOp {
    Register(u32),
    Place(u32, u64),
    Cancel(u32, u64),
    PlaceFailed(u32, u64),
    PlaceInDoubt(u32, u64),
    CancelRejected(u32, u64),
    Report(naive::Report),
    ActiveBySymbol(String),
    BySubAccount(String),
    ByParent(String),
    LookupClient(String),
    LookupExchange(String),
    Cleanup(u64),
}

fn units_f64(units: i64) -> f64 {
    units as f64 / ONE as f64
}

fn naive_order(spec: &NewOrder) -> naive::OrderState {
    naive::OrderState {
        client_order_id: spec.client_id.to_string(),
        sub_account_id: spec.sub_account.to_string(),
        exchange_order_id: None,
        symbol: spec.symbol.to_string(),
        side: spec.side.as_str(),
        order_type: spec.order_type.as_str(),
        quantity: units_f64(spec.quantity.units()),
        price: spec.price.map(|p| units_f64(p.units())),
        reduce_only: spec.reduce_only,
        state: "idle",
        filled_qty: 0.0,
        avg_fill_price: 0.0,
        last_fill_price: 0.0,
        last_fill_qty: 0.0,
        origin: spec.origin.map_or("UNKNOWN", ordertrack::Origin::name),
        parent_id: spec.parent.map(|p| p.to_string()),
        leverage: spec.leverage,
        created_at: spec.created_at,
        updated_at: spec.created_at,
    }
}

fn naive_report(report: &ExecutionReport) -> naive::Report {
    naive::Report {
        client_order_id: report.client_id.map(|c| c.to_string()),
        exchange_order_id: report.exchange_id.map(|e| e.to_string()),
        symbol: report.symbol.to_string(),
        execution: report.execution.as_str(),
        status: report.status.as_str(),
        trade_id: report.fill.map(|f| f.trade_id.0),
        last_qty: report.fill.map_or(0.0, |f| units_f64(f.qty.units())),
        last_price: report.fill.map_or(0.0, |f| units_f64(f.price.units())),
        cumulative_qty: units_f64(report.cumulative_qty.map_or(0, ordertrack::Qty::units)),
        transaction_time: report.transaction_time,
    }
}

/// The same run for the naive engine: its orders (by sequence number), their
/// client ids, and its operations.
pub(crate) struct NaiveRun {
    pub(crate) orders: Vec<naive::OrderState>,
    pub(crate) client_ids: Vec<String>,
    pub(crate) ops: Vec<NaiveOp>,
}

pub(crate) fn naive_run(ops: &[Op]) -> NaiveRun {
    let mut orders = Vec::new();
    let mut naive_ops = Vec::with_capacity(ops.len());
    for op in ops {
        naive_ops.push(match op {
            Op::Register(spec) => {
                orders.push(naive_order(spec));
                NaiveOp::Register(u32::try_from(orders.len() - 1).unwrap())
            }
            Op::Place(s, t) => NaiveOp::Place(*s, *t),
            Op::Cancel(s, t) => NaiveOp::Cancel(*s, *t),
            Op::PlaceFailed(s, t) => NaiveOp::PlaceFailed(*s, *t),
            Op::PlaceInDoubt(s, t) => NaiveOp::PlaceInDoubt(*s, *t),
            Op::CancelRejected(s, t) => NaiveOp::CancelRejected(*s, *t),
            Op::Report(r) => NaiveOp::Report(naive_report(r)),
            Op::ActiveBySymbol(s) => NaiveOp::ActiveBySymbol(s.to_string()),
            Op::BySubAccount(s) => NaiveOp::BySubAccount(s.to_string()),
            Op::ByParent(p) => NaiveOp::ByParent(p.to_string()),
            Op::LookupClient(c) => NaiveOp::LookupClient(c.to_string()),
            Op::LookupExchange(_, e) => NaiveOp::LookupExchange(e.to_string()),
            Op::Cleanup(t) => NaiveOp::Cleanup(*t),
        });
    }
    let client_ids = orders.iter().map(|o| o.client_order_id.clone()).collect();
    NaiveRun {
        orders,
        client_ids,
        ops: naive_ops,
    }
}

fn naive_did(done: bool) -> Did {
    if done { Did::Done } else { Did::Refused }
}

#[inline]
pub(crate) fn naive_step(
    tracker: &mut naive::OrderTracker,
    orders: &mut [Option<naive::OrderState>],
    ids: &[String],
    op: &NaiveOp,
) -> Did {
    let id = |seq: &u32| ids[*seq as usize].as_str();
    match op {
        NaiveOp::Register(seq) => {
            tracker.register(orders[*seq as usize].take().expect("registered once"));
            Did::Done
        }
        NaiveOp::Place(s, t) => naive_did(tracker.place(id(s), *t)),
        NaiveOp::Cancel(s, t) => naive_did(tracker.cancel(id(s), *t)),
        NaiveOp::PlaceFailed(s, t) => naive_did(tracker.place_failed(id(s), *t)),
        NaiveOp::PlaceInDoubt(s, t) => naive_did(tracker.place_in_doubt(id(s), *t)),
        NaiveOp::CancelRejected(s, t) => naive_did(tracker.cancel_rejected(id(s), *t)),
        NaiveOp::Report(report) => match tracker.apply(report) {
            "unknown" => Did::Unknown,
            name => Did::Applied(name),
        },
        NaiveOp::ActiveBySymbol(symbol) => {
            let open: f64 = tracker
                .get_active_by_symbol(symbol)
                .iter()
                .map(|o| o.quantity - o.filled_qty)
                .sum();
            black_box(open);
            Did::Done
        }
        NaiveOp::BySubAccount(sub) => {
            let total: f64 = tracker
                .get_by_sub_account(sub)
                .iter()
                .map(|o| o.quantity)
                .sum();
            black_box(total);
            Did::Done
        }
        NaiveOp::ByParent(parent) => {
            let filled: f64 = tracker
                .get_by_parent(parent)
                .iter()
                .map(|o| o.filled_qty)
                .sum();
            black_box(filled);
            Did::Done
        }
        NaiveOp::LookupClient(client) => {
            black_box(tracker.lookup(None, Some(client)).map(|o| o.leverage));
            Did::Done
        }
        NaiveOp::LookupExchange(exchange) => {
            black_box(tracker.lookup(Some(exchange), None).map(|o| o.leverage));
            Did::Done
        }
        NaiveOp::Cleanup(now) => {
            black_box(tracker.cleanup_terminal(*now, MAX_AGE_MS));
            Did::Done
        }
    }
}

/// One timed pass of the run on the naive tracker. Its orders are cloned before
/// the clock starts; the tracker is dropped after it stops.
pub(crate) fn pass_naive(run: &NaiveRun) -> (Duration, naive::OrderTracker) {
    let mut orders: Vec<Option<naive::OrderState>> = run.orders.iter().cloned().map(Some).collect();
    let mut tracker = naive::OrderTracker::default();
    let start = clock();
    for op in &run.ops {
        black_box(naive_step(&mut tracker, &mut orders, &run.client_ids, op));
    }
    let elapsed = clock() - start;
    drop(orders);
    (elapsed, tracker)
}
