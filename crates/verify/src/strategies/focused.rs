//! State-aware op strategies: what the state-machine test generates from the
//! reference's view of the orders, so that conditional orders are walked
//! through their lives (the algo service's reports, their triggered orders',
//! the legacy trigger, a close-position order's stated quantity) far more
//! densely than stateless ops reach them.

use proptest::prelude::*;

use super::MAX_OPS;
use super::sequences::{conditional_register_op, op, register_op};
use crate::harness::Model;
use crate::ops::{
    AlgoField, ClientIdField, CumulativeField, ExchangeIdPick, Op, OrderRef, ReportKind, ReportOp,
    StatusField, SymbolField, TermsField, TimeField,
};

/// The tracked orders worth walking: conditional ones not yet terminal, and
/// close-position ones whose quantity is still unknown (late fills, a
/// quantity stated after the close), by their [`OrderRef`].
#[must_use]
pub fn focus(model: &Model) -> Vec<OrderRef> {
    model
        .tracker
        .records
        .iter()
        .filter(|r| {
            let o = &r.order;
            (o.is_conditional() && !o.status.is_terminal()) || !o.quantity_known()
        })
        .filter_map(|r| u8::try_from(r.id).ok().map(OrderRef))
        .collect()
}

/// A lifecycle report ([`ReportKind::Next`]) about one of `orders`: mostly
/// well-formed (its own ids and symbol, a consistent status and cumulative
/// quantity, now), sometimes late or without a cumulative quantity.
pub fn lifecycle_report(orders: Vec<OrderRef>) -> impl Strategy<Value = ReportOp> {
    lifecycle_report_on(proptest::sample::select(orders))
}

/// A lifecycle report about the order `order` picks.
fn lifecycle_report_on(order: impl Strategy<Value = OrderRef>) -> impl Strategy<Value = ReportOp> {
    let time = prop_oneof![6 => Just(TimeField::Now), 1 => (0u16..2_000).prop_map(TimeField::Past)];
    let cumulative = prop_oneof![
        6 => Just(CumulativeField::Consistent),
        1 => Just(CumulativeField::Omit),
    ];
    let client_id = prop_oneof![6 => Just(ClientIdField::Own), 1 => Just(ClientIdField::Omit)];
    (order, any::<u8>(), client_id, cumulative, time, 0u8..20).prop_map(
        |(order, n, client_id, cumulative, time, dt)| ReportOp {
            order,
            kind: ReportKind::Next(n),
            client_id,
            exchange_id: ExchangeIdPick::Own,
            symbol: SymbolField::Own,
            status: StatusField::Consistent,
            cumulative,
            time,
            dt,
            terms: TermsField::Omit,
            algo: AlgoField::Auto,
        },
    )
}

/// The next op of the state-machine test: mostly registrations while
/// nothing is tracked; otherwise [`op`], and while some orders are worth
/// walking ([`focus`]), often a lifecycle report about one of them, its
/// replay, or an engine request on it.
pub fn transition(model: &Model) -> BoxedStrategy<Op> {
    if model.tracker.is_empty() {
        return prop_oneof![
            3 => register_op().prop_map(Op::Register),
            1 => op(),
        ]
        .boxed();
    }
    let orders = focus(model);
    if orders.is_empty() {
        return op().boxed();
    }
    let order = proptest::sample::select(orders.clone());
    prop_oneof![
        4 => op(),
        5 => lifecycle_report(orders).prop_map(Op::Report),
        1 => (order.clone(), 0u8..20).prop_map(|(order, dt)| Op::CancelRejected { order, dt }),
        2 => (order, 0u8..20).prop_map(|(order, dt)| Op::Cancel { order, dt }),
    ]
    .boxed()
}

/// An op of [`conditional_sequence`]: mostly lifecycle reports about the
/// first four orders, registrations of conditional orders, their cancels and
/// rejected cancels, replays, and any [`op`].
pub fn conditional_op() -> impl Strategy<Value = Op> {
    let order = || (0u8..4).prop_map(OrderRef);
    prop_oneof![
        2 => conditional_register_op().prop_map(Op::Register),
        6 => lifecycle_report_on(order()).prop_map(Op::Report),
        1 => (order(), 0u8..20).prop_map(|(order, dt)| Op::Cancel { order, dt }),
        1 => (order(), 0u8..20).prop_map(|(order, dt)| Op::CancelRejected { order, dt }),
        1 => (any::<u8>(), 0u8..20).prop_map(|(index, dt)| Op::Replay { index, dt }),
        3 => op(),
    ]
}

/// A sequence dense in conditional orders: one registered first, then up to
/// [`MAX_OPS`] of [`conditional_op`]. The shape the teeth of the conditional
/// properties are hunted with, and a second differential test.
pub fn conditional_sequence() -> impl Strategy<Value = Vec<Op>> {
    (
        conditional_register_op(),
        proptest::collection::vec(conditional_op(), 0..MAX_OPS),
    )
        .prop_map(|(first, mut rest)| {
            rest.insert(0, Op::Register(first));
            rest
        })
}
