//! Ops made concrete: [`Model::resolve`] turns an [`Op`] into an [`Action`]
//! from the reference's view of the orders (reports are built in
//! `report.rs`).

use ordertrack::{ClientOrderId, FailReason, NewOrder, Qty, Side};

use super::action::Action;
use super::model::Model;
use super::path::{self, PathSpec};
use crate::ops::{ClientIdPick, ExchangeIdPick, Op, OrderRef, RegisterOp, TriggerPick, pools};
use crate::reference::{RefId, RefOrder};

impl Model {
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
                    sub_account = o.spec.sub_account;
                    origin = o.spec.origin.unwrap_or(origin);
                    o.client_id()
                }
                None => ClientOrderId::with_unique(&sub_account, origin, 0),
            },
        };
        let at = self.now.saturating_sub(u64::from(r.start.age));
        // A close-position order states no quantity (unless the op insists).
        let stated = !matches!(
            r.trigger,
            TriggerPick::ClosePosition {
                with_quantity: false,
                ..
            }
        );
        let spec = NewOrder {
            trigger: pools::trigger(r.trigger),
            client_id,
            sub_account,
            symbol: pools::symbol(r.symbol),
            side: if r.buy { Side::Buy } else { Side::Sell },
            order_type: pools::order_type(r.order_type),
            quantity: if stated {
                pools::lots(r.lots)
            } else {
                Qty::ZERO
            },
            price: r.price_ticks.map(pools::price),
            reduce_only: r.reduce_only,
            origin: Some(origin),
            parent: r.parent.map(pools::parent),
            leverage: u16::from(r.leverage),
            created_at: at,
        };
        // An order the engine cannot build takes no path (and no trade ids).
        let path = if RefOrder::new(spec).is_ok() {
            let own = pools::own_exchange_id(self.issued.len());
            let exchange_id = match r.start.exchange_id {
                ExchangeIdPick::Own => Some(own),
                ExchangeIdPick::Omit => None,
                ExchangeIdPick::OfOrder(other) => {
                    self.target(other).map(|i| self.exchange_id_of(i))
                }
                ExchangeIdPick::Raw(n) => Some(pools::raw_exchange_id(n)),
            };
            let path = PathSpec {
                start: r.start,
                exchange_id: exchange_id.unwrap_or(own),
                acked: exchange_id.is_some(),
                algo_id: pools::own_algo_id(self.issued.len()),
                position: pools::lots(r.lots.max(1)),
                price: pools::price(r.price_ticks.unwrap_or(1)),
                at,
            };
            path::path(&spec, &path, || self.fresh_trade())
        } else {
            Vec::new()
        };
        Action::Register {
            spec,
            path,
            callbacks: r.callbacks,
        }
    }
}
