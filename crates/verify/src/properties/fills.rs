//! The fill properties: filled quantity monotone and bounded, the average
//! price within the fills' prices, no trade id counted twice.

use std::collections::BTreeSet;

use ordertrack::{Qty, TRADE_WINDOW};

use super::{StepView, after, both};

/// Filled quantity never goes down and never exceeds the order's quantity
/// (once known: a close-position order's is not until its triggered order
/// states it).
///
/// # Errors
/// The order whose filled quantity went down or above its quantity.
pub fn filled_qty_never_decreases_nor_exceeds_quantity(s: &StepView<'_>) -> Result<(), String> {
    for (id, a) in after(s) {
        if a.quantity_known && a.filled_qty > a.spec.quantity {
            return Err(format!(
                "order #{id} filled {} of quantity {}",
                a.filled_qty, a.spec.quantity
            ));
        }
    }
    for (id, b, a) in both(s) {
        if a.filled_qty < b.filled_qty {
            return Err(format!(
                "order #{id} filled qty went down from {} to {}",
                b.filled_qty, a.filled_qty
            ));
        }
    }
    Ok(())
}

/// The average fill price lies between the lowest and highest price of the
/// fills applied (and there is none before any fill).
///
/// # Errors
/// The order whose average price lies outside its fills' range.
pub fn average_fill_price_within_fill_range(s: &StepView<'_>) -> Result<(), String> {
    for (id, a) in after(s) {
        let fills = s.history.fills.get(id).map_or(&[][..], Vec::as_slice);
        let average = a.average_price;
        let low = fills.iter().map(|f| f.2).min();
        let high = fills.iter().map(|f| f.2).max();
        match (average, low, high) {
            (None, None, None) => {}
            (Some(avg), Some(low), Some(high)) if low <= avg && avg <= high => {}
            _ => {
                return Err(format!(
                    "order #{id}: average fill price {average:?} outside [{low:?}, {high:?}] of its fills"
                ));
            }
        }
    }
    Ok(())
}

/// No trade id is counted twice: the fills the tracker reported applying to
/// an order have distinct trade ids, the order counts exactly that many fills,
/// it remembers (distinct) the [`TRADE_WINDOW`] highest of them and its floor
/// is the highest of the others, and the filled quantity is their sum.
///
/// # Errors
/// The order with a trade id counted twice, or whose fills do not add up.
pub fn no_trade_id_counted_twice(s: &StepView<'_>) -> Result<(), String> {
    for (id, a) in after(s) {
        let ids = &a.trade_ids;
        let distinct: BTreeSet<_> = ids.iter().copied().collect();
        if distinct.len() != ids.len() {
            return Err(format!("order #{id} holds a trade id twice: {ids:?}"));
        }
        let fills = s.history.fills.get(id).map_or(&[][..], Vec::as_slice);
        let reported: Vec<_> = fills.iter().map(|f| f.0).collect();
        let reported_distinct: BTreeSet<_> = reported.iter().copied().collect();
        if reported_distinct.len() != reported.len() {
            return Err(format!(
                "order #{id}: the tracker reported applying a trade id twice: {reported:?}"
            ));
        }
        if a.fill_count != reported.len() {
            return Err(format!(
                "order #{id} counts {} fills, the tracker reported applying {reported:?}",
                a.fill_count
            ));
        }
        let mut highest = reported_distinct.iter().rev().copied();
        let remembered: BTreeSet<_> = highest.by_ref().take(TRADE_WINDOW).collect();
        let floor = highest.next();
        if remembered != distinct || floor != a.trade_floor {
            return Err(format!(
                "order #{id} remembers trade ids {ids:?} above floor {:?}, the tracker \
                 reported applying {reported:?}",
                a.trade_floor
            ));
        }
        let sum = fills
            .iter()
            .try_fold(Qty::ZERO, |acc, f| acc.checked_add(f.1));
        if sum != Some(a.filled_qty) {
            return Err(format!(
                "order #{id} filled {} but its applied fills sum to {sum:?}",
                a.filled_qty
            ));
        }
    }
    Ok(())
}
