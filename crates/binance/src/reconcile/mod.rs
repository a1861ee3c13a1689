//! Reconciliation after a reconnect: the tracker compared with the
//! exchange's own view, from the REST answers an engine fetches, and brought
//! in line with it.
//!
//! A user-data stream misses whatever happened while it was down: fills,
//! cancels from the web interface, the ack of a placement whose answer never
//! came. The steps:
//!
//! 1. [`fetch_plan`]: from the tracker alone, the lists to fetch — `GET
//!    /fapi/v1/openOrders` for every symbol with a live order, `GET
//!    /fapi/v1/openAlgoOrders` for every symbol with a conditional order not
//!    yet triggered.
//! 2. [`reconcile`] with the answers fetched so far (a [`Snapshot`]): a
//!    [`Reconciliation`], the typed report of what differs and what will be
//!    done, and [`Reconciliation::to_fetch`], the requests still needed (`GET
//!    /fapi/v1/order` for an order the lists no longer show, `GET
//!    /fapi/v1/algoOrder` for a conditional order, `GET /fapi/v1/userTrades`
//!    where the exchange executed more than the tracker holds). Fetch them,
//!    add them to the snapshot and call [`reconcile`] again until nothing is
//!    left to fetch (at most four rounds: lists, algo queries, order
//!    queries, trades). An answer that cannot be used is a
//!    [`ReconcileError`] naming its request; nothing is changed.
//! 3. [`Reconciliation::apply`]: each [`Step`] tried on a copy of its order
//!    first, then applied to the tracker; a step its order refuses changes
//!    nothing and stops no other.
//!
//! `docs/binance.md` ("Reconciliation after a reconnect") has the rules:
//! what each answer is used for, what is trusted, what is left alone.

use std::collections::HashMap;
use std::fmt;

use ordertrack::{ClientOrderId, ExchangeOrderId, Symbol};

mod adopt;
mod apply;
mod book;
mod error;
mod fetch;
pub mod file;
mod plan;
mod read;
mod report;
mod trades;

pub use apply::{StepDone, StepError};
pub use error::ReconcileError;
pub use fetch::fetch_plan;
pub use plan::{ForeignOrder, LeftAlone, Reconciliation, Step, StepKind, reconcile};
pub use trades::{UserTrade, read_user_trades};

/// Binance's default `recvWindow` (ms): a placement sent longer ago than
/// this that the exchange does not know can no longer take effect.
pub const DEFAULT_RECV_WINDOW_MS: u64 = 5_000;

/// One REST request a reconnect needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fetch {
    /// `GET /fapi/v1/openOrders?symbol=…`: the symbol's open orders.
    OpenOrders {
        /// The symbol.
        symbol: Symbol,
    },
    /// `GET /fapi/v1/openAlgoOrders?symbol=…`: the symbol's open
    /// conditional orders.
    OpenAlgoOrders {
        /// The symbol.
        symbol: Symbol,
    },
    /// `GET /fapi/v1/order?symbol=…&orderId=…` (or
    /// `&origClientOrderId=…` while the exchange id is not known).
    Order {
        /// The symbol.
        symbol: Symbol,
        /// Which order.
        order: OrderId,
    },
    /// `GET /fapi/v1/algoOrder?clientAlgoId=…`: one conditional order.
    AlgoOrder {
        /// The symbol (not a parameter of the request; it scopes the answer).
        symbol: Symbol,
        /// The conditional order's client id.
        client_id: ClientOrderId,
    },
    /// `GET /fapi/v1/userTrades?symbol=…&orderId=…`: one order's trades.
    UserTrades {
        /// The symbol.
        symbol: Symbol,
        /// The order.
        exchange_id: ExchangeOrderId,
    },
}

/// How a [`Fetch::Order`] names its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrderId {
    /// By the exchange's id (`orderId`).
    Exchange(ExchangeOrderId),
    /// By the client id (`origClientOrderId`).
    Client(ClientOrderId),
}

impl Fetch {
    /// The request's path.
    #[must_use]
    pub const fn path(&self) -> &'static str {
        match self {
            Self::OpenOrders { .. } => "/fapi/v1/openOrders",
            Self::OpenAlgoOrders { .. } => "/fapi/v1/openAlgoOrders",
            Self::Order { .. } => "/fapi/v1/order",
            Self::AlgoOrder { .. } => "/fapi/v1/algoOrder",
            Self::UserTrades { .. } => "/fapi/v1/userTrades",
        }
    }

    /// The request's query parameters (without `timestamp` and `signature`).
    #[must_use]
    pub fn query(&self) -> String {
        match self {
            Self::OpenOrders { symbol } | Self::OpenAlgoOrders { symbol } => {
                format!("symbol={symbol}")
            }
            Self::Order {
                symbol,
                order: OrderId::Exchange(id),
            } => format!("symbol={symbol}&orderId={}", id.0),
            Self::Order {
                symbol,
                order: OrderId::Client(id),
            } => format!("symbol={symbol}&origClientOrderId={id}"),
            Self::AlgoOrder { client_id, .. } => format!("clientAlgoId={client_id}"),
            Self::UserTrades {
                symbol,
                exchange_id,
            } => format!("symbol={symbol}&orderId={}", exchange_id.0),
        }
    }

    /// The symbol the request is about.
    #[must_use]
    pub const fn symbol(&self) -> Symbol {
        match self {
            Self::OpenOrders { symbol }
            | Self::OpenAlgoOrders { symbol }
            | Self::Order { symbol, .. }
            | Self::AlgoOrder { symbol, .. }
            | Self::UserTrades { symbol, .. } => *symbol,
        }
    }
}

impl fmt::Display for Fetch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GET {}?{}", self.path(), self.query())
    }
}

/// One fetched answer: its HTTP status and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The HTTP status.
    pub http_status: u16,
    /// The body, as received.
    pub body: String,
}

/// The answers fetched for a reconnect, each with its request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    answers: Vec<(Fetch, Answer)>,
    index: HashMap<Fetch, usize>,
}

impl Snapshot {
    /// An empty snapshot.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the answer to `fetch`, replacing an earlier one.
    pub fn insert(&mut self, fetch: Fetch, http_status: u16, body: impl Into<String>) {
        let answer = Answer {
            http_status,
            body: body.into(),
        };
        match self
            .index
            .get(&fetch)
            .and_then(|&i| self.answers.get_mut(i))
        {
            Some((_, slot)) => *slot = answer,
            None => {
                self.index.insert(fetch, self.answers.len());
                self.answers.push((fetch, answer));
            }
        }
    }

    /// The answer to `fetch`, when fetched.
    #[must_use]
    pub fn get(&self, fetch: &Fetch) -> Option<&Answer> {
        let &i = self.index.get(fetch)?;
        self.answers.get(i).map(|(_, answer)| answer)
    }

    /// Every answer with its request, in the order recorded.
    pub fn iter(&self) -> impl Iterator<Item = (&Fetch, &Answer)> {
        self.answers.iter().map(|(f, a)| (f, a))
    }

    /// Number of answers.
    #[must_use]
    pub fn len(&self) -> usize {
        self.answers.len()
    }

    /// Whether no answer is recorded.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
    }
}
