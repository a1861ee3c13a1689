//! Exact fixed-point decimals for prices and quantities.
//!
//! Both [`Price`] and [`Qty`] are a non-negative `i64` count of 10⁻⁸ units: Binance
//! never prints more than eight decimal places, so every exchange string maps to
//! exactly one value and prints back unchanged (up to trailing zeros). Arithmetic is
//! integer arithmetic: `0.1 + 0.2 == 0.3` holds exactly and an overfill is detected
//! exactly. Nothing here allocates.

use std::fmt;
use std::str::FromStr;

/// Number of decimal places carried by [`Price`] and [`Qty`].
pub const DECIMAL_PLACES: u32 = 8;

/// `10^DECIMAL_PLACES`: the number of units in one whole.
const UNITS_PER_ONE: i64 = 100_000_000;

/// Longest decimal string accepted, so that a hostile input cannot make parsing slow.
const MAX_INPUT_LEN: usize = 64;

/// Why a decimal string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecimalError {
    /// The input was empty.
    #[error("decimal {kind}: empty input; expected digits such as \"0.001\"")]
    Empty {
        /// Which quantity was being parsed (`"price"` or `"qty"`).
        kind: &'static str,
    },
    /// The input held something other than digits and one decimal point.
    #[error(
        "decimal {kind} {input:?}: invalid character at byte {position}; only digits and one '.' are allowed (no sign, exponent or spaces)"
    )]
    InvalidCharacter {
        /// Which quantity was being parsed.
        kind: &'static str,
        /// The refused input (cut to 64 bytes).
        input: String,
        /// Byte offset of the first offending character.
        position: usize,
    },
    /// More significant fractional digits than [`DECIMAL_PLACES`].
    #[error("decimal {kind} {input:?}: more than {DECIMAL_PLACES} significant decimal places")]
    TooPrecise {
        /// Which quantity was being parsed.
        kind: &'static str,
        /// The refused input (cut to 64 bytes).
        input: String,
    },
    /// The value does not fit (the largest is 92233720368.54775807).
    #[error("decimal {kind} {input:?}: out of range (at most 92233720368.54775807)")]
    OutOfRange {
        /// Which quantity was being parsed.
        kind: &'static str,
        /// The refused input (cut to 64 bytes).
        input: String,
    },
}

impl DecimalError {
    /// A short stable name for the error's kind: `empty`,
    /// `invalid_character`, `too_precise`, `out_of_range`.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::Empty { .. } => "empty",
            Self::InvalidCharacter { .. } => "invalid_character",
            Self::TooPrecise { .. } => "too_precise",
            Self::OutOfRange { .. } => "out_of_range",
        }
    }
}

fn clip(input: &str) -> String {
    crate::clip(input, MAX_INPUT_LEN).to_owned()
}

/// Parses a non-negative decimal string into a count of 10⁻⁸ units.
fn parse_units(kind: &'static str, input: &str) -> Result<i64, DecimalError> {
    if input.is_empty() {
        return Err(DecimalError::Empty { kind });
    }
    let invalid = |position| DecimalError::InvalidCharacter {
        kind,
        input: clip(input),
        position,
    };
    if input.len() > MAX_INPUT_LEN {
        return Err(DecimalError::OutOfRange {
            kind,
            input: clip(input),
        });
    }
    let (whole, fraction) = match input.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (input, None),
    };
    if let Some(position) = whole.bytes().position(|b| !b.is_ascii_digit()) {
        return Err(invalid(position));
    }
    let fraction = fraction.unwrap_or("");
    if let Some(position) = fraction.bytes().position(|b| !b.is_ascii_digit()) {
        return Err(invalid(whole.len() + 1 + position));
    }
    if whole.is_empty() && fraction.is_empty() {
        return Err(invalid(0));
    }
    let significant = fraction.trim_end_matches('0');
    if significant.len() > DECIMAL_PLACES as usize {
        return Err(DecimalError::TooPrecise {
            kind,
            input: clip(input),
        });
    }
    let out_of_range = || DecimalError::OutOfRange {
        kind,
        input: clip(input),
    };
    let mut units: i64 = 0;
    for b in whole.bytes() {
        units = units
            .checked_mul(10)
            .and_then(|u| u.checked_add(i64::from(b - b'0')))
            .ok_or_else(out_of_range)?;
    }
    units = units.checked_mul(UNITS_PER_ONE).ok_or_else(out_of_range)?;
    let mut scale = UNITS_PER_ONE / 10;
    for b in significant.bytes() {
        units = units
            .checked_add(i64::from(b - b'0') * scale)
            .ok_or_else(out_of_range)?;
        scale /= 10;
    }
    Ok(units)
}

