//! One user-data stream message, from its JSON line to an [`ExecutionReport`].

use ordertrack::ExecutionReport;

use crate::convert::ConvertError;
use crate::wire::{Text, UserDataEvent, WireError};

/// A decoded user-data stream message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedEvent<'a> {
    /// An `ORDER_TRADE_UPDATE`: its report, which restates the order's terms
    /// (enough for [`crate::seed_order`]).
    OrderUpdate(ExecutionReport),
    /// A `TRADE_LITE`: a `TRADE` report (see [`crate::wire::TradeLite::to_report`]).
    TradeLite(ExecutionReport),
    /// An `ALGO_UPDATE`: the algo service's report of a conditional order
    /// (`algo_id` set; see [`crate::wire::AlgoUpdate::to_report`]), which
    /// restates its terms and trigger (enough for [`crate::seed_order`]).
    AlgoUpdate(ExecutionReport),
    /// Any other event type (`ACCOUNT_UPDATE`, `listenKeyExpired`, …).
    Other {
        /// The event type `e`.
        event_type: Text<'a>,
    },
}

impl FeedEvent<'_> {
    /// The report to apply, for order events.
    #[must_use]
    pub fn report(&self) -> Option<&ExecutionReport> {
        match self {
            Self::OrderUpdate(report) | Self::TradeLite(report) | Self::AlgoUpdate(report) => {
                Some(report)
            }
            Self::Other { .. } => None,
        }
    }
}

/// Why a message could not become a report.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Not JSON, or a field missing, mistyped or with an unlisted value.
    #[error(transparent)]
    Wire(#[from] WireError),
    /// A field's value the model refuses.
    #[error(transparent)]
    Convert(#[from] ConvertError),
}

impl DecodeError {
    /// A short stable name for the error's kind, as counted by the replay:
    /// `malformed_json`, `missing_field`, `wrong_type`, `unknown_value`, or the
    /// [`ConvertError::kind`].
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Wire(WireError::Malformed { .. }) => "malformed_json",
            Self::Wire(WireError::MissingField { .. }) => "missing_field",
            Self::Wire(WireError::WrongType { .. }) => "wrong_type",
            Self::Wire(WireError::UnknownValue { .. }) => "unknown_value",
            Self::Convert(err) => err.kind(),
        }
    }
}

/// Parses one stream message and converts an order event (`ORDER_TRADE_UPDATE`,
/// `TRADE_LITE`, `ALGO_UPDATE`) into a report.
///
/// # Errors
/// [`DecodeError`] naming the offending field; nothing else happens, so a
/// tracker is untouched by a message that fails here.
pub fn decode(line: &str) -> Result<FeedEvent<'_>, DecodeError> {
    Ok(match UserDataEvent::parse(line)? {
        UserDataEvent::OrderTradeUpdate(update) => FeedEvent::OrderUpdate(update.to_report()?),
        UserDataEvent::TradeLite(lite) => FeedEvent::TradeLite(lite.to_report()?),
        UserDataEvent::AlgoUpdate(algo) => FeedEvent::AlgoUpdate(algo.to_report()?),
        UserDataEvent::Other { event_type } => FeedEvent::Other { event_type },
    })
}
