//! Conditional orders in the model: what a stop, take-profit or trailing stop
//! must state to be built, and each of its lives through `AnyOrder::apply`
//! (the algo service's reports, the triggered order's, the legacy trigger,
//! close-position quantities), each refusal leaving the order as it was.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use ordertrack_model::testing::{Fixture, report_for};
use ordertrack_model::{
    AlgoId, AnyOrder, Applied, ApplyError, ExchangeOrderId, ExecutionReport, ExecutionType,
    ExpiryReason, FailReason, FillError, NewOrder, OrderError, OrderStatus, OrderTerms, OrderType,
    Price, Qty, ReportStatus, StateData, TradeId, Trigger,
};

fn qty(s: &str) -> Qty {
    Qty::parse(s).unwrap()
}

fn px(s: &str) -> Price {
    Price::parse(s).unwrap()
}

/// The algo service's report of `execution` about `order`.
fn algo(f: &Fixture, order: &AnyOrder, execution: ExecutionType, at: u64) -> ExecutionReport {
    report_for(order, execution, at)
        .algo_id(Some(f.algo_id))
        .build()
}

/// The algo service's `TRIGGERED`, naming the matching-engine order `ai`.
fn triggered(f: &Fixture, order: &AnyOrder, ai: ExchangeOrderId, at: u64) -> ExecutionReport {
    report_for(order, ExecutionType::Triggered, at)
        .algo_id(Some(f.algo_id))
        .exchange_id(Some(ai))
        .build()
}

/// The triggered order's trade `trade_id` of `q` at `price`, under `ai`.
fn trade(
    order: &AnyOrder,
    ai: ExchangeOrderId,
    trade_id: u64,
    q: &str,
    price: &str,
) -> ExecutionReport {
    report_for(order, ExecutionType::Trade, 3_000 + trade_id)
        .exchange_id(Some(ai))
        .fill(TradeId(trade_id), qty(q), px(price))
        .build()
}

fn apply(order: &mut AnyOrder, report: &ExecutionReport) -> Applied {
    order.apply(report).unwrap_or_else(|e| panic!("{e}"))
}

/// Applies a report that must be refused, and checks nothing changed.
fn refused(order: &mut AnyOrder, report: &ExecutionReport) -> ApplyError {
    let before = order.clone();
    let error = order.apply(report).unwrap_err();
    assert_eq!(*order, before, "{error}");
    error
}

#[test]
fn a_conditional_order_needs_its_trigger_and_only_it_has_one() {
    let f = Fixture::stop(1);
    let client_id = f.spec.client_id;
    let no_trigger = NewOrder {
        trigger: None,
        ..f.spec
    };
    assert_eq!(
        AnyOrder::new(no_trigger).unwrap_err(),
        OrderError::TriggerMismatch {
            client_id,
            order_type: OrderType::StopMarket
        }
    );
    let limit = Fixture::new(2).spec;
    let with_trigger = NewOrder {
        trigger: f.spec.trigger,
        ..limit
    };
    let error = AnyOrder::new(with_trigger).unwrap_err();
    assert_eq!(
        error,
        OrderError::TriggerMismatch {
            client_id: limit.client_id,
            order_type: OrderType::Limit
        }
    );
    assert!(
        error.to_string().contains("a LIMIT order takes no trigger"),
        "{error}"
    );
    let unpriced = Trigger {
        price: None,
        ..Trigger::at(px("95"))
    };
    assert_eq!(
        AnyOrder::new(NewOrder {
            trigger: Some(unpriced),
            ..f.spec
        })
        .unwrap_err(),
        OrderError::MissingTriggerPrice {
            client_id,
            order_type: OrderType::StopMarket
        }
    );
    let trailing = NewOrder {
        order_type: OrderType::TrailingStopMarket,
        trigger: Some(unpriced),
        ..f.spec
    };
    assert!(
        AnyOrder::new(trailing).is_ok(),
        "a trailing stop may have no activation price"
    );
}

