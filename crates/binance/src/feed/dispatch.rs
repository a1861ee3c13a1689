//! What a line does: decoded, then held, adopted or applied, and counted; and
//! what the feed forgets or gives up on.

use ordertrack::{Applied, ClientOrderId, ExecutionReport, Outcome};

use super::triggered::Hold;
use super::{Fed, FeedChange, FeedError, FeedTracker, Line, Released, ReportOrder};
use crate::event::{FeedEvent, decode};
use crate::seed::seed_order;

impl FeedTracker {
    /// Feeds one line of the stream (without its line terminator).
    ///
    /// # Errors
    /// [`FeedError`] when the line cannot be used; the tracker is exactly as
    /// it was and nothing is held or remembered for the line.
    pub fn feed<'a>(&mut self, line: impl Into<Line<'a>>) -> Result<Fed<'a>, FeedError> {
        self.stats.lines += 1;
        let max = self.config.max_line_bytes;
        let bytes = match line.into() {
            Line::Overlong { bytes } => return Err(FeedError::TooLong { bytes, max }),
            Line::Bytes(bytes) if bytes.len() > max => {
                let bytes = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
                return Err(FeedError::TooLong { bytes, max });
            }
            Line::Bytes(bytes) => bytes,
        };
        let text = std::str::from_utf8(bytes)?;
        if text.trim().is_empty() {
            self.stats.blank_lines += 1;
            return Ok(Fed::Blank);
        }
        match decode(text)? {
            FeedEvent::OrderUpdate(report) => {
                self.stats.order_trade_updates += 1;
                self.order_update(&report)
            }
            FeedEvent::AlgoUpdate(report) => {
                self.stats.algo_updates += 1;
                self.order_update(&report)
            }
            FeedEvent::TradeLite(report) => {
                self.stats.trade_lites += 1;
                if let Some(client_id) = self.adoptable(&report) {
                    self.held.hold(client_id, self.stats.lines, report);
                    self.stats.trade_lites_held += 1;
                    return Ok(Fed::Held { client_id });
                }
                self.apply(&report, Hold::ForTrigger)
            }
            FeedEvent::Other { event_type } => {
                self.stats.other_events += 1;
                Ok(Fed::Other { event_type })
            }
        }
    }

    /// Removes the terminal orders that closed more than `max_age` before
    /// `now` ([`OrderTracker::cleanup_terminal`]) and remembers their client
    /// ids (at most [`FeedConfig::max_cleaned_orders`], the oldest forgotten
    /// first), so that an event the exchange redelivers for one of them is
    /// never adopted as a new order (which would count its fill a second
    /// time): it is [`Fed::UnknownOurs`]. Returns how many were removed.
    ///
    /// Call this rather than the tracker's own `cleanup_terminal` when
    /// adoption is on.
    ///
    /// [`OrderTracker::cleanup_terminal`]: ordertrack::OrderTracker::cleanup_terminal
    /// [`FeedConfig::max_cleaned_orders`]: super::FeedConfig::max_cleaned_orders
    pub fn cleanup_terminal(&mut self, now: u64, max_age: std::time::Duration) -> usize {
        let cleaned = &mut self.cleaned;
        self.tracker.cleanup_terminal_with(now, max_age, |order| {
            cleaned.insert(order.client_id());
        })
    }

    /// The stream ended: the `TRADE_LITE`s still held will never meet their
    /// order. Counts each as an event of an unknown order of ours, forgets
    /// them, and returns how many there were. The events held for triggered
    /// orders are given up too ([`FeedTracker::abandon_held_for_trigger`]).
    pub fn abandon_held(&mut self) -> u64 {
        let mut abandoned = 0;
        for (client_id, reports) in self.held.drain() {
            let events = u64::try_from(reports.len()).unwrap_or(u64::MAX);
            abandoned += events;
            self.stats.unknown_events += events;
            if self.unknown.insert(client_id) {
                self.stats.unknown_orders += 1;
            }
        }
        self.abandon_held_for_trigger();
        abandoned
    }

    /// The stream ended: the events held for triggered orders will never
    /// meet an order of ours. Counts each as an event of a foreign order (as
    /// it would have been counted without the hold), forgets them, and
    /// returns how many there were.
    pub fn abandon_held_for_trigger(&mut self) -> u64 {
        let mut abandoned = 0;
        for (key, reports) in self.for_trigger.drain() {
            let events = u64::try_from(reports.len()).unwrap_or(u64::MAX);
            abandoned += events;
            self.stats.foreign_events += events;
            if self.foreign.insert((key.0, Some(key.1))) {
                self.stats.foreign_orders += 1;
            }
        }
        abandoned
    }

    /// The report's client id when adoption is on and it is one of ours that
    /// no tracked order has and this feed never cleaned up.
    fn adoptable(&self, report: &ExecutionReport) -> Option<ClientOrderId> {
        report.client_id.filter(|c| {
            self.config.adopt
                && c.parse_pms().is_some()
                && self.tracker.lookup_client(c).is_none()
                && !self.cleaned.contains(c)
        })
    }

    fn order_update(&mut self, report: &ExecutionReport) -> Result<Fed<'static>, FeedError> {
        let Some(client_id) = self.adoptable(report) else {
            return self.apply(report, Hold::ForTrigger);
        };
        if self.tracker.len() >= self.config.max_orders {
            return Err(FeedError::TrackerFull {
                client_id,
                max: self.config.max_orders,
            });
        }
        // Everything happens on the order before it is registered: a refusal
        // at any step leaves the tracker untouched.
        let mut order = seed_order(report)?;
        let applied = order.apply(report).map_err(|source| FeedError::Apply {
            report: ReportOrder::of(report),
            source,
        })?;
        let key = self.tracker.register(order).map_err(FeedError::Track)?;
        if let Some(order) = self.tracker.get(key) {
            let order = order.clone();
            self.changed(|| FeedChange::Registered(order));
        }
        self.stats.orders_registered += 1;
        self.stats.record(&applied);
        self.watch_if_waiting(key);
        let mut released: Vec<Released> = self
            .held
            .release(&client_id)
            .unwrap_or_default()
            .into_iter()
            .map(|held| Released {
                line: held.line,
                result: self.apply(&held.report, Hold::No),
            })
            .collect();
        released.extend(self.release_for_trigger(key));
        Ok(Fed::Adopted {
            key,
            applied,
            released,
        })
    }

    /// Applies a report through the tracker and counts what it did; with
    /// `hold`, an event of a matching-engine order no tracked order has may be
    /// held for a triggered order, and a report applied releases what was
    /// held for it.
    pub(super) fn apply(
        &mut self,
        report: &ExecutionReport,
        hold: Hold,
    ) -> Result<Fed<'static>, FeedError> {
        Ok(
            match self
                .tracker
                .apply(report)
                .map_err(|err| FeedError::refused(report, err))?
            {
                Outcome::Applied { key, applied } => {
                    self.changed(|| FeedChange::Applied(*report));
                    self.stats.record(&applied);
                    if matches!(applied, Applied::Armed | Applied::Triggering) {
                        self.watch_if_waiting(key);
                    }
                    let released = match hold {
                        Hold::ForTrigger => self.release_for_trigger(key),
                        Hold::No => Vec::new(),
                    };
                    if released.is_empty() {
                        Fed::Applied { key, applied }
                    } else {
                        Fed::AppliedAndReleased {
                            key,
                            applied,
                            released,
                        }
                    }
                }
                Outcome::Unknown(order) => match order.client_id {
                    Some(client_id) if order.is_ours() => {
                        let first_seen = self.unknown.insert(client_id);
                        self.stats.unknown_events += 1;
                        self.stats.unknown_orders += u64::from(first_seen);
                        Fed::UnknownOurs {
                            client_id,
                            first_seen,
                        }
                    }
                    _ => {
                        if hold == Hold::ForTrigger
                            && let Some(held) = self.hold_for_trigger(report)
                        {
                            return Ok(held);
                        }
                        let first_seen = self.foreign.insert((order.symbol, order.exchange_id));
                        self.stats.foreign_events += 1;
                        self.stats.foreign_orders += u64::from(first_seen);
                        Fed::Foreign { order, first_seen }
                    }
                },
            },
        )
    }
}
