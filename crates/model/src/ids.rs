//! Validated identifiers: client order ids, sub-accounts, parent algos, exchange ids.
//!
//! Every string identifier is stored inline (`arrayvec::ArrayString`), so ids are
//! `Copy` and creating, hashing or storing one never touches the heap.

use std::fmt;

use arrayvec::ArrayString;

use crate::intern::Interner;
use crate::kinds::Origin;

/// Longest client order id Binance accepts.
pub const CLIENT_ORDER_ID_MAX_LEN: usize = 36;
/// Longest sub-account id accepted (a hyphenated UUID is 36 characters).
pub const SUB_ACCOUNT_ID_MAX_LEN: usize = 36;
/// Number of sub-account characters embedded in a generated client order id.
pub const SUB_ACCOUNT_PREFIX_LEN: usize = 8;
/// Longest parent (algo) id accepted.
pub const PARENT_ID_MAX_LEN: usize = 36;

/// The marker that starts every client order id this engine generates.
const PMS_MARKER: &str = "PMS";
/// Number of lowercase hex characters closing a generated id.
const UNIQUE_HEX_LEN: usize = 12;

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
    /// [`SUB_ACCOUNTS_MAX`] distinct ones (they are interned and never freed).
    #[error(
        "sub-account id {input:?}: the process already holds {max} distinct sub-account ids, the most it keeps"
    )]
    TooManySubAccounts {
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

fn clip(input: &str) -> String {
    crate::clip(input, 64).to_owned()
}

/// Whether `b` is in Binance's client order id alphabet `[.A-Z:/a-z0-9_-]`.
const fn is_client_id_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b':' | b'/' | b'_' | b'-')
}

/// Validates `input` against the client-id alphabet and a maximum length.
fn validate<const N: usize>(kind: &'static str, input: &str) -> Result<ArrayString<N>, IdError> {
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

/// A client order id (`c` on Binance): 1 to 36 characters of `[.A-Z:/a-z0-9_-]`.
///
/// Ids this engine makes with [`ClientOrderId::generate`] look like
/// `PMSa1b2c3d4_CHASE_0f1e2d3c4b5a` and carry their sub-account prefix and origin, so
/// a feed event can be routed with no lookup ([`ClientOrderId::parse_pms`]). Ids made
/// by others (Binance's `autoclose-…`, `adl_autoclose`, other bots) are valid too;
/// they simply do not parse as ours.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClientOrderId(ArrayString<CLIENT_ORDER_ID_MAX_LEN>);

/// What a `PMS…` client order id says about the order it names.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct PmsParts {
    /// The first eight characters of the owning sub-account.
    pub sub_account_prefix: SubAccountPrefix,
    /// Which part of the engine made the order; `None` when the id's origin word
    /// is neither a known [`Origin::name`] nor a known [`Origin::code`] (the id is
    /// still ours: the engine may have origins this library does not list).
    pub origin: Option<Origin>,
}

/// The first eight characters of a sub-account id, as embedded in client ids.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SubAccountPrefix(ArrayString<SUB_ACCOUNT_PREFIX_LEN>);

impl SubAccountPrefix {
    /// The prefix as a string slice.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SubAccountPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for SubAccountPrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SubAccountPrefix({:?})", self.as_str())
    }
}

impl ClientOrderId {
    /// Validates a client order id against Binance's rule `^[\.A-Z\:/a-z0-9_-]{1,36}$`.
    ///
    /// # Errors
    /// [`IdError`] when empty, longer than 36 bytes or holding another character.
    pub fn new(input: &str) -> Result<Self, IdError> {
        validate("client order id", input).map(Self)
    }

    /// Makes a fresh id `PMS{first 8 of sub-account}_{ORIGIN}_{12 hex}` in the
    /// design document's form, the origin written by its [`Origin::name`]
    /// (`PMS3f2a9c1e_TRAIL_STOP_0a1b2c3d4e5f`), the hex taken from a random v4
    /// UUID. At most 35 characters for every origin. No heap allocation, but
    /// for the first id of a thread, which sets up the thread's random-number
    /// generator (`tests/alloc_free.rs` in the tracker checks both).
    #[must_use]
    pub fn generate(sub_account: &SubAccountId, origin: Origin) -> Self {
        let unique = uuid::Uuid::new_v4();
        Self::with_unique(sub_account, origin, unique.as_u128())
    }

