//! Binance-form instrument symbols (`BTCUSDT`), never ccxt form (`BTC/USDT:USDT`).

use std::fmt;

use arrayvec::ArrayString;

/// Longest symbol accepted, in UTF-8 bytes.
pub const SYMBOL_MAX_LEN: usize = 32;

/// Why a symbol string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SymbolError {
    /// Empty input.
    #[error("symbol is empty; expected Binance form such as \"BTCUSDT\"")]
    Empty,
    /// A ccxt-style unified symbol (`BTC/USDT:USDT`).
    #[error(
        "symbol {input:?} is in ccxt form; use Binance form, base and quote joined with no separator, such as \"{suggestion}\""
    )]
    CcxtForm {
        /// The refused input.
        input: String,
        /// The Binance form of the same instrument (base + quote).
        suggestion: String,
    },
    /// A character other than upper-case letters and digits (and one `_` before a
    /// delivery date).
    #[error(
        "symbol {input:?} has {character:?} at byte {position}; Binance symbols are upper-case letters and digits, with an optional \"_YYMMDD\" delivery suffix (\"BTCUSDT\", \"BTCUSDT_250926\")"
    )]
    InvalidCharacter {
        /// The refused input (cut to 64 characters).
        input: String,
        /// The offending character.
        character: char,
        /// Its byte offset.
        position: usize,
    },
    /// A `_` not followed by a six-digit delivery date.
    #[error(
        "symbol {input:?}: a '_' must be followed by a six-digit delivery date, as in \"BTCUSDT_250926\""
    )]
    BadDeliverySuffix {
        /// The refused input.
        input: String,
    },
    /// Longer than [`SYMBOL_MAX_LEN`] bytes.
    #[error("symbol {input:?} is {len} bytes; at most {SYMBOL_MAX_LEN} are allowed")]
    TooLong {
        /// The refused input (cut to 64 characters).
        input: String,
        /// Its length in bytes.
        len: usize,
    },
}

fn clip(input: &str) -> String {
    crate::clip(input, 64).to_owned()
}

/// A Binance USDⓈ-M futures symbol: `BTCUSDT`, `1000PEPEUSDT`, `BTCUSDT_250926`.
///
/// Upper-case ASCII letters and digits; letters of other scripts are accepted too,
/// as Binance has listed contracts named in them. A delivery contract ends in
/// `_YYMMDD`. Stored inline: `Copy`, no heap.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Symbol(ArrayString<SYMBOL_MAX_LEN>);

impl Symbol {
    /// An empty symbol, only for the model's internal stand-in order; never observable.
    pub(crate) const PLACEHOLDER: Self = Self(ArrayString::new_const());

    /// Validates a Binance-form symbol.
    ///
    /// # Errors
    /// [`SymbolError`]; a ccxt-form input such as `BTC/USDT:USDT` gets
    /// [`SymbolError::CcxtForm`], which names the Binance form to use instead.
    pub fn new(input: &str) -> Result<Self, SymbolError> {
        if input.is_empty() {
            return Err(SymbolError::Empty);
        }
        if let Some((base, rest)) = input.split_once('/') {
            let quote = rest.split(':').next().unwrap_or_default();
            return Err(SymbolError::CcxtForm {
                input: clip(input),
                suggestion: format!("{base}{quote}").to_uppercase(),
            });
        }
        let (name, delivery) = match input.split_once('_') {
            Some((name, date)) => (name, Some(date)),
            None => (input, None),
        };
        let valid = |c: char| {
            c.is_ascii_uppercase() || c.is_ascii_digit() || (!c.is_ascii() && c.is_alphanumeric())
        };
        if let Some((position, character)) = name.char_indices().find(|&(_, c)| !valid(c)) {
            return Err(SymbolError::InvalidCharacter {
                input: clip(input),
                character,
                position,
            });
        }
        if name.is_empty()
            || delivery.is_some_and(|d| d.len() != 6 || !d.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(SymbolError::BadDeliverySuffix { input: clip(input) });
        }
        ArrayString::from(input)
            .map(Self)
            .map_err(|_| SymbolError::TooLong {
                input: clip(input),
                len: input.len(),
            })
    }

    /// The symbol as a string slice.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Symbol({:?})", self.as_str())
    }
}

impl std::str::FromStr for Symbol {
    type Err = SymbolError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_binance_forms() {
        for s in [
            "BTCUSDT",
            "1000PEPEUSDT",
            "BTCUSDT_250926",
            "ETHBTC",
            "币安人生USDT",
        ] {
            assert_eq!(Symbol::new(s).unwrap().as_str(), s);
        }
    }

    #[test]
    fn ccxt_form_names_the_binance_form() {
        let err = Symbol::new("BTC/USDT:USDT").unwrap_err();
        assert_eq!(
            err,
            SymbolError::CcxtForm {
                input: "BTC/USDT:USDT".into(),
                suggestion: "BTCUSDT".into()
            }
        );
        assert!(err.to_string().contains("\"BTCUSDT\""));
        assert!(matches!(
            Symbol::new("eth/usdt"),
            Err(SymbolError::CcxtForm { suggestion, .. }) if suggestion == "ETHUSDT"
        ));
    }

    #[test]
    fn rejects_other_shapes() {
        assert_eq!(Symbol::new(""), Err(SymbolError::Empty));
        for (bad, character, position) in [
            ("btcusdt", 'b', 0),
            ("BTC-USDT", '-', 3),
            ("BTC USDT", ' ', 3),
            ("BTC:USDT", ':', 3),
        ] {
            assert_eq!(
                Symbol::new(bad),
                Err(SymbolError::InvalidCharacter {
                    input: bad.into(),
                    character,
                    position
                })
            );
        }
        for bad in [
            "BTCUSDT_",
            "BTCUSDT_2509",
            "BTCUSDT_25092A",
            "_250926",
            "BTCUSDT_250926_250926",
        ] {
            assert!(
                matches!(Symbol::new(bad), Err(SymbolError::BadDeliverySuffix { .. })),
                "{bad}"
            );
        }
        assert!(matches!(
            Symbol::new(&"A".repeat(33)),
            Err(SymbolError::TooLong { len: 33, .. })
        ));
        assert!(Symbol::new(&"A".repeat(32)).is_ok());
    }
}
