//! Replays a recorded user-data stream through an [`OrderTracker`].
//!
//! Input: JSON lines, one stream message per line, as the stream delivered
//! them. A recording holds only the exchange's side, so [`replay`] registers
//! orders the way the engine would have: on first meeting one of the engine's
//! `PMS…` client ids in an `ORDER_TRADE_UPDATE`, it rebuilds the order
//! ([`crate::seed_order`]), registers it, places it at the event's transaction
//! time, then applies the event. Every other client id is foreign: its events
//! go through [`OrderTracker::apply`] too, which answers
//! [`Outcome::Unknown`].
//!
//! A `TRADE_LITE` carries too little to rebuild an order (no order type, no
//! reduce-only flag), so one naming a `PMS…` id not met yet waits until an
//! `ORDER_TRADE_UPDATE` registers the order, and is applied right after it (on
//! the live stream `TRADE_LITE` usually comes first). One still waiting at the
//! end counts as an unknown order of ours.
//!
//! A line that cannot be used — not UTF-8, not JSON, a field missing or
//! refused, an order that cannot be registered, a report the order refuses —
//! is counted by kind, its line number and message kept for the first few, and
//! leaves the tracker exactly as it was; the replay goes on with the next line.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::{self, Write as _};
use std::io::BufRead;
use std::time::Duration;

use ordertrack::{
    Applied, ClientOrderId, ExchangeOrderId, ExecutionReport, OrderKey, OrderStatus, OrderTracker,
    Outcome, Symbol, TrackError,
};
use serde::Serialize;

use crate::event::{DecodeError, FeedEvent, decode};
use crate::seed::{SeedError, seed_order};

/// The built-in sample session (`crates/binance/data/sample_session.jsonl`):
/// every path the replay knows, in Binance's exact field format.
pub const SAMPLE_SESSION: &str = include_str!("../data/sample_session.jsonl");

/// How many bad lines [`replay`] keeps with their messages, by default.
pub const DEFAULT_ERROR_LINES: usize = 5;

/// Replay settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplayOptions {
    /// How many bad lines to keep in [`Summary::first_errors`].
    pub error_lines: usize,
}

impl Default for ReplayOptions {
    fn default() -> Self {
        Self {
            error_lines: DEFAULT_ERROR_LINES,
        }
    }
}

/// One line that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineError {
    /// 1-based line number.
    pub line: u64,
    /// The error's kind, as counted in [`Summary::errors_by_kind`].
    pub kind: &'static str,
    /// The error's message, naming the field.
    pub message: String,
}

/// The tracker's [`OrderTracker::check_invariants`] after the last line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InvariantCheck {
    /// Whether every index agrees with the arena.
    pub ok: bool,
    /// Orders tracked when checked.
    pub orders: u64,
    /// Number of violations.
    pub violations: u64,
    /// The first few violations, described.
    pub first_violations: Vec<String>,
}

/// What a replay found. Every count is exact and deterministic (timing is
/// measured by the caller).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Lines read.
    pub lines: u64,
    /// Empty or whitespace-only lines (skipped).
    pub blank_lines: u64,
    /// Lines decoded as `ORDER_TRADE_UPDATE`.
    pub order_trade_updates: u64,
    /// Lines decoded as `TRADE_LITE`.
    pub trade_lites: u64,
    /// Lines decoded as another event type (`ACCOUNT_UPDATE`, …; skipped).
    pub other_events: u64,
    /// Orders registered from a `PMS…` client id.
    pub orders_registered: u64,
    /// Tracked orders by final state (every state listed).
    pub orders_by_state: BTreeMap<&'static str, u64>,
    /// Acknowledgements applied.
    pub acks: u64,
    /// Fills applied (including late fills).
    pub fills_applied: u64,
    /// Fills applied to an order already closed (accounted; it stays closed).
    pub late_fills: u64,
    /// Cancels applied.
    pub cancels: u64,
    /// Expiries applied.
    pub expiries: u64,
    /// Rejections applied.
    pub rejections: u64,
    /// Amendments applied.
    pub amendments: u64,
    /// Events ignored as duplicates (a trade id already applied).
    pub duplicates: u64,
    /// Events ignored as stale (the order already reflected them or later).
    pub stale: u64,
    /// Distinct `PMS…` client ids whose events could not reach a tracked order.
    pub unknown_orders: u64,
    /// Their events.
    pub unknown_events: u64,
    /// Distinct foreign orders (by symbol and exchange id).
    pub foreign_orders: u64,
    /// Their events.
    pub foreign_events: u64,
    /// Lines that could not be used.
    pub error_lines: u64,
    /// Those lines by error kind.
    pub errors_by_kind: BTreeMap<&'static str, u64>,
    /// The first few bad lines.
    pub first_errors: Vec<LineError>,
    /// The invariant check after the last line.
    pub invariants: InvariantCheck,
}

