//! The exchange's numeric ids: [`ExchangeOrderId`] and [`TradeId`].

use std::fmt;

/// The exchange's order id (`i` on Binance). Binance numbers orders per symbol, so
/// an exchange id only names an order together with its [`crate::Symbol`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct ExchangeOrderId(pub u64);

/// The exchange's trade id (`t` on Binance), unique per symbol; identifies a fill.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct TradeId(pub u64);

impl fmt::Display for ExchangeOrderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl fmt::Display for TradeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}