#[test]
fn a_close_position_order_has_no_quantity_and_every_other_order_has_one() {
    let f = Fixture::close_position_stop(1);
    let order = AnyOrder::new(f.spec).unwrap();
    assert!(order.is_close_position() && !order.quantity_known());
    assert_eq!(order.quantity(), Qty::ZERO);
    let client_id = f.spec.client_id;
    assert_eq!(
        AnyOrder::new(NewOrder {
            quantity: qty("1"),
            ..f.spec
        })
        .unwrap_err(),
        OrderError::CloseWithQuantity {
            client_id,
            quantity: qty("1")
        }
    );
    let stated = Fixture::stop(1).spec;
    assert_eq!(
        AnyOrder::new(NewOrder {
            quantity: Qty::ZERO,
            ..stated
        })
        .unwrap_err(),
        OrderError::ZeroQuantity { client_id }
    );
}

#[test]
fn armed_then_cancelled_by_the_algo_service() {
    let f = Fixture::stop(1);
    let mut order = f.placing();
    let report = algo(&f, &order, ExecutionType::New, 1_150);
    assert_eq!(apply(&mut order, &report), Applied::Armed);
    assert_eq!(order.status(), OrderStatus::Armed);
    assert_eq!(order.algo_id(), Some(f.algo_id));
    assert_eq!(order.exchange_id(), None);
    let StateData::Armed(data) = *order.state() else {
        panic!("Armed")
    };
    assert_eq!(
        (data.algo_id, data.sent_at, data.triggering_since),
        (f.algo_id, 1_100, None)
    );
    // The algo service's NEW again changes nothing.
    let again = algo(&f, &order, ExecutionType::New, 1_160);
    assert_eq!(apply(&mut order, &again), Applied::Stale);
    let cancel = algo(&f, &order, ExecutionType::Canceled, 1_400);
    assert!(matches!(apply(&mut order, &cancel), Applied::Cancelled(_)));
    assert_eq!(order.status(), OrderStatus::Cancelled);
    assert_eq!(
        (order.closed_at(), order.algo_id()),
        (Some(1_400), Some(f.algo_id))
    );
}

#[test]
fn armed_then_expired_by_the_algo_service() {
    let f = Fixture::stop(1);
    let mut order = f.armed();
    let expire = algo(&f, &order, ExecutionType::Expired, 1_400);
    assert!(matches!(apply(&mut order, &expire), Applied::Expired(_)));
    assert_eq!(order.status(), OrderStatus::Expired);
    assert!(!order.triggered());
}

#[test]
fn triggered_then_filled_in_parts_under_the_bound_order() {
    let f = Fixture::stop(1);
    let ai = ExchangeOrderId(88_937_381_063);
    let mut order = f.armed();
    let triggering = algo(&f, &order, ExecutionType::Triggering, 1_180);
    assert_eq!(apply(&mut order, &triggering), Applied::Triggering);
    let StateData::Armed(data) = *order.state() else {
        panic!("Armed")
    };
    assert_eq!(data.triggering_since, Some(1_180));
    let report = triggered(&f, &order, ai, 1_200);
    assert_eq!(apply(&mut order, &report), Applied::Triggered);
    assert_eq!(
        (order.status(), order.exchange_id()),
        (OrderStatus::Active, Some(ai))
    );
    assert!(order.triggered());
    let first = trade(&order, ai, 1, "0.4", "94.5");
    assert!(matches!(
        apply(&mut order, &first),
        Applied::PartiallyFilled(_)
    ));
    let rest = trade(&order, ai, 2, "0.6", "94");
    assert!(matches!(apply(&mut order, &rest), Applied::Filled(_)));
    assert_eq!(order.status(), OrderStatus::Filled);
    assert_eq!(order.filled_qty(), qty("1"));
    // 0.4 × 94.5 + 0.6 × 94 = 94.2
    assert_eq!(order.average_fill_price(), Some(px("94.2")));
    // FINISHED after the fills: nothing to do.
    let finished = ExecutionReport {
        status: ReportStatus::Finished,
        ..triggered(&f, &order, ai, 3_100)
    };
    assert_eq!(apply(&mut order, &finished), Applied::Stale);
}

