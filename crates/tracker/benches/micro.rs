//! Micro benchmarks: one operation at a time, on a tracker holding the engine's
//! live window of 10,000 orders (50 symbols, 20 sub-accounts).
//!
//! Operations that change the tracker are timed in chunks of up to 1,024, each
//! order put back in its starting state between chunks (not timed), so every
//! timed operation does exactly what its name says. See docs/performance.md.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    missing_docs
)]

mod support;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use ordertrack::{AnyOrder, ClientOrderId, NewOrder, OrderKey, OrderTracker, Origin, Price, Qty};
use support::{
    ApplyKind, Layout, Pool, Pre, Rng, T0, clock, populate, sub_accounts, time_apply, time_chunked,
    time_lookup_client, time_lookup_exchange, time_loop,
};

const WINDOW: usize = 10_000;
const CHUNK: usize = 1_024;

fn window() -> Pool {
    eprintln!("micro: timed with {}", support::clock_name());
    let (tracker, orders) = populate(Layout {
        orders: WINDOW,
        symbols: 50,
        sub_accounts: 20,
        children_per_parent: 10,
    });
    let mut visit: Vec<usize> = (0..orders.len()).collect();
    Rng::new(6).shuffle(&mut visit);
    Pool::new(tracker, orders, visit)
}

fn ids_and_parsing(c: &mut Criterion) {
    let mut g = c.benchmark_group("micro");
    g.sample_size(20)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_millis(800));
    let sub = sub_accounts(1)[0];
    g.bench_function("client_id_generate", |b| {
        b.iter_custom(|iters| {
            time_loop(iters, || {
                ClientOrderId::generate(black_box(&sub), Origin::Chase)
            })
        });
    });
    g.bench_function("client_id_parse", |b| {
        b.iter_custom(|iters| {
            time_loop(iters, || {
                ClientOrderId::new(black_box("PMS3f2a9c1e_CHS_0f1e2d3c4b5a"))
            })
        });
    });
    let id = ClientOrderId::new("PMS3f2a9c1e_CHS_0f1e2d3c4b5a").unwrap();
    g.bench_function("client_id_parse_pms", |b| {
        b.iter_custom(|iters| time_loop(iters, || black_box(&id).parse_pms()));
    });
    g.bench_function("price_parse", |b| {
        b.iter_custom(|iters| time_loop(iters, || Price::parse(black_box("97123.45"))));
    });
    g.bench_function("qty_parse", |b| {
        b.iter_custom(|iters| time_loop(iters, || Qty::parse(black_box("0.00100000"))));
    });
    g.finish();
}

/// Registration of new orders into the window, unregistered again between chunks.
struct Registering {
    tracker: OrderTracker,
    specs: Vec<NewOrder>,
    cursor: usize,
    pending: Vec<AnyOrder>,
    keys: Vec<OrderKey>,
}

fn tracker_ops(c: &mut Criterion) {
    let mut pool = window();
    let mut g = c.benchmark_group("micro");
    g.sample_size(20)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_millis(800));

    let (client_ids, exchange_ids) = pool.visit_ids();
    g.bench_function("lookup_client", |b| {
        b.iter_custom(|iters| time_lookup_client(&pool, &client_ids, iters));
    });
    g.bench_function("lookup_exchange", |b| {
        b.iter_custom(|iters| time_lookup_exchange(&pool, &exchange_ids, iters));
    });

    for kind in ApplyKind::ALL {
        pool.set_all(kind.pre());
        g.bench_function(kind.name(), |b| {
            b.iter_custom(|iters| time_apply(&mut pool, kind, iters, CHUNK));
        });
        pool.assert_all_did(kind);
    }
    pool.set_all(Pre::Active);

    // The engine's cancel request (Active → Cancelling), for contrast with the
    // exchange's CANCELED above.
    g.bench_function("cancel_request", |b| {
        b.iter_custom(|iters| {
            time_chunked(
                iters,
                CHUNK,
                &mut pool,
                |p, n| p.next_chunk(n),
                |p, _| {
                    for &i in &p.current {
                        let key = p.orders[i].key;
                        black_box(p.tracker.cancel(black_box(key), T0 + 1).is_ok());
                    }
                },
                |p, _| p.reset_current(Pre::Active),
            )
        });
    });

    // Cleanup: each iteration is one removed order. The chunk's orders are made
    // Filled (closed at T0) before the clock starts; one `cleanup_terminal` call
    // then removes the whole chunk.
    g.bench_function("cleanup_terminal_per_order", |b| {
        b.iter_custom(|iters| {
            time_chunked(
                iters,
                CHUNK,
                &mut pool,
                |p, n| {
                    p.next_chunk(n);
                    p.reset_current(Pre::Filled);
                },
                |p, n| {
                    let removed = p.tracker.cleanup_terminal(
                        black_box(T0 + 10_000),
                        std::time::Duration::from_millis(5_000),
                    );
                    debug_assert_eq!(removed, n);
                    black_box(removed);
                },
                |p, _| p.reset_current(Pre::Active),
            )
        });
    });

    // Iteration over a symbol's live orders, reading each order: per item.
    let symbol = pool.orders[0].spec.symbol;
    let per_pass = pool.tracker.count_active_by_symbol(&symbol) as u64;
    assert!(per_pass >= 100, "{per_pass} live orders on {symbol}");
    g.bench_function("active_by_symbol_per_item", |b| {
        b.iter_custom(|iters| {
            let passes = iters.div_ceil(per_pass);
            let start = clock();
            for _ in 0..passes {
                let mut open = 0i64;
                for (_, order) in pool.tracker.active_by_symbol(black_box(&symbol)) {
                    open += order.quantity().units() - order.filled_qty().units();
                }
                black_box(open);
            }
            (clock() - start).mul_f64(iters as f64 / (passes * per_pass) as f64)
        });
    });

    // Registration of a new Idle order into the window.
    let Pool {
        tracker, orders, ..
    } = pool;
    let (sub, symbol) = (orders[0].spec.sub_account, orders[0].spec.symbol);
    let specs: Vec<NewOrder> = (0..CHUNK as u64)
        .map(|i| support::spec(10_000_000 + i, sub, symbol, None, T0))
        .collect();
    let mut reg = Registering {
        tracker,
        specs,
        cursor: 0,
        pending: Vec::with_capacity(CHUNK),
        keys: Vec::with_capacity(CHUNK),
    };
    g.bench_function("register", |b| {
        b.iter_custom(|iters| {
            time_chunked(
                iters,
                CHUNK,
                &mut reg,
                |r, n| {
                    for _ in 0..n {
                        let spec = r.specs[r.cursor % r.specs.len()];
                        r.cursor += 1;
                        r.pending.push(AnyOrder::new(spec).unwrap());
                    }
                },
                |r, _| {
                    for order in r.pending.drain(..) {
                        r.keys.push(r.tracker.register(black_box(order)).unwrap());
                    }
                },
                |r, _| {
                    for key in r.keys.drain(..) {
                        r.tracker.unregister(key);
                    }
                },
            )
        });
    });
    g.finish();
    drop(orders);
    drop(reg);
}

criterion_group!(benches, ids_and_parsing, tracker_ops);
criterion_main!(benches);
