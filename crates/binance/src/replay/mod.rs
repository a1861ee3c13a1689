//! Replays a recorded user-data stream through a [`FeedTracker`] and
//! summarizes what happened.
//!
//! Input: JSON lines, one stream message per line, as the stream delivered
//! them, read by a [`LineReader`] (a line longer than
//! [`FeedConfig::max_line_bytes`] is skipped unread). A recording holds only
//! the exchange's side, so every order of ours is adopted from its first
//! `ORDER_TRADE_UPDATE` or `ALGO_UPDATE`, an early `TRADE_LITE` is held for
//! it, and the early events of a triggered order under another client id are
//! held until its `TRIGGERED`, exactly as [`FeedTracker`] does on a live
//! stream; `TRADE_LITE`s still held at the end count as events of unknown
//! orders of ours, events held for a trigger as foreign ones.
//!
//! A line that cannot be used is counted by kind, its line number and
//! message (clipped to [`MAX_MESSAGE_BYTES`]) kept for the first few, and
//! leaves the tracker exactly as it was; the replay goes on with the next
//! line. A read error ends the replay and is counted as a `read_error`.
//! [`Summary::exit_status`] is the `replay` tool's exit status.

mod orders;
mod reconciled;
mod render;
#[cfg(feature = "store")]
mod stored;
mod summary;

use std::convert::Infallible;
use std::io::BufRead;

use ordertrack::{OrderStatus, OrderTracker};

pub use orders::OrderRow;
pub use reconciled::{ReconcileRun, replay_reconciled};
#[cfg(feature = "store")]
pub use stored::{StoredReplayError, replay_stored};
pub use summary::{InvariantCheck, LineError, MAX_MESSAGE_BYTES, Summary};

use crate::feed::{Fed, FeedConfig, FeedTracker, LineReader, Released};
use summary::{ErrorLog, clipped};

/// The built-in sample session (`crates/binance/data/sample_session.jsonl`):
/// every path the replay knows — acks, fills with `TRADE_LITE` twins in both
/// orders of arrival, a fill before its ack, a redelivered line, a cancel
/// that overtook a fill, expiries, an amendment, a triggered stop, foreign
/// orders, a `TRADE_LITE` whose order never shows up, and conditional
/// orders: a stop from before the algo service (`EXPIRED` with `er` 8 its
/// trigger, then `NEW` as `MARKET` and its fill), a stop of the algo service
/// armed, triggering, its triggered order's first fill under another client
/// id before `TRIGGERED` (held, then applied) and a foreign order's event held
/// meanwhile, and a close-position take-profit whose quantity its triggered
/// order states — in Binance's exact field format, with no bad line.
pub const SAMPLE_SESSION: &str = include_str!("../../data/sample_session.jsonl");

/// The built-in sample of bad lines (`crates/binance/data/sample_errors.jsonl`):
/// a short session with a truncated line, a symbol in ccxt form, an
/// `ALGO_UPDATE` whose `ai` is no order id, an overfill, an exchange id
/// already taken, an execution type its status contradicts, and an
/// `ALGO_UPDATE` with algo id `0`.
pub const SAMPLE_ERRORS: &str = include_str!("../../data/sample_errors.jsonl");

/// How many bad lines [`replay`] keeps with their messages, by default.
pub const DEFAULT_ERROR_LINES: usize = 10;

/// The most bad lines [`replay`] keeps with their messages, whatever
/// [`ReplayOptions::error_lines`] asks.
pub const MAX_ERROR_LINES: usize = 1_000;

/// Replay settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplayOptions {
    /// How many bad lines to keep in [`Summary::first_errors`] (at most
    /// [`MAX_ERROR_LINES`]).
    pub error_lines: usize,
    /// The feed tracker's settings and caps.
    pub feed: FeedConfig,
    /// Whether to list every order tracked at the end in [`Summary::orders`]
    /// (about 160 bytes per order; the `replay` tool asks only for `--json`
    /// and `--orders`). Default `true`.
    pub order_rows: bool,
}

impl Default for ReplayOptions {
    fn default() -> Self {
        Self {
            error_lines: DEFAULT_ERROR_LINES,
            feed: FeedConfig::default(),
            order_rows: true,
        }
    }
}

