//! How the order under test is built: by `ordertrack-verify`'s generator, or
//! through the typed transitions on a small quantity grid, every fill price
//! known; a conditional order (any `Armed` one) through the algo service or
//! on the matching engine, a close-position one with its quantity stated or
//! not.

use arbitrary::{Result, Unstructured};
use ordertrack::{
    Active, AnyOrder, Armed, ClientOrderId, ExpiryReason, FailReason, Fill, FillOutcome, Idle,
    NewOrder, OrderStatus, OrderType, Origin, ParentId, Qty, Side, TradeId, Trigger, WorkingType,
};

use super::{
    ALGO_ID, EXCHANGE_ID, Subject, TRADE_ID_POOL, close, handle, price, sub_account, symbol,
};
use crate::arb;

impl Subject {
    /// An order in any state, from `ordertrack-verify`'s generator or this target's.
    pub(super) fn arbitrary(u: &mut Unstructured<'_>) -> Result<Self> {
        if u.arbitrary()? {
            let order = arb::order_in_state(u)?;
            let filled = order.filled_qty();
            let subject = Self {
                lot: 1,
                fill_prices: filled.is_zero().then(Vec::new),
                filled,
                now: order.updated_at(),
                order,
            };
            subject.check_static();
            return Ok(subject);
        }
        Self::built(u)
    }

    /// Builds an order in any state through the typed transitions.
    fn built(u: &mut Unstructured<'_>) -> Result<Self> {
        let lot: i64 = *u.choose(&[1, 1_000, 100_000_000, i64::MAX / 8])?;
        let lots: i64 = u.int_in_range(1..=8)?;
        let origin = *u.choose(&Origin::ALL)?;
        let sub = sub_account();
        let client_id = if u.ratio(1, 8)? {
            ClientOrderId::new("autoclose-1764000000123").unwrap_or_else(|e| panic!("{e}"))
        } else {
            ClientOrderId::with_unique(&sub, origin, u.arbitrary()?)
        };
        let target = *u.choose(&OrderStatus::ALL)?;
        let order_type = if target == OrderStatus::Armed {
            *u.choose(&arb::CONDITIONAL_TYPES)?
        } else {
            *u.choose(&OrderType::ALL)?
        };
        let price = if order_type.requires_price() || u.arbitrary()? {
            Some(price(u)?)
        } else {
            None
        };
        let trigger = if order_type.is_conditional() {
            Some(Trigger {
                price: Some(super::price(u)?),
                working_type: if u.arbitrary()? {
                    WorkingType::MarkPrice
                } else {
                    WorkingType::ContractPrice
                },
                close_position: u.ratio(1, 3)?,
            })
        } else {
            None
        };
        let quantity = if trigger.is_some_and(|t| t.close_position) {
            Qty::ZERO
        } else {
            Qty::from_units(lot * lots).unwrap_or(Qty::MAX)
        };
        let created_at: u64 = u.int_in_range(0..=2_000_000_000_000)?;
        let spec = NewOrder {
            trigger,
            client_id,
            sub_account: sub,
            symbol: symbol(u)?,
            side: if u.arbitrary()? {
                Side::Buy
            } else {
                Side::Sell
            },
            order_type,
            quantity,
            price,
            reduce_only: u.arbitrary()?,
            origin: Some(origin),
            parent: if u.arbitrary()? {
                ParentId::new("twap-42").ok()
            } else {
                None
            },
            leverage: u.int_in_range(1..=125)?,
            created_at,
        };
        let mut order = AnyOrder::new(spec).unwrap_or_else(|e| panic!("valid spec refused: {e}"));
        let mut subject = Self {
            order: order.clone(),
            lot,
            fill_prices: Some(Vec::new()),
            filled: Qty::ZERO,
            now: created_at,
        };
        subject.build(u, &mut order, target)?;
        subject.order = order;
        subject.check_static();
        Ok(subject)
    }

