//! Conditional fixtures: a stop through the algo service, in each of the
//! states only a conditional order has.
#![allow(clippy::expect_used, clippy::panic)]

use super::Fixture;
use crate::any::AnyOrder;
use crate::decimal::{Price, Qty};
use crate::kinds::{OrderType, Side};
use crate::new_order::NewOrder;
use crate::state::{Armed, Placing};
use crate::trigger::Trigger;

impl Fixture {
    /// Fixture `n` as a `STOP_MARKET` SELL of 1 BTCUSDT triggering at 95
    /// (contract price), placed through the algo service; the same times as
    /// [`Fixture::new`], accepted by the algo service at 1,150 and triggered
    /// at 1,200.
    #[must_use]
    pub fn stop(n: u64) -> Self {
        let fixture = Self::new(n);
        let trigger = Trigger::at(Price::from_units(9_500_000_000).unwrap_or(Price::ZERO));
        fixture.with_spec(NewOrder {
            side: Side::Sell,
            order_type: OrderType::StopMarket,
            price: None,
            trigger: Some(trigger),
            ..fixture.spec
        })
    }

    /// [`Fixture::stop`] closing the position: no quantity until its
    /// triggered order states one.
    #[must_use]
    pub fn close_position_stop(n: u64) -> Self {
        let fixture = Self::stop(n);
        let trigger = fixture.spec.trigger.map(|t| Trigger {
            close_position: true,
            ..t
        });
        fixture.with_spec(NewOrder {
            quantity: Qty::ZERO,
            trigger,
            ..fixture.spec
        })
    }

    /// Armed: the algo service accepted it at 1,150.
    #[must_use]
    pub fn armed(&self) -> AnyOrder {
        let mut order = self.placing();
        let _ = order
            .view_mut::<Placing>()
            .expect("Placing")
            .arm(self.algo_id, 1_150)
            .expect("a conditional fixture");
        order
    }

    /// Armed, triggering since 1,180.
    #[must_use]
    pub fn triggering(&self) -> AnyOrder {
        let mut order = self.armed();
        let _ = order
            .view_mut::<Armed>()
            .expect("Armed")
            .mark_triggering(1_180);
        order
    }

    /// Triggered into the matching-engine order [`Fixture::exchange_id`] at
    /// 1,200: Active.
    #[must_use]
    pub fn triggered(&self) -> AnyOrder {
        let mut order = self.armed();
        let _ = order
            .view_mut::<Armed>()
            .expect("Armed")
            .triggered_into(self.exchange_id, 1_200)
            .expect("a conditional fixture");
        order
    }

    /// Cancelling an armed order (the cancel sent at 1,300, before any trigger).
    #[must_use]
    pub fn cancelling_armed(&self) -> AnyOrder {
        let mut order = self.armed();
        let _ = order
            .view_mut::<Armed>()
            .expect("Armed")
            .request_cancel(1_300);
        order
    }
}
