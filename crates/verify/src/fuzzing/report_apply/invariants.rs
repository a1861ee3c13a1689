//! What holds after every step, whatever it was, and the order's own
//! invariants.

use ordertrack::{AnyOrder, OrderStatus, TRADE_WINDOW};

use super::Subject;

impl Subject {
    /// What holds after every step, whatever it was.
    pub(super) fn check_common(&self, before: &AnyOrder) {
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
        if let Some(known) = before.algo_id() {
            assert_eq!(self.order.algo_id(), Some(known), "the algo id changed");
        }
        assert!(
            !before.triggered() || self.order.triggered(),
            "a triggered order is no longer triggered"
        );
        assert!(
            !before.quantity_known() || self.order.quantity_known(),
            "a known quantity became unknown"
        );
        assert_eq!(
            self.order.trigger(),
            before.trigger(),
            "the trigger changed"
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
    pub(super) fn check_static(&self) {
        let order = &self.order;
        assert!(
            !order.quantity_known() || order.filled_qty() <= order.quantity(),
            "overfilled: {order:?}"
        );
        assert_eq!(
            order.quantity_known(),
            !(order.is_close_position() && order.quantity().is_zero())
        );
        let conditional = order.order_type().is_conditional();
        assert_eq!(
            order.trigger().is_some(),
            conditional,
            "a trigger on {order:?}"
        );
        if !conditional {
            assert_eq!(order.algo_id(), None, "a plain order with an algo id");
            assert!(!order.triggered(), "a plain order triggered");
        }
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
            OrderStatus::Filled => {
                assert!(order.quantity_known(), "filled, quantity unknown");
                assert_eq!(order.filled_qty(), order.quantity());
            }
            OrderStatus::Active => assert!(order.exchange_id().is_some()),
            OrderStatus::Idle | OrderStatus::Placing => {
                assert_eq!(order.exchange_id(), None);
                assert_eq!(
                    order.algo_id(),
                    None,
                    "an algo id before the service's answer"
                );
            }
            OrderStatus::Armed => {
                assert_eq!(order.exchange_id(), None, "armed, bound");
                assert!(order.algo_id().is_some(), "armed without an algo id");
            }
            _ => {}
        }
        assert_eq!(order.closed_at().is_some(), order.status().is_terminal());
    }
}
