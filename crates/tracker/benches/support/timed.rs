//! The timed operations on a pool: `apply` of each kind of report, and the two
//! lookups.

use std::hint::black_box;
use std::time::Duration;

use ordertrack::{
    AnyOrder, Applied, ClientOrderId, ExchangeOrderId, ExecutionReport, ExecutionType, Outcome,
    Price, Symbol, TradeId,
};
use ordertrack_model::testing::report_for;

use super::{Pool, Pre, T0, Tracked, clock, qty, time_chunked};

/// What a benchmark of `apply` applies, and the state its order starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ApplyKind {
    /// `NEW` on a Placing order.
    Ack,
    /// A fill of a quarter of the quantity on an Active order.
    PartialFill,
    /// A fill of the whole quantity on an Active order (→ Filled, leaves the
    /// live index, enters the cleanup queue).
    FinalFill,
    /// The exchange's `CANCELED` on a Cancelling order (→ Cancelled).
    Cancel,
}

impl ApplyKind {
    pub(crate) const ALL: [Self; 4] = [Self::Ack, Self::PartialFill, Self::FinalFill, Self::Cancel];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Ack => "apply_ack",
            Self::PartialFill => "apply_partial_fill",
            Self::FinalFill => "apply_final_fill",
            Self::Cancel => "apply_cancel",
        }
    }

    pub(crate) fn pre(self) -> Pre {
        match self {
            Self::Ack => Pre::Placing,
            Self::PartialFill | Self::FinalFill => Pre::Active,
            Self::Cancel => Pre::Cancelling,
        }
    }

    /// Whether `applied` is what this kind's report should do.
    pub(crate) fn did(self, applied: &Applied) -> bool {
        matches!(
            (self, applied),
            (Self::Ack, Applied::Acknowledged)
                | (Self::PartialFill, Applied::PartiallyFilled(_))
                | (Self::FinalFill, Applied::Filled(_))
                | (Self::Cancel, Applied::Cancelled(_))
        )
    }

    /// This kind's report about `order`, `tracked`'s order as the tracker holds
    /// it (in [`ApplyKind::pre`]), at `T0 + 1`: the ack naming `tracked`'s
    /// exchange id, trade 7 of a quarter or of the whole quantity at the
    /// order's price, or the exchange's `CANCELED`.
    pub(crate) fn report(self, tracked: &Tracked, order: &AnyOrder) -> ExecutionReport {
        let at = T0 + 1;
        let whole = order.quantity();
        let price = order.price().unwrap_or(Price::ZERO);
        let trade = || report_for(order, ExecutionType::Trade, at);
        match self {
            Self::Ack => {
                report_for(order, ExecutionType::New, at).exchange_id(Some(tracked.exchange_id))
            }
            Self::PartialFill => trade().fill(TradeId(7), qty(whole.units() / 4), price),
            Self::FinalFill => trade().fill(TradeId(7), whole, price),
            Self::Cancel => report_for(order, ExecutionType::Canceled, at),
        }
        .build()
    }
}

/// Times `tracker.apply` of `kind`'s report on `iters` orders of the pool, in
/// chunks of `chunk`; each order is put back in `kind.pre()` between chunks (not
/// timed). The pool's orders must be in `kind.pre()` on entry.
pub(crate) fn time_apply(pool: &mut Pool, kind: ApplyKind, iters: u64, chunk: usize) -> Duration {
    // A chunk never visits an order twice: the second visit would find it
    // already moved on (a stale or duplicate report, not the operation named).
    let chunk = chunk.min(pool.visit.len());
    time_chunked(
        iters,
        chunk,
        pool,
        |p, n| {
            p.next_chunk(n);
            p.reports.clear();
            for j in 0..n {
                let tracked = &p.orders[p.current[j]];
                let order = p.tracker.get(tracked.key).expect("tracked");
                p.reports.push(kind.report(tracked, order));
            }
        },
        |p, _| {
            for report in &p.reports {
                match p.tracker.apply(black_box(report)) {
                    Ok(Outcome::Applied { applied, .. }) if kind.did(&applied) => {}
                    other => {
                        black_box(other.ok());
                        p.unexpected += 1;
                    }
                }
            }
        },
        |p, _| p.reset_current(kind.pre()),
    )
}

/// Times `lookup_client` over the pool's visit list, `iters` lookups.
pub(crate) fn time_lookup_client(pool: &Pool, ids: &[ClientOrderId], iters: u64) -> Duration {
    let start = clock();
    let mut i = 0;
    for _ in 0..iters {
        black_box(
            pool.tracker
                .lookup_client(black_box(&ids[i]))
                .map(|(k, _)| k),
        );
        i += 1;
        if i == ids.len() {
            i = 0;
        }
    }
    clock() - start
}

/// Times `lookup_exchange` over `(symbol, exchange id)` pairs, `iters` lookups.
pub(crate) fn time_lookup_exchange(
    pool: &Pool,
    ids: &[(Symbol, ExchangeOrderId)],
    iters: u64,
) -> Duration {
    let start = clock();
    let mut i = 0;
    for _ in 0..iters {
        let (symbol, id) = &ids[i];
        black_box(
            pool.tracker
                .lookup_exchange(black_box(symbol), black_box(*id))
                .map(|(k, _)| k),
        );
        i += 1;
        if i == ids.len() {
            i = 0;
        }
    }
    clock() - start
}
