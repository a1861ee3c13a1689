//! The comparison: every live tracked order against the exchange's view, and
//! every order the exchange lists against the tracker, into a
//! [`Reconciliation`]. Nothing is changed here.

use std::collections::{HashMap, HashSet};

use ordertrack::{
    AlgoId, AnyOrder, ClientOrderId, ExchangeOrderId, ExecutionReport, OrderKey, OrderTracker, Qty,
    ReportStatus, StateData, Symbol,
};

use super::book::{book, missed_trades};
use super::fetch::on_algo_service;
use super::read::{self, Queried};
pub use super::report::{ForeignOrder, LeftAlone, Reconciliation, Step, StepKind};
use super::{Fetch, OrderId, ReconcileError, Snapshot, UserTrade};
use crate::rest::{AlgoSnapshot, OrderSnapshot};
use crate::wire::WireAlgoStatus;

/// One symbol's list, indexed by client id and exchange (or algo) id.
pub(super) struct Listed<T> {
    pub(super) items: Vec<T>,
    by_client: HashMap<ClientOrderId, usize>,
    by_id: HashMap<u64, usize>,
}

impl<T> Listed<T> {
    fn new(items: Vec<T>, ids: impl Fn(&T) -> (ClientOrderId, Option<u64>)) -> Self {
        let mut by_client = HashMap::with_capacity(items.len());
        let mut by_id = HashMap::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let (client_id, id) = ids(item);
            by_client.insert(client_id, i);
            if let Some(id) = id {
                by_id.insert(id, i);
            }
        }
        Self {
            items,
            by_client,
            by_id,
        }
    }

    fn find(&self, client_id: &ClientOrderId, id: Option<u64>) -> Option<&T> {
        self.by_client
            .get(client_id)
            .or_else(|| id.and_then(|id| self.by_id.get(&id)))
            .and_then(|&i| self.items.get(i))
    }
}

/// Compares the tracker with the snapshot's answers at `now` (ms): the
/// [`Reconciliation`] (see the [module documentation](super)). A placement
/// the exchange does not know is failed only once `recv_window_ms` has
/// passed since it was sent ([`super::DEFAULT_RECV_WINDOW_MS`] is Binance's
/// default).
///
/// # Errors
/// [`ReconcileError`] for an answer the comparison needs that is an error
/// (other than "no such order" to a query), unreadable, or about another
/// order; nothing is changed.
pub fn reconcile(
    tracker: &OrderTracker,
    snapshot: &Snapshot,
    now: u64,
    recv_window_ms: u64,
) -> Result<Reconciliation, ReconcileError> {
    let mut planner = Planner {
        snapshot,
        now,
        recv_window_ms,
        lists: HashMap::new(),
        algo_lists: HashMap::new(),
        triggered_into: HashSet::new(),
        out: Reconciliation::default(),
    };
    for (key, order) in tracker.iter() {
        if order.status().is_live() {
            planner.order(key, order)?;
        }
    }
    planner.untracked(tracker)?;
    Ok(planner.out)
}

pub(super) struct Planner<'a> {
    pub(super) snapshot: &'a Snapshot,
    now: u64,
    recv_window_ms: u64,
    lists: HashMap<Symbol, Option<Listed<OrderSnapshot>>>,
    algo_lists: HashMap<Symbol, Option<Listed<AlgoSnapshot>>>,
    /// The matching-engine orders conditional orders triggered into, as the
    /// algo answers say: never adopted as orders of their own.
    pub(super) triggered_into: HashSet<(Symbol, ExchangeOrderId)>,
    pub(super) out: Reconciliation,
}

