//! The differential harness: drives a real tracker and the reference model with
//! the same operations and compares them after every step.
//!
//! After each [`Op`] it checks, in this order:
//! 1. **the outcome**: the tracker's result equals the reference's prediction
//!    (`Ok` value or error, with keys translated to reference ids);
//! 2. **the callbacks** called, each once, with the order's new state;
//! 3. **every query**, for every client id, (symbol, exchange id), sub-account,
//!    symbol and parent known so far, and every key ever issued (`get`), plus the
//!    counts, `len`, `is_empty` and `iter`;
//! 4. `check_invariants()` is clean;
//! 5. the named state-machine properties of [`crate::properties`].
//!
//! [`check`] returns the first [`Divergence`]; [`run`] panics with it (what a
//! fuzz target needs). [`check_with`] runs any [`TrackerUnderTest`], such as the
//! deliberately broken ones in [`crate::mutants`].

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use ordertrack::{
    Amendment, AnyOrder, Callbacks, ClientOrderId, ExchangeOrderId, ExecutionReport, ExecutionType,
    ExpiryReason, FailReason, NewOrder, Order, OrderError, OrderEvent, OrderKey, OrderStatus,
    OrderTracker, Outcome, ParentId, Price, Qty, ReportFill, ReportStatus, Side, SubAccountId,
    Symbol, TrackError, TradeId, Violation,
};

use crate::arb::{EXECUTION_TYPES, REPORT_STATUSES};
use crate::ops::{
    ClientIdField, ClientIdPick, CumulativeField, ExchangeIdPick, FillQtyPick, Op, OrderRef,
    RegisterOp, ReportKind, ReportOp, StartState, StartStatus, StatusField, SymbolField, TimeField,
    TradePick, UnknownClientId, UnknownReportOp, pools,
};
use crate::properties;
use crate::reference::{CallbackCall, CallbackKind, RefError, RefId, RefOutcome, ReferenceTracker};

/// The clock's start (ms): far enough from zero for reports dated in the past.
pub const START_TIME: u64 = 1_000_000;
/// The first trade id handed out by [`TradePick::Fresh`].
pub const FIRST_FRESH_TRADE_ID: u64 = 1_000_000;
/// Stands for a key the tracker returned that it never issued.
pub const UNKNOWN_KEY: RefId = usize::MAX;

/// A tracker the harness can drive: the real [`OrderTracker`], or a wrapper
/// around it that breaks one rule ([`crate::mutants`]). Every method defaults to
/// the wrapped tracker's.
#[allow(
    missing_docs,
    reason = "each method is the OrderTracker method of the same name"
)]
pub trait TrackerUnderTest {
    /// The wrapped tracker.
    fn tracker(&self) -> &OrderTracker;
    /// The wrapped tracker, mutably.
    fn tracker_mut(&mut self) -> &mut OrderTracker;

    /// `register`, or `register_with_callbacks` when `callbacks` is given.
    fn register(
        &mut self,
        order: AnyOrder,
        callbacks: Option<Callbacks>,
    ) -> Result<OrderKey, TrackError> {
        match callbacks {
            Some(c) => self.tracker_mut().register_with_callbacks(order, c),
            None => self.tracker_mut().register(order),
        }
    }
    fn unregister(&mut self, key: OrderKey) -> Option<AnyOrder> {
        self.tracker_mut().unregister(key)
    }
    fn set_callbacks(&mut self, key: OrderKey, callbacks: Callbacks) -> Result<(), TrackError> {
        self.tracker_mut().set_callbacks(key, callbacks)
    }
    fn get(&self, key: OrderKey) -> Option<&AnyOrder> {
        self.tracker().get(key)
    }
    fn lookup_client(&self, client_id: &ClientOrderId) -> Option<(OrderKey, &AnyOrder)> {
        self.tracker().lookup_client(client_id)
    }
    fn lookup_exchange(
        &self,
        symbol: &Symbol,
        exchange_id: ExchangeOrderId,
    ) -> Option<(OrderKey, &AnyOrder)> {
        self.tracker().lookup_exchange(symbol, exchange_id)
    }
    fn by_sub_account(&self, sub_account: &SubAccountId) -> Vec<(OrderKey, &AnyOrder)> {
        self.tracker().by_sub_account(sub_account).collect()
    }
    fn active_by_symbol(&self, symbol: &Symbol) -> Vec<(OrderKey, &AnyOrder)> {
        self.tracker().active_by_symbol(symbol).collect()
    }
    fn by_parent(&self, parent: &ParentId) -> Vec<(OrderKey, &AnyOrder)> {
        self.tracker().by_parent(parent).collect()
    }
    fn count_by_sub_account(&self, sub_account: &SubAccountId) -> usize {
        self.tracker().count_by_sub_account(sub_account)
    }
    fn count_active_by_symbol(&self, symbol: &Symbol) -> usize {
        self.tracker().count_active_by_symbol(symbol)
    }
    fn count_by_parent(&self, parent: &ParentId) -> usize {
        self.tracker().count_by_parent(parent)
    }
    fn len(&self) -> usize {
        self.tracker().len()
    }
    fn is_empty(&self) -> bool {
        self.tracker().is_empty()
    }
    fn iter(&self) -> Vec<(OrderKey, &AnyOrder)> {
        self.tracker().iter().collect()
    }
    fn place(&mut self, key: OrderKey, now: u64) -> Result<(), TrackError> {
        self.tracker_mut().place(key, now)
    }
    fn cancel(&mut self, key: OrderKey, now: u64) -> Result<(), TrackError> {
        self.tracker_mut().cancel(key, now)
    }
    fn place_failed(
        &mut self,
        key: OrderKey,
        reason: FailReason,
        now: u64,
    ) -> Result<(), TrackError> {
        self.tracker_mut().place_failed(key, reason, now)
    }
    fn place_in_doubt(&mut self, key: OrderKey, now: u64) -> Result<(), TrackError> {
        self.tracker_mut().place_in_doubt(key, now)
    }
    fn cancel_rejected(&mut self, key: OrderKey, now: u64) -> Result<(), TrackError> {
        self.tracker_mut().cancel_rejected(key, now)
    }
    fn apply(&mut self, report: &ExecutionReport) -> Result<Outcome, TrackError> {
        self.tracker_mut().apply(report)
    }
    fn cleanup_terminal(&mut self, now: u64, max_age: u64) -> usize {
        self.tracker_mut().cleanup_terminal(now, max_age)
    }
    fn check_invariants(&self) -> Result<(), Vec<Violation>> {
        self.tracker().check_invariants()
    }
}