impl Summary {
    /// Events processed: every line but the blank ones (a bad line counts).
    #[must_use]
    pub fn events(&self) -> u64 {
        self.lines.saturating_sub(self.blank_lines)
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

    /// The summary as text, for people. `source` names the input.
    #[must_use]
    pub fn render_text(&self, source: &str, elapsed: Duration) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = self.write_text(&mut out, source, elapsed);
        out
    }

    fn write_text(&self, out: &mut String, source: &str, elapsed: Duration) -> fmt::Result {
        writeln!(out, "replay of {source}")?;
        writeln!(
            out,
            "  lines           {} ({} blank) | ORDER_TRADE_UPDATE {} | TRADE_LITE {} | other events {}",
            thousands(self.lines),
            thousands(self.blank_lines),
            thousands(self.order_trade_updates),
            thousands(self.trade_lites),
            thousands(self.other_events),
        )?;
        let states: Vec<String> = self
            .orders_by_state
            .iter()
            .filter(|&(_, &count)| count > 0)
            .map(|(state, &count)| format!("{state} {}", thousands(count)))
            .collect();
        writeln!(
            out,
            "  orders          {} registered | final state: {}",
            thousands(self.orders_registered),
            if states.is_empty() {
                "-".to_owned()
            } else {
                states.join(", ")
            },
        )?;
        writeln!(
            out,
            "  applied         fills {} (late {}) | acks {} | cancels {} | expiries {} | rejections {} | amendments {}",
            thousands(self.fills_applied),
            thousands(self.late_fills),
            thousands(self.acks),
            thousands(self.cancels),
            thousands(self.expiries),
            thousands(self.rejections),
            thousands(self.amendments),
        )?;
        writeln!(
            out,
            "  ignored         duplicates {} | stale {}",
            thousands(self.duplicates),
            thousands(self.stale),
        )?;
        writeln!(
            out,
            "  unknown         ours never tracked {} (events {}) | foreign orders {} (events {})",
            thousands(self.unknown_orders),
            thousands(self.unknown_events),
            thousands(self.foreign_orders),
            thousands(self.foreign_events),
        )?;
        let kinds: Vec<String> = self
            .errors_by_kind
            .iter()
            .map(|(kind, &count)| format!("{kind} {}", thousands(count)))
            .collect();
        writeln!(
            out,
            "  errors          {} lines{}{}",
            thousands(self.error_lines),
            if kinds.is_empty() { "" } else { ": " },
            kinds.join(", "),
        )?;
        for error in &self.first_errors {
            writeln!(
                out,
                "    line {}: [{}] {}",
                error.line, error.kind, error.message
            )?;
        }
        let shown = u64::try_from(self.first_errors.len()).unwrap_or(u64::MAX);
        if self.error_lines > shown {
            writeln!(
                out,
                "    … and {} more",
                thousands(self.error_lines - shown)
            )?;
        }
        let check = &self.invariants;
        if check.ok {
            writeln!(
                out,
                "  invariants      ok ({} orders checked)",
                thousands(check.orders)
            )?;
        } else {
            writeln!(
                out,
                "  invariants      VIOLATED: {} violations",
                thousands(check.violations)
            )?;
            for violation in &check.first_violations {
                writeln!(out, "    {violation}")?;
            }
        }
        writeln!(
            out,
            "  throughput      {} events in {} = {} events/s",
            thousands(self.events()),
            seconds(elapsed),
            thousands(self.events_per_second(elapsed).round() as u64),
        )
    }