/// Replays JSON lines through a fresh [`FeedTracker`] and summarizes what
/// happened. Never fails and never panics on bad input: a bad line is counted
/// and skipped; a read error ends the replay and is counted as a
/// `read_error`.
pub fn replay(input: impl BufRead, options: ReplayOptions) -> Summary {
    replay_into(input, options).0
}

/// [`replay`], also handing back the tracker with every order as the replay
/// left it, for inspection.
pub fn replay_into(input: impl BufRead, options: ReplayOptions) -> (Summary, OrderTracker) {
    replay_with(input, options, None, |_| {})
}

/// [`replay_into`], calling `at` once on the feed tracker: after
/// `after_line` lines (before the first for `Some(0)`), or after the last
/// when `None` or when the input is shorter.
pub(crate) fn replay_with(
    input: impl BufRead,
    options: ReplayOptions,
    after_line: Option<u64>,
    at: impl FnOnce(&mut FeedTracker),
) -> (Summary, OrderTracker) {
    let mut feed = FeedTracker::new(options.feed);
    let keep = options.error_lines.min(MAX_ERROR_LINES);
    let mut errors = ErrorLog::new(keep);
    let mut at = Some(at);
    if after_line == Some(0)
        && let Some(at) = at.take()
    {
        at(&mut feed);
    }
    let Ok(()) = run::<Infallible>(&mut feed, input, options, &mut errors, 0, |feed, line| {
        if after_line == Some(line)
            && let Some(at) = at.take()
        {
            at(feed);
        }
        Ok(())
    });
    finish(feed, errors, keep, options.order_rows)
}

/// Feeds `input` line by line into `feed`, recording every refusal in
/// `errors`; the first `skip` lines are read but not fed (a resumed replay).
/// After each line fed, `after_line` is called with its number (1-based); an
/// error from it stops the replay.
fn run<E>(
    feed: &mut FeedTracker,
    input: impl BufRead,
    options: ReplayOptions,
    errors: &mut ErrorLog,
    skip: u64,
    mut after_line: impl FnMut(&mut FeedTracker, u64) -> Result<(), E>,
) -> Result<(), E> {
    let mut lines = LineReader::new(input, options.feed.max_line_bytes);
    let mut number = 0_u64;
    loop {
        match lines.next_line() {
            Ok(Some(_)) if number < skip => number += 1,
            Ok(Some(line)) => {
                number += 1;
                match feed.feed(line) {
                    Ok(
                        Fed::Adopted { released, .. } | Fed::AppliedAndReleased { released, .. },
                    ) => {
                        for Released { line, result } in released {
                            if let Err(err) = result {
                                errors.record(line, err.kind(), &err);
                            }
                        }
                    }
                    Ok(_) => {}
                    Err(err) => errors.record(number, err.kind(), &err),
                }
                after_line(feed, number)?;
            }
            Ok(None) => return Ok(()),
            Err(err) => {
                errors.record(number + 1, "read_error", &format_args!("read error: {err}"));
                return Ok(());
            }
        }
    }
}

fn finish(
    mut feed: FeedTracker,
    errors: ErrorLog,
    keep: usize,
    order_rows: bool,
) -> (Summary, OrderTracker) {
    let abandoned_for_trigger = feed.abandon_held_for_trigger();
    let abandoned_trade_lites = feed.abandon_held();
    let tracker = feed.tracker();
    let mut orders_by_state: std::collections::BTreeMap<&'static str, u64> = OrderStatus::ALL
        .into_iter()
        .map(|state| (state.as_str(), 0))
        .collect();
    for (_, order) in tracker.iter() {
        *orders_by_state.entry(order.status().as_str()).or_default() += 1;
    }
    let violations = tracker.check_invariants().err().unwrap_or_default();
    let invariants = InvariantCheck {
        ok: violations.is_empty(),
        orders: count(tracker.len()),
        violations: count(violations.len()),
        first_violations: violations
            .iter()
            .take(keep)
            .map(|violation| clipped(violation))
            .collect(),
    };
    let summary = Summary {
        stats: feed.stats(),
        limits: *feed.config(),
        abandoned_trade_lites,
        abandoned_for_trigger,
        orders_by_state,
        error_lines: errors.count,
        errors_by_kind: errors.by_kind,
        first_errors: errors.first,
        invariants,
        orders: if order_rows {
            OrderRow::all(tracker)
        } else {
            Vec::new()
        },
    };
    (summary, feed.into_tracker())
}

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}