impl TrackerUnderTest for OrderTracker {
    fn tracker(&self) -> &OrderTracker {
        self
    }
    fn tracker_mut(&mut self) -> &mut OrderTracker {
        self
    }
}

/// A fill as the harness records it: trade id, quantity, price.
pub type FillRecord = (TradeId, Qty, Price);

/// An op made concrete: exactly what is done to both trackers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Nothing (the op named an order when none was ever issued, or replayed a
    /// report when none was sent).
    Skip,
    /// `Order::new` refused the order; nothing reaches the trackers.
    Refused(OrderError),
    /// Register `order` (with counting callbacks when `callbacks`); `fills` are
    /// the fills it took before registration.
    Register {
        /// The order, in its start state.
        order: AnyOrder,
        /// Attach counting callbacks.
        callbacks: bool,
        /// Fills applied before registration.
        fills: Vec<FillRecord>,
    },
    /// `place(id, now)`.
    Place {
        /// The order.
        id: RefId,
        /// The time.
        now: u64,
    },
    /// `cancel(id, now)`.
    Cancel {
        /// The order.
        id: RefId,
        /// The time.
        now: u64,
    },
    /// `place_failed(id, reason, now)`.
    PlaceFailed {
        /// The order.
        id: RefId,
        /// The reason.
        reason: FailReason,
        /// The time.
        now: u64,
    },
    /// `place_in_doubt(id, now)`.
    PlaceInDoubt {
        /// The order.
        id: RefId,
        /// The time.
        now: u64,
    },
    /// `cancel_rejected(id, now)`.
    CancelRejected {
        /// The order.
        id: RefId,
        /// The time.
        now: u64,
    },
    /// `apply(report)`.
    Apply {
        /// The report.
        report: ExecutionReport,
    },
    /// `unregister(id)`.
    Unregister {
        /// The order.
        id: RefId,
    },
    /// `set_callbacks(id, counting callbacks)`.
    SetCallbacks {
        /// The order.
        id: RefId,
    },
    /// `cleanup_terminal(now, max_age)`.
    Cleanup {
        /// The time.
        now: u64,
        /// The maximum age.
        max_age: u64,
    },
}

impl Action {
    /// The order an engine request, unregister or callbacks change names.
    #[must_use]
    pub fn target(&self) -> Option<RefId> {
        match *self {
            Self::Place { id, .. }
            | Self::Cancel { id, .. }
            | Self::PlaceFailed { id, .. }
            | Self::PlaceInDoubt { id, .. }
            | Self::CancelRejected { id, .. }
            | Self::Unregister { id }
            | Self::SetCallbacks { id } => Some(id),
            _ => None,
        }
    }
}

/// What an action returned, with keys as reference ids: predicted by the
/// reference, observed on the tracker under test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepOutcome {
    /// [`Action::Skip`] and [`Action::Refused`].
    Nothing,
    /// `register`.
    Registered(Result<RefId, RefError>),
    /// An engine request or `set_callbacks`.
    Done(Result<(), RefError>),
    /// `apply`.
    Applied(Result<RefOutcome, RefError>),
    /// `unregister` (boxed: an order is large).
    Unregistered(Option<Box<AnyOrder>>),
    /// `cleanup_terminal`.
    Cleaned(usize),
}

impl StepOutcome {
    /// Whether the operation returned an error.
    #[must_use]
    pub fn is_err(&self) -> bool {
        matches!(
            self,
            Self::Registered(Err(_)) | Self::Done(Err(_)) | Self::Applied(Err(_))
        )
    }
}

/// The reference model's latest step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The op.
    pub op: Op,
    /// What it became.
    pub action: Action,
    /// What the reference predicts it returns.
    pub expected: StepOutcome,
    /// The callbacks the reference predicts it calls.
    pub calls: Vec<CallbackCall>,
}

/// The reference side of a run: the reference tracker plus the world the ops
/// are resolved in (clock, issued orders, reports sent). This is the
/// `proptest-state-machine` reference state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Model {
    /// The reference tracker.
    pub tracker: ReferenceTracker,
    /// The clock (ms); never goes backwards.
    pub now: u64,
    /// Every order ever registered, by reference id, as last seen (removed ones
    /// keep their last state).
    pub issued: Vec<AnyOrder>,
    /// Every report applied so far, for replays.
    pub sent: Vec<ExecutionReport>,
    /// The next fresh trade id.
    pub next_trade: u64,
    /// The latest step.
    pub last: Option<Step>,
}

impl Default for Model {
    fn default() -> Self {
        Self::new()
    }
}

fn filled_after(order: &AnyOrder, fill: Option<Qty>) -> Qty {
    order
        .filled_qty()
        .checked_add(fill.unwrap_or(Qty::ZERO))
        .unwrap_or(Qty::MAX)
}

fn remaining(order: &AnyOrder) -> Qty {
    order.quantity().saturating_sub(order.filled_qty())
}

fn nth<T: Copy, const N: usize>(items: &[T; N], n: u8, fallback: T) -> T {
    items
        .iter()
        .copied()
        .nth(usize::from(n) % N.max(1))
        .unwrap_or(fallback)
}

impl Model {
    /// An empty world at [`START_TIME`].
    #[must_use]
    pub fn new() -> Self {
        Self {
            tracker: ReferenceTracker::new(),
            now: START_TIME,
            issued: Vec::new(),
            sent: Vec::new(),
            next_trade: FIRST_FRESH_TRADE_ID,
            last: None,
        }
    }

    fn advance(&mut self, dt: u64) -> u64 {
        self.now = self.now.saturating_add(dt);
        self.now
    }

    fn target(&self, order: OrderRef) -> Option<RefId> {
        if self.issued.is_empty() {
            None
        } else {
            Some(usize::from(order.0) % self.issued.len())
        }
    }

    /// The order `id` as it is now (tracked) or was last seen (removed).
    fn current(&self, id: RefId) -> Option<&AnyOrder> {
        self.tracker.get(id).or_else(|| self.issued.get(id))
    }

    /// The exchange id an order goes by: the one it knows, else its own.
    fn exchange_id_of(&self, id: RefId) -> ExchangeOrderId {
        self.current(id)
            .and_then(AnyOrder::exchange_id)
            .unwrap_or_else(|| pools::own_exchange_id(id))
    }

    fn fresh_trade(&mut self) -> TradeId {
        self.next_trade += 1;
        TradeId(self.next_trade)
    }