impl Planner<'_> {
    fn need(&mut self, fetch: Fetch) {
        if !self.out.to_fetch.contains(&fetch) {
            self.out.to_fetch.push(fetch);
        }
    }

    pub(super) fn list(
        &mut self,
        symbol: Symbol,
    ) -> Result<Option<&Listed<OrderSnapshot>>, ReconcileError> {
        if !self.lists.contains_key(&symbol) {
            let read = read::open_orders(self.snapshot, &Fetch::OpenOrders { symbol })?;
            let listed = read.map(|items| {
                Listed::new(items, |o: &OrderSnapshot| {
                    (o.client_id, Some(o.exchange_id.0))
                })
            });
            self.lists.insert(symbol, listed);
        }
        Ok(self.lists.get(&symbol).and_then(Option::as_ref))
    }

    pub(super) fn algo_list(
        &mut self,
        symbol: Symbol,
    ) -> Result<Option<&Listed<AlgoSnapshot>>, ReconcileError> {
        if !self.algo_lists.contains_key(&symbol) {
            let read = read::open_algo_orders(self.snapshot, &Fetch::OpenAlgoOrders { symbol })?;
            let listed = read.map(|items| {
                Listed::new(items, |o: &AlgoSnapshot| {
                    (o.client_id, Some(o.algo_id.get()))
                })
            });
            self.algo_lists.insert(symbol, listed);
        }
        Ok(self.algo_lists.get(&symbol).and_then(Option::as_ref))
    }

    fn order(&mut self, key: OrderKey, order: &AnyOrder) -> Result<(), ReconcileError> {
        if on_algo_service(order) {
            self.conditional(key, order)
        } else {
            self.engine(key, order, Vec::new(), order.exchange_id())
        }
    }

    /// A conditional order not yet triggered: `openAlgoOrders`, else its
    /// query.
    fn conditional(&mut self, key: OrderKey, order: &AnyOrder) -> Result<(), ReconcileError> {
        let symbol = order.symbol();
        let client_id = order.client_id();
        let algo_id = order.algo_id().map(AlgoId::get);
        let Some(list) = self.algo_list(symbol)? else {
            self.need(Fetch::OpenAlgoOrders { symbol });
            return Ok(());
        };
        let listed = list.find(&client_id, algo_id).copied();
        let answer = match listed {
            Some(listed) => listed,
            None => {
                let fetch = Fetch::AlgoOrder { symbol, client_id };
                match read::algo_order(self.snapshot, &fetch, client_id)? {
                    None => {
                        self.need(fetch);
                        return Ok(());
                    }
                    Some(Queried::NotFound(code)) => return self.unknown(key, order, code),
                    Some(Queried::Found(answer)) => answer,
                }
            }
        };
        let step = |kind| Step {
            key: Some(key),
            client_id,
            symbol,
            kind,
            trades: Vec::new(),
            reports: vec![answer.report()],
            fail: None,
            unbooked: Qty::ZERO,
            adopt: None,
        };
        match (answer.status, answer.exchange_id) {
            (WireAlgoStatus::New | WireAlgoStatus::Triggering, _) => {
                if order.algo_id().is_none() {
                    self.out.steps.push(step(StepKind::Acknowledge));
                } else {
                    self.out.in_agreement.push(key);
                }
            }
            (WireAlgoStatus::Triggered | WireAlgoStatus::Finished, Some(exchange_id)) => {
                self.triggered_into.insert((symbol, exchange_id));
                return self.engine(key, order, vec![answer.report()], Some(exchange_id));
            }
            (status, _) => self.out.steps.push(step(StepKind::Conditional(status))),
        }
        Ok(())
    }

    /// An order on the matching engine (`exchange_id`, when known):
    /// `openOrders`, else its query; then its trades when the exchange
    /// executed more. `prefix`: the reports that come first (a conditional
    /// order's trigger).
    fn engine(
        &mut self,
        key: OrderKey,
        order: &AnyOrder,
        prefix: Vec<ExecutionReport>,
        exchange_id: Option<ExchangeOrderId>,
    ) -> Result<(), ReconcileError> {
        let symbol = order.symbol();
        let client_id = order.client_id();
        let Some(list) = self.list(symbol)? else {
            self.need(Fetch::OpenOrders { symbol });
            return Ok(());
        };
        let listed = list.find(&client_id, exchange_id.map(|id| id.0)).copied();
        let answer = match listed {
            Some(listed) => listed,
            None => {
                let by = exchange_id.map_or(OrderId::Client(client_id), OrderId::Exchange);
                let fetch = Fetch::Order { symbol, order: by };
                match read::order(self.snapshot, &fetch)? {
                    None => {
                        self.need(fetch);
                        return Ok(());
                    }
                    Some(Queried::NotFound(code)) => return self.unknown(key, order, code),
                    Some(Queried::Found(answer)) => answer,
                }
            }
        };
        let closing = !matches!(
            answer.status,
            ReportStatus::New | ReportStatus::PartiallyFilled
        );
        let Some(trades) = self.trades_for(order, &answer)? else {
            return Ok(());
        };
        let unacked = order.exchange_id().is_none();
        let kind = if closing {
            StepKind::Close(answer.status)
        } else if unacked {
            StepKind::Acknowledge
        } else if !trades.is_empty() {
            StepKind::MissedFills
        } else if let Some(first) = prefix.first() {
            StepKind::Conditional(algo_status(first.status))
        } else {
            self.out.in_agreement.push(key);
            return Ok(());
        };
        let mut reports = prefix;
        let unbooked = book(order, &answer, &trades, &mut reports);
        if closing || unacked {
            reports.push(answer.report());
        }
        self.out.steps.push(Step {
            key: Some(key),
            client_id,
            symbol,
            kind,
            trades,
            reports,
            fail: None,
            unbooked,
            adopt: None,
        });
        Ok(())
    }

    /// The order's missed trades, when the answer shows more executed than
    /// it holds; `None` (and the fetch asked for) when not fetched yet.
    pub(super) fn trades_for(
        &mut self,
        order: &AnyOrder,
        answer: &OrderSnapshot,
    ) -> Result<Option<Vec<UserTrade>>, ReconcileError> {
        if answer.executed_qty <= order.filled_qty() {
            return Ok(Some(Vec::new()));
        }
        let fetch = Fetch::UserTrades {
            symbol: answer.symbol,
            exchange_id: answer.exchange_id,
        };
        match read::user_trades(self.snapshot, &fetch)? {
            Some(trades) => Ok(Some(missed_trades(order, trades))),
            None => {
                self.need(fetch);
                Ok(None)
            }
        }
    }

    /// The exchange does not know the order: a placement old enough fails;
    /// any other is left alone.
    fn unknown(
        &mut self,
        key: OrderKey,
        order: &AnyOrder,
        code: Option<i64>,
    ) -> Result<(), ReconcileError> {
        let client_id = order.client_id();
        let sent_at = match order.state() {
            StateData::Placing(placing) => Some(placing.sent_at),
            StateData::Cancelling(cancelling) if cancelling.exchange_id.is_none() => {
                Some(cancelling.placing.sent_at)
            }
            _ => None,
        };
        match sent_at {
            Some(sent_at) if self.now.saturating_sub(sent_at) >= self.recv_window_ms => {
                self.out.steps.push(Step {
                    key: Some(key),
                    client_id,
                    symbol: order.symbol(),
                    kind: StepKind::Fail,
                    trades: Vec::new(),
                    reports: Vec::new(),
                    fail: Some(crate::rest::fail_reason(code, 400)),
                    unbooked: Qty::ZERO,
                    adopt: None,
                });
            }
            Some(sent_at) => self.out.left_alone.push(LeftAlone::TooRecent {
                key,
                client_id,
                sent_at,
            }),
            None => self.out.left_alone.push(LeftAlone::UnknownToExchange {
                key,
                client_id,
                code,
            }),
        }
        Ok(())
    }
}

/// The algo status a conditional order's report states.
fn algo_status(status: ReportStatus) -> WireAlgoStatus {
    match status {
        ReportStatus::Triggering => WireAlgoStatus::Triggering,
        ReportStatus::Finished => WireAlgoStatus::Finished,
        ReportStatus::Canceled => WireAlgoStatus::Canceled,
        ReportStatus::Expired | ReportStatus::ExpiredInMatch => WireAlgoStatus::Expired,
        ReportStatus::Rejected => WireAlgoStatus::Rejected,
        ReportStatus::New | ReportStatus::PartiallyFilled | ReportStatus::Filled => {
            WireAlgoStatus::New
        }
        ReportStatus::Triggered => WireAlgoStatus::Triggered,
    }
}
