//! Shared by the tests that hold the reference to `docs/state-machine.md`: one
//! order, the paths to each situation the document's tables name, reports
//! about the order, and [`Pair`]: the reference's [`RefOrder`] and the real
//! [`AnyOrder`] taken along the same path, fed the same events, and required
//! to agree field by field after each.

#![allow(
    dead_code,
    reason = "each test file uses the part of the helpers it needs"
)]

use ordertrack::{
    AnyOrder, Applied, ApplyError, ExchangeOrderId, ExecutionReport, ExecutionType, NewOrder,
    OrderStatus, ReportFill, ReportStatus, RequestError, TradeId,
};
use ordertrack_verify::harness::{OrderView, StartStep, reference_order, tracker_order};
use ordertrack_verify::ops::pools;
use ordertrack_verify::reference::RefOrder;

/// The order's quantity, in lots.
pub(crate) const LOTS: u8 = 3;
/// Its exchange id.
pub(crate) const EXCHANGE_ID: ExchangeOrderId = ExchangeOrderId(8_389_765);
/// When the event under test happens: after every step of every path.
pub(crate) const AT: u64 = 2_000;
/// The trade id of the fill a Filled order took on its way.
pub(crate) const FIRST_TRADE: TradeId = TradeId(1);

/// `n` lots.
pub(crate) fn lots(n: u8) -> ordertrack::Qty {
    pools::lots(n)
}

/// A 3-lot LIMIT buy at 101.0, created at 1 000.
pub(crate) fn spec() -> NewOrder {
    let sub_account = pools::sub_account(0);
    let origin = pools::origin(1);
    NewOrder {
        client_id: ordertrack::ClientOrderId::with_unique(&sub_account, origin, 7),
        sub_account,
        symbol: pools::symbol(0),
        side: ordertrack::Side::Buy,
        order_type: ordertrack::OrderType::Limit,
        quantity: pools::lots(LOTS),
        price: Some(pools::price(10)),
        reduce_only: false,
        trigger: None,
        origin: Some(origin),
        parent: None,
        leverage: 5,
        created_at: 1_000,
    }
}

/// The order's algo id, once the algo service accepted it.
pub(crate) fn algo_id() -> ordertrack::AlgoId {
    pools::own_algo_id(0)
}

/// A 3-lot STOP_MARKET buy triggering at 101.0 (contract price), created at
/// 1 000, with the same client id: the order of the situations only a
/// conditional order has (Armed, triggering, cancelling while armed).
pub(crate) fn stop_spec() -> NewOrder {
    NewOrder {
        order_type: ordertrack::OrderType::StopMarket,
        price: None,
        trigger: Some(ordertrack::Trigger::at(pools::price(10))),
        ..spec()
    }
}

/// A [`stop_spec`] closing the position: no quantity until its triggered
/// order states one.
pub(crate) fn close_position_spec() -> NewOrder {
    NewOrder {
        quantity: ordertrack::Qty::ZERO,
        trigger: stop_spec().trigger.map(|t| ordertrack::Trigger {
            close_position: true,
            ..t
        }),
        ..stop_spec()
    }
}

/// The spec of the order a situation is about: [`stop_spec`] for the
/// situations only a conditional order reaches, else [`spec`].
pub(crate) fn spec_for(situation: Situation) -> NewOrder {
    match situation {
        Situation::Armed
        | Situation::Triggering
        | Situation::Triggered
        | Situation::CancellingArmed => stop_spec(),
        _ => spec(),
    }
}

/// A report of the algo service (naming the order's algo id, no exchange id)
/// about the order, at [`AT`].
pub(crate) fn algo_report(execution: ExecutionType, status: ReportStatus) -> ExecutionReport {
    ExecutionReport {
        algo_id: Some(algo_id()),
        exchange_id: None,
        ..report(execution, status)
    }
}

/// A report about the order naming its client id, exchange id and symbol, at
/// [`AT`], with no cumulative quantity and no terms.
pub(crate) fn report(execution: ExecutionType, status: ReportStatus) -> ExecutionReport {
    ExecutionReport {
        client_id: Some(spec().client_id),
        exchange_id: Some(EXCHANGE_ID),
        ..ExecutionReport::new(spec().symbol, execution, status, AT)
    }
}

/// A `TRADE` of `lots` with trade id `trade`, at [`AT`].
pub(crate) fn trade(trade: u64, lots: u8) -> ExecutionReport {
    ExecutionReport {
        fill: Some(ReportFill {
            trade_id: TradeId(trade),
            qty: pools::lots(lots),
            price: pools::price(20),
        }),
        ..report(ExecutionType::Trade, ReportStatus::PartiallyFilled)
    }
}

/// The situations the tables have a row for: the shared fixtures' thirteen,
/// in lifecycle order (the document's nine, and the four only a conditional
/// order reaches).
pub(crate) use ordertrack_model::testing::Situation;

