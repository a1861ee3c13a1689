//! [`ParentId`]: the parent algo that owns an order.

use arrayvec::ArrayString;

use super::validate::{IdError, validate};

/// Longest parent (algo) id accepted.
pub const PARENT_ID_MAX_LEN: usize = 36;

/// The id of the parent algo (TWAP, chase, basket, …) that owns an order:
/// 1 to 36 characters of `[.A-Z:/a-z0-9_-]`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ParentId(ArrayString<PARENT_ID_MAX_LEN>);

impl ParentId {
    /// Validates a parent id.
    ///
    /// # Errors
    /// [`IdError`] when empty, longer than 36 bytes or holding another character.
    pub fn new(input: &str) -> Result<Self, IdError> {
        validate("parent id", input).map(Self)
    }

    /// The id as a string slice.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
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
}
