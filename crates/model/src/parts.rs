//! [`OrderParts`]: an order taken apart into plain fields, and put back
//! together with every rule the transitions keep checked: what a store
//! writes, and reads back after a restart.

use crate::any::AnyOrder;
use crate::decimal::{Notional, Qty};
use crate::error::OrderError;
use crate::fills::{Fills, LastFill, TRADE_WINDOW};
use crate::ids::{AlgoId, ClientOrderId, TradeId};
use crate::new_order::NewOrder;
use crate::record::{OrderCore, OrderRecord};
use crate::state::StateData;

/// Every field of an order: [`AnyOrder::to_parts`] gives them,
/// [`AnyOrder::from_parts`] takes them back after checking they are an order
/// the transitions could have made.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct OrderParts {
    /// The order's fields (quantity and price as amended, or as stated for a
    /// close-position order).
    pub spec: NewOrder,
    /// The state tag and its data.
    pub state: StateData,
    /// Time of the latest change (ms).
    pub updated_at: u64,
    /// The algo service's id, once it accepted the (conditional) order.
    pub algo_id: Option<AlgoId>,
    /// When the (conditional) order triggered.
    pub triggered_at: Option<u64>,
    /// The fill summary.
    pub fills: FillParts,
}

/// An order's fill summary as plain fields ([`Fills`] taken apart).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct FillParts {
    /// Total quantity filled.
    pub filled: Qty,
    /// Exact Σ price × qty, in 10⁻¹⁶ units ([`Notional::units`]).
    pub notional: u128,
    /// Number of fills applied.
    pub count: u32,
    /// The most recent fill applied.
    pub last: Option<LastFill>,
    /// The remembered trade ids ([`Fills::recent_trade_ids`]).
    pub recent: Vec<TradeId>,
    /// The duplicate window's floor ([`Fills::floor`]).
    pub floor: Option<TradeId>,
}

/// Why parts are not an order the transitions could have made. The rule
/// broken is named; no order is built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PartsError {
    /// The fields break a rule of a new order.
    #[error(transparent)]
    Order(#[from] OrderError),
    /// The fill summary contradicts itself.
    #[error("order {client_id}: fill summary: {rule}")]
    Fills {
        /// The order.
        client_id: ClientOrderId,
        /// The rule broken.
        rule: &'static str,
    },
    /// The state contradicts the order's other fields.
    #[error("order {client_id}: state {state}: {rule}")]
    State {
        /// The order.
        client_id: ClientOrderId,
        /// The state given.
        state: crate::OrderStatus,
        /// The rule broken.
        rule: &'static str,
    },
}

impl AnyOrder {
    /// The order as plain fields.
    ///
    /// ```
    /// use ordertrack_model::*;
    /// let sub = SubAccountId::new("3f2a9c1e-7b4d")?;
    /// let spec = NewOrder::limit(sub, Origin::Manual, Symbol::new("BTCUSDT")?, Side::Buy,
    ///     Qty::parse("0.010")?, Price::parse("97000.1")?, 1_000);
    /// let order = AnyOrder::sent(spec, 1_001)?;
    /// assert_eq!(AnyOrder::from_parts(order.to_parts())?, order);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn to_parts(&self) -> OrderParts {
        let fills = self.fills();
        OrderParts {
            spec: *self.spec(),
            state: *self.state(),
            updated_at: self.updated_at(),
            algo_id: self.algo_id(),
            triggered_at: self.triggered_at(),
            fills: FillParts {
                filled: fills.filled(),
                notional: fills.notional().units(),
                count: fills.count(),
                last: fills.last(),
                recent: fills.recent_trade_ids().to_vec(),
                floor: fills.floor(),
            },
        }
    }

    /// The order `parts` describe, when the transitions could have made it.
    ///
    /// # Errors
    /// [`PartsError`] naming the rule the parts break: a rule of a new order,
    /// a fill summary that contradicts itself (counts, remembered ids, the
    /// floor, the last fill), or a state that contradicts the rest (a Filled
    /// order not filled, an armed order without its algo id, more filled than
    /// the quantity, a trigger time on an order that has no trigger, a change
    /// before the order existed). An armed order may have fills: one filled
    /// while its cancel was in flight before the algo service's answer, the
    /// cancel then refused, is armed by that answer with its fills.
    pub fn from_parts(parts: OrderParts) -> Result<Self, PartsError> {
        // A close-position order sent states its quantity once its triggered
        // order does: every other rule of a new order holds.
        let as_new = if parts.spec.is_close_position() && parts.state != StateData::Idle {
            NewOrder {
                quantity: Qty::ZERO,
                ..parts.spec
            }
        } else {
            parts.spec
        };
        as_new.validate()?;
        let client_id = parts.spec.client_id;
        let fills = Fills::from_parts(&parts.fills)
            .map_err(|rule| PartsError::Fills { client_id, rule })?;
        let core = OrderCore {
            spec: parts.spec,
            fills,
            updated_at: parts.updated_at,
            algo_id: parts.algo_id,
            triggered_at: parts.triggered_at,
        };
        check_state(&core, &parts.state).map_err(|rule| PartsError::State {
            client_id,
            state: parts.state.status(),
            rule,
        })?;
        Ok(Self::from_record(OrderRecord {
            core,
            state: parts.state,
        }))
    }
}

