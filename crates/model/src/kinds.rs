//! Small closed vocabularies: order side, order type and the engine component that
//! made an order.

use std::fmt;

/// Which way an order trades.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Side {
    /// `BUY`.
    Buy,
    /// `SELL`.
    Sell,
}

impl Side {
    /// Binance's spelling.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Buy => "BUY",
            Self::Sell => "SELL",
        }
    }

    /// Parses Binance's spelling (`BUY`, `SELL`).
    #[must_use]
    pub fn from_binance(s: &str) -> Option<Self> {
        match s {
            "BUY" => Some(Self::Buy),
            "SELL" => Some(Self::Sell),
            _ => None,
        }
    }
}

/// Binance USDⓈ-M futures order types.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum OrderType {
    /// `LIMIT`: rests at a price.
    Limit,
    /// `MARKET`: takes liquidity at once.
    Market,
    /// `STOP`: a limit order triggered at a stop price.
    Stop,
    /// `STOP_MARKET`: a market order triggered at a stop price.
    StopMarket,
    /// `TAKE_PROFIT`: a limit order triggered at a take-profit price.
    TakeProfit,
    /// `TAKE_PROFIT_MARKET`: a market order triggered at a take-profit price.
    TakeProfitMarket,
    /// `TRAILING_STOP_MARKET`: a market order triggered by a trailing stop.
    TrailingStopMarket,
    /// `LIQUIDATION`: an order the exchange placed to liquidate a position.
    Liquidation,
}

impl OrderType {
    /// Every order type.
    pub const ALL: [Self; 8] = [
        Self::Limit,
        Self::Market,
        Self::Stop,
        Self::StopMarket,
        Self::TakeProfit,
        Self::TakeProfitMarket,
        Self::TrailingStopMarket,
        Self::Liquidation,
    ];

    /// Binance's spelling.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Limit => "LIMIT",
            Self::Market => "MARKET",
            Self::Stop => "STOP",
            Self::StopMarket => "STOP_MARKET",
            Self::TakeProfit => "TAKE_PROFIT",
            Self::TakeProfitMarket => "TAKE_PROFIT_MARKET",
            Self::TrailingStopMarket => "TRAILING_STOP_MARKET",
            Self::Liquidation => "LIQUIDATION",
        }
    }

    /// Parses Binance's spelling.
    #[must_use]
    pub fn from_binance(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Whether an order of this type waits for a trigger (`STOP`,
    /// `STOP_MARKET`, `TAKE_PROFIT`, `TAKE_PROFIT_MARKET`,
    /// `TRAILING_STOP_MARKET`): what Binance places through its algo service.
    #[must_use]
    pub const fn is_conditional(self) -> bool {
        matches!(
            self,
            Self::Stop
                | Self::StopMarket
                | Self::TakeProfit
                | Self::TakeProfitMarket
                | Self::TrailingStopMarket
        )
    }

    /// The type of the order a conditional order of this type triggers into
    /// (`MARKET` for the `*_MARKET` types and `TRAILING_STOP_MARKET`, `LIMIT`
    /// for `STOP` and `TAKE_PROFIT`); `None` for a type that is not
    /// conditional.
    #[must_use]
    pub const fn triggered_type(self) -> Option<Self> {
        match self {
            Self::StopMarket | Self::TakeProfitMarket | Self::TrailingStopMarket => {
                Some(Self::Market)
            }
            Self::Stop | Self::TakeProfit => Some(Self::Limit),
            Self::Limit | Self::Market | Self::Liquidation => None,
        }
    }

    /// Whether an order of this type must carry a limit price.
    #[must_use]
    pub const fn requires_price(self) -> bool {
        matches!(self, Self::Limit | Self::Stop | Self::TakeProfit)
    }
}

/// The engine component that made an order; its name is embedded in the client
/// order id (`PMS…_TRAIL_STOP_…`).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Origin {
    /// `MANUAL` (code `MAN`): a person's order.
    Manual,
    /// `CHASE` (code `CHS`): a chase algo's order.
    Chase,
    /// `SCALPER` (code `SCL`).
    Scalper,
    /// `TWAP` (code `TWP`).
    Twap,
    /// `TRAIL_STOP` (code `TRL`).
    TrailStop,
    /// `SURF` (code `SRF`).
    Surf,
    /// `BASKET` (code `BSK`).
    Basket,
}