#[test]
fn triggered_then_cancelled_with_a_late_fill() {
    let f = Fixture::stop(1);
    let mut order = f.triggered();
    let ai = f.exchange_id;
    let cancel = report_for(&order, ExecutionType::Canceled, 2_000).build();
    assert!(matches!(apply(&mut order, &cancel), Applied::Cancelled(_)));
    let late = trade(&order, ai, 7, "0.25", "94");
    assert!(matches!(apply(&mut order, &late), Applied::LateFill(_)));
    assert_eq!(
        (order.status(), order.filled_qty()),
        (OrderStatus::Cancelled, qty("0.25"))
    );
    assert_eq!(apply(&mut order, &late), Applied::Duplicate);
    assert_eq!(order.filled_qty(), qty("0.25"));
}

#[test]
fn rejected_at_its_trigger() {
    let f = Fixture::stop(1);
    let mut order = f.triggering();
    let reject = algo(&f, &order, ExecutionType::Rejected, 1_250);
    assert!(matches!(apply(&mut order, &reject), Applied::Failed(_)));
    let StateData::Failed(data) = *order.state() else {
        panic!("Failed")
    };
    assert_eq!(
        (data.detail, data.exchange_id),
        (FailReason::Rejected, None)
    );
}

#[test]
fn the_triggered_orders_fill_before_triggered_binds_the_order() {
    let f = Fixture::stop(1);
    let ai = ExchangeOrderId(42);
    let mut order = f.armed();
    let fill = trade(&order, ai, 1, "0.5", "94");
    assert!(matches!(
        apply(&mut order, &fill),
        Applied::PartiallyFilled(_)
    ));
    assert_eq!(
        (order.status(), order.exchange_id()),
        (OrderStatus::Active, Some(ai))
    );
    assert!(order.triggered());
    // TRIGGERED, late, for the same order: stale; for another: refused.
    let report = triggered(&f, &order, ai, 1_300);
    assert_eq!(apply(&mut order, &report), Applied::Stale);
    let other = triggered(&f, &order, ExchangeOrderId(43), 1_300);
    assert!(matches!(
        refused(&mut order, &other),
        ApplyError::ExchangeIdMismatch { .. }
    ));
    // An armed order's fill without the exchange id cannot bind it.
    let mut order = f.armed();
    let anonymous = ExecutionReport {
        exchange_id: None,
        ..fill
    };
    let error = refused(&mut order, &anonymous);
    assert!(matches!(
        error,
        ApplyError::Fill {
            source: FillError::MissingExchangeId { .. },
            ..
        }
    ));
}

#[test]
fn a_trade_seen_on_every_channel_is_counted_once() {
    let f = Fixture::stop(1);
    let mut order = f.triggered();
    let ai = f.exchange_id;
    // ORDER_TRADE_UPDATE, then TRADE_LITE (no cumulative, no terms) of the same trade.
    let update = trade(&order, ai, 9, "0.5", "94");
    let lite = ExecutionReport {
        cumulative_qty: None,
        terms: None,
        ..update
    };
    assert!(matches!(
        apply(&mut order, &update),
        Applied::PartiallyFilled(_)
    ));
    assert_eq!(apply(&mut order, &lite), Applied::Duplicate);
    // The algo service's TRIGGERED and FINISHED repeat nothing.
    let report = triggered(&f, &order, ai, 3_200);
    assert_eq!(apply(&mut order, &report), Applied::Stale);
    assert_eq!(order.filled_qty(), qty("0.5"));
}

