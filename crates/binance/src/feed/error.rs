//! Why one line of the stream could not be used. Every such line leaves the
//! tracker, and what the feed tracker holds, exactly as they were.

use std::fmt;

use ordertrack::{ApplyError, ClientOrderId, ExchangeOrderId, Symbol, TrackError};

use crate::event::DecodeError;
use crate::seed::SeedError;

/// Why a line was refused by [`crate::FeedTracker::feed`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeedError {
    /// The line is longer than [`crate::FeedConfig::max_line_bytes`]: it was
    /// not read (a [`crate::LineReader`] skips it without buffering it).
    #[error("line of {bytes} bytes is longer than the limit of {max} bytes; skipped unread")]
    TooLong {
        /// The line's length in bytes.
        bytes: u64,
        /// The limit.
        max: usize,
    },
    /// The line is not UTF-8, so not JSON.
    #[error("line is not UTF-8: {0}")]
    NotUtf8(#[from] std::str::Utf8Error),
    /// The line is not a message the adapter can read (not JSON, a field
    /// missing, mistyped or refused).
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// An `ORDER_TRADE_UPDATE` for one of ours not tracked, whose order cannot
    /// be rebuilt from it.
    #[error(transparent)]
    Seed(#[from] SeedError),
    /// An order of ours not tracked, not adopted because the tracker already
    /// holds [`crate::FeedConfig::max_orders`] orders.
    #[error(
        "order {client_id}: not adopted: the tracker holds {max} orders, the limit (FeedConfig::max_orders); clean up closed orders or raise it"
    )]
    TrackerFull {
        /// The order.
        client_id: ClientOrderId,
        /// The limit.
        max: usize,
    },
    /// The order the report names refused it.
    #[error("{}", refused(.report, .source))]
    Apply {
        /// The report's order, as the report names it.
        report: ReportOrder,
        /// Why.
        source: ApplyError,
    },
    /// The tracker refused the report or the adopted order (an exchange id
    /// another tracked order holds).
    #[error(transparent)]
    Track(TrackError),
}

impl FeedError {
    /// A short stable name for the error's kind: `line_too_long`, `not_utf8`,
    /// `tracker_full`, or the [`DecodeError::kind`], [`SeedError::kind`],
    /// [`ApplyError::kind`] or [`TrackError::kind`] of the cause.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::TooLong { .. } => "line_too_long",
            Self::NotUtf8(_) => "not_utf8",
            Self::Decode(err) => err.kind(),
            Self::Seed(err) => err.kind(),
            Self::TrackerFull { .. } => "tracker_full",
            Self::Apply { source, .. } => source.kind(),
            Self::Track(err) => err.kind(),
        }
    }

    /// The error of the tracker's answer to `report`: a refusal by the order
    /// becomes [`FeedError::Apply`], without the tracker's internal key.
    pub(crate) fn refused(report: &ordertrack::ExecutionReport, err: TrackError) -> Self {
        match err {
            TrackError::Apply { source, .. } => Self::Apply {
                report: ReportOrder::of(report),
                source,
            },
            other => Self::Track(other),
        }
    }
}

/// The order a report names: its client id, else its symbol and exchange id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportOrder {
    /// The report's client id.
    pub client_id: Option<ClientOrderId>,
    /// The report's symbol.
    pub symbol: Symbol,
    /// The report's exchange id.
    pub exchange_id: Option<ExchangeOrderId>,
}

impl ReportOrder {
    pub(crate) fn of(report: &ordertrack::ExecutionReport) -> Self {
        Self {
            client_id: report.client_id,
            symbol: report.symbol,
            exchange_id: report.exchange_id,
        }
    }
}

impl fmt::Display for ReportOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.client_id, self.exchange_id) {
            (Some(client_id), _) => write!(f, "order {client_id}"),
            (None, Some(exchange_id)) => write!(f, "order {exchange_id} on {}", self.symbol),
            (None, None) => write!(f, "an order on {}", self.symbol),
        }
    }
}

fn refused<'a>(report: &'a ReportOrder, source: &'a ApplyError) -> Refused<'a> {
    Refused { report, source }
}

/// An [`ApplyError`]'s message, prefixed with the order when the model's
/// message does not name it (an execution type and status that cannot go
/// together is refused before the order is looked at).
struct Refused<'a> {
    report: &'a ReportOrder,
    source: &'a ApplyError,
}

impl fmt::Display for Refused<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.source {
            ApplyError::Inconsistent { .. } => write!(f, "{}: {}", self.report, self.source),
            other => other.fmt(f),
        }
    }
}
