//! proptest strategies: every model value, and whole operation sequences.
//!
//! Value strategies generate *valid* values unless their name says otherwise
//! (`any_execution_report` has any field values). The op strategies generate
//! [`Op`]s with weights that keep sequences meaningful (mostly reports about
//! registered orders with their own ids, now and then a wrong id, symbol,
//! status or quantity) and shrink towards short, simple sequences.

use proptest::prelude::*;
use proptest::sample::SizeRange;
use proptest::test_runner::Config;

use arbitrary::Unstructured;
use ordertrack::{
    Amendment, AnyOrder, ClientOrderId, ExchangeOrderId, ExecutionReport, ExecutionType,
    ExpiryReason, NewOrder, OrderStatus, OrderTerms, OrderType, Origin, ParentId, Price, Qty,
    ReportFill, ReportStatus, Side, SubAccountId, Symbol, TradeId,
};

use crate::arb::{EXECUTION_TYPES, REPORT_STATUSES};
use crate::ops::{
    ClientIdField, ClientIdPick, CumulativeField, ExchangeIdPick, FillQtyPick, Op, OrderRef,
    RegisterOp, ReportKind, ReportOp, StartState, StartStatus, StatusField, SymbolField,
    TermsField, TimeField, TradePick, UnknownClientId, UnknownReportOp,
};

/// Cases per property when `PROPTEST_CASES` is not set: seconds, not minutes.
pub const DEFAULT_CASES: u32 = 256;
/// Longest op sequence the sequence strategies generate by default.
pub const MAX_OPS: usize = 50;

/// The proptest configuration of this crate's tests: `PROPTEST_CASES` cases
/// when that variable is set (as proptest's own default does), else
/// [`DEFAULT_CASES`]; every other setting is proptest's default (which honours
/// the other `PROPTEST_*` variables).
#[must_use]
pub fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(DEFAULT_CASES);
    Config {
        cases,
        ..Config::default()
    }
}

/// [`config`], persisting failing cases in `path` (relative to the package
/// root, where `cargo test` runs integration tests), e.g.
/// `"proptest-regressions/state_machine.txt"`. proptest replays them first on
/// every run; commit them.
#[must_use]
pub fn config_with_regressions(path: &'static str) -> Config {
    Config {
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct(path),
        )),
        ..config()
    }
}

// ----- value strategies -----

/// A valid sub-account id (8 to 36 characters of the client-id alphabet),
/// often one of [`crate::ops::pools::SUB_ACCOUNTS`].
pub fn sub_account_id() -> impl Strategy<Value = SubAccountId> {
    prop_oneof![
        (0u8..3).prop_map(crate::ops::pools::sub_account),
        "[.:/_A-Za-z0-9-]{8,36}"
            .prop_filter_map("valid sub-account", |s| SubAccountId::new(&s).ok()),
    ]
}

/// Any origin.
pub fn origin() -> impl Strategy<Value = Origin> {
    proptest::sample::select(Origin::ALL.to_vec())
}

/// Any side.
pub fn side() -> impl Strategy<Value = Side> {
    prop_oneof![Just(Side::Buy), Just(Side::Sell)]
}

/// Any order type.
pub fn order_type() -> impl Strategy<Value = OrderType> {
    proptest::sample::select(OrderType::ALL.to_vec())
}

/// One of our client ids, deterministic: `ClientOrderId::with_unique`.
pub fn our_client_order_id() -> impl Strategy<Value = ClientOrderId> {
    (sub_account_id(), origin(), any::<u128>())
        .prop_map(|(sub, origin, unique)| ClientOrderId::with_unique(&sub, origin, unique))
}

/// One of our client ids from `ClientOrderId::generate` (a random UUID: not
/// reproducible from the seed; use [`our_client_order_id`] where that matters).
pub fn generated_client_order_id() -> impl Strategy<Value = ClientOrderId> {
    (sub_account_id(), origin()).prop_map(|(sub, origin)| ClientOrderId::generate(&sub, origin))
}

/// A valid client id the engine did not make (`parse_pms()` is `None`).
pub fn foreign_client_order_id() -> impl Strategy<Value = ClientOrderId> {
    prop_oneof![
        (0u8..6).prop_map(crate::ops::pools::foreign_id),
        "[.:/_A-Za-z0-9-]{1,36}".prop_filter_map("valid foreign id", |s| {
            ClientOrderId::new(&s)
                .ok()
                .filter(|c| c.parse_pms().is_none())
        }),
    ]
}

/// A valid client id: ours or foreign.
pub fn client_order_id() -> impl Strategy<Value = ClientOrderId> {
    prop_oneof![our_client_order_id(), foreign_client_order_id()]
}

/// A valid Binance-form symbol (perpetual or delivery), often a pool one.
pub fn symbol() -> impl Strategy<Value = Symbol> {
    prop_oneof![
        (0u8..4).prop_map(crate::ops::pools::report_symbol),
        "[A-Z0-9]{1,25}(_[0-9]{6})?".prop_filter_map("valid symbol", |s| Symbol::new(&s).ok()),
    ]
}

