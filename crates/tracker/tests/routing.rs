//! Feed routing through `apply`: by client id, by (symbol, exchange id), the
//! exchange id bound into the index, the races the issue names (fill before ack,
//! late fill after cancel, duplicate fill, stale NEW after FILLED, timeout then
//! ack), foreign orders, and refused reports that change nothing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use ordertrack::*;

fn fill_of(outcome: Outcome) -> FillApplied {
    match outcome {
        Outcome::Applied { applied, .. } => *applied.fill().expect("a fill outcome"),
        Outcome::Unknown(u) => panic!("expected a fill, got {u:?}"),
    }
}

#[test]
fn the_ack_binds_the_exchange_id() {
    let mut t = OrderTracker::new();
    let b = order();
    let key = placing(&mut t, &b);
    assert!(t.lookup_exchange(&btc(), eid(500)).is_none());

    apply_expect(
        &mut t,
        &b.report().eid(500).at(1_002).ack(),
        key,
        Applied::Acknowledged,
    );
    assert_eq!(status(&t, key), OrderStatus::Active);
    assert_eq!(
        t.lookup_exchange(&btc(), eid(500)).map(|(k, _)| k),
        Some(key)
    );
    assert_eq!(t.get(key).unwrap().exchange_id(), Some(eid(500)));
    assert_eq!(t.count_active_by_symbol(&btc()), 1);
}

#[test]
fn a_report_without_client_id_routes_by_symbol_and_exchange_id() {
    let mut t = OrderTracker::new();
    let b = order().qty("2");
    let key = active(&mut t, &b, 77);
    // Another order with the same exchange id on another symbol must not be hit.
    let other = active(&mut t, &order().symbol("ETHUSDT"), 77);

    let outcome = t
        .apply(
            &b.report()
                .no_client_id()
                .eid(77)
                .at(1_100)
                .trade(1, "0.5", "101", "0.5"),
        )
        .unwrap();
    step(&t);
    assert!(
        matches!(outcome, Outcome::Applied { key: k, applied: Applied::PartiallyFilled(_) } if k == key)
    );
    assert_eq!(t.get(key).unwrap().filled_qty(), q("0.5"));
    assert_eq!(t.get(other).unwrap().filled_qty(), Qty::ZERO);
}

#[test]
fn a_report_with_an_unknown_client_id_falls_back_to_the_exchange_id() {
    // Routing falls back to (symbol, exchange id); the order then refuses a
    // report that names another client id than its own, and nothing changes.
    let mut t = OrderTracker::new();
    let b = order();
    let key = active(&mut t, &b, 88);
    let before = Snapshot::take(&t);

    let report = b
        .report()
        .client_id("web_8f7a6b5c4d3e")
        .eid(88)
        .at(1_100)
        .trade(1, "1", "100", "1");
    let err = t.apply(&report).unwrap_err();
    step(&t);
    match err {
        TrackError::Apply {
            key: k,
            source:
                ApplyError::ClientIdMismatch {
                    client_id,
                    reported,
                },
        } => {
            assert_eq!(k, key);
            assert_eq!(client_id, b.spec().client_id);
            assert_eq!(reported, cid("web_8f7a6b5c4d3e"));
        }
        other => panic!("expected a client id mismatch, got {other:?}"),
    }
    before.assert_unchanged(&t);
}

#[test]
fn the_client_id_wins_over_the_exchange_id() {
    let mut t = OrderTracker::new();
    let a = order();
    let b = order();
    let ka = active(&mut t, &a, 1);
    let kb = placing(&mut t, &b);
    // b's ack names b by client id; routing must not go to a via exchange id 1
    // (and binding 1 to b is refused because a holds it).
    let err = t.apply(&b.report().eid(1).at(1_100).ack()).unwrap_err();
    step(&t);
    assert_eq!(
        err,
        TrackError::ExchangeIdTaken {
            symbol: btc(),
            exchange_id: eid(1),
            holder: ka,
            holder_client_id: t.get(ka).unwrap().client_id(),
            client_id: t.get(kb).unwrap().client_id(),
        }
    );
    assert_eq!(status(&t, kb), OrderStatus::Placing);
    apply_expect(
        &mut t,
        &b.report().eid(2).at(1_100).ack(),
        kb,
        Applied::Acknowledged,
    );
}