#[test]
fn algo_reports_are_refused_when_they_contradict_the_order() {
    let f = Fixture::stop(1);
    let mut order = f.armed();
    let other = AlgoId::new(7).unwrap();
    let report = report_for(&order, ExecutionType::Triggering, 1_200)
        .algo_id(Some(other))
        .build();
    assert_eq!(
        refused(&mut order, &report),
        ApplyError::AlgoIdMismatch {
            client_id: f.spec.client_id,
            known: f.algo_id,
            reported: other
        }
    );
    let anonymous = report_for(&order, ExecutionType::Triggering, 1_200)
        .algo_id(None)
        .build();
    assert_eq!(
        refused(&mut order, &anonymous),
        ApplyError::MissingAlgoId {
            client_id: f.spec.client_id,
            execution: ExecutionType::Triggering
        }
    );
    // The algo service's report about an order that is not conditional.
    let limit = Fixture::new(3);
    let mut order = limit.placing();
    let report = report_for(&order, ExecutionType::New, 1_150)
        .algo_id(Some(f.algo_id))
        .build();
    assert!(matches!(
        refused(&mut order, &report),
        ApplyError::NotApplicable { .. }
    ));
}

#[test]
fn a_refused_cancel_of_an_armed_order_leaves_it_armed() {
    let f = Fixture::stop(1);
    let mut order = f.cancelling_armed();
    assert!(
        order
            .place_failed(FailReason::ExchangeError { code: -2019 }, 1_350)
            .is_err()
    );
    order.cancel_rejected(1_400).unwrap();
    assert_eq!(order.status(), OrderStatus::Armed);
    let StateData::Armed(data) = *order.state() else {
        panic!("Armed")
    };
    assert_eq!((data.algo_id, data.sent_at), (f.algo_id, 1_100));
}

/// A report of the triggered order stating quantity `q` (its ORDER_TRADE_UPDATE).
fn stating(report: ExecutionReport, f: &Fixture, q: &str) -> ExecutionReport {
    let terms = OrderTerms {
        side: f.spec.side,
        order_type: Some(f.spec.order_type),
        quantity: qty(q),
        price: None,
        reduce_only: Some(true),
        close_position: false,
        trigger_price: None,
        working_type: None,
    };
    ExecutionReport {
        terms: Some(terms),
        ..report
    }
}

#[test]
fn a_close_position_order_learns_its_quantity_from_its_triggered_order() {
    let f = Fixture::close_position_stop(1);
    let ai = f.exchange_id;
    let mut order = f.triggered();
    assert!(!order.quantity_known());
    // Fills without a stated quantity: accounted, never complete nor overfill.
    let first = trade(&order, ai, 1, "0.3", "94");
    assert!(matches!(
        apply(&mut order, &first),
        Applied::PartiallyFilled(_)
    ));
    // Stating less than has filled is refused, the order as it was.
    let below = stating(trade(&order, ai, 2, "0.1", "94"), &f, "0.2");
    assert!(matches!(
        refused(&mut order, &below),
        ApplyError::Fill {
            source: FillError::StatedBelowFilled { .. },
            ..
        }
    ));
    // The position was 0.5: the next trade states it and completes the order.
    let rest = stating(trade(&order, ai, 2, "0.2", "94"), &f, "0.5");
    assert!(matches!(apply(&mut order, &rest), Applied::Filled(_)));
    assert_eq!(
        (order.status(), order.quantity()),
        (OrderStatus::Filled, qty("0.5"))
    );
    // Once known, the overfill rule applies.
    let over = stating(trade(&order, ai, 3, "0.1", "94"), &f, "0.5");
    assert!(matches!(
        refused(&mut order, &over),
        ApplyError::Fill {
            source: FillError::Overfill { .. },
            ..
        }
    ));
}