/// The rules tying a state to the fields every state shares.
fn check_state(core: &OrderCore, state: &StateData) -> Result<(), &'static str> {
    let filled = core.fills.filled();
    if core.updated_at < core.spec.created_at {
        return Err("updated before it was created");
    }
    if core.quantity_known() && filled > core.spec.quantity {
        return Err("more filled than its quantity");
    }
    if core.triggered_at.is_some() && !core.spec.order_type.is_conditional() {
        return Err("triggered, but it is not a conditional order");
    }
    if core.algo_id.is_some() && !core.spec.order_type.is_conditional() {
        return Err("an algo id, but it is not a conditional order");
    }
    match state {
        StateData::Idle if core.fills.count() > 0 => Err("fills on an order never sent"),
        StateData::Armed(d) if core.algo_id != Some(d.algo_id) => {
            Err("armed under another algo id than the order's")
        }
        StateData::Filled(_) if !core.quantity_known() || filled != core.spec.quantity => {
            Err("filled, but its fills are not its quantity")
        }
        _ => Ok(()),
    }
}

impl Fills {
    /// The summary `parts` describe, or the rule they break.
    pub(crate) fn from_parts(parts: &FillParts) -> Result<Self, &'static str> {
        let count = parts.count as usize;
        if parts.recent.len() != count.min(TRADE_WINDOW) {
            return Err("remembered trade ids are not min(count, TRADE_WINDOW)");
        }
        if parts.floor.is_some() != (count > TRADE_WINDOW) {
            return Err("a floor exactly when more fills than remembered ids");
        }
        let mut recent = [TradeId(0); TRADE_WINDOW];
        for (slot, id) in recent.iter_mut().zip(&parts.recent) {
            *slot = *id;
        }
        let remembered = recent.get(..parts.recent.len()).unwrap_or(&recent);
        let distinct = remembered
            .iter()
            .enumerate()
            .all(|(i, id)| !remembered.iter().skip(i + 1).any(|other| other == id));
        if !distinct {
            return Err("a remembered trade id twice");
        }
        if let Some(floor) = parts.floor
            && remembered.iter().any(|id| *id <= floor)
        {
            return Err("a remembered trade id at or below the floor");
        }
        let last = match (parts.last, count) {
            (None, 0) => LastFill {
                trade_id: TradeId(0),
                qty: Qty::ZERO,
                price: crate::Price::ZERO,
            },
            (Some(last), 1..) => last,
            _ => return Err("a last fill exactly when there are fills"),
        };
        let seen = remembered.contains(&last.trade_id)
            || parts.floor.is_some_and(|floor| last.trade_id <= floor);
        if count > 0 && (!seen || last.qty.is_zero() || parts.filled < last.qty) {
            return Err("the last fill is not one of the fills");
        }
        if count == 0 && (!parts.filled.is_zero() || parts.notional != 0) {
            return Err("a filled quantity or notional without fills");
        }
        Ok(Self::with_parts(
            parts.filled,
            Notional::from_units(parts.notional),
            last,
            recent,
            parts.floor.unwrap_or(TradeId(0)),
            parts.count,
        ))
    }
}
