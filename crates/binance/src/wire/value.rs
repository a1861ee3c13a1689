//! Tolerant readers for the few value shapes Binance writes in more than one
//! way: strings that may hold JSON escapes, ids sent as numbers or as decimal
//! strings, codes sent as `"0"` or `0`, and the string-valued enums of the
//! fields the tracker uses.
//!
//! Every reader here is strict about what it accepts as a *value* (a
//! negative or fractional id, an id string with a non-digit, an unlisted enum
//! value are errors naming what was seen), and lenient only about the
//! *form* (number or string, escaped or not).

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Visitor};

/// A JSON string, borrowed from the input unless it holds an escape
/// (`"BTC\u0055SDT"` reads as `BTCUSDT`, owned): no allocation in the usual
/// case, and no event lost to an escape. (serde's own `Cow<str>` borrows only
/// as a plain struct field; this type borrows inside `Option` too.)
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Text<'a>(pub Cow<'a, str>);

impl Text<'_> {
    /// The string.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl<'a> From<&'a str> for Text<'a> {
    fn from(text: &'a str) -> Self {
        Self(Cow::Borrowed(text))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Text<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
        Ok(Text(Cow::Owned(v.to_owned())))
    }
}

/// A non-negative integer id (order id, trade id, algo id) that Binance writes
/// as a JSON number (`8886774`) or as a decimal string (`"8886774"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Id(pub u64);

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(IdVisitor::STRICT).map(Self)
    }
}

/// Reads an id from a number or a decimal string; `""` too when
/// `blank_is_zero` (an order id before it exists: `ai` of an `ALGO_UPDATE`).
pub(crate) struct IdVisitor {
    blank_is_zero: bool,
}

impl IdVisitor {
    /// Digits only.
    pub(crate) const STRICT: Self = Self {
        blank_is_zero: false,
    };
    /// Digits, or `""` read as 0.
    pub(crate) const BLANK_IS_ZERO: Self = Self {
        blank_is_zero: true,
    };
}

impl Visitor<'_> for IdVisitor {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.blank_is_zero {
            "an order id (digits, as a string or a number), or \"\" before the trigger"
        } else {
            "a non-negative integer id, as a number or a decimal string"
        })
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<u64, E> {
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<u64, E> {
        u64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<u64, E> {
        Err(E::invalid_value(de::Unexpected::Float(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<u64, E> {
        if v.is_empty() && self.blank_is_zero {
            return Ok(0);
        }
        let digits = !v.is_empty() && v.len() <= 20 && v.bytes().all(|b| b.is_ascii_digit());
        digits
            .then(|| v.parse().ok())
            .flatten()
            .ok_or_else(|| E::invalid_value(de::Unexpected::Str(clip(v)), &self))
    }
}

/// A time in milliseconds since the epoch (`T`, `updateTime`), a JSON number
/// in Binance's payloads and a decimal string in some recordings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Millis(pub u64);

impl<'de> Deserialize<'de> for Millis {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(IdVisitor::STRICT).map(Self)
    }
}

/// A REST error code (`-2011`), a JSON number in Binance's answers and a
/// string (`"-2011"`, `"200"`) in some.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ErrorCode(pub i64);

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ErrorCodeVisitor).map(Self)
    }
}

struct ErrorCodeVisitor;

impl Visitor<'_> for ErrorCodeVisitor {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer error code, as a number or a decimal string")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        let digits = v.strip_prefix('-').unwrap_or(v);
        let valid =
            !digits.is_empty() && digits.len() <= 18 && digits.bytes().all(|b| b.is_ascii_digit());
        valid
            .then(|| v.parse().ok())
            .flatten()
            .ok_or_else(|| E::invalid_value(de::Unexpected::Str(clip(v)), &self))
    }
}

/// A small numeric code that Binance writes as a decimal string (`"er":"2"`)
/// in current payloads and as a number (`"er":2`) in others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Code(pub u16);

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let id = deserializer.deserialize_any(IdVisitor::STRICT)?;
        u16::try_from(id).map(Self).map_err(|_| {
            de::Error::invalid_value(de::Unexpected::Unsigned(id), &"a code up to 65535")
        })
    }
}

/// A field kept as its raw JSON text, read only when the event's type needs
/// it (a trade id on a `NEW` is never read, so its form cannot cost the event).
#[derive(Clone, Copy)]
pub struct Raw<'a>(pub &'a serde_json::value::RawValue);

