//! [`SubAccountId`]: the owning sub-account, interned in a bounded table.

use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

use arrayvec::ArrayString;

use super::pms::{SUB_ACCOUNT_PREFIX_LEN, SubAccountPrefix};
use super::validate::{IdError, clip, validate};
use crate::intern::Interner;

/// Longest sub-account id accepted (a hyphenated UUID is 36 characters).
pub const SUB_ACCOUNT_ID_MAX_LEN: usize = 36;

/// Most distinct sub-account ids a process holds.
pub const SUB_ACCOUNTS_MAX: usize = 1 << 20;

/// Every sub-account id seen, interned.
static SUB_ACCOUNTS: Interner = Interner::new(SUB_ACCOUNTS_MAX);

/// A sub-account id: 8 to 36 characters of `[.A-Z:/a-z0-9_-]`.
///
/// The lower bound exists because its first eight characters are embedded in every
/// client order id the engine generates; the alphabet because those characters must
/// satisfy Binance's client-id rule. Interned: a 4-byte `Copy` handle, compared
/// and hashed as an integer, ordered and printed as its text (at most
/// [`SUB_ACCOUNTS_MAX`] distinct ids per process).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct SubAccountId(u32);

impl SubAccountId {
    /// Validates a sub-account id.
    ///
    /// # Errors
    /// [`IdError`] when shorter than 8 characters, longer than 36, or holding a
    /// character outside Binance's client-id alphabet.
    pub fn new(input: &str) -> Result<Self, IdError> {
        let id: ArrayString<SUB_ACCOUNT_ID_MAX_LEN> = validate("sub-account id", input)?;
        if id.len() < SUB_ACCOUNT_PREFIX_LEN {
            return Err(IdError::SubAccountTooShort {
                input: clip(input),
                len: input.len(),
            });
        }
        SUB_ACCOUNTS
            .intern(&id)
            .map(Self)
            .ok_or_else(|| IdError::TooManySubAccounts {
                input: clip(input),
                max: SUB_ACCOUNTS.cap(),
            })
    }

    /// The first eight characters, as embedded in generated client order ids.
    #[must_use]
    pub fn prefix(&self) -> SubAccountPrefix {
        let head = self
            .as_str()
            .get(..SUB_ACCOUNT_PREFIX_LEN)
            .unwrap_or_default();
        SubAccountPrefix::from_head(head).unwrap_or(SubAccountPrefix::EMPTY)
    }

    /// The id as a string slice.
    #[must_use]
    pub fn as_str(&self) -> &'static str {
        SUB_ACCOUNTS.name(self.0)
    }
}

impl Hash for SubAccountId {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

/// By text, so that sorted sub-accounts read alphabetically.
impl Ord for SubAccountId {
    fn cmp(&self, other: &Self) -> Ordering {
        if self.0 == other.0 {
            return Ordering::Equal;
        }
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for SubAccountId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_account_needs_a_usable_prefix() {
        assert!(matches!(
            SubAccountId::new("short"),
            Err(IdError::SubAccountTooShort { len: 5, .. })
        ));
        assert!(matches!(
            SubAccountId::new("sub acct 1"),
            Err(IdError::InvalidCharacter { character: ' ', .. })
        ));
        assert!(matches!(
            SubAccountId::new(&"s".repeat(37)),
            Err(IdError::TooLong { .. })
        ));
        let s = SubAccountId::new("abcdefgh").unwrap();
        assert_eq!(s.prefix().as_str(), "abcdefgh");
        let message = SubAccountId::new("ab").unwrap_err().to_string();
        assert!(message.contains("\"ab\"") && message.contains("at least 8"));
    }
}