/// Writes a count of 10⁻⁸ units as the shortest exact decimal string.
fn fmt_units(units: i64, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let whole = units / UNITS_PER_ONE;
    let mut fraction = units % UNITS_PER_ONE;
    if fraction == 0 {
        return write!(f, "{whole}");
    }
    let mut digits = DECIMAL_PLACES as usize;
    while fraction % 10 == 0 {
        fraction /= 10;
        digits -= 1;
    }
    write!(f, "{whole}.{fraction:0digits$}")
}

macro_rules! fixed_point {
    ($(#[$meta:meta])* $name:ident, $kind:literal) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(i64);

        impl $name {
            /// Zero.
            pub const ZERO: Self = Self(0);
            /// The largest representable value, 92233720368.54775807.
            pub const MAX: Self = Self(i64::MAX);

            /// Parses an exchange decimal string such as `"0.00100000"` exactly.
            ///
            /// # Errors
            /// [`DecimalError`] names the input and the rule it broke: empty, a sign,
            /// exponent or other character, more than eight significant decimal
            /// places, or a value out of range.
            pub fn parse(input: &str) -> Result<Self, DecimalError> {
                parse_units($kind, input).map(Self)
            }

            /// Builds a value from a count of 10⁻⁸ units; `None` when negative.
            #[must_use]
            pub const fn from_units(units: i64) -> Option<Self> {
                if units < 0 { None } else { Some(Self(units)) }
            }

            /// The value as a count of 10⁻⁸ units.
            #[must_use]
            pub const fn units(self) -> i64 {
                self.0
            }

            /// Whether the value is zero.
            #[must_use]
            pub const fn is_zero(self) -> bool {
                self.0 == 0
            }

            /// Exact sum; `None` when it does not fit.
            #[must_use]
            pub const fn checked_add(self, other: Self) -> Option<Self> {
                match self.0.checked_add(other.0) {
                    Some(units) => Some(Self(units)),
                    None => None,
                }
            }

            /// Exact difference; `None` when it would be negative.
            #[must_use]
            pub const fn checked_sub(self, other: Self) -> Option<Self> {
                if other.0 > self.0 { None } else { Some(Self(self.0 - other.0)) }
            }

            /// `self - other`, or zero when `other` is larger.
            #[must_use]
            pub const fn saturating_sub(self, other: Self) -> Self {
                if other.0 > self.0 { Self::ZERO } else { Self(self.0 - other.0) }
            }
        }

        impl FromStr for $name {
            type Err = DecimalError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::parse(s)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt_units(self.0, f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self)
            }
        }
    };
}

fixed_point!(
    /// An exact, non-negative price in quote currency (for example USDT), to 10⁻⁸.
    Price,
    "price"
);
fixed_point!(
    /// An exact, non-negative quantity in base units (for example BTC), to 10⁻⁸.
    Qty,
    "qty"
);

/// The exact quote value of filled quantity: Σ price × qty, in 10⁻¹⁶ units.
///
/// Kept alongside the filled quantity so the average fill price is always derived
/// from exact sums instead of being re-averaged (and re-rounded) fill after fill.
/// Held as two 64-bit halves (high first, so the derived order is the numeric
/// one): a `u128` would align every order record to 16 bytes.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Debug)]
pub struct Notional {
    high: u64,
    low: u64,
}

impl Notional {
    /// No quote value.
    pub const ZERO: Self = Self { high: 0, low: 0 };

    /// The value `units` in 10⁻¹⁶ units (the inverse of [`Notional::units`]).
    #[must_use]
    pub const fn from_units(units: u128) -> Self {
        Self::from_u128(units)
    }

    const fn from_u128(value: u128) -> Self {
        Self {
            high: (value >> 64) as u64,
            low: value as u64,
        }
    }

    /// The value in 10⁻¹⁶ units.
    #[must_use]
    pub const fn units(self) -> u128 {
        ((self.high as u128) << 64) | self.low as u128
    }

    /// Exact `price × qty`.
    #[must_use]
    pub fn of(price: Price, qty: Qty) -> Self {
        // Both are non-negative by construction.
        let product =
            u128::from(price.units().unsigned_abs()) * u128::from(qty.units().unsigned_abs());
        Self::from_u128(product)
    }

    /// Exact sum; `None` on overflow, which no sum of fills bounded by
    /// `Qty::MAX` reaches: `i64::MAX²` is below `u128::MAX / 4`.
    #[must_use]
    pub fn checked_add(self, other: Self) -> Option<Self> {
        self.units().checked_add(other.units()).map(Self::from_u128)
    }

