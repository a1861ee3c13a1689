//! Fuzzes `AnyOrder::apply` (and the engine requests) with arbitrary execution reports against orders in every state, checking that errors change nothing and that the state machine's invariants hold after every step.
//!
//! The input builds one order in any of the eight states, either with
//! `ordertrack_verify::arb::order_in_state` (any ids, symbols and quantities,
//! reached through time-outs, rejected cancels, fills before the ack, amendments,
//! late fills) or with this target's own builder (typed transitions on a small
//! quantity grid, every fill price known). Then a sequence of steps: mostly feed
//! reports aimed at that order (`arb::report_for`, or this target's own: trade ids
//! from a small pool so duplicates are common, quantities on the grid so partial,
//! complete and over-fills are all reached), sometimes reports with any field
//! values at all (`arb::execution_report`: wrong ids, inconsistent execution and
//! status, missing fields, extreme values), and the engine's requests (place,
//! cancel, place failed, in doubt, cancel rejected). Asserted after every step:
//! - nothing panics;
//! - on `Err` the order is exactly as before (`clone` + `assert_eq`);
//! - on `Ok`: a terminal order keeps its state (terminal states are absorbing, a
//!   cancelled order is never reopened); the new state is one the transition table
//!   allows from the old; filled quantity never decreases, never exceeds the
//!   quantity, and equals the sum of the fills accounted; a trade id already
//!   applied changes nothing and is reported `Duplicate`; `Duplicate`/`Stale` change
//!   nothing; no trade id is counted twice; the average fill price lies within the
//!   lowest and highest fill price; an exchange id once known never changes; the
//!   `Applied` variant matches the change (`Filled` ⇒ Filled, `LateFill` ⇒ still
//!   the same terminal state, `Acknowledged` ⇒ exchange id known, …); the order's
//!   identity never changes and `updated_at` never goes backwards;
//! - only a definitive rejection (a `REJECTED` report or `place_failed`) fails an order.
#![no_main]

use arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use ordertrack::{
    Active, Amendment, AnyOrder, Applied, ApplyError, ClientOrderId, Closed, ExchangeOrderId,
    ExecutionReport, ExecutionType, ExpiryReason, FailReason, Fill, FillOutcome, Idle, NewOrder,
    OrderMut, OrderStatus, OrderTerms, OrderType, Origin, ParentId, Price, Qty, ReportFill,
    ReportStatus, RequestError, Side, State, SubAccountId, Symbol, TRADE_WINDOW, TradeId,
    transitions::CanClose,
};
use ordertrack_verify::arb;

/// Most steps applied to one order.
const MAX_STEPS: usize = 48;
/// Trade ids are drawn from `1..=TRADE_ID_POOL`, so duplicates are frequent.
const TRADE_ID_POOL: u64 = 6;
/// The exchange id the order gets when it is acknowledged.
const EXCHANGE_ID: ExchangeOrderId = ExchangeOrderId(8_389_765);

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(mut subject) = Subject::arbitrary(&mut u) else {
        return;
    };
    for _ in 0..MAX_STEPS {
        if u.is_empty() {
            break;
        }
        let Ok(step) = subject.step(&mut u) else {
            break;
        };
        subject.apply(&step);
    }
});

/// The order under test and what the fuzzer knows about its history.
#[derive(Debug)]
struct Subject {
    order: AnyOrder,
    /// The quantity grid: fills and quantities are multiples of this many units.
    lot: i64,
    /// Prices of every fill accounted so far (for the average's bounds); `None`
    /// when the order came with fills whose prices are not known here.
    fill_prices: Option<Vec<Price>>,
    /// Sum of the quantities of every fill accounted so far.
    filled: Qty,
    /// A time around which reports are stamped.
    now: u64,
}

/// One thing that happens to the order.
#[derive(Debug)]
enum Step {
    Report(ExecutionReport),
    Place(u64),
    Cancel(u64),
    PlaceFailed(FailReason, u64),
    InDoubt(u64),
    CancelRejected(u64),
}