    pub(super) fn tick(&mut self, u: &mut Unstructured<'_>) -> Result<u64> {
        self.now = self.now.saturating_add(u.int_in_range(0..=5)?);
        Ok(self.now)
    }

    /// Partial fills on an active order (never completing it; any number of
    /// lots while a close-position order's quantity is not stated).
    fn partial_fills(&mut self, u: &mut Unstructured<'_>, o: &mut AnyOrder) -> Result<()> {
        for trade in 1..=u.int_in_range(0..=2)? {
            let remaining = if o.quantity_known() {
                o.remaining_qty().units() / self.lot
            } else {
                4
            };
            if remaining <= 1 {
                break;
            }
            let qty =
                Qty::from_units(self.lot * u.int_in_range(1..=remaining - 1)?).unwrap_or(Qty::ZERO);
            let price = price(u)?;
            let at = self.tick(u)?;
            let fill = Fill {
                trade_id: TradeId(trade),
                qty,
                price,
                at,
                exchange_id: Some(EXCHANGE_ID),
            };
            match handle::<Active>(o).fill(fill) {
                Ok(FillOutcome::Partial(next)) => {
                    self.fill_prices.get_or_insert_default().push(price);
                    self.filled = next.filled_qty();
                }
                Ok(other) => panic!("a partial fill did not stay Active: {other:?}"),
                Err(refused) => panic!("a valid partial fill was refused: {}", refused.error),
            }
        }
        Ok(())
    }

    /// A close-position order's triggered order states its quantity: what has
    /// filled plus 1 to 8 lots.
    fn state_quantity(&mut self, u: &mut Unstructured<'_>, o: &mut AnyOrder) -> Result<()> {
        let quantity = Qty::from_units(self.lot * u.int_in_range(1..=8)?)
            .and_then(|q| q.checked_add(o.filled_qty()))
            .unwrap_or(Qty::MAX);
        let at = self.tick(u)?;
        if let Err(refused) = handle::<Active>(o).state_quantity(quantity, at) {
            panic!(
                "a quantity above the filled one was refused: {}",
                refused.error
            );
        }
        Ok(())
    }

    /// Idle → Armed: placed, accepted by the algo service, maybe triggering.
    fn armed(&mut self, u: &mut Unstructured<'_>, o: &mut AnyOrder) -> Result<()> {
        let t = self.tick(u)?;
        let placing = handle::<Idle>(o).place(t);
        let t = self.tick(u)?;
        let armed = placing
            .arm(ALGO_ID, t)
            .map_err(|_| arbitrary::Error::IncorrectFormat)?;
        if u.arbitrary()? {
            let _ = armed.mark_triggering(self.tick(u)?);
        }
        Ok(())
    }

    /// Idle → Active (a conditional order half the time through the algo
    /// service, triggered into its matching-engine order), maybe its
    /// close-position quantity stated, then a few partial fills.
    fn active(&mut self, u: &mut Unstructured<'_>, o: &mut AnyOrder) -> Result<()> {
        if o.order_type().is_conditional() && u.arbitrary()? {
            self.armed(u, o)?;
            let t = self.tick(u)?;
            let _ = handle::<Armed>(o).triggered_into(EXCHANGE_ID, t);
        } else {
            let t = self.tick(u)?;
            let placing = handle::<Idle>(o).place(t);
            let t = self.tick(u)?;
            let _ = placing.acknowledge(EXCHANGE_ID, t);
        }
        if !o.quantity_known() && u.arbitrary()? {
            self.state_quantity(u, o)?;
        }
        self.partial_fills(u, o)
    }