    /// Sum, saturating at the largest value (never reached by fills, see
    /// [`Notional::checked_add`]).
    #[must_use]
    pub fn plus(self, other: Self) -> Self {
        Self::from_u128(self.units().saturating_add(other.units()))
    }

    /// The average price of `qty` worth this notional, rounded half-up to 10⁻⁸.
    ///
    /// Rounding to the nearest price step keeps the average between the lowest
    /// and highest fill price, which are themselves on the step grid.
    /// `None` when `qty` is zero or the result does not fit a [`Price`].
    #[must_use]
    pub fn average_price(self, qty: Qty) -> Option<Price> {
        let divisor = u128::from(qty.units().unsigned_abs());
        if divisor == 0 {
            return None;
        }
        let rounded = self.units().checked_add(divisor / 2)? / divisor;
        i64::try_from(rounded).ok().and_then(Price::from_units)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn qty(s: &str) -> Qty {
        Qty::parse(s).unwrap()
    }

    #[test]
    fn tenth_plus_fifth_is_exactly_three_tenths() {
        assert_eq!(qty("0.1").checked_add(qty("0.2")), Some(qty("0.3")));
    }

    #[test]
    fn accepts_exchange_strings() {
        for (input, units, printed) in [
            ("0", 0, "0"),
            ("0.00000000", 0, "0"),
            ("1", 100_000_000, "1"),
            ("0.001", 100_000, "0.001"),
            ("0.00100000", 100_000, "0.001"),
            ("97000.10", 9_700_010_000_000, "97000.1"),
            (".5", 50_000_000, "0.5"),
            ("5.", 500_000_000, "5"),
            ("0.00000001", 1, "0.00000001"),
            ("0.1000000000000", 10_000_000, "0.1"),
            ("92233720368.54775807", i64::MAX, "92233720368.54775807"),
            ("000123.4500", 12_345_000_000, "123.45"),
        ] {
            let q = qty(input);
            assert_eq!(q.units(), units, "{input}");
            assert_eq!(q.to_string(), printed, "{input}");
            assert_eq!(qty(&q.to_string()), q, "{input} round trip");
            assert_eq!(Price::parse(input).unwrap().to_string(), printed);
        }
    }

    #[test]
    fn rejects_bad_strings_with_the_rule_broken() {
        assert_eq!(Qty::parse(""), Err(DecimalError::Empty { kind: "qty" }));
        for (input, position) in [
            ("-1", 0),
            ("+1", 0),
            ("1e5", 1),
            (" 1", 0),
            ("1 ", 1),
            ("1.2.3", 3),
            (".", 0),
            ("1,5", 1),
            ("NaN", 0),
            ("0x10", 1),
        ] {
            match Qty::parse(input) {
                Err(DecimalError::InvalidCharacter {
                    kind,
                    input: i,
                    position: p,
                }) => {
                    assert_eq!((kind, i.as_str(), p), ("qty", input, position), "{input}");
                }
                other => panic!("{input}: {other:?}"),
            }
        }
        assert!(matches!(
            Price::parse("0.000000001"),
            Err(DecimalError::TooPrecise { kind: "price", .. })
        ));
        for input in ["92233720368.54775808", "100000000000", &"9".repeat(65)] {
            assert!(
                matches!(Qty::parse(input), Err(DecimalError::OutOfRange { .. })),
                "{input}"
            );
        }
        let message = Price::parse("1e5").unwrap_err().to_string();
        assert!(
            message.contains("\"1e5\"") && message.contains("byte 1"),
            "{message}"
        );
    }

    #[test]
    fn arithmetic_is_checked() {
        assert_eq!(Qty::MAX.checked_add(qty("0.00000001")), None);
        assert_eq!(qty("1").checked_sub(qty("2")), None);
        assert_eq!(qty("1").saturating_sub(qty("2")), Qty::ZERO);
        assert_eq!(qty("3").checked_sub(qty("1.5")), Some(qty("1.5")));
        assert_eq!(Qty::from_units(-1), None);
        assert!(Qty::ZERO.is_zero());
    }

    #[test]
    fn average_price_is_exact_then_rounded_half_up() {
        let p = |s| Price::parse(s).unwrap();
        let n = Notional::of(p("100"), qty("1"))
            .checked_add(Notional::of(p("101"), qty("2")))
            .unwrap();
        // (100 + 202) / 3 = 100.666666666... -> 100.66666667
        assert_eq!(n.average_price(qty("3")), Some(p("100.66666667")));
        assert_eq!(n.average_price(Qty::ZERO), None);
        let extreme = Notional::of(Price::MAX, Qty::MAX);
        assert_eq!(extreme.average_price(Qty::MAX), Some(Price::MAX));
    }
}