#[test]
fn a_redelivered_trade_that_states_the_quantity_completes_the_order() {
    let f = Fixture::close_position_stop(1);
    let ai = f.exchange_id;
    let mut order = f.triggered();
    let lite = trade(&order, ai, 1, "0.5", "94");
    assert!(matches!(
        apply(&mut order, &lite),
        Applied::PartiallyFilled(_)
    ));
    let update = stating(lite, &f, "0.5");
    let Applied::Filled(fill) = apply(&mut order, &update) else {
        panic!("Filled")
    };
    assert_eq!((fill.trade_id, fill.filled_qty), (TradeId(1), qty("0.5")));
    assert_eq!(order.status(), OrderStatus::Filled);
}

/// The stop of fixture `n`, placed on the matching engine (before the algo
/// service) and acknowledged there.
fn legacy(n: u64) -> (Fixture, AnyOrder) {
    let f = Fixture::stop(n);
    let order = f.active(f.ack_time());
    assert_eq!(order.algo_id(), None);
    (f, order)
}

fn expired(order: &AnyOrder, reason: Option<u16>, status: ReportStatus) -> ExecutionReport {
    expired_at(order, reason, status, 2_000)
}

fn expired_at(
    order: &AnyOrder,
    reason: Option<u16>,
    status: ReportStatus,
    at: u64,
) -> ExecutionReport {
    report_for(order, ExecutionType::Expired, at)
        .status(status)
        .expiry_reason(reason.map(ExpiryReason))
        .build()
}

#[test]
fn the_legacy_trigger_new_expired_new_trade_ends_filled() {
    let (f, mut order) = legacy(1);
    let trigger = expired(&order, None, ReportStatus::Expired);
    assert_eq!(apply(&mut order, &trigger), Applied::Triggered);
    assert_eq!(order.status(), OrderStatus::Active);
    assert!(order.triggered());
    // The same EXPIRED delivered again is no second trigger, and no expiry.
    assert_eq!(apply(&mut order, &trigger), Applied::Stale);
    assert_eq!(order.triggered_at(), Some(2_000));
    let new = report_for(&order, ExecutionType::New, 2_001).build();
    assert_eq!(apply(&mut order, &new), Applied::Stale);
    let fill = trade(&order, f.exchange_id, 1, "1", "94");
    assert!(matches!(apply(&mut order, &fill), Applied::Filled(_)));
    assert_eq!(
        (order.status(), order.filled_qty()),
        (OrderStatus::Filled, qty("1"))
    );
    // With reason 8 (Binance's "triggered") it is a trigger too.
    let (_, mut order) = legacy(2);
    let eight = expired(&order, Some(8), ReportStatus::Expired);
    assert_eq!(ExpiryReason::TRIGGERED, ExpiryReason(8));
    assert_eq!(apply(&mut order, &eight), Applied::Triggered);
}

#[test]
fn a_real_expiry_of_a_conditional_order_stays_terminal() {
    // Any other reason (6: a GTE_GTC order whose position closed), self-trade
    // prevention, an order already triggered, an order of the algo service.
    let cases: [(Option<u16>, ReportStatus, bool); 4] = [
        (Some(6), ReportStatus::Expired, false),
        (Some(0), ReportStatus::Expired, false),
        (None, ReportStatus::ExpiredInMatch, false),
        (None, ReportStatus::Expired, true),
    ];
    for (reason, status, already_triggered) in cases {
        let (f, mut order) = legacy(1);
        if already_triggered {
            let trigger = expired(&order, None, ReportStatus::Expired);
            assert_eq!(apply(&mut order, &trigger), Applied::Triggered);
        }
        // After its trigger, the triggered order's own expiry (later).
        let expiry = expired_at(&order, reason, status, 2_500);
        assert!(
            matches!(apply(&mut order, &expiry), Applied::Expired(_)),
            "{reason:?} {status}"
        );
        assert_eq!(order.status(), OrderStatus::Expired);
        let late = trade(&order, f.exchange_id, 1, "1", "94");
        assert!(matches!(apply(&mut order, &late), Applied::LateFill(_)));
        assert_eq!(
            order.status(),
            OrderStatus::Expired,
            "a late fill never reopens it"
        );
    }
    let f = Fixture::stop(9);
    let mut order = f.triggered();
    let expiry = expired(&order, None, ReportStatus::Expired);
    assert!(matches!(apply(&mut order, &expiry), Applied::Expired(_)));
}

