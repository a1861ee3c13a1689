//! [`order_from_parts`]: [`AnyOrder::from_parts`], and the one kind of order
//! it refuses that the transitions do make — a close-position order whose
//! triggered order stated its quantity (its spec then holds a close-position
//! trigger *and* a quantity, which `from_parts` checks as a new order and
//! refuses as `CloseWithQuantity`). Such an order is rebuilt through the
//! transitions that made it: from its parts with the quantity not yet
//! stated, `state_quantity` (and, for a Filled one, `complete`), then
//! checked field for field against the parts; anything else is refused as
//! `from_parts` refused it.

use ordertrack::{
    AckedData, Active, AnyOrder, Armed, Cancelled, Cancelling, Expired, Failed, OrderError,
    OrderParts, PartsError, Placing, Qty, StateData,
};

/// The order `parts` describe, when the transitions could have made it.
pub(crate) fn order_from_parts(parts: OrderParts) -> Result<AnyOrder, PartsError> {
    match AnyOrder::from_parts(parts.clone()) {
        Err(error @ PartsError::Order(OrderError::CloseWithQuantity { .. })) => {
            rebuild_close_position(&parts).ok_or(error)
        }
        other => other,
    }
}

/// A close-position order with a stated quantity, rebuilt; `None` when the
/// transitions cannot make exactly `parts`.
fn rebuild_close_position(parts: &OrderParts) -> Option<AnyOrder> {
    let quantity = parts.spec.quantity;
    let at = parts.updated_at;
    let mut unstated = parts.clone();
    unstated.spec.quantity = Qty::ZERO;
    if let StateData::Filled(filled) = parts.state {
        // Filled keeps no send time; the Active order it completed from had one.
        unstated.state = StateData::Active(AckedData {
            exchange_id: filled.exchange_id,
            sent_at: parts.spec.created_at,
        });
    }
    let mut order = AnyOrder::from_parts(unstated).ok()?;
    let stated = match parts.state {
        StateData::Idle => false,
        StateData::Placing(_) => order
            .view_mut::<Placing>()?
            .state_quantity(quantity, at)
            .is_ok(),
        StateData::Armed(_) => order
            .view_mut::<Armed>()?
            .state_quantity(quantity, at)
            .is_ok(),
        StateData::Active(_) => order
            .view_mut::<Active>()?
            .state_quantity(quantity, at)
            .is_ok(),
        StateData::Cancelling(_) => order
            .view_mut::<Cancelling>()?
            .state_quantity(quantity, at)
            .is_ok(),
        StateData::Cancelled(_) => order
            .view_mut::<Cancelled>()?
            .state_quantity(quantity, at)
            .is_ok(),
        StateData::Expired(_) => order
            .view_mut::<Expired>()?
            .state_quantity(quantity, at)
            .is_ok(),
        StateData::Failed(_) => order
            .view_mut::<Failed>()?
            .state_quantity(quantity, at)
            .is_ok(),
        StateData::Filled(filled) => order
            .view_mut::<Active>()?
            .state_quantity(quantity, at)
            .ok()
            .and_then(|active| active.complete(filled.closed_at).ok())
            .is_some(),
    };
    (stated && order.to_parts() == *parts).then_some(order)
}