    /// The summary as pretty JSON, for machines: every field of [`Summary`]
    /// plus `source`, `elapsed_seconds`, `events` and `events_per_second`.
    ///
    /// # Errors
    /// Never in practice (every field serializes); serde_json's error otherwise.
    pub fn render_json(&self, source: &str, elapsed: Duration) -> serde_json::Result<String> {
        #[derive(Serialize)]
        struct Output<'a> {
            source: &'a str,
            elapsed_seconds: f64,
            events: u64,
            events_per_second: f64,
            #[serde(flatten)]
            summary: &'a Summary,
        }
        serde_json::to_string_pretty(&Output {
            source,
            elapsed_seconds: elapsed.as_secs_f64(),
            events: self.events(),
            events_per_second: self.events_per_second(elapsed),
            summary: self,
        })
    }
}

/// A duration for people: `12.939 s`, or `0.438 ms` under a second.
fn seconds(elapsed: Duration) -> String {
    if elapsed >= Duration::from_secs(1) {
        format!("{:.3} s", elapsed.as_secs_f64())
    } else {
        format!("{:.3} ms", elapsed.as_secs_f64() * 1e3)
    }
}

/// An integer with thousands separators (`1,234,567`).
fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Why one line could not be used.
#[derive(Debug)]
enum LineFailure {
    NotUtf8(std::str::Utf8Error),
    Read(std::io::Error),
    Decode(DecodeError),
    Seed(SeedError),
    Track(TrackError),
}

impl LineFailure {
    fn kind(&self) -> &'static str {
        match self {
            Self::NotUtf8(_) => "not_utf8",
            Self::Read(_) => "read_error",
            Self::Decode(err) => err.kind(),
            Self::Seed(err) => err.kind(),
            Self::Track(err) => err.kind(),
        }
    }
}

impl fmt::Display for LineFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotUtf8(err) => write!(f, "not UTF-8: {err}"),
            Self::Read(err) => write!(f, "read error: {err}"),
            Self::Decode(err) => err.fmt(f),
            Self::Seed(err) => err.fmt(f),
            Self::Track(err) => err.fmt(f),
        }
    }
}

/// The replay's state between lines.
struct Replayer {
    tracker: OrderTracker,
    options: ReplayOptions,
    summary: Summary,
    /// `TRADE_LITE` reports (with their line numbers) for `PMS…` ids not met yet.
    pending: HashMap<ClientOrderId, Vec<(u64, ExecutionReport)>>,
    unknown: HashSet<ClientOrderId>,
    foreign: HashSet<(Symbol, Option<ExchangeOrderId>)>,
}

impl Replayer {
    fn new(options: ReplayOptions) -> Self {
        Self {
            tracker: OrderTracker::new(),
            options,
            summary: Summary {
                lines: 0,
                blank_lines: 0,
                order_trade_updates: 0,
                trade_lites: 0,
                other_events: 0,
                orders_registered: 0,
                orders_by_state: BTreeMap::new(),
                acks: 0,
                fills_applied: 0,
                late_fills: 0,
                cancels: 0,
                expiries: 0,
                rejections: 0,
                amendments: 0,
                duplicates: 0,
                stale: 0,
                unknown_orders: 0,
                unknown_events: 0,
                foreign_orders: 0,
                foreign_events: 0,
                error_lines: 0,
                errors_by_kind: BTreeMap::new(),
                first_errors: Vec::new(),
                invariants: InvariantCheck {
                    ok: true,
                    orders: 0,
                    violations: 0,
                    first_violations: Vec::new(),
                },
            },
            pending: HashMap::new(),
            unknown: HashSet::new(),
            foreign: HashSet::new(),
        }
    }

