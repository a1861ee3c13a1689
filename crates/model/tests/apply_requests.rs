//! The engine's requests on `AnyOrder` in every state (`RequestError`, the
//! order unchanged when refused), and `updated_at` through a stream of reports.

mod common;

use common::*;
use ordertrack_model::{AnyOrder, FailReason, OrderStatus, Request, RequestError};

#[test]
fn every_request_in_every_state() {
    use Situation as S;
    type Call = fn(&mut AnyOrder) -> Result<(), RequestError>;
    /// Where the request is legal, and the status it leads to.
    type Legal = &'static [(Situation, OrderStatus)];
    let requests: [(Request, Call, Legal); 5] = [
        (
            Request::Place,
            |o| o.place(2_000),
            &[(S::Idle, OrderStatus::Placing)],
        ),
        (
            Request::Cancel,
            |o| o.request_cancel(2_000),
            &[
                (S::Placing, OrderStatus::Cancelling),
                (S::Armed, OrderStatus::Cancelling),
                (S::Triggering, OrderStatus::Cancelling),
                (S::Active, OrderStatus::Cancelling),
                (S::Triggered, OrderStatus::Cancelling),
            ],
        ),
        (
            Request::PlaceFailed,
            |o| o.place_failed(FailReason::ExchangeError { code: -2019 }, 2_000),
            &[
                (S::Placing, OrderStatus::Failed),
                (S::CancellingUnacked, OrderStatus::Failed),
            ],
        ),
        (
            Request::PlaceInDoubt,
            |o| o.place_in_doubt(2_000),
            &[(S::Placing, OrderStatus::Placing)],
        ),
        (
            Request::CancelRejected,
            |o| o.cancel_rejected(2_000),
            &[
                (S::CancellingAcked, OrderStatus::Active),
                (S::CancellingUnacked, OrderStatus::Placing),
                (S::CancellingArmed, OrderStatus::Armed),
            ],
        ),
    ];
    let mut legal = 0;
    for (request, call, allowed) in requests {
        for situation in Situation::ALL {
            let mut order = order_in(situation, "1");
            let before = order.clone();
            match allowed.iter().find(|(s, _)| *s == situation) {
                Some(&(_, after)) => {
                    call(&mut order).unwrap();
                    assert_eq!(order.status(), after, "{request} on {situation:?}");
                    assert_eq!(order.updated_at(), 2_000);
                    legal += 1;
                }
                None => {
                    let error = call(&mut order).unwrap_err();
                    assert_eq!(
                        error,
                        RequestError {
                            client_id: cid(),
                            status: before.status(),
                            request,
                        }
                    );
                    assert_eq!(order, before, "{request} on {situation:?}");
                }
            }
        }
    }
    assert_eq!(legal, 12);
}

#[test]
fn updated_at_never_moves_backwards() {
    let mut order = placing("1");
    let reports = [
        trade_report(1, "0.1", "100", "0.1", 5_000),
        ack_report(4_000),                           // stale
        trade_report(2, "0.1", "100", "0.2", 3_000), // reordered
        trade_report(2, "0.1", "100", "0.2", 9_000), // duplicate
        amendment_report("2", None, 2_000),          // applied
        amendment_report("0", None, 9_500),          // refused
        canceled_report("0.2", 1_500),               // closes
        trade_report(3, "0.1", "100", "0.3", 1_600), // late fill
        canceled_report("0.3", 9_900),               // stale
    ];
    let mut previous = order.updated_at();
    for report in reports {
        let _ = order.apply(&report);
        assert!(
            order.updated_at() >= previous,
            "{} < {previous} after {report:?}",
            order.updated_at()
        );
        previous = order.updated_at();
    }
    assert_eq!(order.updated_at(), 5_000);
    assert_eq!(order.status(), OrderStatus::Cancelled);
    assert_eq!(order.filled_qty(), qty("0.3"));
}