/// A valid parent id.
pub fn parent_id() -> impl Strategy<Value = ParentId> {
    prop_oneof![
        (0u8..3).prop_map(crate::ops::pools::parent),
        "[.:/_A-Za-z0-9-]{1,36}".prop_filter_map("valid parent", |s| ParentId::new(&s).ok()),
    ]
}

fn units() -> impl Strategy<Value = i64> {
    prop_oneof![
        3 => 0i64..=1_000,
        3 => (0i64..=100_000).prop_map(|lots| lots * crate::ops::pools::LOT_UNITS),
        2 => 0i64..=i64::MAX,
        1 => Just(i64::MAX),
    ]
}

/// Any representable quantity, zero and `Qty::MAX` included.
pub fn qty() -> impl Strategy<Value = Qty> {
    units().prop_map(|u| Qty::from_units(u).unwrap_or(Qty::ZERO))
}

/// A positive quantity.
pub fn positive_qty() -> impl Strategy<Value = Qty> {
    units().prop_map(|u| Qty::from_units(u.max(1)).unwrap_or(Qty::MAX))
}

/// Any representable price, zero and `Price::MAX` included.
pub fn price() -> impl Strategy<Value = Price> {
    units().prop_map(|u| Price::from_units(u).unwrap_or(Price::ZERO))
}

/// A valid [`NewOrder`] (one `Order::new` accepts), with our id or a foreign one.
pub fn new_order() -> impl Strategy<Value = NewOrder> {
    (
        (
            sub_account_id(),
            origin(),
            any::<u128>(),
            any::<bool>(),
            foreign_client_order_id(),
        ),
        symbol(),
        side(),
        order_type(),
        positive_qty(),
        proptest::option::of(price()),
        any::<bool>(),
        proptest::option::of(parent_id()),
        1u16..=125,
        0u64..=u64::MAX / 4,
    )
        .prop_map(
            |(
                (sub_account, origin, unique, ours, foreign),
                symbol,
                side,
                order_type,
                quantity,
                price,
                reduce_only,
                parent,
                leverage,
                created_at,
            )| {
                let price = if order_type.requires_price() {
                    Some(price.unwrap_or(Price::ZERO))
                } else {
                    price
                };
                NewOrder {
                    client_id: if ours {
                        ClientOrderId::with_unique(&sub_account, origin, unique)
                    } else {
                        foreign
                    },
                    sub_account,
                    symbol,
                    side,
                    order_type,
                    quantity,
                    price,
                    reduce_only,
                    origin: Some(origin),
                    parent,
                    leverage,
                    created_at,
                }
            },
        )
}

/// Any execution type.
pub fn execution_type() -> impl Strategy<Value = ExecutionType> {
    proptest::sample::select(EXECUTION_TYPES.to_vec())
}

/// Any report status.
pub fn report_status() -> impl Strategy<Value = ReportStatus> {
    proptest::sample::select(REPORT_STATUSES.to_vec())
}

/// Any restatement of an order's terms: any side, original type (or none),
/// quantity, price, reduce-only flag (or none), close-position flag.
pub fn order_terms() -> impl Strategy<Value = OrderTerms> {
    (
        side(),
        proptest::option::of(order_type()),
        qty(),
        proptest::option::of(price()),
        proptest::option::of(any::<bool>()),
        any::<bool>(),
    )
        .prop_map(
            |(side, order_type, quantity, price, reduce_only, close_position)| OrderTerms {
                side,
                order_type,
                quantity,
                price,
                reduce_only,
                close_position,
            },
        )
}

/// A well-formed report of every execution type: a status the type allows, a
/// fill exactly for `TRADE`/`CALCULATED`, an amendment exactly for `AMENDMENT`.
pub fn execution_report() -> impl Strategy<Value = ExecutionReport> {
    (
        execution_type(),
        any::<prop::sample::Index>(),
        any_execution_report(),
        (any::<u64>(), positive_qty(), price()),
        (positive_qty(), proptest::option::of(price())),
    )
        .prop_map(
            |(
                execution,
                pick,
                mut report,
                (trade, fill_qty, fill_price),
                (quantity, amended_price),
            )| {
                let allowed: Vec<ReportStatus> = REPORT_STATUSES
                    .into_iter()
                    .filter(|&s| execution.allows(s))
                    .collect();
                report.execution = execution;
                report.status = allowed
                    .get(pick.index(allowed.len().max(1)))
                    .copied()
                    .unwrap_or(ReportStatus::New);
                report.fill = execution.is_fill().then_some(ReportFill {
                    trade_id: TradeId(trade),
                    qty: fill_qty,
                    price: fill_price,
                });
                report.amendment = (execution == ExecutionType::Amendment).then_some(Amendment {
                    quantity,
                    price: amended_price,
                });
                report
            },
        )
}

