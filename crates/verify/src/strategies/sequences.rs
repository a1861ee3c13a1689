//! Op strategies: operations and whole sequences, weighted to stay meaningful.

use proptest::prelude::*;
use proptest::sample::SizeRange;

use super::MAX_OPS;
use crate::ops::{
    AlgoField, ClientIdField, ClientIdPick, CumulativeField, ExchangeIdPick, FillQtyPick, Op,
    OrderRef, RegisterOp, ReportKind, ReportOp, StartState, StartStatus, StatusField, SymbolField,
    TermsField, TimeField, TradePick, TriggerPick, UnknownClientId, UnknownReportOp, pools,
};

/// An order reference, small so it shrinks to the first orders.
pub fn order_ref() -> impl Strategy<Value = OrderRef> {
    (0u8..32).prop_map(OrderRef)
}

fn exchange_id_pick() -> impl Strategy<Value = ExchangeIdPick> {
    prop_oneof![
        8 => Just(ExchangeIdPick::Own),
        2 => Just(ExchangeIdPick::Omit),
        1 => order_ref().prop_map(ExchangeIdPick::OfOrder),
        1 => (0u8..8).prop_map(ExchangeIdPick::Raw),
    ]
}

/// A start state; a conditional order's is also one of the algo service's
/// (armed, triggering, triggered, cancelling while armed) or the legacy
/// trigger's.
fn start_state(conditional: bool) -> impl Strategy<Value = StartState> {
    let status = prop_oneof![
        3 => Just(StartStatus::Idle),
        6 => Just(StartStatus::Placing),
        1 => Just(StartStatus::InDoubt),
        3 => Just(StartStatus::Active),
        1 => Just(StartStatus::Cancelling),
        1 => Just(StartStatus::Filled),
        1 => Just(StartStatus::Cancelled),
        1 => Just(StartStatus::Expired),
        1 => Just(StartStatus::Failed),
    ];
    let algo = prop_oneof![
        3 => Just(StartStatus::Armed),
        1 => Just(StartStatus::Triggering),
        2 => Just(StartStatus::Triggered),
        1 => Just(StartStatus::CancellingArmed),
        1 => Just(StartStatus::LegacyTriggered),
    ];
    let status = if conditional {
        prop_oneof![1 => status, 1 => algo].boxed()
    } else {
        status.boxed()
    };
    let age = prop_oneof![3 => Just(0u16), 1 => 0u16..3_000];
    // Another order's id now and then: a registration that would take it.
    let exchange_id = prop_oneof![
        8 => Just(ExchangeIdPick::Own),
        2 => Just(ExchangeIdPick::Omit),
        2 => order_ref().prop_map(ExchangeIdPick::OfOrder),
        1 => (0u8..8).prop_map(ExchangeIdPick::Raw),
    ];
    (status, exchange_id, 0u8..4, age).prop_map(|(status, exchange_id, prefill_lots, age)| {
        StartState {
            status,
            exchange_id,
            prefill_lots,
            age,
        }
    })
}

/// Any trigger pick: a price or none (trailing stops only), either working
/// type, closing the position or not (with a quantity, now and then: refused).
fn trigger_pick() -> impl Strategy<Value = TriggerPick> {
    let ticks = prop_oneof![24 => 1u8..50, 1 => Just(0u8)];
    prop_oneof![
        6 => (ticks.clone(), any::<bool>()).prop_map(|(price_ticks, mark_price)| {
            TriggerPick::At { price_ticks, mark_price }
        }),
        3 => (ticks, prop_oneof![12 => Just(false), 1 => Just(true)]).prop_map(
            |(price_ticks, with_quantity)| TriggerPick::ClosePosition { price_ticks, with_quantity }
        ),
    ]
}

/// An order type (index into `OrderType::ALL`: LIMIT, MARKET, the five
/// conditional ones, LIQUIDATION), the trigger that goes with it (now and then
/// a wrong one: refused) and its start state.
fn typed_order() -> impl Strategy<Value = (u8, TriggerPick, StartState)> {
    prop_oneof![4 => 0u8..2, 4 => 2u8..7, 1 => Just(7u8)].prop_flat_map(|order_type| {
        let conditional = pools::order_type(order_type).is_conditional();
        let right = if conditional {
            trigger_pick().boxed()
        } else {
            Just(TriggerPick::None).boxed()
        };
        let wrong = if conditional {
            Just(TriggerPick::None).boxed()
        } else {
            trigger_pick().boxed()
        };
        (
            Just(order_type),
            prop_oneof![30 => right, 1 => wrong],
            start_state(conditional),
        )
    })
}

/// A registration: pooled sub-accounts, symbols and parents; mostly valid
/// orders (conditional ones with a trigger, some closing the position), now
/// and then a zero quantity, a missing price or trigger, a bad leverage;
/// client ids that come up again.
pub fn register_op() -> impl Strategy<Value = RegisterOp> {
    register_with(typed_order().boxed())
}

/// A registration of a conditional order (one of the five types, with its
/// trigger), in any start state, the algo service's included.
pub fn conditional_register_op() -> impl Strategy<Value = RegisterOp> {
    let typed = (2u8..7, trigger_pick(), start_state(true));
    register_with(typed.boxed())
}

