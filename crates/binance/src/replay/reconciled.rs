//! A replay with a reconnect: the recorded stream up to the reconnect, the
//! reconciliation file's answers applied, then the rest of the stream.

use std::fmt::Write as _;
use std::io::BufRead;

use ordertrack::OrderTracker;
use serde::Serialize;

use super::{ReplayOptions, Summary, replay_with};
use crate::reconcile::file::ReconcileFile;
use crate::reconcile::{LeftAlone, ReconcileError, Reconciliation, StepDone, StepError, reconcile};

/// What the reconciliation did in a replay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReconcileRun {
    /// After how many stream lines it ran.
    pub after_line: u64,
    /// The comparison, or why the file's answers could not be used (nothing
    /// was applied then).
    pub report: Result<Reconciliation, ReconcileError>,
    /// What each step did, in the order of [`Reconciliation::steps`].
    pub results: Vec<Result<StepDone, StepError>>,
}

impl ReconcileRun {
    /// Whether the answers were usable, nothing was left to fetch and every
    /// step applied.
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.report.as_ref().is_ok_and(|r| r.to_fetch.is_empty())
            && self.results.iter().all(Result::is_ok)
    }

    /// A few lines for a person.
    #[must_use]
    pub fn render_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "reconciliation after line {}:", self.after_line);
        let report = match &self.report {
            Ok(report) => report,
            Err(error) => {
                let _ = writeln!(out, "  the answers cannot be used: {error}");
                return out;
            }
        };
        let refused = self.results.iter().filter(|r| r.is_err()).count();
        let _ = writeln!(
            out,
            "  {} steps ({} applied, {refused} refused), {} in agreement, {} foreign, {} left alone, {} still to fetch",
            report.steps.len(),
            self.results.len() - refused,
            report.in_agreement.len(),
            report.foreign.len(),
            report.left_alone.len(),
            report.to_fetch.len(),
        );
        for (step, result) in report.steps.iter().zip(&self.results) {
            let outcome = match result {
                Ok(done) => format!("applied ({} reports)", done.applied.len()),
                Err(error) => format!("refused: {error}"),
            };
            let _ = writeln!(
                out,
                "  {} {}: {:?}, {} missed trades: {outcome}",
                step.symbol,
                step.client_id,
                step.kind,
                step.trades.len()
            );
        }
        for left in &report.left_alone {
            let _ = writeln!(out, "  left alone: {}", left_alone(left));
        }
        for fetch in &report.to_fetch {
            let _ = writeln!(out, "  still to fetch: {fetch}");
        }
        out
    }

    /// The run as a JSON object.
    ///
    /// # Errors
    /// serde_json's, if it cannot write it.
    pub fn to_json(&self) -> Result<serde_json::Value, serde_json::Error> {
        #[derive(Serialize)]
        struct StepRow {
            symbol: String,
            client_id: String,
            kind: String,
            missed_trades: usize,
            result: String,
        }
        #[derive(Serialize)]
        struct Run {
            after_line: u64,
            error: Option<String>,
            steps: Vec<StepRow>,
            in_agreement: usize,
            foreign: Vec<String>,
            left_alone: Vec<String>,
            to_fetch: Vec<String>,
        }
        let report = self.report.as_ref().ok();
        let run = Run {
            after_line: self.after_line,
            error: self.report.as_ref().err().map(ToString::to_string),
            steps: report
                .map(|r| {
                    r.steps
                        .iter()
                        .zip(&self.results)
                        .map(|(step, result)| StepRow {
                            symbol: step.symbol.to_string(),
                            client_id: step.client_id.to_string(),
                            kind: format!("{:?}", step.kind),
                            missed_trades: step.trades.len(),
                            result: result
                                .as_ref()
                                .map_or_else(ToString::to_string, |_| "applied".to_owned()),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            in_agreement: report.map_or(0, |r| r.in_agreement.len()),
            foreign: report
                .map(|r| r.foreign.iter().map(|f| f.client_id.to_string()).collect())
                .unwrap_or_default(),
            left_alone: report
                .map(|r| r.left_alone.iter().map(left_alone).collect())
                .unwrap_or_default(),
            to_fetch: report
                .map(|r| r.to_fetch.iter().map(ToString::to_string).collect())
                .unwrap_or_default(),
        };
        serde_json::to_value(run)
    }
}

fn left_alone(left: &LeftAlone) -> String {
    match left {
        LeftAlone::TooRecent {
            client_id, sent_at, ..
        } => {
            format!(
                "{client_id}: unknown to the exchange, sent at {sent_at}, within the recvWindow"
            )
        }
        LeftAlone::UnknownToExchange {
            client_id, code, ..
        } => {
            format!("{client_id}: acknowledged, now unknown to the exchange (code {code:?})")
        }
        LeftAlone::ClosedHere {
            client_id, status, ..
        } => {
            format!("{client_id}: {status} here, listed open by the exchange")
        }
        LeftAlone::Unadoptable {
            client_id, error, ..
        } => {
            format!("{client_id}: ours, not adopted: {error}")
        }
    }
}

/// Replays `input`, reconciling with `file`'s answers after
/// [`ReconcileFile::after_line`] lines (after the last when absent), at the
/// file's clock. The summary is the whole replay's.
pub fn replay_reconciled(
    input: impl BufRead,
    options: ReplayOptions,
    file: &ReconcileFile,
) -> (Summary, OrderTracker, ReconcileRun) {
    let mut run = None;
    let (summary, tracker) = replay_with(input, options, file.after_line, |feed| {
        let after_line = feed.stats().lines;
        let report = reconcile(
            feed.tracker(),
            &file.snapshot,
            file.now,
            file.recv_window_ms,
        );
        let results = match &report {
            Ok(report) => report.apply(feed.tracker_mut(), file.now),
            Err(_) => Vec::new(),
        };
        run = Some(ReconcileRun {
            after_line,
            report,
            results,
        });
    });
    let run = run.unwrap_or(ReconcileRun {
        after_line: summary.stats.lines,
        report: Ok(Reconciliation::default()),
        results: Vec::new(),
    });
    (summary, tracker, run)
}
