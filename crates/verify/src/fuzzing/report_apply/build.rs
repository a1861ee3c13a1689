//! How the order under test is built: by `ordertrack-verify`'s generator, or
//! through the typed transitions on a small quantity grid, every fill price known.

use arbitrary::{Result, Unstructured};
use ordertrack::{
    Active, AnyOrder, ClientOrderId, ExpiryReason, FailReason, Fill, FillOutcome, Idle, NewOrder,
    OrderStatus, OrderType, Origin, ParentId, Qty, Side, TradeId,
};

use super::{EXCHANGE_ID, Subject, TRADE_ID_POOL, close, handle, price, sub_account, symbol};
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
        let quantity = Qty::from_units(lot * lots).unwrap_or(Qty::MAX);
        let origin = *u.choose(&Origin::ALL)?;
        let sub = sub_account();
        let client_id = if u.ratio(1, 8)? {
            ClientOrderId::new("autoclose-1764000000123").unwrap_or_else(|e| panic!("{e}"))
        } else {
            ClientOrderId::with_unique(&sub, origin, u.arbitrary()?)
        };
        let order_type = *u.choose(&OrderType::ALL)?;
        let price = if order_type.requires_price() || u.arbitrary()? {
            Some(price(u)?)
        } else {
            None
        };
        let created_at: u64 = u.int_in_range(0..=2_000_000_000_000)?;
        let spec = NewOrder {
            trigger: None,
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
        let target = *u.choose(&OrderStatus::ALL)?;
        subject.build(u, &mut order, target)?;
        subject.order = order;
        subject.check_static();
        Ok(subject)
    }

    pub(super) fn tick(&mut self, u: &mut Unstructured<'_>) -> Result<u64> {
        self.now = self.now.saturating_add(u.int_in_range(0..=5)?);
        Ok(self.now)
    }

    /// Partial fills on an active order (never completing it).
    fn partial_fills(&mut self, u: &mut Unstructured<'_>, o: &mut AnyOrder) -> Result<()> {
        for trade in 1..=u.int_in_range(0..=2)? {
            let remaining = o.remaining_qty().units() / self.lot;
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

    /// Idle → Placing → Active, then a few partial fills.
    fn active(&mut self, u: &mut Unstructured<'_>, o: &mut AnyOrder) -> Result<()> {
        let t = self.tick(u)?;
        let placing = handle::<Idle>(o).place(t);
        let t = self.tick(u)?;
        let _ = placing.acknowledge(EXCHANGE_ID, t);
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
        match target {
            OrderStatus::Idle | OrderStatus::Armed => {}
            OrderStatus::Placing => {
                let placing = handle::<Idle>(o).place(t);
                if u.arbitrary()? {
                    let _ = placing.mark_in_doubt(self.tick(u)?);
                }
            }
            OrderStatus::Active => self.active(u, o)?,
            OrderStatus::Cancelling => {
                if u.arbitrary()? {
                    let placing = handle::<Idle>(o).place(t);
                    let _ = placing.request_cancel(self.tick(u)?);
                } else {
                    self.active(u, o)?;
                    let at = self.tick(u)?;
                    let _ = handle::<Active>(o).request_cancel(at);
                }
            }
            OrderStatus::Filled => {
                self.active(u, o)?;
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
                match u.int_in_range(0..=2)? {
                    0 => close(handle::<Idle>(o).place(t), expire, id, reason, at),
                    1 => {
                        self.active(u, o)?;
                        close(handle::<Active>(o), expire, id, reason, at);
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
                let placing = handle::<Idle>(o).place(t);
                if let Err(refused) = placing.reject(reason, self.tick(u)?) {
                    panic!(
                        "a placement never acknowledged was not rejected: {}",
                        refused.error
                    );
                }
            }
        }
        Ok(())
    }
}
