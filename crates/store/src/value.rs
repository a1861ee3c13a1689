//! [`Value`]: one field as the store writes it, an SQLite column or a JSON
//! member alike (null, integer, text), and reading fields back with the rule
//! a bad one breaks.

use rusqlite::types::{ToSqlOutput, ValueRef};
use serde_json::Value as Json;

/// Longest text field read back (ids, decimals, names, the remembered trade
/// ids): anything longer is refused before it is copied.
pub(crate) const MAX_TEXT: usize = 256;

/// One stored field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    /// Absent.
    Null,
    /// An integer; a `u64` is stored as the `i64` of the same bits
    /// ([`from_u64`]), so every value reads back exactly.
    Int(i64),
    /// Text.
    Text(String),
}

/// The `i64` with the bits of `value`: SQLite integers are signed, and
/// timestamps and ids above 2⁶³ − 1 (none real) still read back exactly.
pub(crate) const fn from_u64(value: u64) -> i64 {
    i64::from_ne_bytes(value.to_ne_bytes())
}

/// The `u64` with the bits of `value` (the inverse of [`from_u64`]).
pub(crate) const fn to_u64(value: i64) -> u64 {
    u64::from_ne_bytes(value.to_ne_bytes())
}

impl Value {
    /// An optional unsigned integer.
    pub(crate) fn opt_u64(value: Option<u64>) -> Self {
        value.map_or(Self::Null, |v| Self::Int(from_u64(v)))
    }

    /// An unsigned integer.
    pub(crate) const fn u64(value: u64) -> Self {
        Self::Int(from_u64(value))
    }

    /// A boolean, as 0 or 1.
    pub(crate) const fn bool(value: bool) -> Self {
        Self::Int(value as i64)
    }

    /// Text made by `Display`.
    pub(crate) fn text(value: impl std::fmt::Display) -> Self {
        Self::Text(value.to_string())
    }

    /// Optional text made by `Display`.
    pub(crate) fn opt_text(value: Option<impl std::fmt::Display>) -> Self {
        value.map_or(Self::Null, Self::text)
    }

    /// The value of an SQLite column, refusing a real, a blob or a text that
    /// is not UTF-8 or longer than [`MAX_TEXT`].
    pub(crate) fn from_sql(value: ValueRef<'_>) -> Result<Self, String> {
        match value {
            ValueRef::Null => Ok(Self::Null),
            ValueRef::Integer(i) => Ok(Self::Int(i)),
            ValueRef::Text(bytes) => text_of(bytes),
            ValueRef::Real(_) => Err("a real number, expected an integer or text".to_owned()),
            ValueRef::Blob(_) => Err("a blob, expected an integer or text".to_owned()),
        }
    }

    /// The value of a JSON member, refusing anything but null, an integer and
    /// a short string.
    pub(crate) fn from_json(value: Option<&Json>) -> Result<Self, String> {
        match value {
            None | Some(Json::Null) => Ok(Self::Null),
            Some(Json::Number(n)) => n
                .as_i64()
                .map(Self::Int)
                .ok_or_else(|| format!("number {n} is not a 64-bit signed integer")),
            Some(Json::String(s)) => text_of(s.as_bytes()),
            Some(other) => Err(format!(
                "a JSON {}, expected an integer or a string",
                kind(other)
            )),
        }
    }

    /// The value as JSON.
    pub(crate) fn to_json(&self) -> Json {
        match self {
            Self::Null => Json::Null,
            Self::Int(i) => Json::from(*i),
            Self::Text(s) => Json::from(s.as_str()),
        }
    }

    /// The text, when the value is text.
    pub(crate) fn as_text(&self) -> Result<Option<&str>, String> {
        match self {
            Self::Null => Ok(None),
            Self::Text(s) => Ok(Some(s)),
            Self::Int(i) => Err(format!("integer {i}, expected text")),
        }
    }

    /// The integer, when the value is one.
    pub(crate) fn as_int(&self) -> Result<Option<i64>, String> {
        match self {
            Self::Null => Ok(None),
            Self::Int(i) => Ok(Some(*i)),
            Self::Text(s) => Err(format!(
                "text {:?}, expected an integer",
                crate::error::clip(s)
            )),
        }
    }
}

/// The name of a JSON value's type, for an error.
pub(crate) const fn kind(value: &Json) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "boolean",
        Json::Number(_) => "number",
        Json::String(_) => "string",
        Json::Array(_) => "array",
        Json::Object(_) => "object",
    }
}

fn text_of(bytes: &[u8]) -> Result<Value, String> {
    if bytes.len() > MAX_TEXT {
        return Err(format!("text of {} bytes, at most {MAX_TEXT}", bytes.len()));
    }
    std::str::from_utf8(bytes)
        .map(|s| Value::Text(s.to_owned()))
        .map_err(|e| format!("text that is not UTF-8 ({e})"))
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Self::Null => ValueRef::Null,
            Self::Int(i) => ValueRef::Integer(*i),
            Self::Text(s) => ValueRef::Text(s.as_bytes()),
        }))
    }
}
