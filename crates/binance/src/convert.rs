//! Wire values into the model's types: the field readers the wire views'
//! conversions share ([`crate::wire::OrderTradeUpdate::to_report`],
//! [`crate::wire::TradeLite::to_report`], [`crate::wire::AlgoUpdate::to_report`],
//! [`crate::wire::OrderResponse::to_snapshot`],
//! [`crate::wire::AlgoOrderResponse::to_snapshot`]), and [`ConvertError`].
//!
//! Decimal strings become exact [`Price`] / [`Qty`] through their own parsers
//! (never through `f64`); a value the model refuses is a [`ConvertError`]
//! naming the field's JSON path (`$.o.l`) and wrapping the model's reason.

use ordertrack::{
    ClientOrderId, DecimalError, ExecutionType, IdError, OrderType, Price, Qty, Side, Symbol,
    SymbolError, WorkingType,
};

/// A wire value the model cannot take, naming the field and the rule broken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConvertError {
    /// A price or quantity string that is not an exact non-negative decimal
    /// with at most eight places.
    #[error("field `{field}`: {source}")]
    Decimal {
        /// JSON path of the field, e.g. `$.o.l`.
        field: &'static str,
        /// The model's reason.
        source: DecimalError,
    },
    /// A client order id outside Binance's rule `^[\.A-Z\:/a-z0-9_-]{1,36}$`.
    #[error("field `{field}`: {source}")]
    ClientId {
        /// JSON path of the field, e.g. `$.o.c`.
        field: &'static str,
        /// The model's reason.
        source: IdError,
    },
    /// A symbol not in Binance form.
    #[error("field `{field}`: {source}")]
    Symbol {
        /// JSON path of the field, e.g. `$.o.s`.
        field: &'static str,
        /// The model's reason.
        source: SymbolError,
    },
    /// A string the model has no variant for (side, order type, working type).
    #[error("field `{field}`: unknown value {value:?}; expected one of {expected}")]
    UnknownValue {
        /// JSON path of the field, e.g. `$.o.S`.
        field: &'static str,
        /// The value received (cut to 64 characters).
        value: String,
        /// The accepted values.
        expected: &'static str,
    },
    /// A field an execution of this type needs is absent (`t`, `l`, `L` of a
    /// `TRADE`).
    #[error("field `{field}` is required for a {execution} execution")]
    Missing {
        /// JSON path of the field, e.g. `$.o.t`.
        field: &'static str,
        /// The event's execution type.
        execution: ExecutionType,
    },
    /// A field the tracker needs is absent (and so is any older name of it).
    #[error("field `{field}` is required")]
    Absent {
        /// JSON path of the field, e.g. `$.executedQty`.
        field: &'static str,
    },
    /// A value of the right type that breaks a rule of its own.
    #[error("field `{field}`: {value:?} {rule}")]
    Invalid {
        /// JSON path of the field, e.g. `$.o.t`.
        field: &'static str,
        /// The value received (cut to 64 characters).
        value: String,
        /// The rule it breaks.
        rule: &'static str,
    },
}

impl ConvertError {
    /// The JSON path of the offending field.
    #[must_use]
    pub fn field(&self) -> &'static str {
        match self {
            Self::Decimal { field, .. }
            | Self::ClientId { field, .. }
            | Self::Symbol { field, .. }
            | Self::UnknownValue { field, .. }
            | Self::Missing { field, .. }
            | Self::Absent { field }
            | Self::Invalid { field, .. } => field,
        }
    }

    /// A short stable name for the error's kind (`bad_decimal`, `bad_client_id`,
    /// `bad_symbol`, `unknown_value`, `missing_field`, `invalid_value`), as
    /// counted by the replay.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Decimal { .. } => "bad_decimal",
            Self::ClientId { .. } => "bad_client_id",
            Self::Symbol { .. } => "bad_symbol",
            Self::UnknownValue { .. } => "unknown_value",
            Self::Missing { .. } | Self::Absent { .. } => "missing_field",
            Self::Invalid { .. } => "invalid_value",
        }
    }
}

/// At most 64 bytes of a refused input, for error messages.
pub(crate) fn clip(input: &str) -> String {
    // At most 64 bytes as the error prints it (`{:?}`, where a control
    // character takes up to ten).
    let mut budget = 64_usize;
    let mut end = 0;
    for (at, c) in input.char_indices() {
        let width = c.escape_debug().len();
        if width > budget {
            break;
        }
        budget -= width;
        end = at + c.len_utf8();
    }
    input.get(..end).unwrap_or_default().to_owned()
}

/// Parses the quantity string of `field` exactly.
pub(crate) fn qty(field: &'static str, input: &str) -> Result<Qty, ConvertError> {
    Qty::parse(input).map_err(|source| ConvertError::Decimal { field, source })
}

