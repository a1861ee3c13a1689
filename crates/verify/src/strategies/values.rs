//! Value strategies: every model value, valid unless the name says otherwise.

use proptest::prelude::*;

use arbitrary::Unstructured;
use ordertrack::{
    AlgoId, Amendment, AnyOrder, ClientOrderId, ExchangeOrderId, ExecutionReport, ExecutionType,
    ExpiryReason, NewOrder, OrderStatus, OrderTerms, OrderType, Origin, ParentId, Price, Qty,
    ReportFill, ReportStatus, Side, SubAccountId, Symbol, TradeId, Trigger, WorkingType,
};

use crate::arb::{EXECUTION_TYPES, REPORT_STATUSES};

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

/// A trigger for an order of `order_type`, when it is conditional: any
/// trigger price (a trailing stop's possibly none), either working type,
/// closing the position a quarter of the time.
pub fn trigger(order_type: OrderType) -> impl Strategy<Value = Option<Trigger>> {
    (
        proptest::option::of(price()),
        any::<bool>(),
        prop_oneof![3 => Just(false), 1 => Just(true)],
    )
        .prop_map(move |(price, mark, close_position)| {
            order_type.is_conditional().then(|| Trigger {
                price: if order_type == OrderType::TrailingStopMarket {
                    price
                } else {
                    Some(price.unwrap_or(Price::ZERO))
                },
                working_type: if mark {
                    WorkingType::MarkPrice
                } else {
                    WorkingType::ContractPrice
                },
                close_position,
            })
        })
}

/// A valid [`NewOrder`] (one `AnyOrder::new` accepts), with our id or a
/// foreign one; a conditional one with a trigger (a close-position one with no
/// quantity).
pub fn new_order() -> impl Strategy<Value = NewOrder> {
    let typed = order_type().prop_flat_map(|t| (Just(t), trigger(t)));
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
        typed,
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
                (order_type, trigger),
                quantity,
                price,
                reduce_only,
                parent,
                leverage,
                created_at,
            )| {
                let quantity = if trigger.is_some_and(|t| t.close_position) {
                    Qty::ZERO
                } else {
                    quantity
                };
                let price = if order_type.requires_price() {
                    Some(price.unwrap_or(Price::ZERO))
                } else {
                    price
                };
                NewOrder {
                    trigger,
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
                trigger_price: price,
                working_type: None,
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
/// and amendments on any type, zero and huge quantities, any ids (an algo id
/// or none), terms and times, with or without a cumulative quantity.
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
        proptest::option::of(1u64..8),
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
                algo_id,
            )| {
                ExecutionReport {
                    algo_id: algo_id.and_then(AlgoId::new),
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
