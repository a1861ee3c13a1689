//! [`Trigger`]: what makes a conditional order (stop, take-profit, trailing
//! stop) become a working order, and [`WorkingType`], the price it watches.

use std::fmt;

use crate::decimal::Price;

/// Which price a conditional order's trigger watches (Binance's `workingType`,
/// `wt`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum WorkingType {
    /// `MARK_PRICE`: the mark price.
    MarkPrice,
    /// `CONTRACT_PRICE`: the last traded price (Binance's default).
    ContractPrice,
}

impl WorkingType {
    /// Binance's spelling.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::MarkPrice => "MARK_PRICE",
            Self::ContractPrice => "CONTRACT_PRICE",
        }
    }

    /// Parses Binance's spelling (`MARK_PRICE`, `CONTRACT_PRICE`).
    #[must_use]
    pub fn from_binance(s: &str) -> Option<Self> {
        match s {
            "MARK_PRICE" => Some(Self::MarkPrice),
            "CONTRACT_PRICE" => Some(Self::ContractPrice),
            _ => None,
        }
    }
}

impl fmt::Display for WorkingType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The trigger of a conditional order: the engine's choice, registered with
/// the order ([`crate::NewOrder::trigger`]) and never changed by a report.
///
/// ```
/// use ordertrack_model::*;
/// let stop = Trigger::at(Price::parse("95000")?);
/// assert_eq!((stop.working_type, stop.close_position), (WorkingType::ContractPrice, false));
/// let close = Trigger { close_position: true, ..stop };
/// assert!(close.close_position);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Trigger {
    /// The trigger price (Binance's `triggerPrice`, `tp`; `sp` in the older
    /// order events). `None` only for a `TRAILING_STOP_MARKET` without an
    /// activation price.
    pub price: Option<Price>,
    /// The price the trigger watches.
    pub working_type: WorkingType,
    /// Whether the order closes the whole position when it triggers
    /// (`closePosition`): it is then sent without a quantity (`q = "0"`), and
    /// its quantity is the position at trigger, learnt from the triggered
    /// order's first report that states one.
    pub close_position: bool,
}

impl Trigger {
    /// A trigger at `price` on the contract price, for a stated quantity.
    #[must_use]
    pub const fn at(price: Price) -> Self {
        Self {
            price: Some(price),
            working_type: WorkingType::ContractPrice,
            close_position: false,
        }
    }
}