fn sub_account() -> SubAccountId {
    SubAccountId::new("3f2a9c1e-7b4d-4e1a").unwrap_or_else(|e| panic!("{e}"))
}

fn symbol(u: &mut Unstructured<'_>) -> Result<Symbol> {
    let name = *u.choose(&["BTCUSDT", "ETHUSDT", "1000PEPEUSDT", "BTCUSDT_250926"])?;
    Ok(Symbol::new(name).unwrap_or_else(|e| panic!("{e}")))
}

fn price(u: &mut Unstructured<'_>) -> Result<Price> {
    let units = match u.int_in_range(0..=5)? {
        0 => 0,
        1 => 1,
        2 => 9_700_010_000_000,
        3 => 9_700_020_000_000,
        4 => i64::MAX,
        _ => u.int_in_range(0..=i64::MAX)?,
    };
    Ok(Price::from_units(units).unwrap_or(Price::ZERO))
}

fn qty_units(units: i128) -> Qty {
    i64::try_from(units)
        .ok()
        .and_then(Qty::from_units)
        .unwrap_or(Qty::MAX)
}

/// The typed handle of state `S` over `order`, which the builder has just put in `S`.
fn handle<S: State>(order: &mut AnyOrder) -> OrderMut<'_, S> {
    let status = order.status();
    order
        .view_mut::<S>()
        .unwrap_or_else(|| panic!("the order is {status}, not {}", S::STATUS))
}

/// The exchange's `EXPIRED` (when `expire`) or `CANCELED` of a live order.
fn close<S: CanClose>(
    order: OrderMut<'_, S>,
    expire: bool,
    id: Option<ExchangeOrderId>,
    reason: Option<ExpiryReason>,
    at: u64,
) {
    if expire {
        let _ = order.expired(id, reason, at);
    } else {
        let _ = order.cancelled(id, at);
    }
}

impl Subject {
    /// An order in any state, from `ordertrack-verify`'s generator or this target's.
    fn arbitrary(u: &mut Unstructured<'_>) -> Result<Self> {
        if u.arbitrary()? {
            let order = arb::order_in_state(u)?;
            let filled = order.filled_qty();
            let subject = Self {
                lot: 1,
                fill_prices: filled.is_zero().then(Vec::new),
                filled,
                now: order.updated_at(),
                order,
            };
            subject.check_static();
            return Ok(subject);
        }
        Self::built(u)
    }

    /// Builds an order in any state through the typed transitions.
    fn built(u: &mut Unstructured<'_>) -> Result<Self> {
        let lot: i64 = *u.choose(&[1, 1_000, 100_000_000, i64::MAX / 8])?;
        let lots: i64 = u.int_in_range(1..=8)?;
        let quantity = Qty::from_units(lot * lots).unwrap_or(Qty::MAX);
        let origin = *u.choose(&Origin::ALL)?;
        let sub = sub_account();
        let client_id = if u.ratio(1, 8)? {
            ClientOrderId::new("autoclose-1764000000123").unwrap_or_else(|e| panic!("{e}"))
        } else {
            ClientOrderId::with_unique(&sub, origin, u.arbitrary()?)
        };
        let order_type = *u.choose(&OrderType::ALL)?;
        let price = if order_type.requires_price() || u.arbitrary()? {
            Some(price(u)?)
        } else {
            None
        };
        let created_at: u64 = u.int_in_range(0..=2_000_000_000_000)?;
        let spec = NewOrder {
            client_id,
            sub_account: sub,
            symbol: symbol(u)?,
            side: if u.arbitrary()? {
                Side::Buy
            } else {
                Side::Sell
            },
            order_type,
            quantity,
            price,
            reduce_only: u.arbitrary()?,
            origin: Some(origin),
            parent: if u.arbitrary()? {
                ParentId::new("twap-42").ok()
            } else {
                None
            },
            leverage: u.int_in_range(1..=125)?,
            created_at,
        };
        let mut order = AnyOrder::new(spec).unwrap_or_else(|e| panic!("valid spec refused: {e}"));
        let mut subject = Self {
            order: order.clone(),
            lot,
            fill_prices: Some(Vec::new()),
            filled: Qty::ZERO,
            now: created_at,
        };
        let target = *u.choose(&OrderStatus::ALL)?;
        subject.build(u, &mut order, target)?;
        subject.order = order;
        subject.check_static();
        Ok(subject)
    }

