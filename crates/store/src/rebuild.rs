//! [`order_from_parts`]: [`AnyOrder::from_parts`], and the orders it refuses
//! although the transitions do make them (ordertrack-model's `from_parts`
//! is stricter than its transitions here; reported upstream):
//!
//! - a close-position order whose triggered order stated its quantity: the
//!   spec holds a close-position trigger *and* a quantity, and `from_parts`
//!   checks the spec as a new order's (`CloseWithQuantity`);
//! - an `Armed` order with fills (a fill reached it while it was still
//!   `Placing`, before the algo service's acceptance), refused as "fills on
//!   an order waiting for its trigger".
//!
//! Such an order is rebuilt through the transitions that made it — from its
//! parts one step earlier (quantity not yet stated; `Placing` for `Armed`;
//! `Active` for `Filled`), then `arm`, `mark_triggering`, `state_quantity`,
//! `complete` as needed — and kept only when it is then field for field the
//! parts; otherwise the parts are refused as `from_parts` refused them.

use ordertrack::{
    AckedData, Active, AnyOrder, Armed, Cancelled, Cancelling, Expired, Failed, OrderParts,
    PartsError, Placing, PlacingData, Qty, StateData,
};

/// The order `parts` describe, when the transitions could have made it.
pub(crate) fn order_from_parts(parts: OrderParts) -> Result<AnyOrder, PartsError> {
    match AnyOrder::from_parts(parts.clone()) {
        Err(error) => rebuild(&parts).ok_or(error),
        ok => ok,
    }
}

/// `parts` rebuilt through the transitions; `None` when they cannot make
/// exactly `parts`.
fn rebuild(parts: &OrderParts) -> Option<AnyOrder> {
    let at = parts.updated_at;
    let stated = parts.spec.is_close_position() && !parts.spec.quantity.is_zero();
    let mut earlier = parts.clone();
    if stated {
        earlier.spec.quantity = Qty::ZERO;
    }
    match parts.state {
        // Filled keeps no send time; the Active order it completed from had one.
        StateData::Filled(filled) => {
            earlier.state = StateData::Active(AckedData {
                exchange_id: filled.exchange_id,
                sent_at: parts.spec.created_at,
            });
        }
        StateData::Armed(armed) => {
            earlier.state = StateData::Placing(PlacingData {
                sent_at: armed.sent_at,
                in_doubt_since: None,
            });
            earlier.algo_id = None;
        }
        _ => {}
    }
    let mut order = AnyOrder::from_parts(earlier).ok()?;
    if let StateData::Armed(armed) = parts.state {
        let now_armed = order.view_mut::<Placing>()?.arm(armed.algo_id, at).ok()?;
        if let Some(since) = armed.triggering_since {
            let _ = now_armed.mark_triggering(since);
        }
    }
    if stated && !state_quantity(&mut order, parts.spec.quantity, at) {
        return None;
    }
    if let StateData::Filled(filled) = parts.state {
        order
            .view_mut::<Active>()?
            .complete(filled.closed_at)
            .ok()?;
    }
    (order.to_parts() == *parts).then_some(order)
}

/// The `state_quantity` transition in the order's state; whether it applied.
fn state_quantity(order: &mut AnyOrder, quantity: Qty, at: u64) -> bool {
    use ordertrack::OrderStatus as S;
    match order.status() {
        S::Placing => order
            .view_mut::<Placing>()
            .is_some_and(|o| o.state_quantity(quantity, at).is_ok()),
        S::Armed => order
            .view_mut::<Armed>()
            .is_some_and(|o| o.state_quantity(quantity, at).is_ok()),
        S::Active => order
            .view_mut::<Active>()
            .is_some_and(|o| o.state_quantity(quantity, at).is_ok()),
        S::Cancelling => order
            .view_mut::<Cancelling>()
            .is_some_and(|o| o.state_quantity(quantity, at).is_ok()),
        S::Cancelled => order
            .view_mut::<Cancelled>()
            .is_some_and(|o| o.state_quantity(quantity, at).is_ok()),
        S::Expired => order
            .view_mut::<Expired>()
            .is_some_and(|o| o.state_quantity(quantity, at).is_ok()),
        S::Failed => order
            .view_mut::<Failed>()
            .is_some_and(|o| o.state_quantity(quantity, at).is_ok()),
        S::Idle | S::Filled => false,
    }
}