    /// Turns an op into a concrete action, from the reference's view of the
    /// orders. Deterministic: the same model and op give the same action.
    pub fn resolve(&mut self, op: &Op) -> Action {
        match *op {
            Op::Register(ref r) => self.resolve_register(r),
            Op::Place { order, dt } => self.request(order, dt, |id, now| Action::Place { id, now }),
            Op::Cancel { order, dt } => {
                self.request(order, dt, |id, now| Action::Cancel { id, now })
            }
            Op::PlaceFailed { order, code, dt } => {
                self.request(order, dt, |id, now| Action::PlaceFailed {
                    id,
                    reason: FailReason::ExchangeError {
                        code: i32::from(code),
                    },
                    now,
                })
            }
            Op::PlaceInDoubt { order, dt } => {
                self.request(order, dt, |id, now| Action::PlaceInDoubt { id, now })
            }
            Op::CancelRejected { order, dt } => {
                self.request(order, dt, |id, now| Action::CancelRejected { id, now })
            }
            Op::Report(ref r) => self.resolve_report(r),
            Op::UnknownReport(ref r) => self.resolve_unknown(r),
            Op::Replay { index, dt } => {
                self.advance(u64::from(dt));
                if self.sent.is_empty() {
                    return Action::Skip;
                }
                let i = usize::from(index) % self.sent.len();
                self.sent
                    .get(i)
                    .map_or(Action::Skip, |&report| Action::Apply { report })
            }
            Op::Unregister { order } => self
                .target(order)
                .map_or(Action::Skip, |id| Action::Unregister { id }),
            Op::SetCallbacks { order } => self
                .target(order)
                .map_or(Action::Skip, |id| Action::SetCallbacks { id }),
            Op::Cleanup { dt, max_age } => Action::Cleanup {
                now: self.advance(u64::from(dt)),
                max_age: u64::from(max_age),
            },
        }
    }

    fn request(&mut self, order: OrderRef, dt: u8, make: impl Fn(RefId, u64) -> Action) -> Action {
        let now = self.advance(u64::from(dt));
        self.target(order).map_or(Action::Skip, |id| make(id, now))
    }

    fn resolve_register(&mut self, r: &RegisterOp) -> Action {
        let mut sub_account = pools::sub_account(r.sub_account);
        let mut origin = pools::origin(r.origin);
        let client_id = match r.client_id {
            ClientIdPick::Generated(n) => {
                ClientOrderId::with_unique(&sub_account, origin, u128::from(n))
            }
            ClientIdPick::Foreign(n) => pools::foreign_id(n),
            ClientIdPick::SameAs(other) => match self.target(other).and_then(|i| self.current(i)) {
                Some(o) => {
                    sub_account = o.sub_account();
                    origin = o.spec().origin.unwrap_or(origin);
                    o.client_id()
                }
                None => ClientOrderId::with_unique(&sub_account, origin, 0),
            },
        };
        let at = self.now.saturating_sub(u64::from(r.start.age));
        let spec = NewOrder {
            client_id,
            sub_account,
            symbol: pools::symbol(r.symbol),
            side: if r.buy { Side::Buy } else { Side::Sell },
            order_type: pools::order_type(r.order_type),
            quantity: pools::lots(r.lots),
            price: r.price_ticks.map(pools::price),
            reduce_only: r.reduce_only,
            origin: Some(origin),
            parent: r.parent.map(pools::parent),
            leverage: u16::from(r.leverage),
            created_at: at,
        };
        let order = match Order::new(spec) {
            Ok(order) => AnyOrder::from(order),
            Err(error) => return Action::Refused(error),
        };
        let own = pools::own_exchange_id(self.issued.len());
        let exchange_id = match r.start.exchange_id {
            ExchangeIdPick::Own => Some(own),
            ExchangeIdPick::Omit => None,
            ExchangeIdPick::OfOrder(other) => self.target(other).map(|i| self.exchange_id_of(i)),
            ExchangeIdPick::Raw(n) => Some(pools::raw_exchange_id(n)),
        };
        let price = pools::price(r.price_ticks.unwrap_or(1));
        let (order, fills) = self.build_start(
            order,
            &r.start,
            exchange_id.unwrap_or(own),
            exchange_id.is_some(),
            price,
            at,
        );
        Action::Register {
            order,
            callbacks: r.callbacks,
            fills,
        }
    }

    /// Walks a new order to its start state through legal transitions.
    fn build_start(
        &mut self,
        mut order: AnyOrder,
        start: &StartState,
        exchange_id: ExchangeOrderId,
        acked: bool,
        price: Price,
        at: u64,
    ) -> (AnyOrder, Vec<FillRecord>) {
        let mut fills = Vec::new();
        if start.status == StartStatus::Idle || order.place(at).is_err() {
            return (order, fills);
        }
        let report = |o: &AnyOrder, execution, status, fill: Option<ReportFill>| ExecutionReport {
            client_id: Some(o.client_id()),
            exchange_id: Some(exchange_id),
            symbol: o.symbol(),
            execution,
            status,
            fill,
            cumulative_qty: Some(filled_after(o, fill.map(|f| f.qty))),
            amendment: None,
            terms: None,
            expiry_reason: None,
            transaction_time: at,
        };
        match start.status {
            StartStatus::Idle | StartStatus::Placing => {}
            StartStatus::InDoubt => {
                let _ = order.place_in_doubt(at);
            }
            StartStatus::Failed => {
                let _ = order.place_failed(FailReason::ExchangeError { code: -2019 }, at);
            }
            StartStatus::Active
            | StartStatus::Filled
            | StartStatus::Cancelling
            | StartStatus::Cancelled
            | StartStatus::Expired => {
                let ack =
                    acked || matches!(start.status, StartStatus::Active | StartStatus::Filled);
                if ack {
                    let r = report(&order, ExecutionType::New, ReportStatus::New, None);
                    let _ = order.apply(&r);
                    let lots = pools::lots(start.prefill_lots);
                    if !lots.is_zero() && lots < order.quantity() {
                        let fill = ReportFill {
                            trade_id: self.fresh_trade(),
                            qty: lots,
                            price,
                        };
                        let r = report(
                            &order,
                            ExecutionType::Trade,
                            ReportStatus::PartiallyFilled,
                            Some(fill),
                        );
                        if order.apply(&r).is_ok() {
                            fills.push((fill.trade_id, fill.qty, fill.price));
                        }
                    }
                }
                match start.status {
                    StartStatus::Filled => {
                        let fill = ReportFill {
                            trade_id: self.fresh_trade(),
                            qty: remaining(&order),
                            price,
                        };
                        let r = report(
                            &order,
                            ExecutionType::Trade,
                            ReportStatus::Filled,
                            Some(fill),
                        );
                        if order.apply(&r).is_ok() {
                            fills.push((fill.trade_id, fill.qty, fill.price));
                        }
                    }
                    StartStatus::Cancelling => {
                        let _ = order.request_cancel(at);
                    }
                    StartStatus::Cancelled => {
                        let mut r = report(
                            &order,
                            ExecutionType::Canceled,
                            ReportStatus::Canceled,
                            None,
                        );
                        r.exchange_id = acked.then_some(exchange_id);
                        let _ = order.apply(&r);
                    }
                    StartStatus::Expired => {
                        let mut r =
                            report(&order, ExecutionType::Expired, ReportStatus::Expired, None);
                        r.exchange_id = acked.then_some(exchange_id);
                        let _ = order.apply(&r);
                    }
                    _ => {}
                }
            }
        }
        (order, fills)
    }