    fn tick(&mut self, u: &mut Unstructured<'_>) -> Result<u64> {
        self.now = self.now.saturating_add(u.int_in_range(0..=5)?);
        Ok(self.now)
    }

    /// Partial fills on an active order (never completing it).
    fn partial_fills(&mut self, u: &mut Unstructured<'_>, o: &mut AnyOrder) -> Result<()> {
        for trade in 1..=u.int_in_range(0..=2)? {
            let remaining = o.remaining_qty().units() / self.lot;
            if remaining <= 1 {
                break;
            }
            let qty =
                Qty::from_units(self.lot * u.int_in_range(1..=remaining - 1)?).unwrap_or(Qty::ZERO);
            let price = price(u)?;
            let at = self.tick(u)?;
            let fill = Fill {
                trade_id: TradeId(trade),
                qty,
                price,
                at,
                exchange_id: Some(EXCHANGE_ID),
            };
            match handle::<Active>(o).fill(fill) {
                Ok(FillOutcome::Partial(next)) => {
                    self.fill_prices.get_or_insert_default().push(price);
                    self.filled = next.filled_qty();
                }
                Ok(other) => panic!("a partial fill did not stay Active: {other:?}"),
                Err(refused) => panic!("a valid partial fill was refused: {}", refused.error),
            }
        }
        Ok(())
    }

    /// Idle → Placing → Active, then a few partial fills.
    fn active(&mut self, u: &mut Unstructured<'_>, o: &mut AnyOrder) -> Result<()> {
        let t = self.tick(u)?;
        let placing = handle::<Idle>(o).place(t);
        let t = self.tick(u)?;
        let _ = placing.acknowledge(EXCHANGE_ID, t);
        self.partial_fills(u, o)
    }

    /// Takes the Idle order `o` to `target` through the typed transitions.
    fn build(
        &mut self,
        u: &mut Unstructured<'_>,
        o: &mut AnyOrder,
        target: OrderStatus,
    ) -> Result<()> {
        let t = self.tick(u)?;
        match target {
            OrderStatus::Idle => {}
            OrderStatus::Placing => {
                let placing = handle::<Idle>(o).place(t);
                if u.arbitrary()? {
                    let _ = placing.mark_in_doubt(self.tick(u)?);
                }
            }
            OrderStatus::Active => self.active(u, o)?,
            OrderStatus::Cancelling => {
                if u.arbitrary()? {
                    let placing = handle::<Idle>(o).place(t);
                    let _ = placing.request_cancel(self.tick(u)?);
                } else {
                    self.active(u, o)?;
                    let at = self.tick(u)?;
                    let _ = handle::<Active>(o).request_cancel(at);
                }
            }
            OrderStatus::Filled => {
                self.active(u, o)?;
                let active = handle::<Active>(o);
                let qty = active.remaining_qty();
                let price = price(u)?;
                let fill = Fill {
                    trade_id: TradeId(TRADE_ID_POOL),
                    qty,
                    price,
                    at: self.tick(u)?,
                    exchange_id: None,
                };
                match active.fill(fill) {
                    Ok(FillOutcome::Complete(filled)) => {
                        self.fill_prices.get_or_insert_default().push(price);
                        self.filled = filled.filled_qty();
                    }
                    Ok(other) => panic!("filling the remainder did not complete: {other:?}"),
                    Err(refused) => panic!("filling the remainder was refused: {}", refused.error),
                }
            }
            OrderStatus::Cancelled | OrderStatus::Expired => {
                let expire = target == OrderStatus::Expired;
                let reason = if u.arbitrary()? {
                    Some(ExpiryReason(u.arbitrary()?))
                } else {
                    None
                };
                let id = if u.arbitrary()? {
                    Some(EXCHANGE_ID)
                } else {
                    None
                };
                let at = self.tick(u)?;
                match u.int_in_range(0..=2)? {
                    0 => close(handle::<Idle>(o).place(t), expire, id, reason, at),
                    1 => {
                        self.active(u, o)?;
                        close(handle::<Active>(o), expire, id, reason, at);
                    }
                    _ => {
                        self.active(u, o)?;
                        let cancelling = handle::<Active>(o).request_cancel(at);
                        let at = self.tick(u)?;
                        close(cancelling, expire, id, reason, at);
                    }
                }
            }
            OrderStatus::Failed => {
                let reason = if u.arbitrary()? {
                    FailReason::Rejected
                } else {
                    FailReason::ExchangeError {
                        code: u.arbitrary()?,
                    }
                };
                let placing = handle::<Idle>(o).place(t);
                if let Err(refused) = placing.reject(reason, self.tick(u)?) {
                    panic!(
                        "a placement never acknowledged was not rejected: {}",
                        refused.error
                    );
                }
            }
        }
        Ok(())
    }