#[test]
fn a_trigger_delivered_after_the_fill_that_revealed_it_changes_nothing() {
    let (f, mut order) = legacy(1);
    // The trigger's EXPIRED (at 2,000) was late: the first fill (at 3,001) came first.
    let fill = trade(&order, f.exchange_id, 1, "0.5", "94");
    assert!(matches!(
        apply(&mut order, &fill),
        Applied::PartiallyFilled(_)
    ));
    assert_eq!(order.triggered_at(), Some(3_001));
    let late_trigger = expired(&order, None, ReportStatus::Expired);
    assert_eq!(apply(&mut order, &late_trigger), Applied::Stale);
    assert_eq!(order.status(), OrderStatus::Active);
    // An EXPIRED after that fill is the triggered order's end.
    let end = expired_at(&order, None, ReportStatus::Expired, 3_500);
    assert!(matches!(apply(&mut order, &end), Applied::Expired(_)));
}

#[test]
fn the_triggered_order_may_carry_a_client_id_of_its_own() {
    let f = Fixture::stop(1);
    let mut order = f.triggered();
    let own = ordertrack_model::ClientOrderId::new("x-hGBqJOcM-1765431097019").unwrap();
    let fill = report_for(&order, ExecutionType::Trade, 3_000)
        .client_id(Some(own))
        .fill(TradeId(1), qty("0.5"), px("94"))
        .build();
    assert!(matches!(
        apply(&mut order, &fill),
        Applied::PartiallyFilled(_)
    ));
    // The algo service's reports, and any report about an order the algo
    // service never had, must name the order's own client id.
    let algo_report = ExecutionReport {
        client_id: Some(own),
        ..triggered(&f, &order, f.exchange_id, 3_100)
    };
    assert!(matches!(
        refused(&mut order, &algo_report),
        ApplyError::ClientIdMismatch { .. }
    ));
    let (_, mut legacy_order) = legacy(2);
    let fill = ExecutionReport {
        client_id: Some(own),
        ..fill
    };
    assert!(matches!(
        refused(&mut legacy_order, &fill),
        ApplyError::ClientIdMismatch { .. }
    ));
}

#[test]
fn the_typed_trigger_transitions_refuse_an_order_that_is_not_conditional() {
    use ordertrack_model::{Active, Cancelling, Placing, TriggerError};
    let limit = Fixture::new(1);
    let not_conditional = TriggerError::NotConditional {
        order_type: OrderType::Limit,
    };
    let mut order = limit.placing();
    let before = order.clone();
    let handle = order.view_mut::<Placing>().unwrap();
    let refused = handle.arm(limit.algo_id, 1_150).unwrap_err();
    assert_eq!(refused.error, not_conditional);
    assert_eq!(order, before);
    let mut order = limit.cancelling_unacked();
    let handle = order.view_mut::<Cancelling>().unwrap();
    let refused = handle.triggered_into(limit.exchange_id, 1_200).unwrap_err();
    assert_eq!(refused.error, not_conditional);
    let mut order = limit.active(1_200);
    let before = order.clone();
    let refused = order
        .view_mut::<Active>()
        .unwrap()
        .legacy_trigger(1_300)
        .unwrap_err();
    assert_eq!(refused.error, not_conditional);
    assert_eq!(order, before);
    assert_eq!(
        not_conditional.to_string(),
        "a LIMIT order is not a conditional order"
    );
}

