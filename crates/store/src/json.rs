//! Reading the members of a journaled JSON object, each with the rule a bad
//! one breaks ([`Field`]).

use serde_json::{Map, Value as Json};

use crate::value::{MAX_TEXT, kind};

/// A member that cannot be read, and why.
pub(crate) type Field = (&'static str, String);

/// The members of one JSON object.
pub(crate) struct Fields<'a>(pub(crate) &'a Map<String, Json>);

impl<'a> Fields<'a> {
    /// The object `json` is, or why not.
    pub(crate) fn of(json: &'a Json) -> Result<Self, Field> {
        match json {
            Json::Object(map) => Ok(Self(map)),
            other => Err((
                "payload",
                format!("a JSON {}, expected an object", kind(other)),
            )),
        }
    }

    fn get(&self, name: &'static str) -> Option<&'a Json> {
        self.0.get(name).filter(|v| !v.is_null())
    }

    /// `value`, or `name` is missing.
    pub(crate) fn need<T>(&self, name: &'static str, value: Option<T>) -> Result<T, Field> {
        value.ok_or_else(|| (name, "missing".to_owned()))
    }

    /// The string member `name`, parsed by `parse`.
    pub(crate) fn parse<T, E: std::fmt::Display>(
        &self,
        name: &'static str,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<Option<T>, Field> {
        match self.get(name) {
            None => Ok(None),
            Some(Json::String(s)) if s.len() <= MAX_TEXT => {
                parse(s).map(Some).map_err(|e| (name, e.to_string()))
            }
            Some(Json::String(s)) => Err((
                name,
                format!("text of {} bytes, at most {MAX_TEXT}", s.len()),
            )),
            Some(other) => Err((name, format!("a JSON {}, expected a string", kind(other)))),
        }
    }

    /// The unsigned integer member `name`.
    pub(crate) fn u64(&self, name: &'static str) -> Result<Option<u64>, Field> {
        match self.get(name) {
            None => Ok(None),
            Some(Json::Number(n)) => n
                .as_u64()
                .map(Some)
                .ok_or_else(|| (name, format!("{n} is not an unsigned 64-bit integer"))),
            Some(other) => Err((name, format!("a JSON {}, expected an integer", kind(other)))),
        }
    }

    /// The boolean member `name`.
    pub(crate) fn bool(&self, name: &'static str) -> Result<Option<bool>, Field> {
        match self.get(name) {
            None => Ok(None),
            Some(Json::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err((name, format!("a JSON {}, expected a boolean", kind(other)))),
        }
    }

    /// The object member `name`.
    pub(crate) fn object(&self, name: &'static str) -> Result<Option<Fields<'a>>, Field> {
        match self.get(name) {
            None => Ok(None),
            Some(Json::Object(map)) => Ok(Some(Fields(map))),
            Some(other) => Err((name, format!("a JSON {}, expected an object", kind(other)))),
        }
    }
}