#[test]
fn an_apply_that_would_bind_a_held_exchange_id_changes_nothing() {
    let mut t = OrderTracker::new();
    let holder = active(&mut t, &order(), 5);
    let b = order();
    let key = placing(&mut t, &b);
    let cancelling_unacked = placing(&mut t, &order());
    t.cancel(cancelling_unacked, 1_010).unwrap();
    step(&t);
    let before = Snapshot::take(&t);

    let expected = TrackError::ExchangeIdTaken {
        symbol: btc(),
        exchange_id: eid(5),
        holder,
        holder_client_id: t.get(holder).unwrap().client_id(),
        client_id: t.get(key).unwrap().client_id(),
    };
    // The ack.
    assert_eq!(
        t.apply(&b.report().eid(5).at(1_100).ack()).unwrap_err(),
        expected
    );
    step(&t);
    before.assert_unchanged(&t);
    // A fill before the ack.
    assert_eq!(
        t.apply(&b.report().eid(5).at(1_100).trade(1, "0.5", "100", "0.5"))
            .unwrap_err(),
        expected
    );
    step(&t);
    before.assert_unchanged(&t);
    // A CANCELED that would name the id.
    assert_eq!(
        t.apply(&b.report().eid(5).at(1_100).canceled())
            .unwrap_err(),
        expected
    );
    step(&t);
    before.assert_unchanged(&t);
    assert_eq!(status(&t, key), OrderStatus::Placing);
    assert_eq!(status(&t, cancelling_unacked), OrderStatus::Cancelling);
}

#[test]
fn fill_before_ack_partial_then_ack_then_rest() {
    let mut t = OrderTracker::new();
    let recorder = Recorder::on(&mut t);
    let b = order().qty("1");
    let key = t
        .register_with_callbacks(b.idle(), recorder.callbacks())
        .unwrap();
    step(&t);
    t.place(key, 1_001).unwrap();
    step(&t);

    // The trade arrives before the NEW ack: real, accounted, and it names the id.
    let outcome = t
        .apply(&b.report().eid(900).at(1_002).trade(1, "0.4", "100", "0.4"))
        .unwrap();
    step(&t);
    let fill = fill_of(outcome);
    assert_eq!(
        (fill.qty, fill.filled_qty, fill.unseen_qty),
        (q("0.4"), q("0.4"), Qty::ZERO)
    );
    assert_eq!(status(&t, key), OrderStatus::Active);
    assert_eq!(
        t.lookup_exchange(&btc(), eid(900)).map(|(k, _)| k),
        Some(key)
    );
    assert_eq!(t.count_active_by_symbol(&btc()), 1);

    // The ack, late: stale, nothing changes.
    let before = Snapshot::take(&t);
    apply_expect(
        &mut t,
        &b.report().eid(900).at(1_001).ack(),
        key,
        Applied::Stale,
    );
    before.assert_unchanged(&t);

    // The rest fills the order.
    let outcome = t
        .apply(&b.report().eid(900).at(1_003).trade(2, "0.6", "101", "1"))
        .unwrap();
    step(&t);
    assert!(matches!(
        outcome,
        Outcome::Applied {
            applied: Applied::Filled(_),
            ..
        }
    ));
    let order = t.get(key).unwrap();
    assert_eq!(order.status(), OrderStatus::Filled);
    assert_eq!(order.filled_qty(), q("1"));
    assert_eq!(order.fills().average_price(), Some(px("100.6")));
    assert_eq!(t.count_active_by_symbol(&btc()), 0);
    assert_eq!(
        t.lookup_exchange(&btc(), eid(900)).map(|(k, _)| k),
        Some(key)
    );
    assert_eq!(recorder.names(), ["on_partial", "on_fill"]);
}

#[test]
fn fill_before_ack_completing_the_order() {
    let mut t = OrderTracker::new();
    let b = order().qty("0.5");
    let key = placing(&mut t, &b);
    let outcome = t
        .apply(
            &b.report()
                .eid(901)
                .at(1_002)
                .trade(1, "0.5", "97000", "0.5"),
        )
        .unwrap();
    step(&t);
    assert!(
        matches!(outcome, Outcome::Applied { key: k, applied: Applied::Filled(_) } if k == key)
    );
    assert_eq!(status(&t, key), OrderStatus::Filled);
    assert_eq!(
        t.lookup_exchange(&btc(), eid(901)).map(|(k, _)| k),
        Some(key)
    );
    assert_eq!(t.count_active_by_symbol(&btc()), 0);
}

