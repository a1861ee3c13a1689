//! Reports made concrete: a [`ReportOp`] or [`UnknownReportOp`] becomes a
//! real [`ExecutionReport`], its fields chosen relative to the reference's view
//! of the order it is about.

use ordertrack::{
    AlgoId, Amendment, ClientOrderId, ExchangeOrderId, ExecutionReport, ExecutionType,
    ExpiryReason, OrderTerms, Qty, ReportFill, ReportStatus, Side, Symbol, TradeId,
};

use super::action::Action;
use super::lifecycle;
use super::model::Model;
use crate::arb::{EXECUTION_TYPES, REPORT_STATUSES};
use crate::ops::{
    AlgoField, ClientIdField, CumulativeField, ExchangeIdPick, FillQtyPick, ReportKind, ReportOp,
    StatusField, SymbolField, TermsField, TimeField, TradePick, UnknownClientId, UnknownReportOp,
    pools,
};
use crate::reference::{RefOrder, status_fits};

/// The fields of a report other than what happened, as the op chose them.
struct Fields {
    client_id: Option<ClientOrderId>,
    exchange_id: Option<ExchangeOrderId>,
    symbol: Symbol,
    status: StatusField,
    cumulative: CumulativeField,
    terms: TermsField,
    transaction_time: u64,
    /// Which algo id it names, the order's own, and whether the algo service
    /// speaks for the order (accepted, not triggered).
    algo: (AlgoField, AlgoId, bool),
}

/// Item `n` of `items`, modulo their number.
fn nth<T: Copy, const N: usize>(items: &[T; N], n: u8, fallback: T) -> T {
    items
        .iter()
        .copied()
        .nth(usize::from(n) % N.max(1))
        .unwrap_or(fallback)
}

/// Whether the algo service speaks for `order`: it accepted it and it has not
/// triggered (Armed, or Cancelling with its algo id and no exchange id).
fn armed(order: &RefOrder) -> bool {
    order.algo_id.is_some() && order.exchange_id.is_none() && !order.status.is_terminal()
}

/// The report time a [`TimeField`] names, from `now`.
fn time(now: u64, field: TimeField) -> u64 {
    match field {
        TimeField::Now => now,
        TimeField::Past(ago) => now.saturating_sub(u64::from(ago)),
        TimeField::Future(ahead) => now.saturating_add(u64::from(ahead)),
    }
}

/// The terms a report about `base` restates; an amendment restates its new
/// quantity and price; a conditional order's restate its trigger and whether
/// it closes the position.
fn restate(field: TermsField, base: &RefOrder, amendment: Option<Amendment>) -> Option<OrderTerms> {
    let spec = &base.spec;
    let own = OrderTerms {
        trigger_price: spec.trigger.and_then(|t| t.price),
        working_type: spec.trigger.map(|t| t.working_type),
        side: spec.side,
        order_type: Some(spec.order_type),
        quantity: amendment.map_or(spec.quantity, |a| a.quantity),
        price: amendment.and_then(|a| a.price).or(spec.price),
        reduce_only: Some(spec.reduce_only),
        close_position: base.closes_position(),
    };
    Some(match field {
        TermsField::Omit => return None,
        TermsField::Own => own,
        TermsField::Lite => OrderTerms {
            order_type: None,
            reduce_only: None,
            ..own
        },
        TermsField::OtherSide => OrderTerms {
            side: match spec.side {
                Side::Buy => Side::Sell,
                Side::Sell => Side::Buy,
            },
            ..own
        },
        TermsField::OrderType(n) => OrderTerms {
            order_type: Some(pools::order_type(n)),
            ..own
        },
        TermsField::Quantity(lots) => OrderTerms {
            quantity: pools::lots(lots),
            ..own
        },
        TermsField::ClosePosition => OrderTerms {
            quantity: Qty::ZERO,
            close_position: true,
            ..own
        },
        TermsField::Position(lots) => OrderTerms {
            quantity: base
                .filled_qty()
                .checked_add(pools::lots(lots))
                .unwrap_or(Qty::MAX)
                .saturating_sub(pools::lots(1)),
            ..own
        },
    })
}

