//! Orders for the tests: built in a given state from a spec (`OrderBuilder`),
//! or driven to a state through the tracker (`active`, `placing`).

use std::sync::atomic::{AtomicU64, Ordering};

use ordertrack::*;

use super::{ReportBuilder, report};
use super::{btc, eid, parent, px, q, step, sub, sym};

/// Makes every generated client id distinct across the tests of one binary.
static NEXT_UNIQUE: AtomicU64 = AtomicU64::new(1);

/// A fresh order: sub-account 0, BTCUSDT, BUY 1 @ 100, CHASE, created at 1,000 ms.
pub(crate) fn order() -> OrderBuilder {
    let sub_account = sub(0);
    let unique = NEXT_UNIQUE.fetch_add(1, Ordering::Relaxed);
    OrderBuilder {
        spec: NewOrder {
            client_id: ClientOrderId::with_unique(&sub_account, Origin::Chase, u128::from(unique)),
            ..NewOrder::limit(
                sub_account,
                Origin::Chase,
                btc(),
                Side::Buy,
                q("1"),
                px("100"),
                1_000,
            )
        },
    }
}

/// Builds a [`NewOrder`] field by field, then the order in any state.
#[derive(Clone, Copy, Debug)]
pub(crate) struct OrderBuilder {
    pub(crate) spec: NewOrder,
}

impl OrderBuilder {
    /// Moves the order to another sub-account (its generated id follows).
    pub(crate) fn sub(mut self, i: usize) -> Self {
        let unique = NEXT_UNIQUE.fetch_add(1, Ordering::Relaxed);
        self.spec.sub_account = sub(i);
        self.spec.client_id = ClientOrderId::with_unique(
            &self.spec.sub_account,
            self.spec.origin.unwrap_or(Origin::Chase),
            u128::from(unique),
        );
        self
    }
    pub(crate) fn symbol(mut self, s: &str) -> Self {
        self.spec.symbol = sym(s);
        self
    }
    pub(crate) fn qty(mut self, s: &str) -> Self {
        self.spec.quantity = q(s);
        self
    }
    pub(crate) fn price(mut self, s: &str) -> Self {
        self.spec.price = Some(px(s));
        self
    }
    pub(crate) fn parent(mut self, s: &str) -> Self {
        self.spec.parent = Some(parent(s));
        self
    }
    pub(crate) fn client_id(mut self, id: ClientOrderId) -> Self {
        self.spec.client_id = id;
        self
    }
    pub(crate) fn created(mut self, at: u64) -> Self {
        self.spec.created_at = at;
        self
    }
    pub(crate) fn spec(&self) -> NewOrder {
        self.spec
    }
    /// The order, not yet sent (`Idle`).
    pub(crate) fn idle(&self) -> AnyOrder {
        AnyOrder::new(self.spec).unwrap()
    }
    /// The order as sent at `at` (`Placing`).
    pub(crate) fn placing(&self, at: u64) -> AnyOrder {
        AnyOrder::sent(self.spec, at).unwrap()
    }
    /// The order sent and acknowledged with `exchange_id` at `at` (`Active`).
    pub(crate) fn active(&self, exchange_id: u64, at: u64) -> AnyOrder {
        let mut o = self.placing(at);
        let _ = o
            .view_mut::<Placing>()
            .unwrap()
            .acknowledge(eid(exchange_id), at);
        o
    }
    /// The order acknowledged with `exchange_id`, then cancelled, at `at` (`Cancelled`).
    pub(crate) fn cancelled(&self, exchange_id: u64, at: u64) -> AnyOrder {
        let mut o = self.active(exchange_id, at);
        let _ = o.view_mut::<Active>().unwrap().cancelled(None, at);
        o
    }
    /// A report about this order (client id set, no exchange id yet).
    pub(crate) fn report(&self) -> ReportBuilder {
        report(&self.spec)
    }
}

/// `order` after `change` (typically a typed transition on a handle over it).
pub(crate) fn moved(mut order: AnyOrder, change: impl FnOnce(&mut AnyOrder)) -> AnyOrder {
    change(&mut order);
    order
}

/// Registers `b`'s order, places it and applies its ack with `exchange_id`:
/// an Active order. Checks the tracker after each step.
pub(crate) fn active(t: &mut OrderTracker, b: &OrderBuilder, exchange_id: u64) -> OrderKey {
    let key = t.register(b.idle()).unwrap();
    step(t);
    t.place(key, 1_001).unwrap();
    step(t);
    let outcome = t
        .apply(&b.report().eid(exchange_id).at(1_002).ack())
        .unwrap();
    assert_eq!(
        outcome,
        Outcome::Applied {
            key,
            applied: Applied::Acknowledged
        }
    );
    step(t);
    key
}

/// Registers `b`'s order and places it: a Placing order.
pub(crate) fn placing(t: &mut OrderTracker, b: &OrderBuilder) -> OrderKey {
    let key = t.register(b.idle()).unwrap();
    step(t);
    t.place(key, 1_001).unwrap();
    step(t);
    key
}

/// The status of the order behind `key`.
#[track_caller]
pub(crate) fn status(t: &OrderTracker, key: OrderKey) -> OrderStatus {
    t.get(key).expect("tracked").status()
}
