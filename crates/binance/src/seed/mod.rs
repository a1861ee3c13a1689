//! The order an engine would have registered, rebuilt from a stream event.
//!
//! A recorded user-data stream holds only the exchange's side. To replay it
//! through a tracker, [`seed_order`] rebuilds the order the engine
//! sent, from the report of the first `ORDER_TRADE_UPDATE` or `ALGO_UPDATE`
//! that names one of the engine's `PMS…` client ids (the report restates the
//! order's terms):
//!
//! | order field | from an `ORDER_TRADE_UPDATE` | from an `ALGO_UPDATE` |
//! |---|---|---|
//! | client id | `o.c` (must parse as `PMS{8}_{ORIGIN}_{12 hex}`) | `o.caid` (the same rule) |
//! | sub-account | the 8-character prefix in the client id (see below) | the same |
//! | origin | the origin word in the client id (`None` for a word this library does not know) | the same |
//! | symbol, side | `o.s`, `o.S` | `o.s`, `o.S` |
//! | order type | `o.ot`, the *original* type: a triggered `STOP_MARKET` reports `o` = `MARKET` | `o.o`, the conditional type |
//! | quantity | `o.q` (must be > 0, except for a close-position order) | `o.q` (the same) |
//! | price | `o.p`; `"0"` (market, stop-market) → none | `o.p`; the same |
//! | trigger (conditional types only) | `o.sp` (`"0"` → none), `o.wt`, `o.cp` | `o.tp`, `o.wt`, `o.cp` |
//! | reduce-only | `o.R` | `o.R` |
//! | created at | `T` | `T` |
//! | leverage, parent | not in the stream: 1 and none | the same |
//!
//! The working type defaults to `CONTRACT_PRICE` (Binance's default) when the
//! event does not state it.
//!
//! **Sub-account.** A client id embeds only the first eight characters of the
//! sub-account id. Eight characters make a valid [`SubAccountId`] (its minimum
//! length), so the seed uses the prefix itself as the sub-account: orders of
//! one sub-account stay grouped together, under an id that is the real one's
//! first eight characters.
//!
//! **Close-position orders.** A conditional order sent with
//! `closePosition=true` (`cp = true`) closes whatever the position is when it
//! triggers: it is seeded with [`Qty::ZERO`](ordertrack::Qty::ZERO) and a
//! close-position trigger, whatever `q` says (`"0"` until it triggers; the
//! position once its triggered order's events state it), and learns its
//! quantity from the first matching-engine event that states one (the model's
//! rule). A zero `q` on any other order is [`SeedError::ZeroQuantity`].
//!
//! ```
//! use ordertrack_binance::{FeedEvent, decode, seed_order};
//!
//! let line = r#"{"e":"ORDER_TRADE_UPDATE","T":1764000000012,"E":1764000000013,"o":{"s":"BTCUSDT","c":"PMS9f3c2a1b_TRAIL_STOP_00000000abcd","S":"SELL","o":"LIMIT","f":"GTC","q":"0.010","p":"86950.00","ap":"0","sp":"0","x":"NEW","X":"NEW","i":4000000001,"l":"0","z":"0.000","L":"0","n":"0","N":"USDT","T":1764000000012,"t":0,"b":"0","a":"869.5","m":false,"R":true,"wt":"CONTRACT_PRICE","ot":"LIMIT","ps":"BOTH","cp":false,"rp":"0","pP":false,"si":0,"ss":0,"V":"EXPIRE_MAKER","pm":"NONE","gtd":0,"er":"0"}}"#;
//! let FeedEvent::OrderUpdate(report) = decode(line)? else { return Err("not an order update".into()) };
//! let order = seed_order(&report)?;
//! assert_eq!(order.sub_account().as_str(), "9f3c2a1b");
//! assert_eq!(order.quantity().to_string(), "0.01");
//! assert!(order.reduce_only());
//!
//! // A close-position take-profit on the algo service: no quantity yet.
//! let algo = r#"{"e":"ALGO_UPDATE","T":1764000000100,"E":1764000000105,"o":{"caid":"PMS9f3c2a1b_TRAIL_STOP_00000000abce","aid":2000000081234567,"at":"CONDITIONAL","o":"TAKE_PROFIT_MARKET","s":"BTCUSDT","S":"SELL","ps":"BOTH","f":"GTC","q":"0","X":"NEW","ai":"","ap":"0.00000","aq":"0.00000","act":"0","tp":"99000.00","p":"0","V":"EXPIRE_MAKER","wt":"MARK_PRICE","pm":"NONE","cp":true,"pP":false,"R":false,"tt":0,"gtd":0}}"#;
//! let FeedEvent::AlgoUpdate(report) = decode(algo)? else { return Err("not an algo update".into()) };
//! let order = seed_order(&report)?;
//! assert!(order.is_close_position() && order.quantity().is_zero());
//! assert_eq!(order.trigger().and_then(|t| t.price).map(|p| p.to_string()), Some("99000".to_owned()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use ordertrack::{
    AnyOrder, ClientOrderId, ExecutionReport, IdError, NewOrder, OrderError, OrderTerms, OrderType,
    Qty, SubAccountId, Trigger, WorkingType,
};