/// A registration whose type, trigger and start state come from `typed`.
fn register_with(
    typed: BoxedStrategy<(u8, TriggerPick, StartState)>,
) -> impl Strategy<Value = RegisterOp> {
    let client_id = prop_oneof![
        6 => (0u16..64).prop_map(ClientIdPick::Generated),
        1 => (0u8..6).prop_map(ClientIdPick::Foreign),
        1 => order_ref().prop_map(ClientIdPick::SameAs),
    ];
    let lots = prop_oneof![20 => 1u8..=10, 1 => Just(0u8)];
    let price_ticks =
        prop_oneof![20 => (1u8..50).prop_map(Some), 1 => Just(None), 1 => Just(Some(0))];
    let leverage = prop_oneof![20 => 1u8..=20, 1 => Just(0u8), 1 => 126u8..=255];
    (
        (
            client_id,
            0u8..3,
            0u8..3,
            proptest::option::of(0u8..3),
            0u8..7,
        ),
        (any::<bool>(), lots, price_ticks, any::<bool>(), leverage),
        typed,
        prop_oneof![3 => Just(true), 1 => Just(false)],
    )
        .prop_map(
            |(
                (client_id, sub_account, symbol, parent, origin),
                (buy, lots, price_ticks, reduce_only, leverage),
                (order_type, trigger, start),
                callbacks,
            )| RegisterOp {
                client_id,
                sub_account,
                symbol,
                parent,
                origin,
                buy,
                order_type,
                lots,
                price_ticks,
                reduce_only,
                trigger,
                leverage,
                start,
                callbacks,
            },
        )
}

fn fill_qty_pick() -> impl Strategy<Value = FillQtyPick> {
    prop_oneof![
        3 => Just(FillQtyPick::Rest),
        4 => (1u8..4).prop_map(FillQtyPick::Lots),
        1 => Just(FillQtyPick::Zero),
        1 => Just(FillQtyPick::Overfill),
        1 => Just(FillQtyPick::Huge),
    ]
}

fn trade_pick() -> impl Strategy<Value = TradePick> {
    prop_oneof![
        6 => Just(TradePick::Fresh),
        2 => (0u8..4).prop_map(TradePick::Pool),
        2 => any::<u8>().prop_map(TradePick::Repeat),
    ]
}

/// An expiry reason: none or 8 (a conditional order's legacy trigger, when it
/// has not triggered), 6 (an expiry all the same), or another small code.
fn expiry_reason() -> impl Strategy<Value = Option<u16>> {
    prop_oneof![
        2 => Just(None),
        2 => Just(Some(8u16)),
        1 => Just(Some(6u16)),
        2 => (0u16..8).prop_map(Some),
    ]
}

/// What a report says happened: every execution type (the algo service's
/// `TRIGGERING`, `TRIGGERED` and `FINISHED` included), fills of every size.
pub fn report_kind() -> impl Strategy<Value = ReportKind> {
    prop_oneof![
        3 => Just(ReportKind::Ack),
        8 => (any::<bool>(), trade_pick(), fill_qty_pick(), 1u8..50).prop_map(
            |(c, trade, qty, price_ticks)| ReportKind::Fill {
                calculated: c && price_ticks % 4 == 0,
                trade,
                qty,
                price_ticks,
            }
        ),
        2 => Just(ReportKind::Cancel),
        2 => (prop_oneof![4 => Just(false), 1 => Just(true)], expiry_reason())
            .prop_map(|(in_match, reason)| ReportKind::Expire { in_match, reason }),
        1 => (0u8..12, proptest::option::of(1u8..50))
            .prop_map(|(lots, price_ticks)| ReportKind::Amend { lots, price_ticks }),
        1 => Just(ReportKind::Reject),
        2 => Just(ReportKind::Triggering),
        2 => any::<bool>().prop_map(|finished| ReportKind::Triggered { finished }),
        6 => any::<u8>().prop_map(ReportKind::Next),
        2 => (0u8..9).prop_map(|execution| ReportKind::Bare { execution }),
    ]
}

fn time_field() -> impl Strategy<Value = TimeField> {
    prop_oneof![
        6 => Just(TimeField::Now),
        2 => (0u16..5_000).prop_map(TimeField::Past),
        1 => (0u16..5_000).prop_map(TimeField::Future),
    ]
}

/// Which terms a report restates: mostly none or the order's own, sometimes
/// another side, type or quantity, or a close-position order's.
fn terms_field() -> impl Strategy<Value = TermsField> {
    prop_oneof![
        10 => Just(TermsField::Omit),
        8 => Just(TermsField::Own),
        2 => Just(TermsField::Lite),
        1 => Just(TermsField::OtherSide),
        1 => (0u8..8).prop_map(TermsField::OrderType),
        1 => (0u8..12).prop_map(TermsField::Quantity),
        1 => Just(TermsField::ClosePosition),
        3 => (0u8..4).prop_map(TermsField::Position),
    ]
}

