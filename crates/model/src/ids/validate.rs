//! The rule every string identifier shares (Binance's client-id alphabet and a
//! maximum length), and [`IdError`], why an identifier string was refused.

use arrayvec::ArrayString;

use super::pms::SUB_ACCOUNT_PREFIX_LEN;

/// Why an identifier string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// Empty input.
    #[error("{kind} is empty; it needs 1 to {max} characters")]
    Empty {
        /// Which identifier (`"client order id"`, `"sub-account id"`, `"parent id"`).
        kind: &'static str,
        /// Longest accepted length.
        max: usize,
    },
    /// Too long.
    #[error("{kind} {input:?} is {len} characters; at most {max} are allowed")]
    TooLong {
        /// Which identifier.
        kind: &'static str,
        /// The refused input (cut to 64 bytes).
        input: String,
        /// Its length in bytes.
        len: usize,
        /// Longest accepted length.
        max: usize,
    },
    /// A character outside Binance's client-id alphabet `[.A-Z:/a-z0-9_-]`.
    #[error(
        "{kind} {input:?} has {character:?} at byte {position}; only ASCII letters, digits and . : / _ - are allowed (Binance rule ^[\\.A-Z\\:/a-z0-9_-]{{1,36}}$)"
    )]
    InvalidCharacter {
        /// Which identifier.
        kind: &'static str,
        /// The refused input (cut to 64 bytes).
        input: String,
        /// The first offending character.
        character: char,
        /// Its byte offset.
        position: usize,
    },
    /// A new sub-account id when the process already holds
    /// [`SUB_ACCOUNTS_MAX`](crate::SUB_ACCOUNTS_MAX) distinct ones (they are
    /// interned and never freed).
    #[error(
        "sub-account id {input:?}: the process already holds {max} distinct sub-account ids, the most it keeps"
    )]
    TooManySubAccounts {
        /// The refused input.
        input: String,
        /// The cap.
        max: usize,
    },
    /// A new parent id when the process already holds
    /// [`PARENT_IDS_MAX`](crate::PARENT_IDS_MAX) distinct ones (they are
    /// interned and never freed).
    #[error(
        "parent id {input:?}: the process already holds {max} distinct parent ids, the most it keeps"
    )]
    TooManyParents {
        /// The refused input.
        input: String,
        /// The cap.
        max: usize,
    },
    /// A sub-account too short to give the 8-character prefix routed on.
    #[error(
        "sub-account id {input:?} has {len} characters; at least {SUB_ACCOUNT_PREFIX_LEN} are needed for the client-order-id prefix"
    )]
    SubAccountTooShort {
        /// The refused input.
        input: String,
        /// Its length.
        len: usize,
    },
}

impl IdError {
    /// A short stable name for the error's kind: `empty`, `too_long`,
    /// `invalid_character`, `too_many_sub_accounts`, `too_many_parents`,
    /// `sub_account_too_short`.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::Empty { .. } => "empty",
            Self::TooLong { .. } => "too_long",
            Self::InvalidCharacter { .. } => "invalid_character",
            Self::TooManySubAccounts { .. } => "too_many_sub_accounts",
            Self::TooManyParents { .. } => "too_many_parents",
            Self::SubAccountTooShort { .. } => "sub_account_too_short",
        }
    }
}

/// `input` cut to 64 bytes, for an error message.
pub(super) fn clip(input: &str) -> String {
    crate::clip(input, 64).to_owned()
}

/// Whether `b` is in Binance's client order id alphabet `[.A-Z:/a-z0-9_-]`.
const fn is_client_id_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b':' | b'/' | b'_' | b'-')
}

/// Validates `input` against the client-id alphabet and a maximum length.
pub(super) fn validate<const N: usize>(
    kind: &'static str,
    input: &str,
) -> Result<ArrayString<N>, IdError> {
    if input.is_empty() {
        return Err(IdError::Empty { kind, max: N });
    }
    if let Some((position, character)) = input
        .char_indices()
        .find(|&(_, c)| !c.is_ascii() || !is_client_id_byte(c as u8))
    {
        return Err(IdError::InvalidCharacter {
            kind,
            input: clip(input),
            character,
            position,
        });
    }
    ArrayString::from(input).map_err(|_| IdError::TooLong {
        kind,
        input: clip(input),
        len: input.len(),
        max: N,
    })
}