impl Origin {
    /// Every origin.
    pub const ALL: [Self; 7] = [
        Self::Manual,
        Self::Chase,
        Self::Scalper,
        Self::Twap,
        Self::TrailStop,
        Self::Surf,
        Self::Basket,
    ];

    /// The full name, as the engine writes it (`TRAIL_STOP`).
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Manual => "MANUAL",
            Self::Chase => "CHASE",
            Self::Scalper => "SCALPER",
            Self::Twap => "TWAP",
            Self::TrailStop => "TRAIL_STOP",
            Self::Surf => "SURF",
            Self::Basket => "BASKET",
        }
    }

    /// The three-letter code that earlier versions embedded in client order ids;
    /// still read by [`crate::ClientOrderId::parse_pms`].
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Self::Manual => "MAN",
            Self::Chase => "CHS",
            Self::Scalper => "SCL",
            Self::Twap => "TWP",
            Self::TrailStop => "TRL",
            Self::Surf => "SRF",
            Self::Basket => "BSK",
        }
    }

    /// The origin whose [`Origin::code`] is `code`.
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code)
    }

    /// The origin a client id's origin word names: its [`Origin::name`]
    /// (`TRAIL_STOP`, the design document's form) or its [`Origin::code`]
    /// (`TRL`, the short form of earlier versions); `None` for any other word.
    #[must_use]
    pub fn from_word(word: &str) -> Option<Self> {
        // One `match` (a length switch, then a compare) instead of trying the
        // fourteen spellings in turn: it runs for every order registered.
        // `every_origin_reads_back_from_its_name_and_code` keeps it in step
        // with `name` and `code`.
        Some(match word {
            "MANUAL" | "MAN" => Self::Manual,
            "CHASE" | "CHS" => Self::Chase,
            "SCALPER" | "SCL" => Self::Scalper,
            "TWAP" | "TWP" => Self::Twap,
            "TRAIL_STOP" | "TRL" => Self::TrailStop,
            "SURF" | "SRF" => Self::Surf,
            "BASKET" | "BSK" => Self::Basket,
            _ => return None,
        })
    }

    /// The origin whose [`Origin::name`] is `name`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.name() == name)
    }
}

macro_rules! display_as {
    ($($name:ident => $method:ident),*) => {$(
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.$method())
            }
        }
    )*};
}
display_as!(Side => as_str, OrderType => as_str, Origin => name);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_origin_reads_back_from_its_name_and_code() {
        for origin in Origin::ALL {
            assert_eq!(Origin::from_word(origin.name()), Some(origin));
            assert_eq!(Origin::from_word(origin.code()), Some(origin));
            assert_eq!(Origin::from_name(origin.name()), Some(origin));
            assert_eq!(Origin::from_code(origin.code()), Some(origin));
        }
        for other in ["", "chase", "GRID", "TRAIL", "MANUALX"] {
            assert_eq!(Origin::from_word(other), None, "{other}");
        }
    }

    #[test]
    fn spellings_round_trip() {
        for t in OrderType::ALL {
            assert_eq!(OrderType::from_binance(t.as_str()), Some(t));
        }
        for o in Origin::ALL {
            assert_eq!(Origin::from_code(o.code()), Some(o));
            assert_eq!(Origin::from_name(o.name()), Some(o));
            assert_eq!(o.code().len(), 3);
        }
        assert_eq!(Side::from_binance("BUY"), Some(Side::Buy));
        assert_eq!(Side::from_binance("SELL"), Some(Side::Sell));
        assert_eq!(Side::from_binance("buy"), None);
        assert_eq!(OrderType::from_binance("limit"), None);
        assert_eq!(Origin::from_code("XXX"), None);
        for o in Origin::ALL {
            assert_eq!(Origin::from_word(o.name()), Some(o));
            assert_eq!(Origin::from_word(o.code()), Some(o));
        }
        assert_eq!(Origin::from_word("GRID"), None);
        assert!(OrderType::Limit.requires_price());
        assert!(!OrderType::StopMarket.requires_price());
    }
}