#[test]
fn late_fill_after_cancel_is_accounted_and_the_order_stays_cancelled() {
    let mut t = OrderTracker::new();
    let recorder = Recorder::on(&mut t);
    let b = order().qty("1");
    let key = active(&mut t, &b, 300);
    t.set_callbacks(key, recorder.callbacks()).unwrap();
    step(&t);
    t.cancel(key, 1_100).unwrap();
    step(&t);
    assert_eq!(status(&t, key), OrderStatus::Cancelling);
    assert_eq!(t.count_active_by_symbol(&btc()), 1);

    // The exchange cancels, reporting 0.3 filled that we have not seen yet.
    apply_expect(
        &mut t,
        &b.report().eid(300).cum("0.3").at(1_200).canceled(),
        key,
        Applied::Cancelled(Closed {
            filled_qty: q("0"),
            unseen_qty: q("0.3"),
            excess_qty: Qty::ZERO,
        }),
    );
    assert_eq!(status(&t, key), OrderStatus::Cancelled);
    assert_eq!(t.count_active_by_symbol(&btc()), 0);

    // The trade that raced the cancel lands: accounted, still Cancelled, not live.
    let outcome = t
        .apply(&b.report().eid(300).at(1_150).trade(7, "0.3", "99.5", "0.3"))
        .unwrap();
    step(&t);
    assert!(
        matches!(outcome, Outcome::Applied { key: k, applied: Applied::LateFill(_) } if k == key)
    );
    let fill = fill_of(outcome);
    assert_eq!(
        (fill.qty, fill.filled_qty, fill.unseen_qty),
        (q("0.3"), q("0.3"), Qty::ZERO)
    );
    let order = t.get(key).unwrap();
    assert_eq!(order.status(), OrderStatus::Cancelled);
    assert_eq!(order.filled_qty(), q("0.3"));
    assert_eq!(order.fills().last().map(|l| l.price), Some(px("99.5")));
    assert_eq!(t.count_active_by_symbol(&btc()), 0);
    assert!(t.active_by_symbol(&btc()).next().is_none());

    // The same late fill again: counted once.
    apply_expect(
        &mut t,
        &b.report().eid(300).at(1_150).trade(7, "0.3", "99.5", "0.3"),
        key,
        Applied::Duplicate,
    );
    assert_eq!(t.get(key).unwrap().filled_qty(), q("0.3"));

    let seen = recorder.take();
    assert_eq!(
        seen.iter().map(|s| s.callback).collect::<Vec<_>>(),
        ["on_cancel", "on_late_fill"]
    );
    assert_eq!(seen[1].status, OrderStatus::Cancelled);
    assert_eq!(seen[1].filled, q("0.3"));
}

#[test]
fn a_late_fill_can_bind_the_exchange_id_of_an_order_closed_before_its_ack() {
    let mut t = OrderTracker::new();
    let b = order();
    let key = placing(&mut t, &b);
    t.cancel(key, 1_010).unwrap();
    step(&t);
    // CANCELED without an id (as a REST answer may be), then a late trade naming it.
    t.apply(&b.report().at(1_020).canceled()).unwrap();
    step(&t);
    assert_eq!(t.get(key).unwrap().exchange_id(), None);
    let outcome = t
        .apply(&b.report().eid(444).at(1_015).trade(1, "0.2", "100", "0.2"))
        .unwrap();
    step(&t);
    assert!(matches!(
        outcome,
        Outcome::Applied {
            applied: Applied::LateFill(_),
            ..
        }
    ));
    assert_eq!(
        t.lookup_exchange(&btc(), eid(444)).map(|(k, _)| k),
        Some(key)
    );
    assert_eq!(status(&t, key), OrderStatus::Cancelled);
}

#[test]
fn a_duplicate_fill_is_counted_once() {
    let mut t = OrderTracker::new();
    let b = order().qty("1");
    let key = active(&mut t, &b, 12);
    let trade = b
        .report()
        .eid(12)
        .at(1_100)
        .trade(55, "0.25", "100", "0.25");
    assert!(matches!(
        t.apply(&trade).unwrap(),
        Outcome::Applied {
            applied: Applied::PartiallyFilled(_),
            ..
        }
    ));
    step(&t);
    let before = Snapshot::take(&t);
    for _ in 0..3 {
        assert_eq!(
            t.apply(&trade).unwrap(),
            Outcome::Applied {
                key,
                applied: Applied::Duplicate
            }
        );
        step(&t);
        before.assert_unchanged(&t);
    }
    // Even routed by exchange id alone.
    let by_exchange = ExecutionReport {
        client_id: None,
        ..trade
    };
    assert_eq!(
        t.apply(&by_exchange).unwrap(),
        Outcome::Applied {
            key,
            applied: Applied::Duplicate
        }
    );
    step(&t);
    before.assert_unchanged(&t);
    assert_eq!(t.get(key).unwrap().filled_qty(), q("0.25"));
    let fills = t.get(key).unwrap().fills();
    assert_eq!(fills.count(), 1);
    assert_eq!(fills.recent_trade_ids(), [TradeId(55)]);
}