impl<'a> Raw<'a> {
    /// The value's JSON text.
    #[must_use]
    pub fn get(&self) -> &'a str {
        self.0.get()
    }
}

impl PartialEq for Raw<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl Eq for Raw<'_> {}

impl fmt::Debug for Raw<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Raw<'a> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        <&'a serde_json::value::RawValue>::deserialize(deserializer).map(Self)
    }
}

/// At most 64 bytes of a refused value, cut at a character boundary.
pub(crate) fn clip(text: &str) -> &str {
    ordertrack::clip(text, 64)
}

/// Defines a string-valued enum whose `Deserialize` reads a string (escaped
/// or not): a non-string is a wrong type, an unlisted string an unknown
/// variant naming the value (serde's derive would report a number as a JSON
/// syntax error and refuse escaped strings).
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$doc:meta])* $variant:ident = $($text:literal)|+,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$doc])* $variant,)+
        }

        impl $name {
            /// Every value a payload may carry, as Binance spells it.
            pub const SPELLINGS: &[&str] = &[$($($text),+),+];

            /// The variant Binance spells `text`.
            #[must_use]
            pub fn from_wire(text: &str) -> Option<Self> {
                match text {
                    $($($text)|+ => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <$crate::wire::Text<'de>>::deserialize(deserializer)?;
                Self::from_wire(&text).ok_or_else(|| {
                    serde::de::Error::unknown_variant(
                        $crate::wire::value::clip(&text),
                        Self::SPELLINGS,
                    )
                })
            }
        }
    };
}
pub(crate) use wire_enum;

#[cfg(test)]
mod tests {
    use super::*;

    fn id(json: &str) -> Result<Id, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn ids_are_read_from_numbers_and_decimal_strings() {
        assert_eq!(id("8886774"), Ok(Id(8_886_774)));
        assert_eq!(id(r#""8886774""#), Ok(Id(8_886_774)));
        assert_eq!(id(r#""18446744073709551615""#), Ok(Id(u64::MAX)));
        for bad in [
            r#""""#,
            r#""-1""#,
            r#""12a""#,
            r#""1.5""#,
            "-1",
            "1.5",
            r#""18446744073709551616""#,
            "true",
            "null",
        ] {
            assert!(id(bad).is_err(), "{bad}");
        }
        let message = id(r#""12a""#).unwrap_err();
        assert!(message.contains("\"12a\""), "{message}");
    }

    #[test]
    fn times_and_error_codes_are_read_from_numbers_and_strings() {
        let millis = |json: &str| serde_json::from_str::<Millis>(json).ok();
        assert_eq!(millis("1568879465651"), Some(Millis(1_568_879_465_651)));
        assert_eq!(
            millis(r#""1568879465651""#),
            Some(Millis(1_568_879_465_651))
        );
        assert_eq!(millis("1.5"), None);
        let code = |json: &str| serde_json::from_str::<ErrorCode>(json).ok();
        assert_eq!(code("-2011"), Some(ErrorCode(-2011)));
        assert_eq!(code(r#""-2011""#), Some(ErrorCode(-2011)));
        assert_eq!(code(r#""200""#), Some(ErrorCode(200)));
        assert_eq!(code(r#""ERROR CODE""#), None);
        assert_eq!(code(r#""-""#), None);
    }

    #[test]
    fn codes_are_read_from_numbers_and_strings() {
        let code = |json: &str| serde_json::from_str::<Code>(json).map_err(|e| e.to_string());
        assert_eq!(code(r#""2""#), Ok(Code(2)));
        assert_eq!(code("9"), Ok(Code(9)));
        assert!(code("70000").is_err());
        assert!(code(r#""x""#).is_err());
    }

    #[test]
    fn text_borrows_unless_escaped() {
        let plain: Text<'_> = serde_json::from_str(r#""BTCUSDT""#).unwrap();
        assert!(matches!(plain.0, Cow::Borrowed("BTCUSDT")));
        let escaped: Text<'_> = serde_json::from_str(r#""BTC\u0055SDT""#).unwrap();
        assert!(matches!(escaped.0, Cow::Owned(ref s) if s == "BTCUSDT"));
        let inside: Option<Text<'_>> = serde_json::from_str(r#""0.5""#).unwrap();
        assert!(matches!(inside, Some(Text(Cow::Borrowed("0.5")))));
        assert!(serde_json::from_str::<Text<'_>>("5").is_err());
    }
}
