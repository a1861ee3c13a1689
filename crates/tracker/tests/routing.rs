//! Feed routing through `apply`: by client id, by (symbol, exchange id), the
//! exchange id bound into the index, foreign orders and our ids not tracked.
//! The races the issue names are in `fill_races.rs` and `feed_events.rs`,
//! refused reports in `refused_reports.rs`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use ordertrack::*;

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