    fn resolve_report(&mut self, r: &ReportOp) -> Action {
        let now = self.advance(u64::from(r.dt));
        let Some(id) = self.target(r.order) else {
            return Action::Skip;
        };
        let Some(base) = self.current(id).cloned() else {
            return Action::Skip;
        };
        let client_id = match r.client_id {
            ClientIdField::Own => Some(base.client_id()),
            ClientIdField::Omit => None,
            ClientIdField::OfOrder(other) => self
                .target(other)
                .and_then(|i| self.current(i))
                .map(AnyOrder::client_id),
            ClientIdField::Foreign(n) => Some(pools::foreign_id(n)),
        };
        let exchange_id = match r.exchange_id {
            ExchangeIdPick::Own => Some(self.exchange_id_of(id)),
            ExchangeIdPick::Omit => None,
            ExchangeIdPick::OfOrder(other) => self.target(other).map(|i| self.exchange_id_of(i)),
            ExchangeIdPick::Raw(n) => Some(pools::raw_exchange_id(n)),
        };
        let symbol = match r.symbol {
            SymbolField::Own => base.symbol(),
            SymbolField::Pool(n) => pools::report_symbol(n),
        };
        let report = self.build_report(
            Some(&base),
            client_id,
            exchange_id,
            symbol,
            &r.kind,
            r.status,
            r.cumulative,
            time(now, r.time),
        );
        Action::Apply { report }
    }

    fn resolve_unknown(&mut self, r: &UnknownReportOp) -> Action {
        let client_id = match r.client_id {
            UnknownClientId::None => None,
            UnknownClientId::Foreign(n) => Some(pools::foreign_id(n)),
            UnknownClientId::Ours {
                sub_account,
                origin,
                unique,
            } => Some(ClientOrderId::with_unique(
                &pools::sub_account(sub_account),
                pools::origin(origin),
                u128::from(unique),
            )),
        };
        let report = self.build_report(
            None,
            client_id,
            r.exchange_id.map(pools::raw_exchange_id),
            pools::report_symbol(r.symbol),
            &r.kind,
            StatusField::Consistent,
            CumulativeField::Consistent,
            time(self.now, r.time),
        );
        Action::Apply { report }
    }

    #[allow(clippy::too_many_arguments, reason = "one argument per report field")]
    fn build_report(
        &mut self,
        base: Option<&AnyOrder>,
        client_id: Option<ClientOrderId>,
        exchange_id: Option<ExchangeOrderId>,
        symbol: Symbol,
        kind: &ReportKind,
        status: StatusField,
        cumulative: CumulativeField,
        transaction_time: u64,
    ) -> ExecutionReport {
        let filled = base.map_or(Qty::ZERO, AnyOrder::filled_qty);
        let rest = base.map_or_else(|| pools::lots(1), remaining);
        let mut fill = None;
        let mut amendment = None;
        let mut expiry_reason = None;
        let (execution, consistent) = match *kind {
            ReportKind::Ack => (ExecutionType::New, ReportStatus::New),
            ReportKind::Fill {
                calculated,
                trade,
                qty,
                price_ticks,
            } => {
                let trade_id = match trade {
                    TradePick::Fresh => self.fresh_trade(),
                    TradePick::Pool(n) => TradeId(u64::from(n % 4) + 1),
                    TradePick::Repeat(n) => {
                        let known = base.map_or(&[][..], |o| o.fills().trade_ids());
                        if known.is_empty() {
                            self.fresh_trade()
                        } else {
                            let i = usize::from(n) % known.len();
                            known.get(i).copied().unwrap_or(TradeId(0))
                        }
                    }
                };
                let qty = match qty {
                    FillQtyPick::Rest => rest,
                    FillQtyPick::Lots(n) => pools::lots(n),
                    FillQtyPick::Zero => Qty::ZERO,
                    FillQtyPick::Overfill => rest.checked_add(pools::lots(1)).unwrap_or(Qty::MAX),
                    FillQtyPick::Huge => Qty::MAX,
                };
                fill = Some(ReportFill {
                    trade_id,
                    qty,
                    price: pools::price(price_ticks),
                });
                let execution = if calculated {
                    ExecutionType::Calculated
                } else {
                    ExecutionType::Trade
                };
                let complete = base.is_some_and(|o| filled_after(o, Some(qty)) >= o.quantity());
                let status = if complete {
                    ReportStatus::Filled
                } else {
                    ReportStatus::PartiallyFilled
                };
                (execution, status)
            }
            ReportKind::Cancel => (ExecutionType::Canceled, ReportStatus::Canceled),
            ReportKind::Expire { in_match, reason } => {
                expiry_reason = reason.map(ExpiryReason);
                let status = if in_match {
                    ReportStatus::ExpiredInMatch
                } else {
                    ReportStatus::Expired
                };
                (ExecutionType::Expired, status)
            }
            ReportKind::Amend { lots, price_ticks } => {
                amendment = Some(Amendment {
                    quantity: pools::lots(lots),
                    price: price_ticks.map(pools::price),
                });
                let status = if filled.is_zero() {
                    ReportStatus::New
                } else {
                    ReportStatus::PartiallyFilled
                };
                (ExecutionType::Amendment, status)
            }
            ReportKind::Reject => (ExecutionType::Rejected, ReportStatus::Rejected),
            ReportKind::Bare { execution } => {
                let execution = nth(&EXECUTION_TYPES, execution, ExecutionType::New);
                let status = REPORT_STATUSES
                    .into_iter()
                    .find(|&s| execution.allows(s))
                    .unwrap_or(ReportStatus::New);
                (execution, status)
            }
        };
        ExecutionReport {
            client_id,
            exchange_id,
            symbol,
            execution,
            status: match status {
                StatusField::Consistent => consistent,
                StatusField::Raw(n) => nth(&REPORT_STATUSES, n, ReportStatus::New),
            },
            fill,
            cumulative_qty: Some(match cumulative {
                CumulativeField::Consistent => filled
                    .checked_add(fill.map_or(Qty::ZERO, |f| f.qty))
                    .unwrap_or(Qty::MAX),
                CumulativeField::Lots(n) => pools::lots(n),
            }),
            terms: None,
            amendment,
            expiry_reason,
            transaction_time,
        }
    }