    fn lots(&self, u: &mut Unstructured<'_>) -> Result<Qty> {
        let lots: i128 = u.int_in_range(0..=9)?;
        Ok(qty_units(i128::from(self.lot) * lots))
    }

    fn report(&mut self, u: &mut Unstructured<'_>) -> Result<ExecutionReport> {
        let execution = *u.choose(&[
            ExecutionType::New,
            ExecutionType::Trade,
            ExecutionType::Trade,
            ExecutionType::Calculated,
            ExecutionType::Canceled,
            ExecutionType::Expired,
            ExecutionType::Amendment,
            ExecutionType::Rejected,
        ])?;
        let allowed: &[ReportStatus] = match execution {
            ExecutionType::New => &[ReportStatus::New],
            ExecutionType::Trade | ExecutionType::Calculated => {
                &[ReportStatus::PartiallyFilled, ReportStatus::Filled]
            }
            ExecutionType::Canceled => &[ReportStatus::Canceled],
            ExecutionType::Expired => &[ReportStatus::Expired, ReportStatus::ExpiredInMatch],
            ExecutionType::Amendment => &[ReportStatus::New, ReportStatus::PartiallyFilled],
            ExecutionType::Rejected => &[ReportStatus::Rejected],
        };
        let status = if u.ratio(1, 16)? {
            *u.choose(&[
                ReportStatus::New,
                ReportStatus::PartiallyFilled,
                ReportStatus::Filled,
                ReportStatus::Canceled,
                ReportStatus::Expired,
                ReportStatus::ExpiredInMatch,
                ReportStatus::Rejected,
            ])?
        } else {
            *u.choose(allowed)?
        };
        let client_id = match u.int_in_range(0..=9)? {
            0 => None,
            1 => ClientOrderId::new("adl_autoclose").ok(),
            _ => Some(self.order.client_id()),
        };
        let exchange_id = match u.int_in_range(0..=5)? {
            0 => None,
            1 => Some(ExchangeOrderId(u.arbitrary()?)),
            _ => Some(EXCHANGE_ID),
        };
        let symbol = if u.ratio(1, 16)? {
            symbol(u)?
        } else {
            self.order.symbol()
        };
        let fill = if execution.is_fill() != u.ratio(1, 16)? {
            Some(ReportFill {
                trade_id: TradeId(u.int_in_range(1..=TRADE_ID_POOL)?),
                qty: if u.ratio(1, 16)? {
                    qty_units(u.int_in_range(0..=i128::from(i64::MAX))?)
                } else {
                    self.lots(u)?
                },
                price: price(u)?,
            })
        } else {
            None
        };
        let cumulative_qty = match u.int_in_range(0..=3)? {
            0 => Some(self.lots(u)?),
            1 => None,
            _ => Some(
                self.order
                    .filled_qty()
                    .checked_add(fill.map_or(Qty::ZERO, |f| f.qty))
                    .unwrap_or(Qty::MAX),
            ),
        };
        // The order's terms restated: mostly as the order has them, sometimes
        // with another side, type or quantity.
        let terms = if u.arbitrary()? {
            let spec = self.order.spec();
            Some(OrderTerms {
                side: if u.ratio(1, 8)? {
                    match spec.side {
                        Side::Buy => Side::Sell,
                        Side::Sell => Side::Buy,
                    }
                } else {
                    spec.side
                },
                order_type: if u.ratio(1, 8)? {
                    Some(*u.choose(&OrderType::ALL)?)
                } else {
                    Some(spec.order_type)
                },
                quantity: if u.ratio(1, 8)? {
                    self.lots(u)?
                } else {
                    spec.quantity
                },
                price: spec.price,
                reduce_only: Some(spec.reduce_only),
                close_position: u.ratio(1, 16)?,
            })
        } else {
            None
        };
        let amendment = if (execution == ExecutionType::Amendment) != u.ratio(1, 16)? {
            Some(Amendment {
                quantity: self.lots(u)?,
                price: if u.arbitrary()? {
                    Some(price(u)?)
                } else {
                    None
                },
            })
        } else {
            None
        };
        let expiry_reason = if u.arbitrary()? {
            Some(ExpiryReason(u.arbitrary()?))
        } else {
            None
        };
        // Mostly forward in time; sometimes an event stamped in the past.
        let transaction_time = if u.ratio(1, 8)? {
            self.now.saturating_sub(u.int_in_range(0..=100)?)
        } else {
            self.tick(u)?
        };
        Ok(ExecutionReport {
            client_id,
            exchange_id,
            symbol,
            execution,
            status,
            fill,
            cumulative_qty,
            terms,
            amendment,
            expiry_reason,
            transaction_time,
        })
    }