    /// The deterministic core of [`ClientOrderId::generate`]: the 12 hex characters
    /// are the low 48 bits of `unique`. For tests and replays that need fixed ids.
    ///
    /// ```
    /// use ordertrack_model::{ClientOrderId, Origin, SubAccountId};
    ///
    /// let sub = SubAccountId::new("9f3c2a1b-0000-4000-8000-000000000000")?;
    /// let id = ClientOrderId::with_unique(&sub, Origin::TrailStop, 0xabcd);
    /// assert_eq!(id.as_str(), "PMS9f3c2a1b_TRAIL_STOP_00000000abcd");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_unique(sub_account: &SubAccountId, origin: Origin, unique: u128) -> Self {
        let mut id = ArrayString::new();
        // Capacity: 3 + 8 + 1 + 10 + 1 + 12 = 35 <= 36 for the longest origin
        // name (`TRAIL_STOP`); `origin_names_fit_the_id_limit` checks every one.
        let prefix = sub_account.prefix();
        let parts = [PMS_MARKER, prefix.as_str(), "_", origin.name(), "_"];
        for part in parts {
            id.push_str(part);
        }
        for shift in (0..UNIQUE_HEX_LEN).rev() {
            let nibble = ((unique >> (shift * 4)) & 0xf) as u32;
            id.push(char::from_digit(nibble, 16).unwrap_or('0'));
        }
        Self(id)
    }

    /// The sub-account prefix and origin when this id has the engine's shape
    /// `PMS{8 characters}_{ORIGIN}_{12 lowercase hex}`; `None` for ids made by
    /// anyone else.
    ///
    /// The id is split from the right, since an origin name may hold an
    /// underscore (`TRAIL_STOP`). The origin word may be a name (`CHASE`) or a
    /// three-letter code (`CHS`); a word neither knows still makes the id ours,
    /// with [`PmsParts::origin`] `None`: such an order is routed by its
    /// sub-account prefix, never taken for a foreign one.
    ///
    /// ```
    /// use ordertrack_model::{ClientOrderId, Origin};
    ///
    /// let id = ClientOrderId::new("PMS9f3c2a1b_TRAIL_STOP_00000000abcd")?;
    /// let parts = id.parse_pms().ok_or("not ours")?;
    /// assert_eq!((parts.sub_account_prefix.as_str(), parts.origin), ("9f3c2a1b", Some(Origin::TrailStop)));
    /// let grid = ClientOrderId::new("PMS9f3c2a1b_GRID_0a1b2c3d4e5f")?.parse_pms().ok_or("not ours")?;
    /// assert_eq!(grid.origin, None); // ours, origin unknown
    /// assert_eq!(ClientOrderId::new("autoclose-1764000000123")?.parse_pms(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn parse_pms(&self) -> Option<PmsParts> {
        let rest = self.0.strip_prefix(PMS_MARKER)?;
        let prefix = rest.get(..SUB_ACCOUNT_PREFIX_LEN)?;
        let rest = rest.get(SUB_ACCOUNT_PREFIX_LEN..)?.strip_prefix('_')?;
        let (word, unique) = rest.rsplit_once('_')?;
        let hex_ok = unique.len() == UNIQUE_HEX_LEN
            && unique
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if word.is_empty() || !hex_ok {
            return None;
        }
        Some(PmsParts {
            sub_account_prefix: SubAccountPrefix(ArrayString::from(prefix).ok()?),
            origin: Origin::from_word(word),
        })
    }

    /// The id as a string slice.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

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
        SubAccountPrefix(ArrayString::from(head).unwrap_or_default())
    }

    /// The id as a string slice.
    #[must_use]
    pub fn as_str(&self) -> &'static str {
        SUB_ACCOUNTS.name(self.0)
    }
}

impl std::hash::Hash for SubAccountId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

/// By text, so that sorted sub-accounts read alphabetically.
impl Ord for SubAccountId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        if self.0 == other.0 {
            return std::cmp::Ordering::Equal;
        }
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for SubAccountId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

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

macro_rules! string_id_traits {
    ($($name:ident),*) => {$(
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({:?})"), self.as_str())
            }
        }
        impl std::str::FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::new(s)
            }
        }
    )*};
}
string_id_traits!(ClientOrderId, SubAccountId, ParentId);

/// The exchange's order id (`i` on Binance). Binance numbers orders per symbol, so
/// an exchange id only names an order together with its [`crate::Symbol`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct ExchangeOrderId(pub u64);

/// The exchange's trade id (`t` on Binance), unique per symbol; identifies a fill.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct TradeId(pub u64);