    /// Processes line `number` (1-based, without its line terminator).
    fn line(&mut self, number: u64, bytes: &[u8]) {
        self.summary.lines += 1;
        let result = match std::str::from_utf8(bytes) {
            Ok(text) if text.trim().is_empty() => {
                self.summary.blank_lines += 1;
                Ok(())
            }
            Ok(text) => self.event(number, text),
            Err(err) => Err(LineFailure::NotUtf8(err)),
        };
        if let Err(failure) = result {
            self.error(number, &failure);
        }
    }

    fn error(&mut self, number: u64, failure: &LineFailure) {
        let summary = &mut self.summary;
        summary.error_lines += 1;
        *summary.errors_by_kind.entry(failure.kind()).or_default() += 1;
        if summary.first_errors.len() < self.options.error_lines {
            summary.first_errors.push(LineError {
                line: number,
                kind: failure.kind(),
                message: failure.to_string(),
            });
        }
    }

    fn event(&mut self, number: u64, text: &str) -> Result<(), LineFailure> {
        match decode(text).map_err(LineFailure::Decode)? {
            FeedEvent::OrderUpdate(report) => {
                self.summary.order_trade_updates += 1;
                self.order_update(&report)
            }
            FeedEvent::TradeLite(report) => {
                self.summary.trade_lites += 1;
                if let Some(client_id) = self.unmet_pms(&report) {
                    self.pending
                        .entry(client_id)
                        .or_default()
                        .push((number, report));
                    return Ok(());
                }
                self.apply(&report)
            }
            FeedEvent::Other { .. } => {
                self.summary.other_events += 1;
                Ok(())
            }
        }
    }

    /// The report's client id when it is one of ours that no tracked order has.
    fn unmet_pms(&self, report: &ExecutionReport) -> Option<ClientOrderId> {
        report
            .client_id
            .filter(|c| c.parse_pms().is_some() && self.tracker.lookup_client(c).is_none())
    }

    fn order_update(&mut self, report: &ExecutionReport) -> Result<(), LineFailure> {
        let Some(client_id) = self.unmet_pms(report) else {
            return self.apply(report);
        };
        let key = self.register(report)?;
        if let Err(failure) = self.apply(report) {
            // All or nothing: a line that fails leaves no order behind.
            self.tracker.unregister(key);
            return Err(failure);
        }
        self.summary.orders_registered += 1;
        for (number, lite) in self.pending.remove(&client_id).unwrap_or_default() {
            if let Err(failure) = self.apply(&lite) {
                self.error(number, &failure);
            }
        }
        Ok(())
    }

    /// Registers and places the order the engine would have had.
    fn register(&mut self, report: &ExecutionReport) -> Result<OrderKey, LineFailure> {
        let order = seed_order(report).map_err(LineFailure::Seed)?;
        let key = self.tracker.register(order).map_err(LineFailure::Track)?;
        if let Err(err) = self.tracker.place(key, report.transaction_time) {
            self.tracker.unregister(key);
            return Err(LineFailure::Track(err));
        }
        Ok(key)
    }

    fn apply(&mut self, report: &ExecutionReport) -> Result<(), LineFailure> {
        let outcome = self.tracker.apply(report).map_err(LineFailure::Track)?;
        let s = &mut self.summary;
        match outcome {
            Outcome::Applied { applied, .. } => match applied {
                Applied::Acknowledged => s.acks += 1,
                Applied::PartiallyFilled(_) | Applied::Filled(_) => s.fills_applied += 1,
                Applied::LateFill(_) => {
                    s.fills_applied += 1;
                    s.late_fills += 1;
                }
                Applied::Cancelled(_) => s.cancels += 1,
                Applied::Expired(_) => s.expiries += 1,
                Applied::Failed => s.rejections += 1,
                Applied::Amended => s.amendments += 1,
                Applied::Duplicate => s.duplicates += 1,
                Applied::Stale => s.stale += 1,
            },
            Outcome::Unknown(unknown) => match unknown.client_id {
                Some(client_id) if unknown.is_ours() => {
                    s.unknown_events += 1;
                    self.unknown.insert(client_id);
                }
                _ => {
                    s.foreign_events += 1;
                    self.foreign.insert((unknown.symbol, unknown.exchange_id));
                }
            },
        }
        Ok(())
    }

