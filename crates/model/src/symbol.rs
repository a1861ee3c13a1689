//! Binance-form instrument symbols (`BTCUSDT`), never ccxt form (`BTC/USDT:USDT`).

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use crate::intern::Interner;

/// Longest symbol accepted, in UTF-8 bytes.
pub const SYMBOL_MAX_LEN: usize = 32;

/// Most distinct symbols a process holds (Binance lists a few hundred).
pub const SYMBOLS_MAX: usize = 65_536;

/// Every symbol seen, interned.
static SYMBOLS: Interner = Interner::new(SYMBOLS_MAX);

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
    /// A new symbol when the process already holds [`SYMBOLS_MAX`] distinct
    /// ones (symbols are interned and never freed, so their number is capped).
    #[error(
        "symbol {input:?}: the process already holds {max} distinct symbols, the most it keeps"
    )]
    TooMany {
        /// The refused input.
        input: String,
        /// The cap.
        max: usize,
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
/// `_YYMMDD`. Interned: a 4-byte `Copy` handle, compared and hashed as an
/// integer, ordered and printed as its text (at most [`SYMBOLS_MAX`] distinct
/// symbols per process).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Symbol(u32);

impl Symbol {
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
        if input.len() > SYMBOL_MAX_LEN {
            return Err(SymbolError::TooLong {
                input: clip(input),
                len: input.len(),
            });
        }
        SYMBOLS
            .intern(input)
            .map(Self)
            .ok_or_else(|| SymbolError::TooMany {
                input: clip(input),
                max: SYMBOLS.cap(),
            })
    }

    /// The symbol as a string slice.
    #[must_use]
    pub fn as_str(&self) -> &'static str {
        SYMBOLS.name(self.0)
    }
}

impl Hash for Symbol {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

/// By text, so that sorted symbols read alphabetically.
impl Ord for Symbol {
    fn cmp(&self, other: &Self) -> Ordering {
        if self.0 == other.0 {
            return Ordering::Equal;
        }
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for Symbol {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
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

    #[test]
    fn interned_handles_compare_as_their_text() {
        let (btc, eth) = (
            Symbol::new("BTCUSDT").unwrap(),
            Symbol::new("ETHUSDT").unwrap(),
        );
        assert_eq!(Symbol::new("BTCUSDT").unwrap(), btc);
        assert_ne!(btc, eth);
        assert!(btc < eth, "ordered by text");
        assert_eq!(format!("{btc} {btc:?}"), "BTCUSDT Symbol(\"BTCUSDT\")");
        assert_eq!(std::mem::size_of::<Symbol>(), 4);
    }
}
