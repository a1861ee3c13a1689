//! Missed trades into fill reports: which `userTrades` trades the order has
//! not counted, and the reports that book them exactly once.

use ordertrack::{AnyOrder, ExecutionReport, ExecutionType, Qty, ReportFill, ReportStatus};

use super::UserTrade;
use crate::rest::OrderSnapshot;

/// The trades the order has not counted, by trade id, each once: a trade id
/// it remembers is counted, and so is one at or below its floor (the
/// model's duplicate rule would refuse it: it executed before the fills the
/// order remembers, so the stream delivered it).
pub(crate) fn missed_trades(order: &AnyOrder, mut trades: Vec<UserTrade>) -> Vec<UserTrade> {
    let fills = order.fills();
    let floor = fills.floor();
    trades.retain(|t| !fills.contains(t.trade_id) && floor.is_none_or(|f| t.trade_id > f));
    trades.sort_by_key(|t| t.trade_id);
    trades.dedup_by_key(|t| t.trade_id);
    trades
}

/// Appends one `TRADE` report per trade to `reports`, as the stream would
/// have sent them: the trade id, quantity and price of the trade, the
/// cumulative quantity the order holds after it, `FILLED` once that reaches
/// the order's quantity. Returns the exchange's executed quantity the order
/// still lacks after them.
pub(crate) fn book(
    order: &AnyOrder,
    answer: &OrderSnapshot,
    trades: &[UserTrade],
    reports: &mut Vec<ExecutionReport>,
) -> Qty {
    let quantity = if order.quantity_known() {
        order.quantity()
    } else {
        answer.terms.quantity
    };
    let mut cumulative = order.filled_qty();
    for trade in trades {
        // An overflowing sum is an overfill the model refuses anyway.
        cumulative = cumulative.checked_add(trade.qty).unwrap_or(cumulative);
        let status = if !quantity.is_zero() && cumulative >= quantity {
            ReportStatus::Filled
        } else {
            ReportStatus::PartiallyFilled
        };
        reports.push(ExecutionReport {
            client_id: Some(answer.client_id),
            exchange_id: Some(trade.exchange_id),
            fill: Some(ReportFill {
                trade_id: trade.trade_id,
                qty: trade.qty,
                price: trade.price,
            }),
            cumulative_qty: Some(cumulative),
            ..ExecutionReport::new(trade.symbol, ExecutionType::Trade, status, trade.time)
        });
    }
    answer.executed_qty.saturating_sub(cumulative)
}