    fn finish(mut self) -> (Summary, OrderTracker) {
        for (client_id, lites) in std::mem::take(&mut self.pending) {
            self.summary.unknown_events += u64::try_from(lites.len()).unwrap_or(u64::MAX);
            self.unknown.insert(client_id);
        }
        let s = &mut self.summary;
        s.unknown_orders = count(self.unknown.len());
        s.foreign_orders = count(self.foreign.len());
        s.orders_by_state = OrderStatus::ALL
            .into_iter()
            .map(|state| (state.as_str(), 0))
            .collect();
        for (_, order) in self.tracker.iter() {
            *s.orders_by_state
                .entry(order.status().as_str())
                .or_default() += 1;
        }
        let violations = self.tracker.check_invariants().err().unwrap_or_default();
        s.invariants = InvariantCheck {
            ok: violations.is_empty(),
            orders: count(self.tracker.len()),
            violations: count(violations.len()),
            first_violations: violations
                .iter()
                .take(self.options.error_lines)
                .map(ToString::to_string)
                .collect(),
        };
        (self.summary, self.tracker)
    }
}

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// Replays JSON lines through a fresh [`OrderTracker`] and summarizes what
/// happened. Never fails and never panics on bad input: a bad line is counted
/// and skipped; a read error ends the replay and is counted as a `read_error`
/// line.
pub fn replay(input: impl BufRead, options: ReplayOptions) -> Summary {
    replay_into(input, options).0
}

/// [`replay`], also handing back the tracker with every order as the replay
/// left it, for inspection.
pub fn replay_into(mut input: impl BufRead, options: ReplayOptions) -> (Summary, OrderTracker) {
    let mut replayer = Replayer::new(options);
    let mut buffer = Vec::with_capacity(1024);
    let mut number = 0_u64;
    loop {
        buffer.clear();
        match input.read_until(b'\n', &mut buffer) {
            Ok(0) => break,
            Ok(_) => {
                number += 1;
                let line = buffer.strip_suffix(b"\n").unwrap_or(&buffer);
                let line = line.strip_suffix(b"\r").unwrap_or(line);
                replayer.line(number, line);
            }
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(err) => {
                number += 1;
                replayer.summary.lines += 1;
                replayer.error(number, &LineFailure::Read(err));
                break;
            }
        }
    }
    replayer.finish()
}

#[cfg(test)]
mod tests {
    use std::io::{self, BufRead, BufReader, Read};
    use std::time::Duration;

    use ordertrack::{AnyOrder, OrderKey, OrderStatus, OrderTracker};

    use super::*;

    const BASIC: &str = include_str!("../tests/data/session_basic.jsonl");

    fn with(line: &str, from: &str, to: &str) -> String {
        assert!(line.contains(from), "{from}");
        line.replacen(from, to, 1)
    }

    fn orders(tracker: &OrderTracker) -> Vec<(OrderKey, AnyOrder)> {
        tracker.iter().map(|(k, o)| (k, o.clone())).collect()
    }

    /// A replayer that has seen `session_basic` up to (not including) line `upto`.
    fn replayer_after(upto: usize) -> Replayer {
        let mut replayer = Replayer::new(ReplayOptions::default());
        for (i, line) in BASIC.lines().take(upto).enumerate() {
            replayer.line(i as u64 + 1, line.as_bytes());
        }
        assert_eq!(replayer.summary.error_lines, 0);
        replayer
    }