    /// Applies an action to the reference tracker; returns its prediction.
    pub fn perform(&mut self, action: &Action) -> StepOutcome {
        let t = &mut self.tracker;
        let outcome = match *action {
            Action::Skip | Action::Refused(_) => {
                t.calls.clear();
                StepOutcome::Nothing
            }
            Action::Register {
                ref order,
                callbacks,
                ..
            } => {
                let result = t.register(order.clone(), callbacks);
                if result.is_ok() {
                    self.issued.push(order.clone());
                }
                StepOutcome::Registered(result)
            }
            Action::Place { id, now } => StepOutcome::Done(t.place(id, now)),
            Action::Cancel { id, now } => StepOutcome::Done(t.cancel(id, now)),
            Action::PlaceFailed { id, reason, now } => {
                StepOutcome::Done(t.place_failed(id, reason, now))
            }
            Action::PlaceInDoubt { id, now } => StepOutcome::Done(t.place_in_doubt(id, now)),
            Action::CancelRejected { id, now } => StepOutcome::Done(t.cancel_rejected(id, now)),
            Action::Apply { report } => {
                self.sent.push(report);
                StepOutcome::Applied(self.tracker.apply(&report))
            }
            Action::Unregister { id } => StepOutcome::Unregistered(t.unregister(id).map(Box::new)),
            Action::SetCallbacks { id } => StepOutcome::Done(t.set_callbacks(id)),
            Action::Cleanup { now, max_age } => {
                StepOutcome::Cleaned(t.cleanup_terminal(now, max_age))
            }
        };
        for r in &self.tracker.records {
            if let Some(last) = self.issued.get_mut(r.id)
                && *last != r.order
            {
                last.clone_from(&r.order);
            }
        }
        outcome
    }

    /// Resolves and performs one op, recording it as [`Model::last`].
    pub fn step(&mut self, op: &Op) {
        let action = self.resolve(op);
        let expected = self.perform(&action);
        self.last = Some(Step {
            op: *op,
            action,
            expected,
            calls: self.tracker.calls.clone(),
        });
    }

    /// The ids, symbols and accounts worth querying now.
    #[must_use]
    pub fn probe(&self) -> Probe {
        let mut p = Probe::default();
        for n in 0..pools::FOREIGN_IDS.len() {
            p.client_ids.insert(pools::foreign_id(n as u8));
        }
        for n in 0..pools::SUB_ACCOUNTS.len() {
            p.sub_accounts.insert(pools::sub_account(n as u8));
        }
        for n in 0..pools::REPORT_SYMBOLS.len() {
            let symbol = pools::report_symbol(n as u8);
            p.symbols.insert(symbol);
            for raw in 0..8 {
                p.exchange_ids.insert((symbol, pools::raw_exchange_id(raw)));
            }
        }
        for n in 0..pools::PARENTS.len() {
            p.parents.insert(pools::parent(n as u8));
        }
        for (id, o) in self.issued.iter().enumerate() {
            let o = self.tracker.get(id).unwrap_or(o);
            p.client_ids.insert(o.client_id());
            p.sub_accounts.insert(o.sub_account());
            p.symbols.insert(o.symbol());
            p.exchange_ids
                .insert((o.symbol(), pools::own_exchange_id(id)));
            if let Some(x) = o.exchange_id() {
                p.exchange_ids.insert((o.symbol(), x));
            }
            if let Some(parent) = o.parent() {
                p.parents.insert(parent);
            }
        }
        for r in &self.sent {
            if let Some(c) = r.client_id {
                p.client_ids.insert(c);
            }
            if let Some(x) = r.exchange_id {
                p.exchange_ids.insert((r.symbol, x));
            }
        }
        p
    }

    /// What the reference answers to every query of `probe`.
    #[must_use]
    pub fn observe(&self, probe: &Probe) -> Observed {
        let t = &self.tracker;
        let summary = |(id, o): (RefId, &AnyOrder)| Summary::of(id, o);
        let list = |v: Vec<(RefId, &AnyOrder)>| {
            let mut v: Vec<Summary> = v.into_iter().map(summary).collect();
            v.sort();
            let n = v.len();
            (v, n)
        };
        Observed {
            orders: (0..self.issued.len())
                .map(|id| t.get(id).cloned())
                .collect(),
            by_client: probe
                .client_ids
                .iter()
                .map(|c| (*c, t.lookup_client(c).map(summary)))
                .collect(),
            by_exchange: probe
                .exchange_ids
                .iter()
                .map(|&(s, x)| ((s, x), t.lookup_exchange(&s, x).map(summary)))
                .collect(),
            by_sub_account: probe
                .sub_accounts
                .iter()
                .map(|s| (*s, list(t.by_sub_account(s))))
                .collect(),
            active_by_symbol: probe
                .symbols
                .iter()
                .map(|s| (*s, list(t.active_by_symbol(s))))
                .collect(),
            by_parent: probe
                .parents
                .iter()
                .map(|p| (*p, list(t.by_parent(p))))
                .collect(),
            all: list(t.records.iter().map(|r| (r.id, &r.order)).collect()).0,
            len: t.len(),
            is_empty: t.is_empty(),
        }
    }
}

fn time(now: u64, field: TimeField) -> u64 {
    match field {
        TimeField::Now => now,
        TimeField::Past(ago) => now.saturating_sub(u64::from(ago)),
        TimeField::Future(ahead) => now.saturating_add(u64::from(ahead)),
    }
}

/// What to query after each step.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Probe {
    /// Client ids: the pools', every issued order's, every report's.
    pub client_ids: BTreeSet<ClientOrderId>,
    /// (symbol, exchange id) pairs: raw ids on every symbol, every order's own
    /// and known id, every report's.
    pub exchange_ids: BTreeSet<(Symbol, ExchangeOrderId)>,
    /// Sub-accounts.
    pub sub_accounts: BTreeSet<SubAccountId>,
    /// Symbols.
    pub symbols: BTreeSet<Symbol>,
    /// Parents.
    pub parents: BTreeSet<ParentId>,
}

