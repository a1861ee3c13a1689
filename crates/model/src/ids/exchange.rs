//! The exchange's numeric ids: [`ExchangeOrderId`], [`TradeId`] and [`AlgoId`].

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

/// The algo service's id for a conditional order (`aid` / `algoId` on
/// Binance): what the service numbers an order by until it triggers into a
/// matching-engine order with an [`ExchangeOrderId`] of its own. Never zero.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct AlgoId(std::num::NonZeroU64);

impl AlgoId {
    /// The id `id`, or `None` for zero (not an id Binance assigns).
    ///
    /// ```
    /// use ordertrack_model::AlgoId;
    /// assert_eq!(AlgoId::new(2_148_719).map(AlgoId::get), Some(2_148_719));
    /// assert_eq!(AlgoId::new(0), None);
    /// ```
    #[must_use]
    pub const fn new(id: u64) -> Option<Self> {
        match std::num::NonZeroU64::new(id) {
            Some(id) => Some(Self(id)),
            None => None,
        }
    }

    /// The id as a number.
    #[must_use]
    pub const fn get(self) -> u64 {
        self.0.get()
    }
}

impl fmt::Display for AlgoId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}
