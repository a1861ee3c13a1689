//! What is queried after every step ([`Probe`]) and everything the answers
//! show ([`Observed`]), the same for the tracker under test and the reference,
//! with a readable difference.

use std::collections::BTreeSet;
use std::fmt;

use ordertrack::{
    ClientOrderId, ExchangeOrderId, OrderStatus, ParentId, Qty, SubAccountId, Symbol,
};

use super::view::OrderView;
use crate::reference::RefId;

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
    /// Its reference id ([`super::UNKNOWN_KEY`] for a key never issued).
    pub id: RefId,
    /// Its client id.
    pub client_id: ClientOrderId,
    /// Its status, as a lifecycle index.
    pub status: u8,
    /// Its filled quantity.
    pub filled: Qty,
}

impl Summary {
    /// The summary of order `id`.
    #[must_use]
    pub fn new(id: RefId, client_id: ClientOrderId, status: OrderStatus, filled: Qty) -> Self {
        let status = OrderStatus::ALL
            .iter()
            .position(|&s| s == status)
            .unwrap_or(0) as u8;
        Self {
            id,
            client_id,
            status,
            filled,
        }
    }
}

/// Answers to a list query and the matching count.
pub type ListAnswer = (Vec<Summary>, usize);

/// Sorts a list query's answers, with its count.
#[must_use]
pub(super) fn list_answer(mut summaries: Vec<Summary>, count: usize) -> ListAnswer {
    summaries.sort();
    (summaries, count)
}

/// Everything observable about a tracker, for one [`Probe`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Observed {
    /// `get(key)` for every key issued, by reference id.
    pub orders: Vec<Option<OrderView>>,
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

impl Default for Observed {
    /// What an empty tracker shows for an empty probe.
    fn default() -> Self {
        Self {
            orders: Vec::new(),
            by_client: Vec::new(),
            by_exchange: Vec::new(),
            by_sub_account: Vec::new(),
            active_by_symbol: Vec::new(),
            by_parent: Vec::new(),
            all: Vec::new(),
            len: 0,
            is_empty: true,
        }
    }
}

impl Observed {
    /// A readable list of the differences with `expected` (at most `limit`);
    /// an order both sides show is compared field by field.
    #[must_use]
    pub fn diff(&self, expected: &Self, limit: usize) -> Vec<String> {
        let mut out = Vec::new();
        let longest = self.orders.len().max(expected.orders.len());
        for id in 0..longest {
            match (self.orders.get(id), expected.orders.get(id)) {
                (Some(Some(a)), Some(Some(e))) => {
                    out.extend(a.diff(e).into_iter().map(|d| format!("get(#{id}).{d}")));
                }
                (a, e) if a != e => {
                    out.push(format!("get(#{id}): tracker {a:?}\n      reference {e:?}"));
                }
                _ => {}
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