/// Why no order could be rebuilt from an event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SeedError {
    /// The client id is not one the engine makes (`autoclose-…`, `web_…`,
    /// another bot), or the event names none: nothing to register.
    #[error("client order id {client_id:?} is not an engine (PMS…) client order id")]
    Foreign {
        /// The client id (empty when the event names none).
        client_id: String,
    },
    /// The event does not restate the order's type (a `TRADE_LITE`), so the
    /// order cannot be rebuilt from it.
    #[error("order {client_id}: the event does not state the order's type (field `ot`)")]
    NoTerms {
        /// The order.
        client_id: ClientOrderId,
    },
    /// `q = "0"` on an order that is not a close-position conditional order:
    /// an order's quantity must be greater than zero.
    #[error(
        "order {client_id}: field `q` is \"0\" (close_position = {close_position}); an order's quantity must be greater than zero unless it is a closePosition conditional order (a STOP_MARKET or TAKE_PROFIT_MARKET with cp = true)"
    )]
    ZeroQuantity {
        /// The order.
        client_id: ClientOrderId,
        /// The event's `cp` (absent counts as `false`).
        close_position: bool,
    },
    /// The sub-account prefix of the client id makes no sub-account id.
    #[error("order {client_id}: {source}")]
    SubAccount {
        /// The order.
        client_id: ClientOrderId,
        /// Why.
        source: IdError,
    },
    /// The model refused the rebuilt order (for example a `LIMIT` order with
    /// price `"0"`).
    #[error("the rebuilt order is refused: {0}")]
    Order(#[from] OrderError),
}

impl SeedError {
    /// A short stable name for the error's kind, as counted by the replay:
    /// `foreign_order`, `untyped_order`, `zero_quantity_order` or
    /// `unregistrable_order`.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Foreign { .. } => "foreign_order",
            Self::NoTerms { .. } => "untyped_order",
            Self::ZeroQuantity { .. } => "zero_quantity_order",
            Self::SubAccount { .. } | Self::Order(_) => "unregistrable_order",
        }
    }
}

/// Rebuilds the order the engine registered for this report's `PMS…` client
/// id, as sent at the report's transaction time (state `Placing`: register
/// it, then apply the report).
/// Everything comes from the report: its client id, the terms it restates
/// ([`ExecutionReport::terms`]) and its transaction time. A conditional type
/// gets its trigger from the terms' trigger price, working type and
/// close-position flag; a close-position order gets [`Qty::ZERO`].
///
/// # Errors
/// [`SeedError`]: a foreign client id, a report without the order's type, a
/// zero quantity (not close-position), or an order the model refuses (a
/// `LIMIT` without price, a `STOP_MARKET` without trigger price).
pub fn seed_order(report: &ExecutionReport) -> Result<AnyOrder, SeedError> {
    let foreign = || SeedError::Foreign {
        client_id: report.client_id.map(|c| c.to_string()).unwrap_or_default(),
    };
    let client_id = report.client_id.ok_or_else(foreign)?;
    let parts = client_id.parse_pms().ok_or_else(foreign)?;
    let no_terms = SeedError::NoTerms { client_id };
    let terms = report.terms.ok_or(no_terms.clone())?;
    let order_type = terms.order_type.ok_or(no_terms)?;
    let sub_account = SubAccountId::new(parts.sub_account_prefix.as_str())
        .map_err(|source| SeedError::SubAccount { client_id, source })?;
    let trigger = trigger(order_type, &terms);
    let quantity = if trigger.is_some_and(|t| t.close_position) {
        Qty::ZERO
    } else if terms.quantity.is_zero() {
        return Err(SeedError::ZeroQuantity {
            client_id,
            close_position: terms.close_position,
        });
    } else {
        terms.quantity
    };
    let spec = NewOrder {
        trigger,
        client_id,
        sub_account,
        symbol: report.symbol,
        side: terms.side,
        order_type,
        quantity,
        price: terms.price,
        reduce_only: terms.reduce_only.unwrap_or(false),
        origin: parts.origin,
        parent: None,
        leverage: 1,
        created_at: report.transaction_time,
    };
    Ok(AnyOrder::sent(spec, report.transaction_time)?)
}

/// The trigger of a conditional type, from the terms; none for other types.
fn trigger(order_type: OrderType, terms: &OrderTerms) -> Option<Trigger> {
    order_type.is_conditional().then(|| Trigger {
        price: terms.trigger_price,
        working_type: terms.working_type.unwrap_or(WorkingType::ContractPrice),
        close_position: terms.close_position,
    })
}

#[cfg(test)]
mod tests;