/// Parses the price string of `field` exactly.
pub(crate) fn price(field: &'static str, input: &str) -> Result<Price, ConvertError> {
    Price::parse(input).map_err(|source| ConvertError::Decimal { field, source })
}

/// A limit price: Binance writes `"0"` for an order without one (market and
/// stop-market orders), which becomes `None`.
pub(crate) fn limit_price(field: &'static str, input: &str) -> Result<Option<Price>, ConvertError> {
    price(field, input).map(|p| (!p.is_zero()).then_some(p))
}

/// A trigger price (`tp`, `sp`, `triggerPrice`): Binance writes `"0"` (an
/// order event of a non-conditional order) or `""` (a trailing stop without
/// one) when there is none; absent is none too.
pub(crate) fn trigger_price(
    field: &'static str,
    input: Option<&str>,
) -> Result<Option<Price>, ConvertError> {
    match input {
        None | Some("") => Ok(None),
        Some(text) => limit_price(field, text),
    }
}

/// A quantity an event may leave unstated: absent or `""` is `None`.
pub(crate) fn stated_qty(
    field: &'static str,
    input: Option<&str>,
) -> Result<Option<Qty>, ConvertError> {
    match input {
        None | Some("") => Ok(None),
        Some(text) => qty(field, text).map(Some),
    }
}

/// The working type of `field` (`MARK_PRICE` or `CONTRACT_PRICE`).
pub(crate) fn working_type(field: &'static str, input: &str) -> Result<WorkingType, ConvertError> {
    WorkingType::from_binance(input).ok_or_else(|| ConvertError::UnknownValue {
        field,
        value: clip(input),
        expected: "MARK_PRICE, CONTRACT_PRICE",
    })
}

/// Validates the client order id of `field`.
pub(crate) fn client_id(field: &'static str, input: &str) -> Result<ClientOrderId, ConvertError> {
    ClientOrderId::new(input).map_err(|source| ConvertError::ClientId { field, source })
}

/// The client id of a stream event. Binance's own orders carry ids it makes
/// itself (`autoclose-…`, `adl_autoclose`, `settlement_autoclose-…`,
/// `delivery_autoclose-…`), which may break its rule for client-made ids
/// (`settlement_autoclose-1111222233334444` has 37 characters). Such an id
/// cannot be one of ours: the event names no client id (`None`) and is routed
/// by its exchange id. Any other id must follow the rule.
pub(crate) fn stream_client_id(
    field: &'static str,
    input: &str,
) -> Result<Option<ClientOrderId>, ConvertError> {
    match ClientOrderId::new(input) {
        Ok(id) => Ok(Some(id)),
        Err(_) if input.contains(BINANCE_ORDER_MARK) => Ok(None),
        Err(source) => Err(ConvertError::ClientId { field, source }),
    }
}

/// What every client id of Binance's own orders holds.
const BINANCE_ORDER_MARK: &str = "autoclose";

/// Validates the symbol of `field`.
pub(crate) fn symbol(field: &'static str, input: &str) -> Result<Symbol, ConvertError> {
    Symbol::new(input).map_err(|source| ConvertError::Symbol { field, source })
}

/// The side of `field` (`BUY` or `SELL`).
pub(crate) fn side(field: &'static str, input: &str) -> Result<Side, ConvertError> {
    Side::from_binance(input).ok_or_else(|| ConvertError::UnknownValue {
        field,
        value: clip(input),
        expected: "BUY, SELL",
    })
}

/// The order type of `field` (`LIMIT`, `MARKET`, `STOP_MARKET`, …).
pub(crate) fn order_type(field: &'static str, input: &str) -> Result<OrderType, ConvertError> {
    OrderType::from_binance(input).ok_or_else(|| ConvertError::UnknownValue {
        field,
        value: clip(input),
        expected: "LIMIT, MARKET, STOP, STOP_MARKET, TAKE_PROFIT, TAKE_PROFIT_MARKET, TRAILING_STOP_MARKET, LIQUIDATION",
    })
}

#[cfg(test)]
mod clip_tests {
    use super::{ConvertError, clip};

    #[test]
    fn a_clipped_value_prints_in_at_most_64_bytes_whatever_it_holds() {
        let controls = "\u{7f}".repeat(200);
        assert!(format!("{:?}", clip(&controls)).len() <= 66);
        assert_eq!(clip("LIMIT"), "LIMIT");
        assert_eq!(clip(&"x".repeat(100)), "x".repeat(64));
        let error = ConvertError::UnknownValue {
            field: "$.o.ot",
            value: clip(&controls),
            expected: "LIMIT",
        };
        assert!(error.to_string().len() < 200, "{error}");
    }
}