#[test]
fn a_fill_arriving_before_an_earlier_one_is_still_applied() {
    // Fills are identified by trade id, not by arrival order.
    let mut t = OrderTracker::new();
    let b = order().qty("1");
    let key = active(&mut t, &b, 13);
    t.apply(&b.report().eid(13).at(1_200).trade(2, "0.5", "101", "0.8"))
        .unwrap();
    step(&t);
    let outcome = t
        .apply(&b.report().eid(13).at(1_100).trade(1, "0.3", "100", "0.3"))
        .unwrap();
    step(&t);
    assert!(matches!(
        outcome,
        Outcome::Applied {
            applied: Applied::PartiallyFilled(_),
            ..
        }
    ));
    assert_eq!(t.get(key).unwrap().filled_qty(), q("0.8"));
    assert_eq!(status(&t, key), OrderStatus::Active);
}

#[test]
fn stale_new_and_stale_cancel_after_filled_are_ignored() {
    let mut t = OrderTracker::new();
    let b = order().qty("1");
    let key = active(&mut t, &b, 21);
    t.apply(&b.report().eid(21).at(1_100).trade(1, "1", "100", "1"))
        .unwrap();
    step(&t);
    assert_eq!(status(&t, key), OrderStatus::Filled);
    let before = Snapshot::take(&t);

    for report in [
        b.report().eid(21).at(1_050).ack(),
        b.report().no_client_id().eid(21).at(1_050).ack(),
        b.report().eid(21).cum("1").at(1_200).canceled(),
        b.report().eid(21).at(1_200).expired(),
    ] {
        assert_eq!(
            t.apply(&report).unwrap(),
            Outcome::Applied {
                key,
                applied: Applied::Stale
            }
        );
        step(&t);
        before.assert_unchanged(&t);
    }
    assert_eq!(t.count_active_by_symbol(&btc()), 0);
}

#[test]
fn timeout_then_ack() {
    let mut t = OrderTracker::new();
    let b = order();
    let key = placing(&mut t, &b);
    t.place_in_doubt(key, 6_001).unwrap();
    step(&t);
    let order = t.get(key).unwrap();
    assert_eq!(order.status(), OrderStatus::Placing);
    assert_eq!(order.in_doubt_since(), Some(6_001));
    assert_eq!(t.count_active_by_symbol(&btc()), 1);

    // A second timeout keeps the first moment.
    t.place_in_doubt(key, 9_000).unwrap();
    step(&t);
    assert_eq!(t.get(key).unwrap().in_doubt_since(), Some(6_001));

    apply_expect(
        &mut t,
        &b.report().eid(31).at(9_500).ack(),
        key,
        Applied::Acknowledged,
    );
    let order = t.get(key).unwrap();
    assert_eq!(order.status(), OrderStatus::Active);
    assert_eq!(order.in_doubt_since(), None);
    assert_eq!(
        t.lookup_exchange(&btc(), eid(31)).map(|(k, _)| k),
        Some(key)
    );
}

#[test]
fn timeout_then_rejected_by_the_feed() {
    let mut t = OrderTracker::new();
    let b = order();
    let key = placing(&mut t, &b);
    t.place_in_doubt(key, 6_001).unwrap();
    step(&t);
    apply_expect(
        &mut t,
        &b.report().at(6_100).rejected(),
        key,
        Applied::Failed(Closed::between(q("0"), None)),
    );
    assert_eq!(status(&t, key), OrderStatus::Failed);
    assert_eq!(t.count_active_by_symbol(&btc()), 0);
}

