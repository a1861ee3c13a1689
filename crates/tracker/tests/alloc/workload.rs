//! What the allocation tests measure: orders spread over a few symbols,
//! sub-accounts and parents, the reports of their lifecycles, and rounds of
//! 1,000 orders through them on a warmed-up tracker.

use ordertrack::{
    AnyOrder, Applied, ClientOrderId, ExchangeOrderId, ExecutionReport, ExecutionType, NewOrder,
    OrderKey, OrderTracker, OrderType, Origin, Outcome, ParentId, Price, Qty, ReportFill, Side,
    SubAccountId, Symbol, TradeId,
};
use ordertrack_model::testing::report_for;

use super::{Traffic, measure};

pub(crate) const T0: u64 = 1_750_000_000_000;
pub(crate) const ONE: i64 = 100_000_000;

pub(crate) fn sub_account(i: usize) -> SubAccountId {
    SubAccountId::new(&format!("{i:08x}-7b4d-4e1a-9f00-0123456789ab")).unwrap()
}

pub(crate) fn symbol(i: usize) -> Symbol {
    Symbol::new(&format!("ALT{i}USDT")).unwrap()
}

pub(crate) fn spec(seq: u64, symbols: usize, subs: usize) -> NewOrder {
    let sub = sub_account(seq as usize % subs);
    NewOrder {
        trigger: None,
        client_id: ClientOrderId::with_unique(&sub, Origin::Chase, u128::from(seq)),
        sub_account: sub,
        symbol: symbol(seq as usize % symbols),
        side: Side::Buy,
        order_type: OrderType::Limit,
        quantity: Qty::from_units(ONE).unwrap(),
        price: Some(Price::from_units(97_000 * ONE).unwrap()),
        reduce_only: false,
        origin: Some(Origin::Chase),
        parent: seq
            .is_multiple_of(2)
            .then(|| ParentId::new(&format!("twap-{}", seq % 16)).unwrap()),
        leverage: 5,
        created_at: T0,
    }
}

pub(crate) fn exchange_id(seq: u64) -> ExchangeOrderId {
    ExchangeOrderId(8_000_000 + seq)
}

/// The reports of one order's lifecycle, each about the order as it is by
/// then (`report_for` on a copy of the order taken through them): the ack
/// naming `id`, two partial fills of a quarter (trades 1 and 2), then either
/// the final fill of the rest (trade 3) or the exchange's CANCELED.
pub(crate) struct Lifecycle {
    pub(crate) ack: ExecutionReport,
    pub(crate) partials: [ExecutionReport; 2],
    pub(crate) final_fill: ExecutionReport,
    pub(crate) canceled: ExecutionReport,
}

pub(crate) fn lifecycle(spec: &NewOrder, id: ExchangeOrderId) -> Lifecycle {
    let at = T0 + 1;
    let price = spec.price.unwrap();
    let quarter = Qty::from_units(ONE / 4).unwrap();
    let mut order = AnyOrder::sent(*spec, T0).unwrap();
    let ack = report_for(&order, ExecutionType::New, at)
        .exchange_id(Some(id))
        .build();
    order.apply(&ack).unwrap();
    let mut partials = [ack; 2];
    for (partial, trade) in partials.iter_mut().zip([1, 2]) {
        *partial = report_for(&order, ExecutionType::Trade, at)
            .fill(TradeId(trade), quarter, price)
            .build();
        order.apply(partial).unwrap();
    }
    Lifecycle {
        ack,
        partials,
        final_fill: report_for(&order, ExecutionType::Trade, at)
            .fill(TradeId(3), order.remaining_qty(), price)
            .build(),
        canceled: report_for(&order, ExecutionType::Canceled, at).build(),
    }
}

/// Fills of `qty` with these trade ids, one after another, each a report about
/// `order` as the fills before it leave it (`report_for` on a copy of it): the
/// cumulative quantity grows by `qty` each time, and the fill that completes
/// the order is `FILLED`.
pub(crate) fn fills(
    order: &AnyOrder,
    trade_ids: impl IntoIterator<Item = u64>,
    qty: Qty,
) -> Vec<ExecutionReport> {
    let mut order = order.clone();
    let price = order.price().unwrap();
    trade_ids
        .into_iter()
        .map(|trade_id| {
            let fill = report_for(&order, ExecutionType::Trade, T0 + 1)
                .fill(TradeId(trade_id), qty, price)
                .build();
            order.apply(&fill).unwrap();
            fill
        })
        .collect()
}

pub(crate) const SYMBOLS: usize = 4;
pub(crate) const SUBS: usize = 4;
/// Orders of each measured round.
pub(crate) const ROUND: usize = 1_000;

/// Registers and places `ROUND` new orders starting at `seq`; returns their keys,
/// specs and reports.
pub(crate) fn new_round(
    tracker: &mut OrderTracker,
    seq: u64,
) -> Vec<(OrderKey, NewOrder, ExchangeOrderId, Lifecycle)> {
    (seq..seq + ROUND as u64)
        .map(|s| {
            let spec = spec(s, SYMBOLS, SUBS);
            let key = tracker.register(AnyOrder::new(spec).unwrap()).unwrap();
            tracker.place(key, T0).unwrap();
            let id = exchange_id(s);
            (key, spec, id, lifecycle(&spec, id))
        })
        .collect()
}