    fn step(&mut self, u: &mut Unstructured<'_>) -> Result<Step> {
        if u.ratio(3, 4)? {
            let report = match u.int_in_range(0..=7)? {
                0..=3 => self.report(u)?,
                4..=6 => arb::report_for(u, &self.order)?,
                _ => arb::execution_report(u)?,
            };
            self.now = self.now.max(report.transaction_time);
            return Ok(Step::Report(report));
        }
        let now = self.tick(u)?;
        Ok(match u.int_in_range(0..=4)? {
            0 => Step::Place(now),
            1 => Step::Cancel(now),
            2 => Step::PlaceFailed(
                if u.arbitrary()? {
                    FailReason::Rejected
                } else {
                    FailReason::ExchangeError { code: -2019 }
                },
                now,
            ),
            3 => Step::InDoubt(now),
            _ => Step::CancelRejected(now),
        })
    }

    /// Runs one step and checks everything it must and must not have changed.
    fn apply(&mut self, step: &Step) {
        let before = self.order.clone();
        match step {
            Step::Report(report) => {
                let duplicate = report
                    .fill
                    .is_some_and(|f| before.fills().contains(f.trade_id));
                match self.order.apply(report) {
                    Err(error) => {
                        assert_eq!(
                            self.order, before,
                            "apply failed ({error}) but changed the order"
                        );
                        assert!(!error.to_string().is_empty());
                        if duplicate && report.execution.is_fill() {
                            assert!(
                                !matches!(error, ApplyError::Fill { .. }),
                                "a duplicate trade id was refused as a fill: {error}"
                            );
                        }
                    }
                    Ok(applied) => {
                        if let Some(terms) = report.terms {
                            let spec = before.spec();
                            assert_eq!(terms.side, spec.side, "a report of the other side applied");
                            if let Some(t) = terms.order_type {
                                assert_eq!(t, spec.order_type, "a report of another type applied");
                            }
                            let may_differ = report.execution == ExecutionType::Amendment
                                || terms.close_position
                                || report.transaction_time < before.updated_at();
                            assert!(
                                may_differ || terms.quantity == spec.quantity,
                                "a report of another quantity applied"
                            );
                        }
                        assert_ne!(
                            before.status(),
                            OrderStatus::Idle,
                            "an unsent order took {report:?}"
                        );
                        if duplicate && report.execution.is_fill() {
                            assert_eq!(applied, Applied::Duplicate, "a trade id counted twice");
                        }
                        if applied.is_ignored() {
                            assert_eq!(self.order, before, "{applied:?} changed the order");
                        }
                        self.check_applied(&before, report, &applied);
                    }
                }
            }
            Step::Place(now) => {
                let result = self.order.place(*now);
                let allowed = before.status() == OrderStatus::Idle;
                self.check_request(&before, result, allowed.then_some(OrderStatus::Placing));
            }
            Step::Cancel(now) => {
                let result = self.order.request_cancel(*now);
                let allowed = matches!(before.status(), OrderStatus::Placing | OrderStatus::Active);
                self.check_request(&before, result, allowed.then_some(OrderStatus::Cancelling));
            }
            Step::PlaceFailed(reason, now) => {
                let result = self.order.place_failed(*reason, *now);
                // Only a placement never acknowledged can fail.
                let allowed = match before.status() {
                    OrderStatus::Placing => true,
                    OrderStatus::Cancelling => before.exchange_id().is_none(),
                    _ => false,
                };
                self.check_request(&before, result, allowed.then_some(OrderStatus::Failed));
            }
            Step::InDoubt(now) => {
                let result = self.order.place_in_doubt(*now);
                let allowed = before.status() == OrderStatus::Placing;
                self.check_request(&before, result, allowed.then_some(OrderStatus::Placing));
                if allowed {
                    let since = before.in_doubt_since().unwrap_or(*now);
                    assert_eq!(
                        self.order.in_doubt_since(),
                        Some(since),
                        "in-doubt time moved"
                    );
                }
            }
            Step::CancelRejected(now) => {
                let result = self.order.cancel_rejected(*now);
                let back_to = if before.exchange_id().is_some() {
                    OrderStatus::Active
                } else {
                    OrderStatus::Placing
                };
                let allowed = before.status() == OrderStatus::Cancelling;
                self.check_request(&before, result, allowed.then_some(back_to));
            }
        }
        self.check_common(&before);
        self.check_static();
    }

