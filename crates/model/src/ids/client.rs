//! [`ClientOrderId`]: any id Binance accepts, and the generation of the
//! engine's own `PMS{sub-account 8}_{ORIGIN}_{12 hex}` ids.

use std::hash::{Hash, Hasher};

use arrayvec::ArrayString;

use super::pms::{PMS_MARKER, UNIQUE_HEX_LEN};
use super::sub_account::SubAccountId;
use super::validate::{IdError, validate};
use crate::kinds::Origin;

/// Longest client order id Binance accepts.
pub const CLIENT_ORDER_ID_MAX_LEN: usize = 36;

/// A client order id (`c` on Binance): 1 to 36 characters of `[.A-Z:/a-z0-9_-]`.
///
/// Ids this engine makes with [`ClientOrderId::generate`] look like
/// `PMSa1b2c3d4_CHASE_0f1e2d3c4b5a` and carry their sub-account prefix and origin, so
/// a feed event can be routed with no lookup ([`ClientOrderId::parse_pms`]). Ids made
/// by others (Binance's `autoclose-…`, `adl_autoclose`, other bots) are valid too;
/// they simply do not parse as ours.
///
/// Stored inline as 40 bytes: the text zero-padded to 36 (no valid character
/// is zero), then its length. Two ids compare as five machine words, without a
/// call to `memcmp`, and hash as those words folded into one; they order as their text.
#[derive(Clone, Copy)]
pub struct ClientOrderId {
    bytes: [u8; STORED_LEN],
}

/// The text, padded, and one byte of length, rounded up to whole words.
const STORED_LEN: usize = 40;

impl ClientOrderId {
    /// The stored bytes as five words.
    fn words(&self) -> [u64; STORED_LEN / 8] {
        let (words, _) = self.bytes.as_chunks::<8>();
        let mut out = [0u64; STORED_LEN / 8];
        for (word, chunk) in out.iter_mut().zip(words) {
            *word = u64::from_ne_bytes(*chunk);
        }
        out
    }
}

impl PartialEq for ClientOrderId {
    fn eq(&self, other: &Self) -> bool {
        // Branch-free over the five words: LLVM turns an array `==` into a
        // `memcmp` call.
        let (a, b) = (self.words(), other.words());
        a.iter().zip(&b).fold(0, |diff, (x, y)| diff | (x ^ y)) == 0
    }
}

impl Eq for ClientOrderId {}

impl PartialOrd for ClientOrderId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ClientOrderId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for ClientOrderId {
    /// The five stored words folded into one (rotate, xor, multiply: the
    /// `FxHasher` step), which goes to the caller's hasher, seeded, in one
    /// write: about a third of the instructions of hashing the bytes. Equal ids
    /// have equal words, so equal hashes.
    fn hash<H: Hasher>(&self, state: &mut H) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let folded = self.words().iter().fold(0u64, |acc, &word| {
            (acc.rotate_left(5) ^ word).wrapping_mul(K)
        });
        state.write_u64(folded);
    }
}

impl ClientOrderId {
    /// Validates a client order id against Binance's rule `^[\.A-Z\:/a-z0-9_-]{1,36}$`.
    ///
    /// # Errors
    /// [`IdError`] when empty, longer than 36 bytes or holding another character.
    pub fn new(input: &str) -> Result<Self, IdError> {
        validate::<CLIENT_ORDER_ID_MAX_LEN>("client order id", input)
            .map(|id| Self::from_valid(&id))
    }

    /// The id of text that [`validate`] accepted (at most 36 bytes).
    fn from_valid(text: &str) -> Self {
        let mut bytes = [0u8; STORED_LEN];
        for (slot, byte) in bytes
            .iter_mut()
            .zip(text.bytes().take(CLIENT_ORDER_ID_MAX_LEN))
        {
            *slot = byte;
        }
        if let Some(len) = bytes.get_mut(CLIENT_ORDER_ID_MAX_LEN) {
            *len = u8::try_from(text.len()).unwrap_or(u8::MAX);
        }
        Self { bytes }
    }

    fn len(&self) -> usize {
        self.bytes
            .get(CLIENT_ORDER_ID_MAX_LEN)
            .map_or(0, |&len| usize::from(len).min(CLIENT_ORDER_ID_MAX_LEN))
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
        let mut id = ArrayString::<CLIENT_ORDER_ID_MAX_LEN>::new();
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
        Self::from_valid(&id)
    }

    /// The id as a string slice.
    #[must_use]
    pub fn as_str(&self) -> &str {
        // The bytes are the ASCII text `new` or `with_unique` validated, so
        // both steps always succeed; the fallbacks are never taken.
        let text = self.bytes.get(..self.len()).unwrap_or_default();
        std::str::from_utf8(text).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::SUB_ACCOUNT_PREFIX_LEN;

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
    fn fixed_unique_gives_fixed_id() {
        let id = ClientOrderId::with_unique(&sub(), Origin::Chase, 0x0f1e_2d3c_4b5a);
        assert_eq!(id.as_str(), "PMS3f2a9c1e_CHASE_0f1e2d3c4b5a");
        assert_ne!(
            ClientOrderId::generate(&sub(), Origin::Twap),
            ClientOrderId::generate(&sub(), Origin::Twap)
        );
    }

    #[test]
    fn ids_compare_hash_and_order_as_their_text() {
        use std::collections::hash_map::DefaultHasher;
        let hash = |id: &ClientOrderId| {
            let mut h = DefaultHasher::new();
            id.hash(&mut h);
            h.finish()
        };
        let ids = [
            "a",
            "ab",
            "abc",
            "b",
            "A",
            "PMS3f2a9c1e_CHASE_0f1e2d3c4b5a",
            &"z".repeat(36),
        ]
        .map(|t| ClientOrderId::new(t).unwrap());
        for a in &ids {
            assert_eq!(ClientOrderId::new(a.as_str()).unwrap(), *a);
            assert_eq!(hash(&ClientOrderId::new(a.as_str()).unwrap()), hash(a));
            for b in &ids {
                assert_eq!(a == b, a.as_str() == b.as_str());
                assert_eq!(a.cmp(b), a.as_str().cmp(b.as_str()), "{a} vs {b}");
            }
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
}
