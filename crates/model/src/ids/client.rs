//! [`ClientOrderId`]: any id Binance accepts, and the generation of the
//! engine's own `PMS{sub-account 8}_{ORIGIN}_{12 hex}` ids.

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
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClientOrderId(ArrayString<CLIENT_ORDER_ID_MAX_LEN>);

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

    /// The id as a string slice.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
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
