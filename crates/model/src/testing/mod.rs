//! Test fixtures (feature `testing`): the one builder of orders and reports
//! that the workspace's tests, property strategies, benchmarks and fuzz targets
//! share. Orders are built through the real transitions, so a fixture in any
//! state is one the model itself can reach; reports name the order they are
//! about and carry a status consistent with their execution type.
//!
//! ```
//! use ordertrack_model::testing::{Fixture, report_for};
//! use ordertrack_model::*;
//!
//! let fixture = Fixture::new(1);
//! let mut order = fixture.active(fixture.ack_time());
//! let fill = report_for(&order, ExecutionType::Trade, 2_000)
//!     .fill(TradeId(7), fixture.quantity(), Price::parse("100")?)
//!     .build();
//! assert!(matches!(order.apply(&fill)?, Applied::Filled(_)));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The fixtures panic when a step they take is refused: that is a bug in the
//! fixture or in the model, never an input to handle, hence the lints allowed
//! below.
#![allow(clippy::expect_used, clippy::panic)]

mod conditional;
mod report;
mod situation;

pub use report::{ReportBuilder, report_for};
pub use situation::Situation;

use crate::any::AnyOrder;
use crate::decimal::{Price, Qty};
use crate::fills::Fill;
use crate::ids::{AlgoId, ClientOrderId, ExchangeOrderId, SubAccountId, TradeId};
use crate::kinds::{Origin, Side};
use crate::new_order::NewOrder;
use crate::state::{Active, Cancelling, ExpiryReason, FailReason, Idle, Placing};
use crate::symbol::Symbol;

/// A test order's defining fields and its exchange id, from which orders in
/// every state are built through the transitions: a LIMIT BUY of 1 BTCUSDT
/// at 100, created at 1,000 ms, placed at 1,100, acknowledged at 1,200, its
/// cancel sent at 1,300 and closed at 1,400.
#[derive(Clone, Copy, Debug)]
pub struct Fixture {
    /// The order's fields.
    pub spec: NewOrder,
    /// The exchange id an ack (or a trigger) gives it.
    pub exchange_id: ExchangeOrderId,
    /// The algo id the algo service gives a conditional fixture
    /// ([`Fixture::stop`]).
    pub algo_id: AlgoId,
}

impl Fixture {
    /// The fixture numbered `n`: a client id and exchange id of its own.
    #[must_use]
    pub fn new(n: u64) -> Self {
        let sub = SubAccountId::new("3f2a9c1e-7b4d-4e1a").expect("valid literal");
        let symbol = Symbol::new("BTCUSDT").expect("valid literal");
        let spec = NewOrder {
            client_id: ClientOrderId::with_unique(&sub, Origin::Chase, u128::from(n)),
            ..NewOrder::limit(
                sub,
                Origin::Chase,
                symbol,
                Side::Buy,
                Qty::from_units(100_000_000).unwrap_or(Qty::MAX),
                Price::from_units(10_000_000_000).unwrap_or(Price::ZERO),
                1_000,
            )
        };
        Self {
            spec,
            exchange_id: ExchangeOrderId(8_000_000 + n),
            algo_id: AlgoId::new(1_000_000_000 + n).expect("not zero"),
        }
    }

    /// The same fixture with these fields.
    #[must_use]
    pub fn with_spec(self, spec: NewOrder) -> Self {
        Self { spec, ..self }
    }

    /// The order's quantity.
    #[must_use]
    pub fn quantity(&self) -> Qty {
        self.spec.quantity
    }

    /// When [`Fixture::active`] and the others acknowledge the order.
    #[must_use]
    pub const fn ack_time(&self) -> u64 {
        1_200
    }

    /// Idle.
    #[must_use]
    pub fn idle(&self) -> AnyOrder {
        AnyOrder::new(self.spec).unwrap_or_else(|e| panic!("the fixture's spec is invalid: {e}"))
    }

    /// Placing, sent at 1,100.
    #[must_use]
    pub fn placing(&self) -> AnyOrder {
        let mut order = self.idle();
        let _ = order.view_mut::<Idle>().expect("Idle").place(1_100);
        order
    }

    /// Active, acknowledged at `at`.
    #[must_use]
    pub fn active(&self, at: u64) -> AnyOrder {
        let mut order = self.placing();
        let _ = order
            .view_mut::<Placing>()
            .expect("Placing")
            .acknowledge(self.exchange_id, at);
        order
    }

    /// Cancelling after the ack (the exchange id is known).
    #[must_use]
    pub fn cancelling(&self) -> AnyOrder {
        let mut order = self.active(1_200);
        let _ = order
            .view_mut::<Active>()
            .expect("Active")
            .request_cancel(1_300);
        order
    }

    /// Cancelling before any ack (no exchange id).
    #[must_use]
    pub fn cancelling_unacked(&self) -> AnyOrder {
        let mut order = self.placing();
        let _ = order
            .view_mut::<Placing>()
            .expect("Placing")
            .request_cancel(1_300);
        order
    }

    /// Filled by one trade (trade id 1, at 100) at 1,400.
    #[must_use]
    pub fn filled(&self) -> AnyOrder {
        let mut order = self.active(1_200);
        let fill = Fill {
            trade_id: TradeId(1),
            qty: self.quantity(),
            price: self.spec.price.unwrap_or(Price::ZERO),
            at: 1_400,
            exchange_id: Some(self.exchange_id),
        };
        let _ = order
            .view_mut::<Active>()
            .expect("Active")
            .fill(fill)
            .expect("a fill of the whole quantity");
        order
    }

    /// Cancelled at 1,400, nothing filled.
    #[must_use]
    pub fn cancelled(&self) -> AnyOrder {
        let mut order = self.cancelling();
        let _ = order
            .view_mut::<Cancelling>()
            .expect("Cancelling")
            .cancelled(None, 1_400);
        order
    }

    /// Expired at 1,400 with reason 7, nothing filled.
    #[must_use]
    pub fn expired(&self) -> AnyOrder {
        let mut order = self.active(1_200);
        let _ =
            order
                .view_mut::<Active>()
                .expect("Active")
                .expired(None, Some(ExpiryReason(7)), 1_400);
        order
    }

    /// Failed at 1,400 (exchange error -2019), never acknowledged.
    #[must_use]
    pub fn failed(&self) -> AnyOrder {
        let mut order = self.placing();
        let _ = order
            .view_mut::<Placing>()
            .expect("Placing")
            .reject(FailReason::ExchangeError { code: -2019 }, 1_400)
            .expect("a placement is rejected");
        order
    }
}