    /// An engine request: the one legal move when `expected` names it, else refused
    /// with the order unchanged.
    fn check_request(
        &self,
        before: &AnyOrder,
        result: std::result::Result<(), RequestError>,
        expected: Option<OrderStatus>,
    ) {
        match (result, expected) {
            (Ok(()), Some(status)) => {
                assert_eq!(
                    self.order.status(),
                    status,
                    "request from {}",
                    before.status()
                );
                assert_eq!(
                    self.order.fills(),
                    before.fills(),
                    "a request changed the fills"
                );
                assert_eq!(self.order.quantity(), before.quantity());
                if status == OrderStatus::Failed {
                    assert_eq!(self.order.exchange_id(), None);
                }
            }
            (Ok(()), None) => panic!(
                "request accepted in {}: now {}",
                before.status(),
                self.order.status()
            ),
            (Err(error), Some(_)) => panic!("legal request refused: {error}"),
            (Err(error), None) => {
                assert_eq!(
                    self.order, *before,
                    "request failed ({error}) but changed the order"
                );
                assert_eq!(
                    (error.status, error.client_id),
                    (before.status(), before.client_id())
                );
                assert!(!error.to_string().is_empty());
            }
        }
    }

    /// The `Applied` outcome matches what happened to the order.
    fn check_applied(&mut self, before: &AnyOrder, report: &ExecutionReport, applied: &Applied) {
        let (b, a) = (before.status(), self.order.status());
        assert!(
            report.execution.allows(report.status),
            "an inconsistent report applied"
        );
        assert_eq!(
            report.symbol,
            before.symbol(),
            "a report for another symbol applied"
        );
        assert!(
            report.client_id.is_none_or(|c| c == before.client_id()),
            "a report for another client id applied"
        );
        let legal = match b {
            OrderStatus::Idle => false,
            OrderStatus::Placing => a != OrderStatus::Cancelling && a != OrderStatus::Idle,
            OrderStatus::Active => matches!(
                a,
                OrderStatus::Active
                    | OrderStatus::Filled
                    | OrderStatus::Cancelled
                    | OrderStatus::Expired
            ),
            OrderStatus::Cancelling => {
                a != OrderStatus::Idle && a != OrderStatus::Placing && a != OrderStatus::Active
            }
            terminal => a == terminal,
        };
        assert!(legal, "{b} -> {a} on {report:?}");
        if a == OrderStatus::Failed && b != OrderStatus::Failed {
            assert_eq!(
                report.execution,
                ExecutionType::Rejected,
                "failed without a rejection"
            );
        }
        match applied {
            Applied::Acknowledged => {
                assert!(matches!(b, OrderStatus::Placing | OrderStatus::Cancelling));
                assert_eq!(self.order.exchange_id(), report.exchange_id);
                assert_eq!(before.exchange_id(), None);
            }
            Applied::PartiallyFilled(f) | Applied::Filled(f) | Applied::LateFill(f) => {
                let Some(fill) = report.fill else {
                    panic!("{applied:?} from a report without a fill");
                };
                assert_eq!(
                    (f.trade_id, f.qty, f.price),
                    (fill.trade_id, fill.qty, fill.price)
                );
                assert!(!fill.qty.is_zero(), "a zero fill was accounted");
                assert_eq!(
                    Some(f.filled_qty),
                    before.filled_qty().checked_add(fill.qty)
                );
                assert_eq!(f.filled_qty, self.order.filled_qty());
                assert_eq!(
                    (f.unseen_qty, f.excess_qty),
                    report.cumulative_qty.map_or((Qty::ZERO, Qty::ZERO), |z| (
                        z.saturating_sub(f.filled_qty),
                        f.filled_qty.saturating_sub(z)
                    ))
                );
                assert!(!before.fills().contains(fill.trade_id));
                assert!(
                    before
                        .fills()
                        .floor()
                        .is_none_or(|floor| fill.trade_id > floor),
                    "a trade id at or below the floor was accounted"
                );
                let fills = self.order.fills();
                assert_eq!(
                    fills.count(),
                    before.fills().count() + 1,
                    "one fill, counted once"
                );
                // Remembered, unless it is below every remembered id: then it is
                // forgotten at once and is the new floor.
                assert!(
                    fills.contains(fill.trade_id) || fills.floor() == Some(fill.trade_id),
                    "the new trade id {} is neither remembered nor the floor",
                    fill.trade_id
                );
                let last = self
                    .order
                    .fills()
                    .last()
                    .map(|l| (l.trade_id, l.qty, l.price));
                assert_eq!(last, Some((fill.trade_id, fill.qty, fill.price)));
                match applied {
                    Applied::PartiallyFilled(_) => {
                        assert!(a.is_live(), "partially filled into {a}");
                        assert!(f.filled_qty < self.order.quantity());
                    }
                    Applied::Filled(_) => {
                        assert_eq!(a, OrderStatus::Filled);
                        assert_eq!(f.filled_qty, self.order.quantity());
                    }
                    _ => {
                        assert!(matches!(
                            b,
                            OrderStatus::Cancelled | OrderStatus::Expired | OrderStatus::Failed
                        ));
                        assert_eq!(a, b, "a late fill reopened the order");
                    }
                }
                if let Some(prices) = &mut self.fill_prices {
                    prices.push(fill.price);
                }
                self.filled = self.filled.checked_add(fill.qty).unwrap_or(Qty::MAX);
            }
            Applied::Cancelled(c) | Applied::Expired(c) => {
                let expected = if matches!(applied, Applied::Cancelled(_)) {
                    (ExecutionType::Canceled, OrderStatus::Cancelled)
                } else {
                    (ExecutionType::Expired, OrderStatus::Expired)
                };
                assert_eq!((report.execution, a), expected);
                assert!(b.is_live());
                assert_eq!(
                    *c,
                    Closed::between(self.order.filled_qty(), report.cumulative_qty)
                );
                assert_eq!(self.order.closed_at(), Some(report.transaction_time));
            }
            Applied::Failed(_) => {
                assert_eq!(a, OrderStatus::Failed);
                assert!(matches!(b, OrderStatus::Placing | OrderStatus::Cancelling));
                assert_eq!(
                    before.exchange_id(),
                    None,
                    "an acknowledged order was failed"
                );
            }
            Applied::Amended => {
                let Some(amendment) = report.amendment else {
                    panic!("amended from a report without an amendment");
                };
                assert!(matches!(b, OrderStatus::Active | OrderStatus::Cancelling) && a == b);
                assert_eq!(self.order.quantity(), amendment.quantity);
                assert_eq!(self.order.price(), amendment.price.or(before.price()));
            }
            Applied::Duplicate | Applied::Stale => {}
        }
    }

