//! What a replay found: the [`Summary`], its error lines and its exit status.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::time::Duration;

use serde::Serialize;

use super::orders::OrderRow;
use crate::feed::{FeedConfig, FeedStats};

/// The longest message a [`LineError`] or an [`InvariantCheck`] keeps, in
/// bytes; a longer one is cut at a character boundary and ends with `…`.
pub const MAX_MESSAGE_BYTES: usize = 300;

/// One line that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineError {
    /// 1-based line number.
    pub line: u64,
    /// The error's kind, as counted in [`Summary::errors_by_kind`].
    pub kind: &'static str,
    /// The error's message, naming the field or the order (at most
    /// [`MAX_MESSAGE_BYTES`]).
    pub message: String,
}

/// The tracker's [`ordertrack::OrderTracker::check_invariants`] after the
/// last line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvariantCheck {
    /// Whether every index agrees with the arena.
    pub ok: bool,
    /// Orders tracked when checked.
    pub orders: u64,
    /// Number of violations.
    pub violations: u64,
    /// The first few violations, described (each at most [`MAX_MESSAGE_BYTES`]).
    pub first_violations: Vec<String>,
}

/// What a replay found. Every count is exact and deterministic (timing is
/// measured by the caller). [`Summary::stats`] are the feed tracker's counts
/// (`unknown_orders` and `foreign_orders` are exact while nothing was
/// evicted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// What the feed tracker counted ([`crate::FeedStats`], documented there;
    /// flattened into the JSON summary).
    #[serde(flatten)]
    pub stats: FeedStats,
    /// The caps the replay ran with.
    pub limits: FeedConfig,
    /// `TRADE_LITE`s still held at the end, their order never met: counted
    /// as events of unknown orders of ours.
    pub abandoned_trade_lites: u64,
    /// Events held for a triggered order still held at the end, never bound
    /// to an order of ours: counted as events of foreign orders.
    pub abandoned_for_trigger: u64,
    /// Tracked orders by final state (every state listed).
    pub orders_by_state: BTreeMap<&'static str, u64>,
    /// Lines that could not be used, held `TRADE_LITE`s refused once their
    /// order was met, and a read error that ended the input.
    pub error_lines: u64,
    /// Those errors by kind.
    pub errors_by_kind: BTreeMap<&'static str, u64>,
    /// The first few of them.
    pub first_errors: Vec<LineError>,
    /// The invariant check after the last line.
    pub invariants: InvariantCheck,
    /// Every order tracked at the end, by client id (empty unless
    /// [`crate::ReplayOptions::order_rows`]).
    pub orders: Vec<OrderRow>,
}

impl Summary {
    /// Events processed: every line but the blank ones (a bad line counts).
    #[must_use]
    pub fn events(&self) -> u64 {
        self.stats.lines.saturating_sub(self.stats.blank_lines)
    }

    /// Events per second over `elapsed`.
    #[must_use]
    pub fn events_per_second(&self, elapsed: Duration) -> f64 {
        let seconds = elapsed.as_secs_f64();
        if seconds > 0.0 {
            self.events() as f64 / seconds
        } else {
            0.0
        }
    }

    /// The `replay` tool's exit status: 1 when the tracker's invariants are
    /// violated; else 2 when a line was an error or the input could not be
    /// read to its end; else 0.
    #[must_use]
    pub fn exit_status(&self) -> u8 {
        if !self.invariants.ok {
            1
        } else if self.error_lines > 0 {
            2
        } else {
            0
        }
    }
}

/// The first few errors, with their messages clipped, and a count of all.
#[derive(Debug)]
pub(super) struct ErrorLog {
    keep: usize,
    pub(super) count: u64,
    pub(super) by_kind: BTreeMap<&'static str, u64>,
    pub(super) first: Vec<LineError>,
}

impl ErrorLog {
    pub(super) fn new(keep: usize) -> Self {
        Self {
            keep,
            count: 0,
            by_kind: BTreeMap::new(),
            first: Vec::new(),
        }
    }

    pub(super) fn record(&mut self, line: u64, kind: &'static str, message: &dyn fmt::Display) {
        self.count += 1;
        *self.by_kind.entry(kind).or_default() += 1;
        if self.first.len() < self.keep {
            self.first.push(LineError {
                line,
                kind,
                message: clipped(message),
            });
        }
    }
}

/// `message` as text, at most [`MAX_MESSAGE_BYTES`]: formatting stops once
/// the limit is reached, so even a huge message costs no more.
pub(super) fn clipped(message: &dyn fmt::Display) -> String {
    let mut out = Clip {
        text: String::new(),
        full: false,
    };
    // `Clip` stops the formatting with an error once full: expected.
    let _ = write!(out, "{message}");
    out.text
}

struct Clip {
    text: String,
    full: bool,
}

impl fmt::Write for Clip {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        const ELLIPSIS: &str = "…";
        if self.full {
            return Err(fmt::Error);
        }
        let room = MAX_MESSAGE_BYTES.saturating_sub(self.text.len());
        if s.len() <= room {
            self.text.push_str(s);
            return Ok(());
        }
        // Cut so that the text and the ellipsis fit, at a character boundary
        // (the text written so far may have to give back a few bytes).
        self.text.push_str(ordertrack::clip(s, room));
        let end = ordertrack::clip(&self.text, MAX_MESSAGE_BYTES - ELLIPSIS.len()).len();
        self.text.truncate(end);
        self.text.push_str(ELLIPSIS);
        self.full = true;
        Err(fmt::Error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_clipped_at_a_character_boundary() {
        assert_eq!(clipped(&"short"), "short");
        let exact = "x".repeat(MAX_MESSAGE_BYTES);
        assert_eq!(clipped(&exact), exact);
        // 2-byte characters: a cut inside one moves back to its start.
        let long = "é".repeat(MAX_MESSAGE_BYTES);
        let clip = clipped(&long);
        assert!(clip.len() <= MAX_MESSAGE_BYTES, "{}", clip.len());
        assert!(clip.ends_with("é…"), "{clip}");
        assert_eq!(clip.len(), 296 + "…".len());
        // Many small writes stop once full.
        struct Parts;
        impl fmt::Display for Parts {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                for i in 0..1_000_000 {
                    write!(f, "{i} ")?;
                }
                Ok(())
            }
        }
        let clip = clipped(&Parts);
        assert!(clip.starts_with("0 1 2 ") && clip.ends_with('…'), "{clip}");
        assert!(clip.len() <= MAX_MESSAGE_BYTES);
    }

    #[test]
    fn the_log_keeps_the_first_few() {
        let mut log = ErrorLog::new(2);
        for line in 1..=5 {
            log.record(line, if line % 2 == 0 { "even" } else { "odd" }, &"bad");
        }
        assert_eq!(log.count, 5);
        assert_eq!(log.by_kind, BTreeMap::from([("even", 2), ("odd", 3)]));
        assert_eq!(log.first.iter().map(|e| e.line).collect::<Vec<_>>(), [1, 2]);
    }
}
