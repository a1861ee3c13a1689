//! A [`Summary`] as text for people and as JSON for machines.

use std::fmt::{self, Write as _};
use std::time::Duration;

use serde::Serialize;

use super::orders::write_table;
use super::summary::Summary;

impl Summary {
    /// The summary as text, for people. `source` names the input.
    #[must_use]
    pub fn render_text(&self, source: &str, elapsed: Duration) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = self.write_text(&mut out, source, elapsed);
        out
    }

    /// Every order tracked at the end as an aligned table, by client id
    /// (the `--orders` output).
    #[must_use]
    pub fn render_orders(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "  orders at the end ({}, by client id)",
            thousands(self.orders.len() as u64)
        )
        .and_then(|()| write_table(&mut out, &self.orders));
        out
    }

    fn write_text(&self, out: &mut String, source: &str, elapsed: Duration) -> fmt::Result {
        let s = self;
        writeln!(out, "replay of {source}")?;
        writeln!(
            out,
            "  lines           {} ({} blank) | ORDER_TRADE_UPDATE {} | TRADE_LITE {} | ALGO_UPDATE {} | other events {}",
            thousands(s.stats.lines),
            thousands(s.stats.blank_lines),
            thousands(s.stats.order_trade_updates),
            thousands(s.stats.trade_lites),
            thousands(s.stats.algo_updates),
            thousands(s.stats.other_events),
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
            thousands(s.stats.orders_registered),
            if states.is_empty() {
                "-".to_owned()
            } else {
                states.join(", ")
            },
        )?;
        writeln!(
            out,
            "  applied         fills {} (late {}) | acks {} | cancels {} | expiries {} | rejections {} | amendments {}",
            thousands(s.stats.fills_applied),
            thousands(s.stats.late_fills),
            thousands(s.stats.acks),
            thousands(s.stats.cancels),
            thousands(s.stats.expiries),
            thousands(s.stats.rejections),
            thousands(s.stats.amendments),
        )?;
        writeln!(
            out,
            "  conditional     armed {} | triggering {} | triggers {}",
            thousands(s.stats.armed),
            thousands(s.stats.triggering),
            thousands(s.stats.triggers),
        )?;
        writeln!(
            out,
            "  ignored         duplicates {} | stale {}",
            thousands(s.stats.duplicates),
            thousands(s.stats.stale),
        )?;
        writeln!(
            out,
            "  held            TRADE_LITE before their order {} | never met {} | for a trigger {} | never bound {}",
            thousands(s.stats.trade_lites_held),
            thousands(self.abandoned_trade_lites),
            thousands(s.stats.held_for_trigger),
            thousands(self.abandoned_for_trigger),
        )?;
        writeln!(
            out,
            "  unknown         ours never tracked {} (events {}) | foreign orders {} (events {})",
            thousands(s.stats.unknown_orders),
            thousands(s.stats.unknown_events),
            thousands(s.stats.foreign_orders),
            thousands(s.stats.foreign_events),
        )?;
        let limits = &self.limits;
        writeln!(
            out,
            "  evicted         held TRADE_LITE {} (cap {}) | held for a trigger {} (cap {}) | unknown ours {} (cap {}) | foreign {} (cap {})",
            thousands(s.stats.held_evicted),
            thousands(limits.max_held_trade_lites as u64),
            thousands(s.stats.held_for_trigger_evicted),
            thousands(limits.max_held_for_trigger as u64),
            thousands(s.stats.unknown_evicted),
            thousands(limits.max_unknown_orders as u64),
            thousands(s.stats.foreign_evicted),
            thousands(limits.max_foreign_orders as u64),
        )?;
        self.write_errors(out)?;
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

    fn write_errors(&self, out: &mut String) -> fmt::Result {
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
        Ok(())
    }

    /// The summary as pretty JSON, for machines: every field of [`Summary`]
    /// (the [`crate::FeedStats`] counts at the top level) plus `source`,
    /// `elapsed_seconds`, `events`, `events_per_second` and `exit_status`.
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
            exit_status: u8,
            #[serde(flatten)]
            summary: &'a Summary,
        }
        serde_json::to_string_pretty(&Output {
            source,
            elapsed_seconds: elapsed.as_secs_f64(),
            events: self.events(),
            events_per_second: self.events_per_second(elapsed),
            exit_status: self.exit_status(),
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