/// `report` as a start step at `t`.
pub(crate) fn at(t: u64, mut report: ExecutionReport) -> StartStep {
    report.transaction_time = t;
    StartStep::Report(report)
}

/// How an order gets here: legal steps between 1 001 and 1 004.
pub(crate) fn path(situation: Situation) -> Vec<StartStep> {
    let ack = at(1_002, report(ExecutionType::New, ReportStatus::New));
    let mut steps = vec![StartStep::Place(1_001)];
    match situation {
        Situation::Idle => return Vec::new(),
        Situation::Placing => {}
        Situation::Active => steps.push(ack),
        Situation::CancellingAcked => steps.extend([ack, StartStep::Cancel(1_003)]),
        Situation::CancellingUnacked => steps.push(StartStep::Cancel(1_003)),
        Situation::Filled => steps.extend([ack, at(1_003, trade(FIRST_TRADE.0, LOTS))]),
        Situation::Cancelled => steps.extend([
            ack,
            at(
                1_003,
                report(ExecutionType::Canceled, ReportStatus::Canceled),
            ),
        ]),
        Situation::Expired => steps.extend([
            ack,
            at(1_003, report(ExecutionType::Expired, ReportStatus::Expired)),
        ]),
        Situation::Failed => steps.push(at(
            1_003,
            report(ExecutionType::Rejected, ReportStatus::Rejected),
        )),
        Situation::Armed => steps.push(at(
            1_002,
            algo_report(ExecutionType::New, ReportStatus::New),
        )),
        Situation::Triggering => steps.extend([
            at(1_002, algo_report(ExecutionType::New, ReportStatus::New)),
            at(
                1_003,
                algo_report(ExecutionType::Triggering, ReportStatus::Triggering),
            ),
        ]),
        Situation::Triggered => steps.extend([
            at(1_002, algo_report(ExecutionType::New, ReportStatus::New)),
            at(
                1_003,
                ExecutionReport {
                    exchange_id: Some(EXCHANGE_ID),
                    ..algo_report(ExecutionType::Triggered, ReportStatus::Triggered)
                },
            ),
        ]),
        // The cancel goes out before the algo service's answer.
        Situation::CancellingArmed => steps.extend([
            StartStep::Cancel(1_002),
            at(1_003, algo_report(ExecutionType::New, ReportStatus::New)),
        ]),
    }
    steps
}

/// The reference's order and the real one, kept side by side.
#[derive(Clone, Debug)]
pub(crate) struct Pair {
    /// The reference's.
    pub(crate) reference: RefOrder,
    /// The real one.
    pub(crate) real: AnyOrder,
}

#[allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "test helper: a disagreement fails the test"
)]
impl Pair {
    /// Both orders taken along `situation`'s path ([`spec_for`]'s order).
    pub(crate) fn new(situation: Situation) -> Self {
        Self::of(spec_for(situation), situation)
    }

    /// Both orders of `spec` taken along `situation`'s path.
    pub(crate) fn of(spec: NewOrder, situation: Situation) -> Self {
        Self::along(spec, &path(situation))
    }

    /// Both orders of `spec` taken along `path`.
    pub(crate) fn along(spec: NewOrder, path: &[StartStep]) -> Self {
        let pair = Self {
            reference: reference_order(spec, path).unwrap(),
            real: tracker_order(spec, path).unwrap().0,
        };
        pair.agree("the start");
        pair
    }

    /// The reference's status.
    pub(crate) fn status(&self) -> OrderStatus {
        self.reference.status
    }

    fn agree(&self, when: &str) {
        let diff = OrderView::of(&self.real).diff(&OrderView::of_reference(&self.reference));
        assert!(diff.is_empty(), "after {when}: {diff:#?}");
    }

    /// Applies `report` to both; they must return the same and agree after.
    pub(crate) fn apply(&mut self, report: &ExecutionReport) -> Result<Applied, ApplyError> {
        let expected = self.reference.apply(report);
        let actual = self.real.apply(report);
        assert_eq!(actual, expected, "AnyOrder vs reference on {report:?}");
        self.agree(&format!("{report:?}"));
        expected
    }

    /// Runs a request on both; they must return the same and agree after.
    pub(crate) fn request(
        &mut self,
        name: &str,
        on_reference: impl FnOnce(&mut RefOrder) -> Result<(), RequestError>,
        on_real: impl FnOnce(&mut AnyOrder) -> Result<(), RequestError>,
    ) -> Result<(), RequestError> {
        let expected = on_reference(&mut self.reference);
        let actual = on_real(&mut self.real);
        assert_eq!(actual, expected, "AnyOrder vs reference on {name}");
        self.agree(name);
        expected
    }
}
