//! [`ReportKind::Next`] made concrete: the events the exchange could send next
//! for an order in its state, as the reference sees it, so that stateless ops
//! walk conditional orders through their whole life (accepted, triggering,
//! triggered, a legacy trigger or a real expiry, a close-position quantity
//! stated, closed by either service) instead of reaching it by chance.

use ordertrack::OrderStatus;

use crate::ops::{AlgoField, ExchangeIdPick, FillQtyPick, ReportKind, TermsField, TradePick};
use crate::reference::RefOrder;

/// One next event: what happens, and the fields it sets on the report.
#[derive(Clone, Copy, Debug)]
pub(super) struct Next {
    /// What happens.
    pub(super) kind: ReportKind,
    /// Whose report it is: the algo service's ([`AlgoField::Algo`]), the
    /// matching engine's ([`AlgoField::Omit`]), or as [`AlgoField::Auto`] says.
    pub(super) algo: AlgoField,
    /// The terms it restates: the position a close-position order's triggered
    /// order states, or none.
    pub(super) terms: TermsField,
    /// The exchange id it names instead of the op's (a `TRIGGERED` naming
    /// none).
    pub(super) exchange_id: Option<ExchangeIdPick>,
}

/// The `n`-th of the events the exchange could send next for `order`.
pub(super) fn next(order: &RefOrder, n: u8) -> Next {
    use AlgoField::{Algo, Auto, Omit};
    use ReportKind as K;
    let fill = |qty| K::Fill {
        calculated: false,
        trade: TradePick::Fresh,
        qty,
        price_ticks: 10 + n % 7,
    };
    let lot = fill(FillQtyPick::Lots(1));
    let expire = |in_match, reason| K::Expire { in_match, reason };
    let triggered = |finished| K::Triggered { finished };
    // What a close-position order's triggered order states: its filled
    // quantity plus 0, 1 or 2 lots.
    let stated = TermsField::Position(1 + n % 3);
    let event = |kind, algo| Next {
        kind,
        algo,
        terms: TermsField::Omit,
        exchange_id: None,
    };
    let stating = |kind| Next {
        terms: stated,
        ..event(kind, Omit)
    };
    let unbound = order.exchange_id.is_none();
    let choices: Vec<Next> = match order.status {
        OrderStatus::Placing if order.is_conditional() => vec![
            event(K::Ack, Algo),
            event(K::Ack, Omit),
            event(K::Triggering, Algo),
            event(triggered(false), Algo),
            event(K::Reject, Algo),
            event(lot, Omit),
        ],
        OrderStatus::Armed => vec![
            event(K::Triggering, Auto),
            event(triggered(false), Auto),
            event(triggered(true), Auto),
            Next {
                exchange_id: Some(ExchangeIdPick::Omit),
                ..event(triggered(false), Auto)
            },
            stating(K::Ack),
            event(K::Ack, Omit),
            event(lot, Omit),
            event(K::Cancel, Algo),
            event(expire(false, None), Algo),
            event(K::Reject, Algo),
            event(K::Ack, Algo),
        ],
        // A cancel sent before any answer: the algo service's (or the
        // matching engine's) answer may still come.
        OrderStatus::Cancelling if unbound && order.is_conditional() && order.algo_id.is_none() => {
            vec![
                event(K::Ack, Algo),
                event(triggered(false), Algo),
                event(K::Ack, Omit),
                event(expire(false, Some(8)), Omit),
                event(K::Cancel, Algo),
                event(lot, Omit),
            ]
        }
        OrderStatus::Cancelling if unbound && order.algo_id.is_some() => vec![
            event(triggered(false), Auto),
            event(K::Ack, Omit),
            stating(K::Ack),
            event(K::Cancel, Algo),
            event(lot, Omit),
            event(K::Reject, Algo),
            event(K::Ack, Algo),
        ],
        OrderStatus::Active | OrderStatus::Cancelling
            if order.is_conditional() && order.algo_id.is_none() && !order.triggered =>
        {
            vec![
                event(expire(false, Some(8)), Omit),
                event(expire(false, None), Omit),
                event(expire(false, Some(6)), Omit),
                event(expire(true, Some(8)), Omit),
                event(lot, Omit),
                event(K::Ack, Omit),
            ]
        }
        _ if !order.quantity_known() => vec![
            stating(K::Ack),
            stating(lot),
            event(lot, Omit),
            stating(K::Cancel),
            event(triggered(true), Auto),
            event(fill(FillQtyPick::Huge), Omit),
        ],
        _ => vec![
            event(K::Ack, Omit),
            event(lot, Omit),
            event(fill(FillQtyPick::Rest), Omit),
            event(K::Cancel, Auto),
            event(expire(false, Some(0)), Auto),
            event(triggered(false), Auto),
        ],
    };
    let i = usize::from(n) % choices.len().max(1);
    choices
        .get(i)
        .copied()
        .unwrap_or_else(|| event(K::Ack, Omit))
}