/// One order as a query shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Summary {
    /// Its reference id ([`UNKNOWN_KEY`] for a key never issued).
    pub id: RefId,
    /// Its client id.
    pub client_id: ClientOrderId,
    /// Its status, as a lifecycle index.
    pub status: u8,
    /// Its filled quantity.
    pub filled: Qty,
}

impl Summary {
    fn of(id: RefId, order: &AnyOrder) -> Self {
        let status = OrderStatus::ALL
            .iter()
            .position(|&s| s == order.status())
            .unwrap_or(0) as u8;
        Self {
            id,
            client_id: order.client_id(),
            status,
            filled: order.filled_qty(),
        }
    }
}

/// Answers to a list query and the matching count.
pub type ListAnswer = (Vec<Summary>, usize);

/// Everything observable about a tracker, for one [`Probe`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Observed {
    /// `get(key)` for every key issued, by reference id.
    pub orders: Vec<Option<AnyOrder>>,
    /// `lookup_client`.
    pub by_client: Vec<(ClientOrderId, Option<Summary>)>,
    /// `lookup_exchange`.
    pub by_exchange: Vec<((Symbol, ExchangeOrderId), Option<Summary>)>,
    /// `by_sub_account` (sorted) and `count_by_sub_account`.
    pub by_sub_account: Vec<(SubAccountId, ListAnswer)>,
    /// `active_by_symbol` (sorted) and `count_active_by_symbol`.
    pub active_by_symbol: Vec<(Symbol, ListAnswer)>,
    /// `by_parent` (sorted) and `count_by_parent`.
    pub by_parent: Vec<(ParentId, ListAnswer)>,
    /// `iter()`, sorted.
    pub all: Vec<Summary>,
    /// `len()`.
    pub len: usize,
    /// `is_empty()`.
    pub is_empty: bool,
}

impl Observed {
    /// A readable list of the differences with `expected` (at most `limit`).
    #[must_use]
    pub fn diff(&self, expected: &Self, limit: usize) -> Vec<String> {
        let mut out = Vec::new();
        let longest = self.orders.len().max(expected.orders.len());
        for id in 0..longest {
            let (a, e) = (self.orders.get(id), expected.orders.get(id));
            if a != e {
                out.push(format!("get(#{id}): tracker {a:?}\n      reference {e:?}"));
            }
        }
        fn lists<K: fmt::Debug + PartialEq, V: fmt::Debug + PartialEq>(
            name: &str,
            a: &[(K, V)],
            e: &[(K, V)],
            out: &mut Vec<String>,
        ) {
            for ((ka, va), (_, ve)) in a.iter().zip(e) {
                if va != ve {
                    out.push(format!(
                        "{name}({ka:?}): tracker {va:?}\n      reference {ve:?}"
                    ));
                }
            }
            if a.len() != e.len() {
                out.push(format!("{name}: {} probes vs {}", a.len(), e.len()));
            }
        }
        lists(
            "lookup_client",
            &self.by_client,
            &expected.by_client,
            &mut out,
        );
        lists(
            "lookup_exchange",
            &self.by_exchange,
            &expected.by_exchange,
            &mut out,
        );
        lists(
            "by_sub_account",
            &self.by_sub_account,
            &expected.by_sub_account,
            &mut out,
        );
        lists(
            "active_by_symbol",
            &self.active_by_symbol,
            &expected.active_by_symbol,
            &mut out,
        );
        lists("by_parent", &self.by_parent, &expected.by_parent, &mut out);
        if self.all != expected.all {
            out.push(format!(
                "iter: tracker {:?}\n      reference {:?}",
                self.all, expected.all
            ));
        }
        if (self.len, self.is_empty) != (expected.len, expected.is_empty) {
            out.push(format!(
                "len/is_empty: tracker {}/{} reference {}/{}",
                self.len, self.is_empty, expected.len, expected.is_empty
            ));
        }
        out.truncate(limit);
        out
    }
}

/// What the properties know about the run beyond the current state, built from
/// the tracker's own answers only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    /// Per reference id: the client id it was registered with.
    pub client_ids: Vec<ClientOrderId>,
    /// Per reference id: every fill the tracker said it applied (and those
    /// applied before registration).
    pub fills: Vec<Vec<FillRecord>>,
    /// Per reference id: whether it was ever seen Cancelled.
    pub ever_cancelled: Vec<bool>,
    /// Per reference id: whether it was seen tracked and then gone.
    pub removed: Vec<bool>,
}

type CallLog = Arc<Mutex<Vec<CallbackCall>>>;

fn counting_callbacks(log: &CallLog, id: RefId) -> Callbacks {
    let make = |kind: CallbackKind| {
        let log = Arc::clone(log);
        move |event: &OrderEvent<'_>| {
            let call = CallbackCall {
                id,
                kind,
                status: event.order.status(),
                filled: event.order.filled_qty(),
            };
            log.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(call);
        }
    };
    Callbacks::new()
        .on_partial(make(CallbackKind::Partial))
        .on_fill(make(CallbackKind::Fill))
        .on_late_fill(make(CallbackKind::LateFill))
        .on_cancel(make(CallbackKind::Cancel))
        .on_expire(make(CallbackKind::Expire))
        .on_fail(make(CallbackKind::Fail))
}

/// The tracker side of a run: the tracker under test, the keys it issued (by
/// reference id), the callbacks' log and the history the properties use.
pub struct Driver<T: TrackerUnderTest = OrderTracker> {
    /// The tracker under test.
    pub tracker: T,
    /// Every key it issued, by reference id.
    pub keys: Vec<OrderKey>,
    ids: HashMap<OrderKey, RefId>,
    log: CallLog,
    /// What the properties know about the run.
    pub history: History,
    /// The observation after the latest step.
    pub observed: Observed,
}

impl<T: TrackerUnderTest> fmt::Debug for Driver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Driver")
            .field("keys", &self.keys)
            .field("history", &self.history)
            .finish_non_exhaustive()
    }
}

impl<T: TrackerUnderTest> Driver<T> {
    /// Drives `tracker`, which must be empty.
    pub fn new(tracker: T) -> Self {
        Self {
            tracker,
            keys: Vec::new(),
            ids: HashMap::new(),
            log: Arc::default(),
            history: History::default(),
            observed: Observed::default(),
        }
    }