#[test]
fn cancel_sent_before_the_ack_then_ack_then_canceled() {
    let mut t = OrderTracker::new();
    let b = order();
    let key = placing(&mut t, &b);
    t.cancel(key, 1_005).unwrap();
    step(&t);
    assert_eq!(t.get(key).unwrap().exchange_id(), None);

    // The ack lands while the cancel is in flight: Cancelling learns its id.
    apply_expect(
        &mut t,
        &b.report().eid(61).at(1_006).ack(),
        key,
        Applied::Acknowledged,
    );
    assert_eq!(status(&t, key), OrderStatus::Cancelling);
    assert_eq!(
        t.lookup_exchange(&btc(), eid(61)).map(|(k, _)| k),
        Some(key)
    );

    let outcome = t
        .apply(&b.report().no_client_id().eid(61).at(1_010).canceled())
        .unwrap();
    step(&t);
    assert!(matches!(
        outcome,
        Outcome::Applied {
            applied: Applied::Cancelled(_),
            ..
        }
    ));
    assert_eq!(status(&t, key), OrderStatus::Cancelled);
    assert_eq!(
        t.lookup_exchange(&btc(), eid(61)).map(|(k, _)| k),
        Some(key)
    );
}

#[test]
fn expiry_and_expired_in_match_close_the_order() {
    let mut t = OrderTracker::new();
    let a = order();
    let b = order();
    let ka = active(&mut t, &a, 71);
    let kb = active(&mut t, &b, 72);
    let mut report = a.report().eid(71).at(1_300).expired();
    report.expiry_reason = Some(ExpiryReason(2));
    apply_expect(
        &mut t,
        &report,
        ka,
        Applied::Expired(Closed {
            filled_qty: q("0"),
            unseen_qty: Qty::ZERO,
            excess_qty: Qty::ZERO,
        }),
    );
    let expired = t.get(ka).unwrap();
    match expired.view::<Expired>() {
        Some(o) => assert_eq!(o.expiry_reason(), Some(ExpiryReason(2))),
        None => panic!("expected Expired, got {expired:?}"),
    }
    let outcome = t
        .apply(&b.report().eid(72).at(1_300).expired_in_match())
        .unwrap();
    step(&t);
    assert!(
        matches!(outcome, Outcome::Applied { key: k, applied: Applied::Expired(_) } if k == kb)
    );
    assert_eq!(t.count_active_by_symbol(&btc()), 0);
}

#[test]
fn an_amendment_changes_the_order_not_its_indexes() {
    let mut t = OrderTracker::new();
    let b = order().qty("1").parent("twap-1");
    let key = active(&mut t, &b, 81);
    apply_expect(
        &mut t,
        &b.report().eid(81).at(1_400).amended("2", "99"),
        key,
        Applied::Amended,
    );
    let order = t.get(key).unwrap();
    assert_eq!((order.quantity(), order.price()), (q("2"), Some(px("99"))));
    assert_eq!(t.count_active_by_symbol(&btc()), 1);
    assert_eq!(t.count_by_parent(&parent("twap-1")), 1);
}

#[test]
fn foreign_order_events_are_unknown_and_not_ours() {
    let mut t = OrderTracker::new();
    let mine = active(&mut t, &order(), 1);
    let before = Snapshot::take(&t);
    for id in [
        "autoclose-1764000000123456",
        "adl_autoclose",
        "settlement_autoclose-BTCUSDT",
        "web_8f7a6b5c4d3e",
        "x-Cb7ytekJ1a2b3c4d",
    ] {
        let report = foreign(Some(id), btc())
            .eid(990_000)
            .at(2_000)
            .trade(1, "0.1", "100", "0.1");
        let outcome = t.apply(&report).unwrap();
        step(&t);
        let Outcome::Unknown(unknown) = outcome else {
            panic!("{id}: expected Unknown, got {outcome:?}")
        };
        assert_eq!(unknown.client_id, Some(cid(id)));
        assert_eq!(unknown.exchange_id, Some(eid(990_000)));
        assert_eq!(unknown.symbol, btc());
        assert_eq!(unknown.ours, None, "{id}");
        assert!(!unknown.is_ours(), "{id}");
        before.assert_unchanged(&t);
    }
    // No client id and an exchange id nobody holds on that symbol.
    let outcome = t
        .apply(&foreign(None, eth()).eid(1).at(2_000).canceled())
        .unwrap();
    step(&t);
    assert_eq!(
        outcome,
        Outcome::Unknown(UnknownOrder {
            client_id: None,
            exchange_id: Some(eid(1)),
            symbol: eth(),
            ours: None
        })
    );
    // Neither id at all.
    let outcome = t.apply(&foreign(None, btc()).at(2_000).ack()).unwrap();
    step(&t);
    assert!(matches!(
        outcome,
        Outcome::Unknown(UnknownOrder {
            client_id: None,
            exchange_id: None,
            ..
        })
    ));
    before.assert_unchanged(&t);
    assert_eq!(status(&t, mine), OrderStatus::Active);
}

