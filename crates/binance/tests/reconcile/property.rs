//! The property: a random stream (orders placed, some left in doubt,
//! acknowledged, filled in parts, cancelled by the exchange or the engine)
//! with a random outage window. The engine keeps sending requests during
//! the outage but hears nothing; at the window's end it reconciles from the
//! exchange's view at that moment (rendered as REST answers), hears a few of
//! the lost events again (a redelivery), then reads the rest of the stream.
//! Every order must end as in a run without outage: state, filled quantity,
//! average price.

use ordertrack::{
    ClientOrderId, ExchangeOrderId, ExecutionReport, OrderKey, OrderTracker, Price, TradeId,
};
use proptest::prelude::*;

use crate::engine::{
    ack, btc, canceled, client_id, place_as, price, qty, reconcile_against, trade,
};
use crate::exchange::{ExOrder, Exchange, Trade};

/// One order's life, as generated.
#[derive(Debug, Clone)]
struct Life {
    /// Fill sizes, in units of 0.001.
    pieces: Vec<i64>,
    /// How many pieces fill before a cancel; `None`: all (filled).
    cancel_after: Option<usize>,
    /// Whether the engine sends the cancel (else the exchange cancels).
    engine_cancel: bool,
    /// Whether the placement's answer times out.
    in_doubt: bool,
    /// Price offsets of the fills, in 0.1.
    prices: Vec<u8>,
}

fn life() -> impl Strategy<Value = Life> {
    (
        prop::collection::vec(1..=3_i64, 1..=8),
        prop::option::of(0..8_usize),
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(0..20_u8, 5),
    )
        .prop_map(|(pieces, cancel, engine_cancel, in_doubt, prices)| {
            let cancel_after = cancel.map(|k| k.min(pieces.len() - 1));
            Life {
                pieces,
                cancel_after,
                engine_cancel,
                in_doubt,
                prices,
            }
        })
}

#[derive(Debug, Clone, Copy)]
enum Event {
    Place(usize),
    InDoubt(usize),
    Ack(usize),
    Fill(usize, usize),
    EngineCancel(usize),
    Cancel(usize),
}

impl Event {
    const fn order(self) -> usize {
        match self {
            Self::Place(i)
            | Self::InDoubt(i)
            | Self::Ack(i)
            | Self::Fill(i, _)
            | Self::EngineCancel(i)
            | Self::Cancel(i) => i,
        }
    }

    const fn is_exchange_event(self) -> bool {
        matches!(self, Self::Ack(_) | Self::Fill(..) | Self::Cancel(_))
    }
}

fn events_of(i: usize, life: &Life) -> Vec<Event> {
    let mut events = vec![Event::Place(i)];
    if life.in_doubt {
        events.push(Event::InDoubt(i));
    }
    events.push(Event::Ack(i));
    let fills = life.cancel_after.unwrap_or(life.pieces.len());
    events.extend((0..fills).map(|k| Event::Fill(i, k)));
    if life.cancel_after.is_some() {
        if life.engine_cancel {
            events.push(Event::EngineCancel(i));
        }
        events.push(Event::Cancel(i));
    }
    events
}

/// The orders' events merged into one stream, `picks` choosing whose comes
/// next.
fn merge(lives: &[Life], picks: &[usize]) -> Vec<Event> {
    let mut queues: Vec<std::collections::VecDeque<Event>> = lives
        .iter()
        .enumerate()
        .map(|(i, life)| events_of(i, life).into())
        .collect();
    let mut stream = Vec::new();
    let mut pick = picks.iter().cycle();
    loop {
        let open: Vec<usize> = (0..queues.len())
            .filter(|&i| !queues[i].is_empty())
            .collect();
        if open.is_empty() {
            return stream;
        }
        let i = open[pick.next().copied().unwrap_or(0) % open.len()];
        stream.extend(queues[i].pop_front());
    }
}

/// The stream with everything each event needs: trade ids in stream order,
/// cumulative quantities, times.
struct World {
    lives: Vec<Life>,
    stream: Vec<Event>,
    /// Per fill event (by position): its trade id.
    trade_ids: Vec<Option<TradeId>>,
    /// The orders' client ids.
    ids: Vec<ClientOrderId>,
}

fn time(position: usize) -> u64 {
    10_000 + 10 * position as u64
}

fn exchange_id(i: usize) -> ExchangeOrderId {
    ExchangeOrderId(5_000 + i as u64)
}