    fn id(&self, key: OrderKey) -> RefId {
        self.ids.get(&key).copied().unwrap_or(UNKNOWN_KEY)
    }

    fn key(&self, id: RefId) -> OrderKey {
        self.keys.get(id).copied().unwrap_or_default()
    }

    fn error(&self, e: TrackError) -> RefError {
        match e {
            TrackError::DuplicateClientId { client_id } => {
                RefError::DuplicateClientId { client_id }
            }
            TrackError::ExchangeIdTaken {
                symbol,
                exchange_id,
                holder,
                ..
            } => RefError::ExchangeIdTaken {
                symbol,
                exchange_id,
                holder: self.id(holder),
            },
            TrackError::StaleKey { key } => RefError::StaleKey { id: self.id(key) },
            TrackError::UnknownClientId { client_id } => RefError::UnknownClientId { client_id },
            TrackError::Apply { key, source } => RefError::Apply {
                id: self.id(key),
                source,
            },
            TrackError::Request { key, source } => RefError::Request {
                id: self.id(key),
                source,
            },
        }
    }

    fn done(&self, r: Result<(), TrackError>) -> StepOutcome {
        StepOutcome::Done(r.map_err(|e| self.error(e)))
    }

    /// Performs an action on the tracker under test; returns what it did, in
    /// reference terms.
    pub fn perform(&mut self, action: &Action) -> StepOutcome {
        match *action {
            Action::Skip | Action::Refused(_) => StepOutcome::Nothing,
            Action::Register {
                ref order,
                callbacks,
                ref fills,
            } => {
                let id = self.keys.len();
                let callbacks = callbacks.then(|| counting_callbacks(&self.log, id));
                match self.tracker.register(order.clone(), callbacks) {
                    Ok(key) => {
                        // A key equal to one issued before would be a stale key
                        // reaching a new order: report it as that old id.
                        let reported = self.ids.get(&key).copied().unwrap_or(id);
                        self.keys.push(key);
                        self.ids.entry(key).or_insert(id);
                        self.history.client_ids.push(order.client_id());
                        self.history.fills.push(fills.clone());
                        self.history.ever_cancelled.push(false);
                        self.history.removed.push(false);
                        StepOutcome::Registered(Ok(reported))
                    }
                    Err(e) => StepOutcome::Registered(Err(self.error(e))),
                }
            }
            Action::Place { id, now } => {
                let r = self.tracker.place(self.key(id), now);
                self.done(r)
            }
            Action::Cancel { id, now } => {
                let r = self.tracker.cancel(self.key(id), now);
                self.done(r)
            }
            Action::PlaceFailed { id, reason, now } => {
                let r = self.tracker.place_failed(self.key(id), reason, now);
                self.done(r)
            }
            Action::PlaceInDoubt { id, now } => {
                let r = self.tracker.place_in_doubt(self.key(id), now);
                self.done(r)
            }
            Action::CancelRejected { id, now } => {
                let r = self.tracker.cancel_rejected(self.key(id), now);
                self.done(r)
            }
            Action::Apply { ref report } => {
                let result = match self.tracker.apply(report) {
                    Ok(Outcome::Applied { key, applied }) => {
                        let id = self.id(key);
                        if let (Some(f), Some(fills)) =
                            (applied.fill(), self.history.fills.get_mut(id))
                        {
                            fills.push((f.trade_id, f.qty, f.price));
                        }
                        Ok(RefOutcome::Applied { id, applied })
                    }
                    Ok(Outcome::Unknown(u)) => Ok(RefOutcome::Unknown(u)),
                    Err(e) => Err(self.error(e)),
                };
                StepOutcome::Applied(result)
            }
            Action::Unregister { id } => {
                StepOutcome::Unregistered(self.tracker.unregister(self.key(id)).map(Box::new))
            }
            Action::SetCallbacks { id } => {
                let callbacks = counting_callbacks(&self.log, id);
                let r = self.tracker.set_callbacks(self.key(id), callbacks);
                self.done(r)
            }
            Action::Cleanup { now, max_age } => {
                StepOutcome::Cleaned(self.tracker.cleanup_terminal(now, max_age))
            }
        }
    }

    /// The callbacks called since the last call to this.
    pub fn take_calls(&mut self) -> Vec<CallbackCall> {
        std::mem::take(&mut *self.log.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// What the tracker under test answers to every query of `probe`.
    pub fn observe(&self, probe: &Probe) -> Observed {
        let t = &self.tracker;
        let summary = |(key, o): (OrderKey, &AnyOrder)| Summary::of(self.id(key), o);
        let list = |v: Vec<(OrderKey, &AnyOrder)>, count: usize| {
            let mut v: Vec<Summary> = v.into_iter().map(summary).collect();
            v.sort();
            (v, count)
        };
        Observed {
            orders: self.keys.iter().map(|&k| t.get(k).cloned()).collect(),
            by_client: probe
                .client_ids
                .iter()
                .map(|c| (*c, t.lookup_client(c).map(summary)))
                .collect(),
            by_exchange: probe
                .exchange_ids
                .iter()
                .map(|&(s, x)| ((s, x), t.lookup_exchange(&s, x).map(summary)))
                .collect(),
            by_sub_account: probe
                .sub_accounts
                .iter()
                .map(|s| (*s, list(t.by_sub_account(s), t.count_by_sub_account(s))))
                .collect(),
            active_by_symbol: probe
                .symbols
                .iter()
                .map(|s| (*s, list(t.active_by_symbol(s), t.count_active_by_symbol(s))))
                .collect(),
            by_parent: probe
                .parents
                .iter()
                .map(|p| (*p, list(t.by_parent(p), t.count_by_parent(p))))
                .collect(),
            all: list(t.iter(), 0).0,
            len: t.len(),
            is_empty: t.is_empty(),
        }
    }

    fn update_history(&mut self, before: &Observed) {
        for (id, after) in self.observed.orders.iter().enumerate() {
            if let Some(flag) = self.history.ever_cancelled.get_mut(id) {
                *flag |= after
                    .as_ref()
                    .is_some_and(|o| o.status() == OrderStatus::Cancelled);
            }
            let was = before.orders.get(id).is_some_and(Option::is_some);
            if let Some(flag) = self.history.removed.get_mut(id) {
                *flag |= was && after.is_none();
            }
        }
    }
}

/// Which checks a run makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckOptions {
    /// Compare outcomes, callbacks and queries with the reference model.
    pub compare_model: bool,
    /// Require `check_invariants()` to be clean.
    pub invariants: bool,
    /// Check the named properties of [`crate::properties`].
    pub properties: bool,
    /// With `properties`: check only the property of this name.
    pub only_property: Option<&'static str>,
}

impl Default for CheckOptions {
    fn default() -> Self {
        Self::ALL
    }
}

impl CheckOptions {
    /// Every check.
    pub const ALL: Self = Self {
        compare_model: true,
        invariants: true,
        properties: true,
        only_property: None,
    };
    /// Only the named properties (no reference model, no invariant checker).
    pub const PROPERTIES_ONLY: Self = Self {
        compare_model: false,
        invariants: false,
        properties: true,
        only_property: None,
    };
    /// Only the comparison with the reference model.
    pub const MODEL_ONLY: Self = Self {
        compare_model: true,
        invariants: false,
        properties: false,
        only_property: None,
    };