    /// What holds after every step, whatever it was.
    fn check_common(&self, before: &AnyOrder) {
        let (b, a) = (before.status(), self.order.status());
        if b.is_terminal() {
            assert_eq!(a, b, "terminal {b} left for {a}");
            assert_eq!(
                self.order.closed_at(),
                before.closed_at(),
                "closing time moved"
            );
        }
        assert!(
            self.order.filled_qty() >= before.filled_qty(),
            "filled quantity decreased"
        );
        if let Some(known) = before.exchange_id() {
            assert_eq!(
                self.order.exchange_id(),
                Some(known),
                "the exchange id changed"
            );
        }
        assert!(
            self.order.updated_at() >= before.updated_at(),
            "updated_at went backwards"
        );
        let (s, t) = (self.order.spec(), before.spec());
        assert_eq!(
            (
                s.client_id,
                s.sub_account,
                s.symbol,
                s.side,
                s.order_type,
                s.origin,
                s.parent
            ),
            (
                t.client_id,
                t.sub_account,
                t.symbol,
                t.side,
                t.order_type,
                t.origin,
                t.parent
            ),
            "the order's identity changed"
        );
        assert_eq!(
            (s.reduce_only, s.leverage, s.created_at),
            (t.reduce_only, t.leverage, t.created_at)
        );
    }

