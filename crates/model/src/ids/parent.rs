//! [`ParentId`]: the parent algo that owns an order, interned in a bounded table.

use std::cmp::Ordering;
use std::hash::{Hash, Hasher};
use std::num::NonZeroU32;

use arrayvec::ArrayString;

use super::validate::{IdError, clip, validate};
use crate::intern::Interner;

/// Longest parent (algo) id accepted.
pub const PARENT_ID_MAX_LEN: usize = 36;

/// Most distinct parent ids a process holds.
///
/// Every algo run makes a new parent id and the table never frees one, so this
/// is a budget of algo runs per process lifetime, not of live algos: 2^20 is
/// ten new algos a minute for 72 days. The full table holds about 120 MB
/// (measured: 114 B per 36-byte id, 98 B per 12-byte one: the leaked text, a
/// hash-map slot and a name slot, with the tables' growth slack).
pub const PARENT_IDS_MAX: usize = 1 << 20;

/// Every parent id seen, interned.
static PARENT_IDS: Interner = Interner::new(PARENT_IDS_MAX);

/// The id of the parent algo (TWAP, chase, basket, …) that owns an order:
/// 1 to 36 characters of `[.A-Z:/a-z0-9_-]`.
///
/// Interned: a 4-byte `Copy` handle (and `Option<ParentId>` is 4 bytes too),
/// compared and hashed as an integer, ordered and printed as its text (at
/// most [`PARENT_IDS_MAX`] distinct ids per process).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ParentId(NonZeroU32);

impl ParentId {
    /// Validates a parent id.
    ///
    /// # Errors
    /// [`IdError`] when empty, longer than 36 bytes or holding another
    /// character, or [`IdError::TooManyParents`] for a new id once the process
    /// holds [`PARENT_IDS_MAX`].
    pub fn new(input: &str) -> Result<Self, IdError> {
        let id: ArrayString<PARENT_ID_MAX_LEN> = validate("parent id", input)?;
        // Handle 0 is the table's empty string, which validation refuses, so
        // every parent id's handle is non-zero.
        PARENT_IDS
            .intern(&id)
            .and_then(NonZeroU32::new)
            .map(Self)
            .ok_or_else(|| IdError::TooManyParents {
                input: clip(input),
                max: PARENT_IDS.cap(),
            })
    }

    /// The id as a string slice.
    #[must_use]
    pub fn as_str(&self) -> &'static str {
        PARENT_IDS.name(self.0.get())
    }
}

impl Hash for ParentId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

/// By text, so that sorted parent ids read alphabetically.
impl Ord for ParentId {
    fn cmp(&self, other: &Self) -> Ordering {
        if self.0 == other.0 {
            return Ordering::Equal;
        }
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for ParentId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parent_ids_follow_the_same_alphabet() {
        assert!(ParentId::new("twap-42").is_ok());
        assert!(ParentId::new("").is_err());
        assert!(ParentId::new("twap 42").is_err());
    }

    #[test]
    fn parent_ids_are_interned_handles_printed_and_ordered_as_text() {
        assert_eq!(std::mem::size_of::<ParentId>(), 4);
        assert_eq!(std::mem::size_of::<Option<ParentId>>(), 4);
        let b = ParentId::new("twap-b").unwrap();
        let a = ParentId::new("twap-a").unwrap();
        assert_eq!(ParentId::new("twap-b"), Ok(b));
        assert_ne!(a, b);
        assert_eq!((a.as_str(), b.to_string()), ("twap-a", "twap-b".to_owned()));
        assert_eq!(format!("{a:?}"), "ParentId(\"twap-a\")");
        assert!(a < b, "ordered by text, not by when interned");
        assert_eq!("twap-a".parse::<ParentId>(), Ok(a));
    }
}