impl World {
    fn new(lives: Vec<Life>, picks: &[usize]) -> Self {
        let stream = merge(&lives, picks);
        let mut next = 100;
        let trade_ids = stream
            .iter()
            .map(|e| {
                matches!(e, Event::Fill(..)).then(|| {
                    next += 1;
                    TradeId(next)
                })
            })
            .collect();
        let ids = lives.iter().map(|_| client_id()).collect();
        Self {
            lives,
            stream,
            trade_ids,
            ids,
        }
    }

    fn fill_price(&self, i: usize, k: usize) -> Price {
        let offset = i64::from(self.lives[i].prices[k % 5]);
        Price::from_units(97_000 * 100_000_000 - offset * 10_000_000).expect("a price")
    }

    /// Filled units of order `i` after its fill `k`.
    fn cumulative(&self, i: usize, k: usize) -> i64 {
        self.lives[i].pieces[..=k].iter().sum()
    }

    fn units(&self, i: usize) -> i64 {
        self.lives[i].pieces.iter().sum()
    }

    /// The report of an exchange event.
    fn report(&self, p: usize) -> Option<ExecutionReport> {
        let ids = &self.ids;
        let event = self.stream[p];
        let i = event.order();
        Some(match event {
            Event::Ack(i) => ack(ids[i], exchange_id(i), time(p)),
            Event::Fill(i, k) => trade(
                ids[i],
                exchange_id(i),
                self.trade_ids[p]?.0,
                qty(self.lives[i].pieces[k]),
                self.fill_price(i, k),
                qty(self.cumulative(i, k)),
                self.cumulative(i, k) == self.units(i),
                time(p),
            ),
            Event::Cancel(_) => {
                let filled = self.lives[i]
                    .cancel_after
                    .map_or(0, |n| self.lives[i].pieces[..n].iter().sum());
                canceled(ids[i], exchange_id(i), qty(filled), time(p))
            }
            _ => return None,
        })
    }

    /// The exchange's view after the first `end` events.
    fn exchange_at(&self, end: usize) -> Exchange {
        let ids = &self.ids;
        let mut orders: Vec<Option<ExOrder>> = vec![None; self.lives.len()];
        for p in 0..end {
            let event = self.stream[p];
            let i = event.order();
            match event {
                Event::Ack(_) => {
                    orders[i] = Some(ExOrder {
                        client_id: ids[i],
                        exchange_id: exchange_id(i),
                        symbol: btc(),
                        quantity: qty(self.units(i)),
                        price: price("97000"),
                        side: "BUY",
                        orig_type: "LIMIT",
                        status: "NEW",
                        trades: Vec::new(),
                        update_time: time(p),
                    });
                }
                Event::Fill(_, k) => {
                    if let Some(order) = orders[i].as_mut() {
                        order.trades.push(Trade {
                            id: self.trade_ids[p].expect("a fill's trade id"),
                            qty: qty(self.lives[i].pieces[k]),
                            price: self.fill_price(i, k),
                            time: time(p),
                        });
                        order.status = if self.cumulative(i, k) == self.units(i) {
                            "FILLED"
                        } else {
                            "PARTIALLY_FILLED"
                        };
                        order.update_time = time(p);
                    }
                }
                Event::Cancel(_) => {
                    if let Some(order) = orders[i].as_mut() {
                        order.status = "CANCELED";
                        order.update_time = time(p);
                    }
                }
                _ => {}
            }
        }
        Exchange {
            orders: orders.into_iter().flatten().collect(),
        }
    }
}

/// An engine request at position `p`. Its errors (a cancel the order's
/// state no longer allows) are ignored: the engine would retry or give up
/// the same way in both runs.
fn request(tracker: &mut OrderTracker, world: &World, p: usize, keys: &mut [Option<OrderKey>]) {
    match world.stream[p] {
        Event::Place(i) => {
            keys[i] = Some(place_as(
                tracker,
                world.ids[i],
                world.units(i),
                price("97000"),
                time(p),
            ));
        }
        Event::InDoubt(i) => {
            if let Some(key) = keys[i] {
                let _ = tracker.place_in_doubt(key, time(p));
            }
        }
        Event::EngineCancel(i) => {
            if let Some(key) = keys[i] {
                let _ = tracker.cancel(key, time(p));
            }
        }
        _ => {}
    }
}

type Final = Vec<(ordertrack::OrderStatus, ordertrack::Qty, Option<Price>)>;