/// A report with any field values: any execution type with any status, fills
/// and amendments on any type, zero and huge quantities, any ids, terms and
/// times, with or without a cumulative quantity.
pub fn any_execution_report() -> impl Strategy<Value = ExecutionReport> {
    (
        proptest::option::of(client_order_id()),
        proptest::option::of(any::<u64>().prop_map(ExchangeOrderId)),
        symbol(),
        execution_type(),
        report_status(),
        proptest::option::of((any::<u64>(), qty(), price())),
        proptest::option::of(qty()),
        proptest::option::of((qty(), proptest::option::of(price()))),
        proptest::option::of(any::<u16>().prop_map(ExpiryReason)),
        any::<u64>(),
        proptest::option::of(order_terms()),
    )
        .prop_map(
            |(
                client_id,
                exchange_id,
                symbol,
                execution,
                status,
                fill,
                cumulative_qty,
                amendment,
                expiry_reason,
                transaction_time,
                terms,
            )| {
                ExecutionReport {
                    client_id,
                    exchange_id,
                    symbol,
                    execution,
                    status,
                    fill: fill.map(|(t, qty, price)| ReportFill {
                        trade_id: TradeId(t),
                        qty,
                        price,
                    }),
                    cumulative_qty,
                    terms,
                    amendment: amendment.map(|(quantity, price)| Amendment { quantity, price }),
                    expiry_reason,
                    transaction_time,
                }
            },
        )
}

/// A valid order in any of the eight states, reached through legal transitions
/// ([`crate::arb::order_in_state`] fed with random bytes).
pub fn any_order() -> impl Strategy<Value = AnyOrder> {
    proptest::collection::vec(any::<u8>(), 16..512)
        .prop_filter_map("bytes make an order", |bytes| {
            crate::arb::order_in_state(&mut Unstructured::new(&bytes)).ok()
        })
}

/// A valid order in `status` ([`crate::arb::order_in_status`] fed with random
/// bytes).
pub fn order_in_status(status: OrderStatus) -> impl Strategy<Value = AnyOrder> {
    proptest::collection::vec(any::<u8>(), 16..512)
        .prop_filter_map("bytes make an order", move |bytes| {
            crate::arb::order_in_status(&mut Unstructured::new(&bytes), status).ok()
        })
}

/// A report aimed at `order` ([`crate::arb::report_for`] fed with random bytes):
/// its ids and symbol mostly, fills of the rest, part, zero or too much.
pub fn report_for(order: AnyOrder) -> impl Strategy<Value = ExecutionReport> {
    proptest::collection::vec(any::<u8>(), 0..256)
        .prop_filter_map("bytes make a report", move |bytes| {
            crate::arb::report_for(&mut Unstructured::new(&bytes), &order).ok()
        })
}

// ----- op strategies -----

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

fn start_state() -> impl Strategy<Value = StartState> {
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
    let age = prop_oneof![3 => Just(0u16), 1 => 0u16..3_000];
    (status, exchange_id_pick(), 0u8..4, age).prop_map(
        |(status, exchange_id, prefill_lots, age)| StartState {
            status,
            exchange_id,
            prefill_lots,
            age,
        },
    )
}

/// A registration: pooled sub-accounts, symbols and parents; mostly valid
/// orders, now and then a zero quantity, a missing price or a bad leverage;
/// client ids that come up again.
pub fn register_op() -> impl Strategy<Value = RegisterOp> {
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
        (
            any::<bool>(),
            0u8..8,
            lots,
            price_ticks,
            any::<bool>(),
            leverage,
        ),
        start_state(),
        prop_oneof![3 => Just(true), 1 => Just(false)],
    )
        .prop_map(
            |(
                (client_id, sub_account, symbol, parent, origin),
                (buy, order_type, lots, price_ticks, reduce_only, leverage),
                start,
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

/// What a report says happened: every execution type, fills of every size.
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
        1 => (any::<bool>(), proptest::option::of(0u16..8))
            .prop_map(|(in_match, reason)| ReportKind::Expire { in_match, reason }),
        1 => (0u8..12, proptest::option::of(1u8..50))
            .prop_map(|(lots, price_ticks)| ReportKind::Amend { lots, price_ticks }),
        1 => Just(ReportKind::Reject),
        1 => (0u8..7).prop_map(|execution| ReportKind::Bare { execution }),
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
    let status =
        prop_oneof![12 => Just(StatusField::Consistent), 1 => (0u8..7).prop_map(StatusField::Raw)];
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
        0u8..50,
        terms_field(),
    )
        .prop_map(
            |(order, kind, client_id, exchange_id, symbol, status, cumulative, time, dt, terms)| {
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
    )
        .prop_map(
            |(client_id, exchange_id, symbol, kind, time)| UnknownReportOp {
                client_id,
                exchange_id,
                symbol,
                kind,
                time,
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