impl fmt::Display for ExchangeOrderId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl fmt::Display for TradeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub() -> SubAccountId {
        SubAccountId::new("3f2a9c1e-7b4d-4e1a-9f00-0123456789ab").unwrap()
    }

    #[test]
    fn generated_ids_fit_binance_and_parse_back_for_every_origin() {
        for origin in Origin::ALL {
            let id = ClientOrderId::generate(&sub(), origin);
            assert!(id.as_str().len() <= CLIENT_ORDER_ID_MAX_LEN, "{id}");
            assert_eq!(ClientOrderId::new(id.as_str()), Ok(id));
            assert!(id.as_str().starts_with("PMS3f2a9c1e_"), "{id}");
            let parts = id.parse_pms().unwrap();
            assert_eq!(parts.sub_account_prefix.as_str(), "3f2a9c1e");
            assert_eq!(parts.origin, Some(origin));
            let middle = format!("_{}_", origin.name());
            assert!(id.as_str().contains(&middle), "{id}");
        }
    }

    #[test]
    fn origin_names_fit_the_id_limit() {
        let longest = Origin::ALL.iter().map(|o| o.name().len()).max().unwrap();
        assert_eq!(longest, "TRAIL_STOP".len());
        assert_eq!(
            3 + SUB_ACCOUNT_PREFIX_LEN + 1 + longest + 1 + UNIQUE_HEX_LEN,
            35
        );
        let id = ClientOrderId::with_unique(&sub(), Origin::TrailStop, u128::MAX);
        assert_eq!(id.as_str(), "PMS3f2a9c1e_TRAIL_STOP_ffffffffffff");
    }

    #[test]
    fn design_document_ids_parse_with_their_origin() {
        for (text, origin) in [
            ("PMS9f3c2a1b_CHASE_0a1b2c3d4e5f", Some(Origin::Chase)),
            (
                "PMS9f3c2a1b_TRAIL_STOP_00000000abcd",
                Some(Origin::TrailStop),
            ),
            ("PMS9f3c2a1b_MANUAL_000000000000", Some(Origin::Manual)),
            ("PMS9f3c2a1b_BASKET_ffffffffffff", Some(Origin::Basket)),
            // The three-letter codes of earlier versions.
            ("PMS3f2a9c1e_CHS_0f1e2d3c4b5a", Some(Origin::Chase)),
            ("PMS3f2a9c1e_TRL_0f1e2d3c4b5a", Some(Origin::TrailStop)),
            // Unknown words: still ours, origin unknown.
            ("PMS3f2a9c1e_XXX_0f1e2d3c4b5a", None),
            ("PMS3f2a9c1e_GRID_BOT_0f1e2d3c4b5a", None),
            ("PMS3f2a9c1e_chase_0f1e2d3c4b5a", None),
        ] {
            let parts = ClientOrderId::new(text).unwrap().parse_pms();
            let parts = parts.unwrap_or_else(|| panic!("{text} is ours"));
            assert_eq!(parts.origin, origin, "{text}");
            assert_eq!(parts.sub_account_prefix.as_str(), &text[3..11]);
        }
    }

    #[test]
    fn fixed_unique_gives_fixed_id() {
        let id = ClientOrderId::with_unique(&sub(), Origin::Chase, 0x0f1e_2d3c_4b5a);
        assert_eq!(id.as_str(), "PMS3f2a9c1e_CHASE_0f1e2d3c4b5a");
        assert_ne!(
            ClientOrderId::generate(&sub(), Origin::Twap),
            ClientOrderId::generate(&sub(), Origin::Twap)
        );
    }

    #[test]
    fn foreign_ids_are_valid_but_not_ours() {
        for foreign in [
            "autoclose-1764000000123",
            "adl_autoclose",
            "web_abc123",
            "x-Q7JZLB9Bd2c4e9b0a1",
            "PMS",
            "PMSshort_CHS_0f1e2d3c4b5a",
            "PMS3f2a9c1e__0f1e2d3c4b5a",
            "PMS3f2a9c1e_0f1e2d3c4b5a",
            "PMS3f2a9c1e_CHS_0F1E2D3C4B5A",
            "PMS3f2a9c1e_CHS_0f1e2d3c4b5",
            "PMS3f2a9c1e-CHS_0f1e2d3c4b5a",
        ] {
            let id = ClientOrderId::new(foreign).unwrap();
            assert_eq!(id.parse_pms(), None, "{foreign}");
        }
    }

    #[test]
    fn client_id_rule_is_enforced() {
        assert_eq!(
            ClientOrderId::new(""),
            Err(IdError::Empty {
                kind: "client order id",
                max: 36
            })
        );
        assert!(ClientOrderId::new(&"a".repeat(36)).is_ok());
        assert!(matches!(
            ClientOrderId::new(&"a".repeat(37)),
            Err(IdError::TooLong {
                len: 37,
                max: 36,
                ..
            })
        ));
        for (bad, character, position) in [
            ("abc def", ' ', 3),
            ("abc#", '#', 3),
            ("é", 'é', 0),
            ("a+b", '+', 1),
        ] {
            assert_eq!(
                ClientOrderId::new(bad),
                Err(IdError::InvalidCharacter {
                    kind: "client order id",
                    input: bad.to_owned(),
                    character,
                    position
                })
            );
        }
        assert!(ClientOrderId::new("A.b:c/d_e-f0").is_ok());
    }

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

    #[test]
    fn parent_ids_follow_the_same_alphabet() {
        assert!(ParentId::new("twap-42").is_ok());
        assert!(ParentId::new("").is_err());
        assert!(ParentId::new("twap 42").is_err());
    }
}
