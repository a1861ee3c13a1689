//! [`WireError`]: a payload that could not be read, naming the JSON path of
//! the offending field (serde_json reports only a position; the path is found
//! from it). Every message is bounded, whatever the input: paths, values and
//! details are cut, so a hostile line cannot make a large error.

use serde::Deserialize;
use serde_json::error::Category;

use super::value::clip;

/// Longest detail kept from serde_json's own message, in bytes.
const DETAIL_MAX: usize = 160;
/// Most path segments named (`$.a.b.…`); deeper keys are shown as `…`.
const PATH_DEPTH_MAX: usize = 8;

/// A payload that could not be read. `field` / `near` is a JSON path such
/// as `$.o.i`; `line` and `column` (1-based line, byte column) are serde's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    /// Not JSON: syntax error, truncated input, nesting deeper than 128, or a
    /// number too large to represent (`1e400`).
    #[error("malformed JSON at line {line} column {column}, near `{near}`: {detail}")]
    Malformed {
        /// Path of the last key read before the error.
        near: String,
        /// serde_json's description (cut to 160 bytes).
        detail: String,
        /// Line of the error.
        line: usize,
        /// Column of the error.
        column: usize,
    },
    /// A required field is absent.
    #[error("missing field `{field}` at line {line} column {column}")]
    MissingField {
        /// Path of the absent field.
        field: String,
        /// Line of the end of the enclosing object.
        line: usize,
        /// Column of the end of the enclosing object.
        column: usize,
    },
    /// A field the tracker uses has the wrong JSON type or an out-of-range
    /// value (a number for a decimal string, a negative or fractional id).
    #[error("wrong type for field `{field}` at line {line} column {column}: {detail}")]
    WrongType {
        /// Path of the field.
        field: String,
        /// serde_json's description (cut to 160 bytes).
        detail: String,
        /// Line of the error.
        line: usize,
        /// Column of the error.
        column: usize,
    },
    /// An enumerated field the tracker uses (`x`, `X`, `status`) has a value
    /// Binance does not document.
    #[error("unknown value `{value}` for field `{field}` at line {line} column {column}")]
    UnknownValue {
        /// Path of the field.
        field: String,
        /// The value received (cut to 64 bytes).
        value: String,
        /// Line of the error.
        line: usize,
        /// Column of the error.
        column: usize,
    },
}

/// Parses one JSON document into a wire type, e.g. `parse::<OrderResponse>`
/// or `parse::<ErrorBody>` for a REST body.
///
/// # Errors
/// [`WireError`] naming the offending field's path and position.
pub fn parse<'a, T: Deserialize<'a>>(input: &'a str) -> Result<T, WireError> {
    serde_json::from_str(input).map_err(|err| WireError::new(input, &err))
}

impl WireError {
    /// The JSON path the error names.
    #[must_use]
    pub fn field(&self) -> &str {
        match self {
            Self::Malformed { near: f, .. }
            | Self::MissingField { field: f, .. }
            | Self::WrongType { field: f, .. }
            | Self::UnknownValue { field: f, .. } => f,
        }
    }

    /// Turns serde_json's error into a typed one, locating the field from
    /// the error position (serde_json itself does not report paths).
    fn new(input: &str, err: &serde_json::Error) -> Self {
        let (line, column) = (err.line(), err.column());
        let full = err.to_string();
        let suffix = format!(" at line {line} column {column}");
        let detail = full.strip_suffix(&suffix).unwrap_or(&full);
        let path = json_path_at(input, byte_offset(input, line, column));
        let quoted = |prefix: &str| {
            detail
                .strip_prefix(prefix)
                .and_then(|rest| rest.split('`').next())
        };
        let detail = ordertrack::clip(detail, DETAIL_MAX).to_owned();
        match err.classify() {
            Category::Data => {
                if let Some(name) = quoted("missing field `") {
                    Self::MissingField {
                        field: format!("{path}.{}", clip(name)),
                        line,
                        column,
                    }
                } else if let Some(value) = quoted("unknown variant `") {
                    Self::UnknownValue {
                        field: path,
                        value: clip(value).to_owned(),
                        line,
                        column,
                    }
                } else {
                    Self::WrongType {
                        field: path,
                        detail,
                        line,
                        column,
                    }
                }
            }
            Category::Io | Category::Syntax | Category::Eof => Self::Malformed {
                near: path,
                detail,
                line,
                column,
            },
        }
    }
}