#[test]
fn an_untracked_engine_id_is_unknown_but_ours() {
    let mut t = OrderTracker::new();
    let ours = ClientOrderId::with_unique(&sub(1), Origin::Twap, 0xabc);
    let outcome = t
        .apply(&foreign(Some(ours.as_str()), btc()).eid(5).at(2_000).ack())
        .unwrap();
    step(&t);
    let Outcome::Unknown(unknown) = outcome else {
        panic!("expected Unknown, got {outcome:?}")
    };
    assert!(unknown.is_ours());
    let parts = unknown.ours.unwrap();
    assert_eq!(parts.sub_account_prefix, sub(1).prefix());
    assert_eq!(parts.origin, Some(Origin::Twap));
    assert!(t.is_empty());
}

#[test]
fn refused_reports_change_nothing() {
    let mut t = OrderTracker::new();
    let b = order().qty("1");
    let key = active(&mut t, &b, 41);
    t.apply(&b.report().eid(41).at(1_100).trade(1, "0.6", "100", "0.6"))
        .unwrap();
    step(&t);
    let idle = order();
    let idle_key = t.register(idle.idle()).unwrap();
    let unacked = order();
    let unacked_key = placing(&mut t, &unacked);
    step(&t);
    let before = Snapshot::take(&t);

    let check = |t: &mut OrderTracker,
                 report: ExecutionReport,
                 expect_key: OrderKey,
                 what: &dyn Fn(&ApplyError) -> bool| {
        match t.apply(&report) {
            Err(TrackError::Apply { key: k, source }) => {
                assert_eq!(k, expect_key);
                assert!(what(&source), "unexpected error {source:?}");
                assert!(!TrackError::Apply { key: k, source }.to_string().is_empty());
            }
            other => panic!("expected an apply error, got {other:?}"),
        }
        step(t);
        before.assert_unchanged(t);
    };
    // Overfill: 0.6 filled, 0.5 more on a quantity of 1.
    check(
        &mut t,
        b.report().eid(41).trade(2, "0.5", "100", "1.1"),
        key,
        &|e| {
            matches!(
                e,
                ApplyError::Fill {
                    source: FillError::Overfill { .. },
                    ..
                }
            )
        },
    );
    // A zero-quantity fill.
    check(
        &mut t,
        b.report().eid(41).trade(3, "0", "100", "0.6"),
        key,
        &|e| {
            matches!(
                e,
                ApplyError::Fill {
                    source: FillError::ZeroQty { .. },
                    ..
                }
            )
        },
    );
    // Routed by client id, but for another symbol.
    check(&mut t, b.report().symbol(eth()).eid(41).ack(), key, &|e| {
        matches!(e, ApplyError::SymbolMismatch { .. })
    });
    // Another exchange id than the order's.
    check(
        &mut t,
        b.report().eid(42).trade(4, "0.1", "100", "0.7"),
        key,
        &|e| matches!(e, ApplyError::ExchangeIdMismatch { .. }),
    );
    // Execution type and status that cannot go together.
    check(
        &mut t,
        b.report()
            .eid(41)
            .event(ExecutionType::New, ReportStatus::Filled),
        key,
        &|e| matches!(e, ApplyError::Inconsistent { .. }),
    );
    // A trade without its fill.
    check(
        &mut t,
        b.report()
            .eid(41)
            .event(ExecutionType::Trade, ReportStatus::PartiallyFilled),
        key,
        &|e| matches!(e, ApplyError::MissingFill { .. }),
    );
    // REJECTED for an acknowledged order.
    check(&mut t, b.report().eid(41).rejected(), key, &|e| {
        matches!(e, ApplyError::NotApplicable { .. })
    });
    // Any report for an order never sent.
    check(&mut t, idle.report().eid(900).ack(), idle_key, &|e| {
        matches!(e, ApplyError::NotApplicable { .. })
    });
    // An ack without the exchange id.
    check(&mut t, unacked.report().ack(), unacked_key, &|e| {
        matches!(e, ApplyError::MissingExchangeId { .. })
    });
    // A fill before the ack that does not name the exchange id.
    check(
        &mut t,
        unacked.report().trade(9, "1", "100", "1"),
        unacked_key,
        &|e| {
            matches!(
                e,
                ApplyError::Fill {
                    source: FillError::MissingExchangeId { .. },
                    ..
                }
            )
        },
    );
    // An amendment to a quantity not above what is filled.
    check(
        &mut t,
        b.report().eid(41).amended("0.6", "100"),
        key,
        &|e| matches!(e, ApplyError::Amend { .. }),
    );
}