/// Runs one full round: ack all, two partial fills each, then the first half
/// filled and the second half cancel-requested and cancelled by the exchange;
/// with lookups and iterations in between. Each step is measured; returns every
/// step's traffic.
pub(crate) fn round(
    label: &str,
    tracker: &mut OrderTracker,
    orders: &[(OrderKey, NewOrder, ExchangeOrderId, Lifecycle)],
) -> Vec<(&'static str, Traffic)> {
    let mut seen = Vec::new();
    let mut step = |what: &'static str, f: &mut dyn FnMut(&mut OrderTracker)| {
        let ((), traffic) = measure(&format!("{label}: {what}"), || f(tracker));
        seen.push((what, traffic));
    };
    step("apply ack", &mut |t| {
        for (key, _, _, l) in orders {
            let outcome = t.apply(&l.ack).unwrap();
            assert_eq!(
                outcome,
                Outcome::Applied {
                    key: *key,
                    applied: Applied::Acknowledged
                }
            );
        }
    });
    step("apply partial fill (1st and 2nd of 3)", &mut |t| {
        for (_, _, _, l) in orders {
            for partial in &l.partials {
                let outcome = t.apply(partial).unwrap();
                assert!(matches!(
                    outcome,
                    Outcome::Applied {
                        applied: Applied::PartiallyFilled(_),
                        ..
                    }
                ));
            }
        }
    });
    step("apply duplicate fill", &mut |t| {
        for (_, _, _, l) in orders {
            let outcome = t.apply(&l.partials[0]).unwrap();
            assert!(matches!(
                outcome,
                Outcome::Applied {
                    applied: Applied::Duplicate,
                    ..
                }
            ));
        }
    });
    step("apply stale ack", &mut |t| {
        for (_, _, _, l) in orders {
            let outcome = t.apply(&l.ack).unwrap();
            assert!(matches!(
                outcome,
                Outcome::Applied {
                    applied: Applied::Stale,
                    ..
                }
            ));
        }
    });
    step("lookup_client + lookup_exchange", &mut |t| {
        for (key, spec, id, _) in orders {
            assert_eq!(t.lookup_client(&spec.client_id).unwrap().0, *key);
            assert_eq!(t.lookup_exchange(&spec.symbol, *id).unwrap().0, *key);
        }
    });
    let symbols: Vec<Symbol> = (0..SYMBOLS).map(symbol).collect();
    let subs: Vec<SubAccountId> = (0..SUBS).map(sub_account).collect();
    step(
        "active_by_symbol / by_sub_account / by_parent iteration",
        &mut |t| {
            let mut open = 0i64;
            for symbol in &symbols {
                open += t
                    .active_by_symbol(symbol)
                    .map(|(_, o)| o.quantity().units() - o.filled_qty().units())
                    .sum::<i64>();
            }
            for sub in &subs {
                open += t.by_sub_account(sub).count() as i64;
            }
            let parent = orders[0].1.parent.unwrap();
            open += t.by_parent(&parent).count() as i64;
            std::hint::black_box(open);
        },
    );
    let (fill, cancel) = orders.split_at(orders.len() / 2);
    step("apply final fill (3rd fill)", &mut |t| {
        for (_, _, _, l) in fill {
            let outcome = t.apply(&l.final_fill).unwrap();
            assert!(matches!(
                outcome,
                Outcome::Applied {
                    applied: Applied::Filled(_),
                    ..
                }
            ));
        }
    });
    step("cancel request", &mut |t| {
        for (key, _, _, _) in cancel {
            t.cancel(*key, T0 + 1).unwrap();
        }
    });
    step("apply cancel (CANCELED)", &mut |t| {
        for (_, _, _, l) in cancel {
            let outcome = t.apply(&l.canceled).unwrap();
            assert!(matches!(
                outcome,
                Outcome::Applied {
                    applied: Applied::Cancelled(_),
                    ..
                }
            ));
        }
    });
    step("refused fill (overfill) and unknown order", &mut |t| {
        for (_, _, _, l) in fill {
            let mut overfill = l.final_fill;
            overfill.fill = overfill.fill.map(|f| ReportFill {
                trade_id: TradeId(99),
                ..f
            });
            assert!(t.apply(&overfill).is_err());
        }
        let mut unknown = orders[0].3.ack;
        unknown.client_id = Some(ClientOrderId::new("autoclose-1764000000123").unwrap());
        unknown.exchange_id = Some(ExchangeOrderId(1));
        assert!(matches!(t.apply(&unknown), Ok(Outcome::Unknown(_))));
    });
    seen
}

/// A tracker with background live orders on every symbol, sub-account and parent
/// (so no bucket empties during a round) after one full warm-up round and its
/// cleanup.
pub(crate) fn warmed_up() -> (OrderTracker, u64) {
    let mut tracker = OrderTracker::new();
    let mut seq = 0;
    for _ in 0..64 {
        let spec = spec(seq, SYMBOLS, SUBS);
        let key = tracker.register(AnyOrder::new(spec).unwrap()).unwrap();
        tracker.place(key, T0).unwrap();
        seq += 1;
    }
    // Warm-up: a round grows every table and bucket to its working size.
    let orders = new_round(&mut tracker, seq);
    seq += ROUND as u64;
    round("warm-up (not asserted)", &mut tracker, &orders);
    assert_eq!(
        tracker.cleanup_terminal(T0 + 10_000, std::time::Duration::from_millis(1_000)),
        ROUND
    );
    tracker.check_invariants().unwrap();
    (tracker, seq)
}