#[test]
fn the_triggered_order_may_state_the_type_it_triggered_into() {
    let f = Fixture::stop(1);
    let mut order = f.triggered();
    let terms = |order_type| OrderTerms {
        side: f.spec.side,
        order_type: Some(order_type),
        quantity: f.spec.quantity,
        price: None,
        reduce_only: Some(false),
        close_position: false,
        trigger_price: None,
        working_type: None,
    };
    let fill = ExecutionReport {
        terms: Some(terms(OrderType::Market)),
        ..trade(&order, f.exchange_id, 1, "0.5", "94")
    };
    assert!(matches!(
        apply(&mut order, &fill),
        Applied::PartiallyFilled(_)
    ));
    let limit = ExecutionReport {
        terms: Some(terms(OrderType::Limit)),
        ..trade(&order, f.exchange_id, 2, "0.1", "94")
    };
    assert!(matches!(
        refused(&mut order, &limit),
        ApplyError::TermsMismatch { .. }
    ));
    assert_eq!(OrderType::Stop.triggered_type(), Some(OrderType::Limit));
    assert_eq!(OrderType::Limit.triggered_type(), None);
    // An order the algo service never had states its own type.
    let (_, mut legacy_order) = legacy(2);
    let fill = ExecutionReport {
        client_id: Some(legacy_order.client_id()),
        exchange_id: legacy_order.exchange_id(),
        ..fill
    };
    assert!(matches!(
        refused(&mut legacy_order, &fill),
        ApplyError::TermsMismatch { .. }
    ));
}

#[test]
fn an_unknown_quantity_is_never_completed_by_a_fill() {
    let f = Fixture::close_position_stop(1);
    let mut order = f.triggered();
    let huge = report_for(&order, ExecutionType::Trade, 3_000)
        .fill(TradeId(1), Qty::MAX, px("94"))
        .cumulative(None)
        .build();
    assert!(matches!(
        apply(&mut order, &huge),
        Applied::PartiallyFilled(_)
    ));
    assert_eq!(
        (order.status(), order.quantity_known()),
        (OrderStatus::Active, false)
    );
}

#[test]
fn a_quantity_stated_by_a_report_that_is_no_fill_is_reported_for_what_it_did() {
    // Completes the order: reported Filled, as its last fill.
    let f = Fixture::close_position_stop(1);
    let mut order = f.cancelling_unacked();
    let fill = report_for(&order, ExecutionType::Trade, 1_310)
        .exchange_id(None)
        .fill(TradeId(1), qty("1"), px("94"))
        .build();
    assert!(matches!(
        apply(&mut order, &fill),
        Applied::PartiallyFilled(_)
    ));
    let new = stating(
        report_for(&order, ExecutionType::New, 1_320)
            .exchange_id(Some(f.exchange_id))
            .build(),
        &f,
        "1",
    );
    let Applied::Filled(done) = apply(&mut order, &new) else {
        panic!("Filled")
    };
    assert_eq!((done.trade_id, done.filled_qty), (TradeId(1), qty("1")));
    assert_eq!(order.status(), OrderStatus::Filled);
    // Only states it: the quantity changed, so the report is no longer stale.
    let mut order = f.triggered();
    let stale = stating(
        report_for(&order, ExecutionType::New, 1_300).build(),
        &f,
        "2",
    );
    assert_eq!(apply(&mut order, &stale), Applied::Amended);
    assert_eq!(order.quantity(), qty("2"));
}

#[test]
fn a_cancelling_order_learns_its_algo_id_from_triggered() {
    let f = Fixture::stop(1);
    let mut order = f.cancelling_unacked();
    let report = triggered(&f, &order, f.exchange_id, 1_400);
    assert_eq!(apply(&mut order, &report), Applied::Triggered);
    assert_eq!(
        (order.algo_id(), order.exchange_id()),
        (Some(f.algo_id), Some(f.exchange_id))
    );
}