    #[test]
    fn bad_lines_leave_the_tracker_untouched() {
        let basic: Vec<&str> = BASIC.lines().collect();
        // After line 5 the BTC CHS order is Active with 0.004 of 0.010 filled.
        let partial = basic[4];
        let fresh = basic[5]; // the first event of the 1000PEPEUSDT TWAP order
        let cases: Vec<(String, &str, bool)> = vec![
            (partial[..150].to_owned(), "malformed_json", false),
            (with(partial, r#""z":"0.004","#, ""), "missing_field", false),
            (
                with(partial, r#""x":"TRADE""#, r#""x":"FILL""#),
                "unknown_value",
                false,
            ),
            (
                with(partial, r#""i":731245678901"#, r#""i":-1"#),
                "wrong_type",
                false,
            ),
            (
                with(partial, r#""l":"0.004""#, r#""l":"0.0O4""#),
                "bad_decimal",
                false,
            ),
            (
                with(partial, r#""s":"BTCUSDT""#, r#""s":"BTC/USDT:USDT""#),
                "bad_symbol",
                false,
            ),
            (
                with(
                    partial,
                    r#""c":"PMSa1b2c3d4_CHS_0f1e2d3c4b5a""#,
                    r#""c":"PMS a1b2""#,
                ),
                "bad_client_id",
                false,
            ),
            (
                with(partial, r#""t":6923456701"#, r#""t":0"#),
                "incomplete_report",
                true,
            ),
            // A new trade id taking the order past its quantity.
            (
                with(
                    &with(partial, r#""t":6923456701"#, r#""t":6923456799"#),
                    r#""l":"0.004""#,
                    r#""l":"0.009""#,
                ),
                "fill_refused",
                true,
            ),
            // TRADE with a CANCELED status.
            (
                with(partial, r#""X":"PARTIALLY_FILLED""#, r#""X":"CANCELED""#),
                "inconsistent_report",
                true,
            ),
            // The same exchange id under another symbol's order... a mismatch.
            (
                with(partial, r#""i":731245678901"#, r#""i":731245678999"#),
                "report_mismatch",
                true,
            ),
            // A new order whose very first event cannot apply: not left registered.
            (
                with(fresh, r#""X":"NEW""#, r#""X":"FILLED""#),
                "inconsistent_report",
                true,
            ),
            (
                with(fresh, r#""S":"BUY""#, r#""S":"HOLD""#),
                "unknown_value",
                false,
            ),
            (
                with(fresh, r#""q":"50000""#, r#""q":"0""#),
                "zero_quantity_order",
                true,
            ),
            (
                with(fresh, r#""p":"0.0061234""#, r#""p":"0""#),
                "unregistrable_order",
                true,
            ),
        ];
        for (line, kind, decoded) in &cases {
            let mut replayer = replayer_after(5);
            let before = orders(&replayer.tracker);
            let summary_before = replayer.summary.clone();
            replayer.line(6, line.as_bytes());
            assert_eq!(orders(&replayer.tracker), before, "{kind}: {line}");
            assert_eq!(replayer.summary.error_lines, 1, "{line}");
            assert_eq!(
                replayer.summary.first_errors,
                vec![LineError {
                    line: 6,
                    kind,
                    message: replayer.summary.first_errors[0].message.clone(),
                }],
                "{line}"
            );
            // Nothing else was counted.
            let mut expected = summary_before;
            expected.lines += 1;
            expected.order_trade_updates += u64::from(*decoded);
            expected.error_lines = 1;
            expected.errors_by_kind.insert(kind, 1);
            expected.first_errors = replayer.summary.first_errors.clone();
            assert_eq!(replayer.summary, expected, "{line}");
            if let Err(v) = replayer.tracker.check_invariants() {
                panic!("{kind}: {line}: {v:?}");
            }
        }
        // The error names the field.
        let mut replayer = replayer_after(5);
        replayer.line(6, cases[4].0.as_bytes());
        assert!(
            replayer.summary.first_errors[0]
                .message
                .starts_with("field `$.o.l`: decimal qty \"0.0O4\""),
            "{:?}",
            replayer.summary.first_errors
        );
    }

    #[test]
    fn not_utf8_blank_and_crlf_lines() {
        let basic: Vec<&str> = BASIC.lines().collect();
        let mut input = Vec::new();
        input.extend_from_slice(basic[0].as_bytes());
        input.extend_from_slice(b"\r\n\n   \r\n");
        input.extend_from_slice(b"{\"e\":\"ORDER_TRADE_UPDATE\xff\"}\n");
        input.extend_from_slice(basic[4].as_bytes());
        let summary = replay(&input[..], ReplayOptions::default());
        assert_eq!((summary.lines, summary.blank_lines), (5, 2));
        assert_eq!((summary.acks, summary.fills_applied), (1, 1));
        assert_eq!(summary.errors_by_kind, BTreeMap::from([("not_utf8", 1)]));
        assert_eq!(summary.first_errors[0].line, 4);
        assert_eq!(summary.events(), 3);
    }

    /// Yields `data`, then fails.
    struct Failing<'a>(&'a [u8]);

    impl Read for Failing<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.0.is_empty() {
                return Err(io::Error::other("disk on fire"));
            }
            let n = self.0.read(buf)?;
            Ok(n)
        }
    }

    #[test]
    fn a_read_error_ends_the_replay() {
        let two_lines: String = BASIC.lines().take(2).map(|l| format!("{l}\n")).collect();
        let reader = BufReader::with_capacity(64, Failing(two_lines.as_bytes()));
        assert!(reader.buffer().is_empty());
        let summary = replay(reader, ReplayOptions::default());
        assert_eq!(
            (summary.lines, summary.acks, summary.error_lines),
            (3, 2, 1)
        );
        assert_eq!(summary.first_errors[0].kind, "read_error");
        assert_eq!(summary.first_errors[0].line, 3);
        assert!(summary.invariants.ok);
    }

    #[test]
    fn error_lines_option_limits_kept_messages() {
        let bad = "not json\n".repeat(12);
        let summary = replay(bad.as_bytes(), ReplayOptions { error_lines: 3 });
        assert_eq!(summary.error_lines, 12);
        assert_eq!(
            summary
                .first_errors
                .iter()
                .map(|e| e.line)
                .collect::<Vec<_>>(),
            [1, 2, 3]
        );
        let text = summary.render_text("x", Duration::from_millis(2));
        assert!(text.contains("… and 9 more"), "{text}");
    }

    #[test]
    fn empty_input() {
        let summary = replay(&b""[..], ReplayOptions::default());
        assert_eq!((summary.lines, summary.events()), (0, 0));
        assert!(summary.invariants.ok);
        assert_eq!(summary.orders_by_state.len(), OrderStatus::ALL.len());
        assert!(summary.orders_by_state.values().all(|&n| n == 0));
        assert_eq!(summary.events_per_second(Duration::ZERO), 0.0);
    }

    #[test]
    fn renders_text_and_json() {
        let summary = replay(BASIC.as_bytes(), ReplayOptions::default());
        let elapsed = Duration::from_millis(4);
        let text = summary.render_text("session_basic.jsonl", elapsed);
        assert!(
            text.starts_with("replay of session_basic.jsonl\n"),
            "{text}"
        );
        assert!(
            text.contains("7 registered | final state: Cancelled 2, Expired 1, Filled 4"),
            "{text}"
        );
        assert!(
            text.contains("invariants      ok (7 orders checked)"),
            "{text}"
        );
        assert!(
            text.contains("19 events in 4.000 ms = 4,750 events/s"),
            "{text}"
        );
        let json = summary.render_json("session_basic.jsonl", elapsed).unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["source"], "session_basic.jsonl");
        assert_eq!(value["events"], 19);
        assert_eq!(value["events_per_second"], 4750.0);
        assert_eq!(value["orders_by_state"]["Filled"], 4);
        assert_eq!(value["fills_applied"], 9);
        assert_eq!(value["invariants"]["ok"], true);
        assert_eq!(value["errors_by_kind"], serde_json::json!({}));
    }

    #[test]
    fn durations() {
        assert_eq!(seconds(Duration::from_micros(438)), "0.438 ms");
        assert_eq!(seconds(Duration::from_millis(12_939)), "12.939 s");
    }

    #[test]
    fn thousands_separators() {
        for (n, s) in [
            (0, "0"),
            (999, "999"),
            (1_000, "1,000"),
            (1_234_567, "1,234,567"),
        ] {
            assert_eq!(thousands(n), s);
        }
    }

    #[test]
    fn input_is_buffered_by_the_caller() {
        // `replay` takes any BufRead: a slice, a BufReader over a file, stdin.
        fn assert_bufread(_: &impl BufRead) {}
        assert_bufread(&SAMPLE_SESSION.as_bytes());
    }
}
