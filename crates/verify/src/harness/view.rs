//! One order as the harness compares it: every field the real order shows
//! through its public accessors, read from an [`AnyOrder`] (the tracker under
//! test) or from a [`RefOrder`] (the reference), and compared field by field.

use std::fmt::Debug;

use ordertrack::{
    AlgoId, AnyOrder, ExchangeOrderId, ExpiryReason, FailReason, NewOrder, Notional, OrderStatus,
    Price, Qty, StateData, TradeId,
};

use super::FillRecord;
use crate::reference::RefOrder;

/// Everything observable about one order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderView {
    /// Its state.
    pub status: OrderStatus,
    /// Its defining fields, quantity and price as amended.
    pub spec: NewOrder,
    /// The exchange's order id, once known.
    pub exchange_id: Option<ExchangeOrderId>,
    /// The algo service's id, once it accepted the (conditional) order.
    pub algo_id: Option<AlgoId>,
    /// Whether the conditional order has triggered.
    pub triggered: bool,
    /// Since when an armed order is triggering.
    pub triggering_since: Option<u64>,
    /// Whether its quantity is known (a close-position order's is not until
    /// its triggered order states it).
    pub quantity_known: bool,
    /// The trade ids the duplicate rule remembers, ascending.
    pub trade_ids: Vec<TradeId>,
    /// The highest applied trade id no longer remembered (`None` while every
    /// applied one is).
    pub trade_floor: Option<TradeId>,
    /// How many fills were applied.
    pub fill_count: usize,
    /// Filled quantity.
    pub filled_qty: Qty,
    /// Exact Σ price × qty of the fills.
    pub notional: Notional,
    /// Average fill price.
    pub average_price: Option<Price>,
    /// The last fill applied: trade id, quantity, price.
    pub last_fill: Option<FillRecord>,
    /// Time of the latest change.
    pub updated_at: u64,
    /// When it became terminal.
    pub closed_at: Option<u64>,
    /// When it was sent, while no exchange id is known (Placing, Armed, or
    /// Cancelling with no exchange id: what a rejected cancel returns to).
    pub sent_at: Option<u64>,
    /// Since when the placement is in doubt, likewise.
    pub in_doubt_since: Option<u64>,
    /// When the cancel in flight was requested (Cancelling).
    pub cancel_requested_at: Option<u64>,
    /// The exchange's expiry reason (Expired).
    pub expiry_reason: Option<ExpiryReason>,
    /// Why it failed (Failed).
    pub fail_reason: Option<FailReason>,
}

impl OrderView {
    /// The real order, through its public accessors.
    #[must_use]
    pub fn of(order: &AnyOrder) -> Self {
        let fills = order.fills();
        let mut view = Self {
            status: order.status(),
            spec: *order.spec(),
            exchange_id: order.exchange_id(),
            algo_id: order.algo_id(),
            triggered: order.triggered(),
            triggering_since: None,
            quantity_known: order.quantity_known(),
            trade_ids: sorted(fills.recent_trade_ids().to_vec()),
            trade_floor: fills.floor(),
            fill_count: usize::try_from(fills.count()).unwrap_or(usize::MAX),
            filled_qty: order.filled_qty(),
            notional: fills.notional(),
            average_price: fills.average_price(),
            last_fill: fills.last().map(|l| (l.trade_id, l.qty, l.price)),
            updated_at: order.updated_at(),
            closed_at: order.closed_at(),
            sent_at: None,
            in_doubt_since: order.in_doubt_since(),
            cancel_requested_at: None,
            expiry_reason: None,
            fail_reason: None,
        };
        match *order.state() {
            StateData::Placing(d) => view.sent_at = Some(d.sent_at),
            StateData::Armed(d) => {
                view.sent_at = Some(d.sent_at);
                view.triggering_since = d.triggering_since;
            }
            StateData::Cancelling(d) => {
                view.cancel_requested_at = Some(d.requested_at);
                if d.exchange_id.is_none() {
                    view.sent_at = Some(d.placing.sent_at);
                    view.in_doubt_since = d.placing.in_doubt_since;
                }
            }
            StateData::Expired(d) => view.expiry_reason = d.detail,
            StateData::Failed(d) => view.fail_reason = Some(d.detail),
            StateData::Idle
            | StateData::Active(_)
            | StateData::Filled(_)
            | StateData::Cancelled(_) => {}
        }
        view
    }

    /// The reference's order.
    #[must_use]
    pub fn of_reference(order: &RefOrder) -> Self {
        Self {
            status: order.status,
            spec: order.spec,
            exchange_id: order.exchange_id,
            algo_id: order.algo_id,
            triggered: order.triggered,
            triggering_since: order.triggering_since,
            quantity_known: order.quantity_known(),
            trade_ids: order.remembered_trade_ids(),
            trade_floor: order.trade_floor(),
            fill_count: order.fills.len(),
            filled_qty: order.filled_qty(),
            notional: order.notional(),
            average_price: order.average_price(),
            last_fill: order.fills.last().map(|f| (f.trade_id, f.qty, f.price)),
            updated_at: order.updated_at,
            closed_at: order.closed_at,
            sent_at: order.sent_at,
            in_doubt_since: order.in_doubt_since,
            cancel_requested_at: order.cancel_requested_at,
            expiry_reason: order.expiry_reason,
            fail_reason: order.fail_reason,
        }
    }

    /// Every field that differs from `reference`, as `name: tracker …,
    /// reference …`.
    #[must_use]
    pub fn diff(&self, reference: &Self) -> Vec<String> {
        let mut out = Vec::new();
        let mut field = |name: &str, differs: bool, tracker: &dyn Debug, reference: &dyn Debug| {
            if differs {
                out.push(format!(
                    "{name}: tracker {tracker:?}, reference {reference:?}"
                ));
            }
        };
        // Each field of `self` bound by name, compared with the same field of
        // `$other`; the destructuring below makes a new field a compile error
        // until it is compared.
        macro_rules! compare {
            ($other:expr => $($name:ident),*) => {$(
                field(stringify!($name), *$name != $other.$name, $name, &$other.$name);
            )*};
        }
        let Self {
            status,
            spec,
            exchange_id,
            algo_id,
            triggered,
            triggering_since,
            quantity_known,
            trade_ids,
            trade_floor,
            fill_count,
            filled_qty,
            notional,
            average_price,
            last_fill,
            updated_at,
            closed_at,
            sent_at,
            in_doubt_since,
            cancel_requested_at,
            expiry_reason,
            fail_reason,
        } = self;
        let NewOrder {
            client_id,
            sub_account,
            symbol,
            side,
            order_type,
            quantity,
            price,
            reduce_only,
            trigger,
            origin,
            parent,
            leverage,
            created_at,
        } = spec;
        compare!(reference => status);
        compare!(reference.spec => client_id, sub_account, symbol, side, order_type, quantity,
            price, reduce_only, trigger, origin, parent, leverage, created_at);
        compare!(reference => exchange_id, algo_id, triggered, triggering_since, quantity_known,
            trade_ids, trade_floor, fill_count, filled_qty,
            notional, average_price,
            last_fill, updated_at, closed_at, sent_at, in_doubt_since, cancel_requested_at,
            expiry_reason, fail_reason);
        out
    }
}

fn sorted(mut ids: Vec<TradeId>) -> Vec<TradeId> {
    ids.sort_unstable();
    ids
}