impl Model {
    pub(super) fn resolve_report(&mut self, op: &ReportOp) -> Action {
        let now = self.advance(u64::from(op.dt));
        let Some(id) = self.target(op.order) else {
            return Action::Skip;
        };
        let Some(base) = self.current(id).cloned() else {
            return Action::Skip;
        };
        // A lifecycle event sets what happens, whose report it is, its terms
        // and maybe its exchange id; the op's other fields apply as they are.
        let mut r = *op;
        if let ReportKind::Next(n) = op.kind {
            let next = lifecycle::next(&base, n);
            r.kind = next.kind;
            r.algo = next.algo;
            r.terms = next.terms;
            r.exchange_id = next.exchange_id.unwrap_or(op.exchange_id);
        }
        let client_id = match r.client_id {
            ClientIdField::Own => Some(base.client_id()),
            ClientIdField::Omit => None,
            ClientIdField::OfOrder(other) => self
                .target(other)
                .and_then(|i| self.current(i))
                .map(RefOrder::client_id),
            ClientIdField::Foreign(n) => Some(pools::foreign_id(n)),
        };
        let exchange_id = match r.exchange_id {
            ExchangeIdPick::Own => Some(self.exchange_id_of(id)),
            ExchangeIdPick::Omit => None,
            ExchangeIdPick::OfOrder(other) => self.target(other).map(|i| self.exchange_id_of(i)),
            ExchangeIdPick::Raw(n) => Some(pools::raw_exchange_id(n)),
        };
        let symbol = match r.symbol {
            SymbolField::Own => base.spec.symbol,
            SymbolField::Pool(n) => pools::report_symbol(n),
        };
        let fields = Fields {
            client_id,
            exchange_id,
            symbol,
            status: r.status,
            cumulative: r.cumulative,
            terms: r.terms,
            transaction_time: time(now, r.time),
            algo: (r.algo, self.algo_id_of(id), armed(&base)),
        };
        let report = self.build_report(Some(&base), &r.kind, fields);
        Action::Apply { report }
    }

    pub(super) fn resolve_unknown(&mut self, r: &UnknownReportOp) -> Action {
        let client_id = match r.client_id {
            UnknownClientId::None => None,
            UnknownClientId::Foreign(n) => Some(pools::foreign_id(n)),
            UnknownClientId::Ours {
                sub_account,
                origin,
                unique,
            } => Some(ClientOrderId::with_unique(
                &pools::sub_account(sub_account),
                pools::origin(origin),
                u128::from(unique),
            )),
        };
        let fields = Fields {
            client_id,
            exchange_id: r.exchange_id.map(pools::raw_exchange_id),
            symbol: pools::report_symbol(r.symbol),
            status: StatusField::Consistent,
            cumulative: CumulativeField::Consistent,
            terms: TermsField::Omit,
            transaction_time: time(self.now, r.time),
            algo: match r.algo {
                Some(n) => (AlgoField::Raw(n), pools::raw_algo_id(n), false),
                None => (AlgoField::Omit, pools::raw_algo_id(0), false),
            },
        };
        let report = self.build_report(None, &r.kind, fields);
        Action::Apply { report }
    }