/// Which algo id a report names: mostly the one the exchange would send
/// (the algo service's for its own kinds and for an order it speaks for, none
/// for the matching engine's), sometimes the order's on any kind (the algo
/// service's `NEW`: an acceptance), none, or another order's.
fn algo_field() -> impl Strategy<Value = AlgoField> {
    prop_oneof![
        14 => Just(AlgoField::Auto),
        3 => Just(AlgoField::Algo),
        1 => Just(AlgoField::Omit),
        1 => (0u8..4).prop_map(AlgoField::Raw),
    ]
}

/// A report about an issued order: mostly well-formed, sometimes with another
/// order's or a foreign id, a wrong symbol, an inconsistent status, a gap in
/// or no cumulative quantity, or terms that differ from the order's.
pub fn report_op() -> impl Strategy<Value = ReportOp> {
    let client_id = prop_oneof![
        12 => Just(ClientIdField::Own),
        2 => Just(ClientIdField::Omit),
        1 => order_ref().prop_map(ClientIdField::OfOrder),
        1 => (0u8..6).prop_map(ClientIdField::Foreign),
    ];
    let symbol =
        prop_oneof![12 => Just(SymbolField::Own), 1 => (0u8..4).prop_map(SymbolField::Pool)];
    let status = prop_oneof![
        12 => Just(StatusField::Consistent),
        1 => (0u8..10).prop_map(StatusField::Raw),
    ];
    let cumulative = prop_oneof![
        8 => Just(CumulativeField::Consistent),
        1 => (0u8..12).prop_map(CumulativeField::Lots),
        1 => Just(CumulativeField::Omit),
    ];
    (
        order_ref(),
        report_kind(),
        client_id,
        exchange_id_pick(),
        symbol,
        status,
        cumulative,
        time_field(),
        (0u8..50, terms_field(), algo_field()),
    )
        .prop_map(
            |(
                order,
                kind,
                client_id,
                exchange_id,
                symbol,
                status,
                cumulative,
                time,
                (dt, terms, algo),
            )| {
                ReportOp {
                    order,
                    kind,
                    client_id,
                    exchange_id,
                    symbol,
                    status,
                    cumulative,
                    time,
                    dt,
                    terms,
                    algo,
                }
            },
        )
}

/// A report for an order never registered.
pub fn unknown_report_op() -> impl Strategy<Value = UnknownReportOp> {
    let client_id = prop_oneof![
        1 => Just(UnknownClientId::None),
        2 => (0u8..6).prop_map(UnknownClientId::Foreign),
        2 => (0u8..3, 0u8..7, 0u16..64).prop_map(|(sub_account, origin, unique)| {
            UnknownClientId::Ours { sub_account, origin, unique }
        }),
    ];
    (
        client_id,
        proptest::option::of(0u8..16),
        0u8..4,
        report_kind(),
        time_field(),
        prop_oneof![3 => Just(None), 1 => (0u8..4).prop_map(Some)],
    )
        .prop_map(
            |(client_id, exchange_id, symbol, kind, time, algo)| UnknownReportOp {
                client_id,
                exchange_id,
                symbol,
                kind,
                time,
                algo,
            },
        )
}

/// One op, weighted towards reports about registered orders.
pub fn op() -> impl Strategy<Value = Op> {
    let dt = || prop_oneof![3 => 0u8..20, 1 => any::<u8>()];
    prop_oneof![
        3 => register_op().prop_map(Op::Register),
        3 => (order_ref(), dt()).prop_map(|(order, dt)| Op::Place { order, dt }),
        2 => (order_ref(), dt()).prop_map(|(order, dt)| Op::Cancel { order, dt }),
        1 => (order_ref(), any::<i16>(), dt())
            .prop_map(|(order, code, dt)| Op::PlaceFailed { order, code, dt }),
        1 => (order_ref(), dt()).prop_map(|(order, dt)| Op::PlaceInDoubt { order, dt }),
        1 => (order_ref(), dt()).prop_map(|(order, dt)| Op::CancelRejected { order, dt }),
        12 => report_op().prop_map(Op::Report),
        1 => unknown_report_op().prop_map(Op::UnknownReport),
        2 => (any::<u8>(), dt()).prop_map(|(index, dt)| Op::Replay { index, dt }),
        1 => order_ref().prop_map(|order| Op::Unregister { order }),
        1 => order_ref().prop_map(|order| Op::SetCallbacks { order }),
        1 => (0u16..3_000, prop_oneof![1 => 0u16..10, 2 => 0u16..2_000, 2 => 2_000..=u16::MAX])
            .prop_map(|(dt, max_age)| Op::Cleanup { dt, max_age }),
    ]
}

/// A sequence of ops, each length in `len`.
pub fn ops(len: impl Into<SizeRange>) -> impl Strategy<Value = Vec<Op>> {
    proptest::collection::vec(op(), len)
}

/// A sequence of up to [`MAX_OPS`] ops, starting with a registration.
pub fn op_sequence() -> impl Strategy<Value = Vec<Op>> {
    (register_op(), ops(0..MAX_OPS)).prop_map(|(first, mut rest)| {
        rest.insert(0, Op::Register(first));
        rest
    })
}
