//! The per-step consistency check: `check_invariants()` and every query
//! against a brute-force walk of all tracked orders.

use std::collections::BTreeSet;

use ordertrack::*;

use super::Universe;

/// Asserts the tracker is consistent: `check_invariants()` is clean, and every
/// query answers exactly what a brute-force walk of all orders says it should.
#[track_caller]
pub(crate) fn step(t: &OrderTracker) {
    if let Err(violations) = t.check_invariants() {
        panic!("tracker inconsistent: {violations:#?}");
    }
    assert_queries_exact(t);
}

/// Applies `report`, checks the tracker after it ([`step`]), and asserts that the
/// report reached `key` and did `expected`.
#[track_caller]
pub(crate) fn apply_expect(
    t: &mut OrderTracker,
    report: &ExecutionReport,
    key: OrderKey,
    expected: Applied,
) {
    let outcome = t.apply(report).unwrap();
    step(t);
    assert_eq!(
        outcome,
        Outcome::Applied {
            key,
            applied: expected
        }
    );
}

/// Compares every query with the answer computed by walking all tracked orders.
#[track_caller]
pub(crate) fn assert_queries_exact(t: &OrderTracker) {
    let all: Vec<(OrderKey, AnyOrder)> = t.iter().map(|(k, o)| (k, o.clone())).collect();
    assert_eq!(t.len(), all.len());
    assert_eq!(t.is_empty(), all.is_empty());
    let u = Universe::of(t);
    for (key, order) in &all {
        assert_eq!(t.get(*key), Some(order));
        assert_eq!(
            t.lookup_client(&order.client_id()).map(|(k, _)| k),
            Some(*key)
        );
        if let Some(id) = order.exchange_id() {
            assert_eq!(
                t.lookup_exchange(&order.symbol(), id).map(|(k, _)| k),
                Some(*key)
            );
        }
    }
    let keys = |pred: &dyn Fn(&AnyOrder) -> bool| -> BTreeSet<OrderKey> {
        all.iter()
            .filter(|(_, o)| pred(o))
            .map(|(k, _)| *k)
            .collect()
    };
    for s in &u.subs {
        let expected = keys(&|o| o.sub_account() == *s);
        assert_eq!(
            collect(t, t.by_sub_account(s)),
            expected,
            "by_sub_account({s})"
        );
        assert_eq!(t.count_by_sub_account(s), expected.len());
    }
    for s in &u.symbols {
        let expected = keys(&|o| o.symbol() == *s && !o.status().is_terminal());
        assert_eq!(
            collect(t, t.active_by_symbol(s)),
            expected,
            "active_by_symbol({s})"
        );
        assert_eq!(t.count_active_by_symbol(s), expected.len());
    }
    for p in &u.parents {
        let expected = keys(&|o| o.parent() == Some(*p));
        assert_eq!(collect(t, t.by_parent(p)), expected, "by_parent({p})");
        assert_eq!(t.count_by_parent(p), expected.len());
    }
}

/// The keys an index query yields, checking each yielded order is the one `get`
/// gives and that no key comes twice.
#[track_caller]
pub(crate) fn collect(t: &OrderTracker, orders: Orders<'_>) -> BTreeSet<OrderKey> {
    let listed = orders.keys().len();
    let mut set = BTreeSet::new();
    for (key, order) in orders {
        assert!(set.insert(key), "key {key:?} listed twice");
        assert_eq!(
            t.get(key),
            Some(order),
            "an index yielded another order than its key's"
        );
    }
    assert_eq!(
        set.len(),
        listed,
        "an index listed a key of no tracked order"
    );
    set
}
