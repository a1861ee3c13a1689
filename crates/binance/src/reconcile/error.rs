//! Why a snapshot cannot be used: an answer that is an error, unreadable,
//! or about another order than its request's.

use ordertrack::TradeId;

use super::Fetch;
use crate::event::DecodeError;
use crate::rest::clip_message;
use crate::wire::{self, ErrorBody};

/// An answer of the snapshot that cannot be used; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReconcileError {
    /// The answer is an error (other than "no such order" for a query, which
    /// is an answer): fetch it again.
    #[error("{fetch}: the answer is an error (HTTP {http_status}, code {code:?}): {message}")]
    Failed {
        /// The request.
        fetch: Fetch,
        /// The HTTP status.
        http_status: u16,
        /// Binance's code, when the body held one.
        code: Option<i64>,
        /// Binance's message, or the start of the body (at most 256 bytes).
        message: String,
    },
    /// A 2XX body that is not what the request answers (not a list, not an
    /// order).
    #[error("{fetch}: the answer cannot be read: {error}")]
    Unreadable {
        /// The request.
        fetch: Fetch,
        /// Why.
        error: DecodeError,
    },
    /// One item of a list answer cannot be read: the list cannot say which
    /// orders are open.
    #[error("{fetch}: item {index} cannot be read: {error}")]
    Item {
        /// The request.
        fetch: Fetch,
        /// The item's position (0-based).
        index: usize,
        /// Why.
        error: DecodeError,
    },
    /// The answer (or one of its items) is about another order or symbol than
    /// the request's.
    #[error("{fetch}: the answer is about {answered}, not what was asked")]
    WrongOrder {
        /// The request.
        fetch: Fetch,
        /// What the answer names.
        answered: String,
    },
    /// A `userTrades` trade of zero quantity: no trade the exchange makes.
    #[error("{fetch}: trade {} has quantity 0; a trade's quantity must be above zero", trade_id.0)]
    ZeroTrade {
        /// The request.
        fetch: Fetch,
        /// The trade.
        trade_id: TradeId,
    },
}

impl ReconcileError {
    /// [`ReconcileError::Failed`] from an error answer's status and body.
    pub(crate) fn failed(fetch: &Fetch, http_status: u16, body: &str) -> Self {
        let (code, message) = match wire::parse::<ErrorBody<'_>>(body) {
            Ok(ErrorBody { code, msg }) => (code.map(|c| c.0), clip_message(&msg)),
            Err(_) => (None, clip_message(body)),
        };
        Self::Failed {
            fetch: *fetch,
            http_status,
            code,
            message,
        }
    }

    /// The request whose answer is refused.
    #[must_use]
    pub const fn fetch(&self) -> &Fetch {
        match self {
            Self::Failed { fetch, .. }
            | Self::Unreadable { fetch, .. }
            | Self::Item { fetch, .. }
            | Self::WrongOrder { fetch, .. }
            | Self::ZeroTrade { fetch, .. } => fetch,
        }
    }
}
