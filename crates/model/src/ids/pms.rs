//! The engine's own client-id form, `PMS{sub-account 8}_{ORIGIN}_{12 hex}`:
//! its parts ([`PmsParts`], [`SubAccountPrefix`]) and reading an id back into
//! them ([`ClientOrderId::parse_pms`]).

use std::fmt;

use arrayvec::ArrayString;

use super::client::ClientOrderId;
use crate::kinds::Origin;

/// Number of sub-account characters embedded in a generated client order id.
pub const SUB_ACCOUNT_PREFIX_LEN: usize = 8;

/// The marker that starts every client order id this engine generates.
pub(super) const PMS_MARKER: &str = "PMS";
/// Number of lowercase hex characters closing a generated id.
pub(super) const UNIQUE_HEX_LEN: usize = 12;

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
    /// The empty prefix, for a sub-account without one (none passes validation).
    pub(super) const EMPTY: Self = Self(ArrayString::new_const());

    /// `head` as a prefix; `None` when longer than [`SUB_ACCOUNT_PREFIX_LEN`].
    /// Its callers give exactly that many characters of a validated id.
    pub(super) fn from_head(head: &str) -> Option<Self> {
        ArrayString::from(head).ok().map(Self)
    }

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
        let rest = self.as_str().strip_prefix(PMS_MARKER)?;
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
            sub_account_prefix: SubAccountPrefix::from_head(prefix)?,
            origin: Origin::from_word(word),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