    /// Takes the Idle order `o` to `target` through the typed transitions.
    fn build(
        &mut self,
        u: &mut Unstructured<'_>,
        o: &mut AnyOrder,
        target: OrderStatus,
    ) -> Result<()> {
        let t = self.tick(u)?;
        let conditional = o.order_type().is_conditional();
        match target {
            OrderStatus::Idle => {}
            OrderStatus::Placing => {
                let placing = handle::<Idle>(o).place(t);
                if u.arbitrary()? {
                    let _ = placing.mark_in_doubt(self.tick(u)?);
                }
            }
            OrderStatus::Armed => {
                self.armed(u, o)?;
                if u.arbitrary()? {
                    // A cancel sent while armed, refused: back to Armed.
                    let at = self.tick(u)?;
                    let cancelling = handle::<Armed>(o).request_cancel(at);
                    let _ = cancelling.cancel_rejected(self.tick(u)?);
                }
            }
            OrderStatus::Active => self.active(u, o)?,
            OrderStatus::Cancelling => match u.int_in_range(0..=2)? {
                0 => {
                    let placing = handle::<Idle>(o).place(t);
                    let _ = placing.request_cancel(self.tick(u)?);
                }
                1 if conditional => {
                    self.armed(u, o)?;
                    let at = self.tick(u)?;
                    let _ = handle::<Armed>(o).request_cancel(at);
                }
                _ => {
                    self.active(u, o)?;
                    let at = self.tick(u)?;
                    let _ = handle::<Active>(o).request_cancel(at);
                }
            },
            OrderStatus::Filled => {
                self.active(u, o)?;
                if !o.quantity_known() {
                    self.state_quantity(u, o)?;
                }
                let active = handle::<Active>(o);
                let qty = active.remaining_qty();
                let price = price(u)?;
                let fill = Fill {
                    trade_id: TradeId(TRADE_ID_POOL),
                    qty,
                    price,
                    at: self.tick(u)?,
                    exchange_id: None,
                };
                match active.fill(fill) {
                    Ok(FillOutcome::Complete(filled)) => {
                        self.fill_prices.get_or_insert_default().push(price);
                        self.filled = filled.filled_qty();
                    }
                    Ok(other) => panic!("filling the remainder did not complete: {other:?}"),
                    Err(refused) => panic!("filling the remainder was refused: {}", refused.error),
                }
            }
            OrderStatus::Cancelled | OrderStatus::Expired => {
                let expire = target == OrderStatus::Expired;
                let reason = if u.arbitrary()? {
                    Some(ExpiryReason(u.arbitrary()?))
                } else {
                    None
                };
                let id = if u.arbitrary()? {
                    Some(EXCHANGE_ID)
                } else {
                    None
                };
                let at = self.tick(u)?;
                match u.int_in_range(0..=3)? {
                    0 => close(handle::<Idle>(o).place(t), expire, id, reason, at),
                    1 => {
                        self.active(u, o)?;
                        close(handle::<Active>(o), expire, id, reason, at);
                    }
                    2 if conditional => {
                        self.armed(u, o)?;
                        close(handle::<Armed>(o), expire, id, reason, at);
                    }
                    _ => {
                        self.active(u, o)?;
                        let cancelling = handle::<Active>(o).request_cancel(at);
                        let at = self.tick(u)?;
                        close(cancelling, expire, id, reason, at);
                    }
                }
            }
            OrderStatus::Failed => {
                let reason = if u.arbitrary()? {
                    FailReason::Rejected
                } else {
                    FailReason::ExchangeError {
                        code: u.arbitrary()?,
                    }
                };
                let rejected = if conditional && u.arbitrary()? {
                    // Rejected by the algo service at its trigger.
                    self.armed(u, o)?;
                    let at = self.tick(u)?;
                    handle::<Armed>(o)
                        .reject(reason, at)
                        .map(drop)
                        .map_err(|r| r.error)
                } else {
                    let placing = handle::<Idle>(o).place(t);
                    placing
                        .reject(reason, self.tick(u)?)
                        .map(drop)
                        .map_err(|r| r.error)
                };
                if let Err(error) = rejected {
                    panic!("a placement never acknowledged was not rejected: {error}");
                }
            }
        }
        Ok(())
    }
}