    /// Only the property called `name` (see [`crate::properties::ALL`]).
    #[must_use]
    pub const fn only_property(name: &'static str) -> Self {
        Self {
            only_property: Some(name),
            ..Self::PROPERTIES_ONLY
        }
    }
}

/// The first disagreement found: where, what was done, which check failed, and
/// how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Divergence {
    /// Index of the op in the sequence.
    pub index: usize,
    /// The op.
    pub op: Op,
    /// What it became.
    pub action: Action,
    /// The check that failed: `outcome`, `callbacks`, `queries`,
    /// `check_invariants`, or a property's name.
    pub check: &'static str,
    /// The difference.
    pub detail: String,
}

impl fmt::Display for Divergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "divergence at op #{} ({}):", self.index, self.check)?;
        writeln!(f, "  op:     {:?}", self.op)?;
        writeln!(f, "  action: {:?}", self.action)?;
        write!(f, "  {}", self.detail)
    }
}

impl std::error::Error for Divergence {}

/// The tracker side of a run, with the state kept between steps.
pub struct Sut<T: TrackerUnderTest = OrderTracker> {
    /// The driver.
    pub driver: Driver<T>,
    /// Which checks to make.
    pub options: CheckOptions,
    /// Index of the next op.
    pub index: usize,
}

impl<T: TrackerUnderTest> fmt::Debug for Sut<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sut")
            .field("driver", &self.driver)
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

impl<T: TrackerUnderTest> Sut<T> {
    /// A run of `tracker` (empty) with `options`.
    pub fn new(tracker: T, options: CheckOptions) -> Self {
        Self {
            driver: Driver::new(tracker),
            options,
            index: 0,
        }
    }

    /// Performs `model.last` (the step the model just took) on the tracker under
    /// test and makes every check.
    ///
    /// # Errors
    /// The first [`Divergence`] found.
    pub fn verify(&mut self, model: &Model) -> Result<(), Divergence> {
        let index = self.index;
        self.index += 1;
        let Some(step) = model.last.as_ref() else {
            return Ok(());
        };
        let fail = |check: &'static str, detail: String| Divergence {
            index,
            op: step.op,
            action: step.action.clone(),
            check,
            detail,
        };
        let d = &mut self.driver;
        let actual = d.perform(&step.action);
        let calls = d.take_calls();
        let probe = model.probe();
        let before = std::mem::take(&mut d.observed);
        d.observed = d.observe(&probe);
        d.update_history(&before);
        if self.options.compare_model {
            if actual != step.expected {
                return Err(fail(
                    "outcome",
                    format!("tracker:   {actual:?}\n  reference: {:?}", step.expected),
                ));
            }
            if calls != step.calls {
                return Err(fail(
                    "callbacks",
                    format!("tracker:   {calls:?}\n  reference: {:?}", step.calls),
                ));
            }
            let expected = model.observe(&probe);
            if d.observed != expected {
                let diff = d.observed.diff(&expected, 8);
                return Err(fail("queries", diff.join("\n  ")));
            }
        }
        if self.options.invariants
            && let Err(violations) = d.tracker.check_invariants()
        {
            return Err(fail("check_invariants", format!("{violations:?}")));
        }
        if self.options.properties {
            let view = properties::StepView {
                action: &step.action,
                outcome: &actual,
                calls: &calls,
                before: &before,
                after: &d.observed,
                history: &d.history,
            };
            for (name, property) in properties::ALL {
                if self.options.only_property.is_some_and(|only| only != name) {
                    continue;
                }
                if let Err(detail) = property(&view) {
                    return Err(fail(name, detail));
                }
            }
        }
        Ok(())
    }
}

/// A whole run: the reference model and the tracker under test, side by side.
pub struct Harness<T: TrackerUnderTest = OrderTracker> {
    /// The reference side.
    pub model: Model,
    /// The tracker side.
    pub sut: Sut<T>,
}

impl<T: TrackerUnderTest> Harness<T> {
    /// A run of `tracker` (empty) with `options`.
    pub fn new(tracker: T, options: CheckOptions) -> Self {
        Self {
            model: Model::new(),
            sut: Sut::new(tracker, options),
        }
    }

    /// Applies one op to both sides and checks everything.
    ///
    /// # Errors
    /// The first [`Divergence`] found.
    pub fn step(&mut self, op: &Op) -> Result<(), Divergence> {
        self.model.step(op);
        self.sut.verify(&self.model)
    }
}

/// Runs `ops` against `tracker` with `options`.
///
/// # Errors
/// The first [`Divergence`] found.
pub fn check_with<T: TrackerUnderTest>(
    tracker: T,
    ops: &[Op],
    options: CheckOptions,
) -> Result<(), Divergence> {
    let mut harness = Harness::new(tracker, options);
    ops.iter().try_for_each(|op| harness.step(op))
}

/// Runs `ops` against a fresh [`OrderTracker`] and the reference model, making
/// every check after every op.
///
/// # Errors
/// The first [`Divergence`] found.
pub fn check(ops: &[Op]) -> Result<(), Divergence> {
    check_with(OrderTracker::new(), ops, CheckOptions::ALL)
}

/// [`check`], panicking on the first divergence with the op index, the op, the
/// action and the difference: what a fuzz target calls.
///
/// # Panics
/// On any divergence between the tracker and the reference model, any
/// invariant violation, any property violated.
#[allow(
    clippy::panic,
    reason = "a divergence must abort the fuzz target or test with its description"
)]
pub fn run(ops: &[Op]) {
    if let Err(divergence) = check(ops) {
        panic!("{divergence}");
    }
}
