//! Everything the tracker answers, to compare before and after an operation
//! that must change nothing.

use std::collections::BTreeSet;

use ordertrack::*;

use super::{PARENTS, SUBS, SYMBOLS, parent, sym};

/// Everything the tests query by: the constant lists plus whatever the tracked
/// orders name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Universe {
    pub(crate) subs: BTreeSet<SubAccountId>,
    pub(crate) symbols: BTreeSet<Symbol>,
    pub(crate) parents: BTreeSet<ParentId>,
    pub(crate) clients: BTreeSet<ClientOrderId>,
    pub(crate) exchange: BTreeSet<(Symbol, ExchangeOrderId)>,
}

impl Universe {
    pub(crate) fn of(t: &OrderTracker) -> Self {
        let mut u = Self::default();
        u.subs
            .extend(SUBS.iter().map(|s| SubAccountId::new(s).unwrap()));
        u.symbols.extend(SYMBOLS.iter().map(|s| sym(s)));
        u.parents.extend(PARENTS.iter().map(|p| parent(p)));
        for (_, o) in t.iter() {
            u.subs.insert(o.sub_account());
            u.symbols.insert(o.symbol());
            u.parents.extend(o.parent());
            u.clients.insert(o.client_id());
            if let Some(id) = o.exchange_id() {
                u.exchange.insert((o.symbol(), id));
            }
        }
        u
    }
}

/// Everything observable about a tracker, to compare before and after an
/// operation that must change nothing.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Snapshot {
    universe: Universe,
    len: usize,
    orders: Vec<(OrderKey, AnyOrder)>,
    by_client: Vec<(ClientOrderId, Option<OrderKey>)>,
    by_exchange: Vec<((Symbol, ExchangeOrderId), Option<OrderKey>)>,
    by_sub: Vec<(SubAccountId, Vec<OrderKey>, usize)>,
    live: Vec<(Symbol, Vec<OrderKey>, usize)>,
    by_parent: Vec<(ParentId, Vec<OrderKey>, usize)>,
}

impl Snapshot {
    pub(crate) fn take(t: &OrderTracker) -> Self {
        Self::over(t, Universe::of(t))
    }

    fn over(t: &OrderTracker, u: Universe) -> Self {
        Self {
            len: t.len(),
            orders: t.iter().map(|(k, o)| (k, o.clone())).collect(),
            by_client: u
                .clients
                .iter()
                .map(|c| (*c, t.lookup_client(c).map(|(k, _)| k)))
                .collect(),
            by_exchange: u
                .exchange
                .iter()
                .map(|&(s, id)| ((s, id), t.lookup_exchange(&s, id).map(|(k, _)| k)))
                .collect(),
            by_sub: u
                .subs
                .iter()
                .map(|s| {
                    (
                        *s,
                        t.by_sub_account(s).keys().to_vec(),
                        t.count_by_sub_account(s),
                    )
                })
                .collect(),
            live: u
                .symbols
                .iter()
                .map(|s| {
                    (
                        *s,
                        t.active_by_symbol(s).keys().to_vec(),
                        t.count_active_by_symbol(s),
                    )
                })
                .collect(),
            by_parent: u
                .parents
                .iter()
                .map(|p| (*p, t.by_parent(p).keys().to_vec(), t.count_by_parent(p)))
                .collect(),
            universe: u,
        }
    }

    /// Asserts the tracker answers every query exactly as when the snapshot was
    /// taken, bucket order included, and names nothing new.
    #[track_caller]
    pub(crate) fn assert_unchanged(&self, t: &OrderTracker) {
        assert_eq!(
            Universe::of(t),
            self.universe,
            "the tracked orders name something new"
        );
        assert_eq!(
            &Self::over(t, self.universe.clone()),
            self,
            "the tracker changed"
        );
    }
}