    /// The order's own invariants, checked after it is built and after every step.
    fn check_static(&self) {
        let order = &self.order;
        assert!(
            order.filled_qty() <= order.quantity(),
            "overfilled: {order:?}"
        );
        assert_eq!(
            order.filled_qty(),
            self.filled,
            "filled is not the sum of the fills"
        );
        let fills = order.fills();
        let ids = fills.recent_trade_ids();
        let count = fills.count() as usize;
        assert_eq!(
            ids.len(),
            count.min(TRADE_WINDOW),
            "remembered ids: {fills:?}"
        );
        for (i, id) in ids.iter().enumerate() {
            assert!(
                !ids.iter().skip(i + 1).any(|other| other == id),
                "trade id {id} counted twice"
            );
        }
        assert_eq!(
            fills.floor().is_some(),
            count > TRADE_WINDOW,
            "floor: {fills:?}"
        );
        if let Some(floor) = fills.floor() {
            assert!(
                ids.iter().all(|id| *id > floor),
                "a remembered id at or below the floor: {fills:?}"
            );
        }
        assert_eq!(fills.average_price().is_some(), count > 0);
        assert_eq!(
            order.filled_qty().is_zero(),
            count == 0,
            "fills of zero were accounted"
        );
        if let Some(prices) = &self.fill_prices {
            assert_eq!(count, prices.len());
            match (
                order.fills().average_price(),
                prices.iter().min(),
                prices.iter().max(),
            ) {
                (None, None, None) => {}
                (Some(avg), Some(lo), Some(hi)) => {
                    assert!(
                        *lo <= avg && avg <= *hi,
                        "average {avg} outside [{lo}, {hi}]"
                    );
                }
                other => panic!("average price {other:?} with {count} fills"),
            }
        }
        match order.status() {
            OrderStatus::Filled => assert_eq!(order.filled_qty(), order.quantity()),
            OrderStatus::Active => assert!(order.exchange_id().is_some()),
            OrderStatus::Idle | OrderStatus::Placing => assert_eq!(order.exchange_id(), None),
            _ => {}
        }
        assert_eq!(order.closed_at().is_some(), order.status().is_terminal());
    }
}