/// Byte offset of serde_json's (1-based line, byte column) position.
fn byte_offset(input: &str, line: usize, column: usize) -> usize {
    let line_start: usize = input
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    line_start.saturating_add(column).min(input.len())
}

/// Path (`$.o.i`) of the key whose value was being read at byte `offset`:
/// a minimal scan tracking strings (with escapes), nesting and `key:`.
/// serde_json reports an error just after the offending value, or just
/// after the `}` of an object that lacks a field. At most
/// [`PATH_DEPTH_MAX`] keys are named, each cut to 64 bytes.
fn json_path_at(input: &str, offset: usize) -> String {
    let bytes = input.as_bytes();
    let end = offset.min(bytes.len());
    // One entry per open object or array: the key being read in it.
    let mut keys: Vec<Option<&str>> = Vec::new();
    let mut last_string = None;
    let mut i = 0;
    while i < end {
        match bytes.get(i) {
            Some(b'"') => {
                let start = i + 1;
                i = start;
                while i < end && bytes.get(i) != Some(&b'"') {
                    i += if bytes.get(i) == Some(&b'\\') { 2 } else { 1 };
                }
                last_string = input.get(start..i.min(end));
            }
            Some(b':') => {
                if let Some(key) = keys.last_mut() {
                    *key = last_string;
                }
            }
            Some(b'{' | b'[') => keys.push(None),
            Some(b'}' | b']') => {
                keys.pop();
            }
            _ => {}
        }
        i += 1;
    }
    let named: Vec<&str> = keys.into_iter().flatten().collect();
    let mut path = String::from("$");
    for (depth, key) in named.iter().enumerate() {
        if depth == PATH_DEPTH_MAX {
            path.push_str(".…");
            break;
        }
        path.push('.');
        path.push_str(clip(key));
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[expect(dead_code, reason = "only the parse outcome is tested")]
    struct Probe {
        a: u64,
        b: Inner,
    }

    #[derive(Debug, Deserialize)]
    #[expect(dead_code, reason = "only the parse outcome is tested")]
    struct Inner {
        c: String,
    }

    #[test]
    fn errors_name_the_path() {
        let err = parse::<Probe>(r#"{"a":1,"b":{"d":2}}"#).unwrap_err();
        assert!(
            matches!(&err, WireError::MissingField { field, .. } if field == "$.b.c"),
            "{err:?}"
        );
        let err = parse::<Probe>(r#"{"a":"x","b":{"c":"y"}}"#).unwrap_err();
        assert!(
            matches!(&err, WireError::WrongType { field, .. } if field == "$.a"),
            "{err:?}"
        );
        assert_eq!(err.field(), "$.a");
        let err = parse::<Probe>(r#"{"a":1,"b":{"c":"#).unwrap_err();
        assert!(
            matches!(&err, WireError::Malformed { near, .. } if near == "$.b.c"),
            "{err:?}"
        );
    }

    #[test]
    fn hostile_input_gives_a_short_message() {
        let deep = "[".repeat(10_000_000);
        let err = parse::<Probe>(&deep).unwrap_err();
        assert!(err.to_string().len() < 300, "{err}");
        let nested_keys =
            r#"{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa":"#
                .repeat(100);
        let err = parse::<Probe>(&nested_keys).unwrap_err();
        let message = err.to_string();
        assert!(message.len() < 1_000, "{} bytes: {message}", message.len());
        assert!(message.contains('…'), "{message}");
        let long_key = format!(r#"{{"a":1,"b":{{"{}":1}}}}"#, "k".repeat(100_000));
        assert!(parse::<Probe>(&long_key).unwrap_err().to_string().len() < 300);
    }

    #[test]
    fn positions_are_found_on_later_lines() {
        let body = "{\n  \"a\": 1,\n  \"b\": {\n    \"c\": 5\n  }\n}";
        let err = parse::<Probe>(body).unwrap_err();
        assert!(
            matches!(&err, WireError::WrongType { field, line: 4, .. } if field == "$.b.c"),
            "{err:?}"
        );
    }
}