fn finals(tracker: &OrderTracker, keys: &[Option<OrderKey>]) -> Final {
    keys.iter()
        .map(|key| {
            let order = key.and_then(|k| tracker.get(k)).expect("tracked");
            (
                order.status(),
                order.filled_qty(),
                order.average_fill_price(),
            )
        })
        .collect()
}

fn without_outage(world: &World) -> Final {
    let mut tracker = OrderTracker::new();
    let mut keys = vec![None; world.lives.len()];
    for p in 0..world.stream.len() {
        request(&mut tracker, world, p, &mut keys);
        if let Some(report) = world.report(p) {
            tracker.apply(&report).expect("the stream applies");
        }
    }
    finals(&tracker, &keys)
}

/// The run with the outage `[start, end)`, healed at `end` by a
/// reconciliation, then `redelivered` of the lost exchange events heard
/// again. Returns the final state and the reconciliation's rounds.
fn with_outage(world: &World, start: usize, end: usize, redelivered: usize) -> (Final, usize) {
    let mut tracker = OrderTracker::new();
    let mut keys = vec![None; world.lives.len()];
    for p in 0..end {
        request(&mut tracker, world, p, &mut keys);
        if p < start
            && let Some(report) = world.report(p)
        {
            tracker.apply(&report).expect("the stream applies");
        }
    }
    let now = time(end);
    let (plan, _, rounds) = reconcile_against(&tracker, &world.exchange_at(end), now);
    for done in plan.apply(&mut tracker, now) {
        done.expect("every step applies");
    }
    // A redelivery of the last lost events: never counted twice (a
    // duplicate, or a stale status; a trade beyond the duplicate window is
    // refused, changing nothing).
    let lost: Vec<usize> = (start..end)
        .filter(|&p| world.stream[p].is_exchange_event())
        .collect();
    for &p in lost.iter().rev().take(redelivered).rev() {
        if let Some(report) = world.report(p) {
            let _ = tracker.apply(&report);
        }
    }
    for p in end..world.stream.len() {
        request(&mut tracker, world, p, &mut keys);
        if let Some(report) = world.report(p) {
            tracker
                .apply(&report)
                .expect("the stream after the reconnect applies");
        }
    }
    tracker.check_invariants().expect("consistent");
    (finals(&tracker, &keys), rounds)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn an_outage_healed_by_reconciliation_ends_as_without_outage(
        lives in prop::collection::vec(life(), 1..=5),
        picks in prop::collection::vec(any::<usize>(), 1..40),
        window in (any::<prop::sample::Index>(), any::<prop::sample::Index>()),
        redelivered in 0..4_usize,
    ) {
        let world = World::new(lives, &picks);
        let len = world.stream.len();
        let (a, b) = (window.0.index(len + 1), window.1.index(len + 1));
        let (start, end) = (a.min(b), a.max(b));
        let (healed, rounds) = with_outage(&world, start, end, redelivered);
        prop_assert!(rounds <= 4, "{rounds} rounds");
        prop_assert_eq!(healed, without_outage(&world), "outage [{}, {}) of {:?}", start, end, world.stream);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any answer of a reconnect cut short is a typed error naming its
    /// request: the reconciliation returns nothing to apply.
    #[test]
    fn a_truncated_answer_is_an_error_naming_its_request(
        lives in prop::collection::vec(life(), 1..=5),
        picks in prop::collection::vec(any::<usize>(), 1..40),
        end in any::<prop::sample::Index>(),
        which in any::<prop::sample::Index>(),
    ) {
        let world = World::new(lives, &picks);
        let end = end.index(world.stream.len() + 1);
        let mut tracker = OrderTracker::new();
        let mut keys = vec![None; world.lives.len()];
        for p in 0..end {
            request(&mut tracker, &world, p, &mut keys);
        }
        let (_, snapshot, _) = reconcile_against(&tracker, &world.exchange_at(end), time(end));
        prop_assume!(!snapshot.is_empty());
        let answers: Vec<_> = snapshot.iter().map(|(f, a)| (*f, a.clone())).collect();
        let (cut, _) = answers[which.index(answers.len())];
        let mut broken = ordertrack_binance::Snapshot::new();
        for (fetch, answer) in &answers {
            let body = if *fetch == cut { &answer.body[..answer.body.len() / 2] } else { answer.body.as_str() };
            broken.insert(*fetch, answer.http_status, body);
        }
        let error = ordertrack_binance::reconcile(&tracker, &broken, time(end), 5_000)
            .expect_err("a cut answer");
        prop_assert_eq!(*error.fetch(), cut, "{}", error);
    }
}