    fn build_report(
        &mut self,
        base: Option<&RefOrder>,
        kind: &ReportKind,
        fields: Fields,
    ) -> ExecutionReport {
        let filled = base.map_or(Qty::ZERO, RefOrder::filled_qty);
        let quantity = base.map_or_else(|| pools::lots(1), |o| o.spec.quantity);
        let rest = quantity.saturating_sub(filled);
        let mut fill = None;
        let mut amendment = None;
        let mut expiry_reason = None;
        let (execution, consistent) = match *kind {
            ReportKind::Ack => (ExecutionType::New, ReportStatus::New),
            ReportKind::Fill {
                calculated,
                trade,
                qty,
                price_ticks,
            } => {
                let trade_id = match trade {
                    TradePick::Fresh => self.fresh_trade(),
                    TradePick::Pool(n) => TradeId(u64::from(n % 4) + 1),
                    TradePick::Repeat(n) => {
                        let known = base.map_or(&[][..], |o| o.fills.as_slice());
                        match known.get(usize::from(n) % known.len().max(1)) {
                            Some(f) => f.trade_id,
                            None => self.fresh_trade(),
                        }
                    }
                };
                let qty = match qty {
                    FillQtyPick::Rest => rest,
                    FillQtyPick::Lots(n) => pools::lots(n),
                    FillQtyPick::Zero => Qty::ZERO,
                    FillQtyPick::Overfill => rest.checked_add(pools::lots(1)).unwrap_or(Qty::MAX),
                    FillQtyPick::Huge => Qty::MAX,
                };
                fill = Some(ReportFill {
                    trade_id,
                    qty,
                    price: pools::price(price_ticks),
                });
                let execution = if calculated {
                    ExecutionType::Calculated
                } else {
                    ExecutionType::Trade
                };
                let complete = base.is_some()
                    && filled
                        .checked_add(qty)
                        .is_none_or(|after| after >= quantity);
                let status = if complete {
                    ReportStatus::Filled
                } else {
                    ReportStatus::PartiallyFilled
                };
                (execution, status)
            }
            ReportKind::Cancel => (ExecutionType::Canceled, ReportStatus::Canceled),
            ReportKind::Expire { in_match, reason } => {
                expiry_reason = reason.map(ExpiryReason);
                let status = if in_match {
                    ReportStatus::ExpiredInMatch
                } else {
                    ReportStatus::Expired
                };
                (ExecutionType::Expired, status)
            }
            ReportKind::Amend { lots, price_ticks } => {
                amendment = Some(Amendment {
                    quantity: pools::lots(lots),
                    price: price_ticks.map(pools::price),
                });
                let status = if filled.is_zero() {
                    ReportStatus::New
                } else {
                    ReportStatus::PartiallyFilled
                };
                (ExecutionType::Amendment, status)
            }
            ReportKind::Reject => (ExecutionType::Rejected, ReportStatus::Rejected),
            ReportKind::Triggering => (ExecutionType::Triggering, ReportStatus::Triggering),
            ReportKind::Triggered { finished } => {
                let status = if finished {
                    ReportStatus::Finished
                } else {
                    ReportStatus::Triggered
                };
                (ExecutionType::Triggered, status)
            }
            // Resolved by `resolve_report`; for an order never registered, an ack.
            ReportKind::Next(_) => (ExecutionType::New, ReportStatus::New),
            ReportKind::Bare { execution } => {
                let execution = nth(&EXECUTION_TYPES, execution, ExecutionType::New);
                let status = REPORT_STATUSES
                    .into_iter()
                    .find(|&s| status_fits(execution, s))
                    .unwrap_or(ReportStatus::New);
                (execution, status)
            }
        };
        let cumulative_qty = match fields.cumulative {
            CumulativeField::Consistent => Some(
                filled
                    .checked_add(fill.map_or(Qty::ZERO, |f| f.qty))
                    .unwrap_or(Qty::MAX),
            ),
            CumulativeField::Lots(n) => Some(pools::lots(n)),
            CumulativeField::Omit => None,
        };
        let algo_service = match execution {
            ExecutionType::Triggering | ExecutionType::Triggered => true,
            ExecutionType::New
            | ExecutionType::Canceled
            | ExecutionType::Expired
            | ExecutionType::Rejected => fields.algo.2,
            _ => false,
        };
        let algo_id = match fields.algo {
            (AlgoField::Auto, own, _) => algo_service.then_some(own),
            (AlgoField::Algo, own, _) => Some(own),
            (AlgoField::Omit, ..) => None,
            (AlgoField::Raw(n), ..) => Some(pools::raw_algo_id(n)),
        };
        ExecutionReport {
            algo_id,
            client_id: fields.client_id,
            exchange_id: fields.exchange_id,
            symbol: fields.symbol,
            execution,
            status: match fields.status {
                StatusField::Consistent => consistent,
                StatusField::Raw(n) => nth(&REPORT_STATUSES, n, ReportStatus::New),
            },
            fill,
            cumulative_qty,
            terms: base.and_then(|o| restate(fields.terms, o, amendment)),
            amendment,
            expiry_reason,
            transaction_time: fields.transaction_time,
        }
    }
}
