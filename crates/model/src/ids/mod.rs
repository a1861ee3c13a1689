//! Validated identifiers: client order ids, sub-accounts, parent algos, exchange ids.
//!
//! Client order ids are stored inline (`arrayvec::ArrayString`); sub-account
//! and parent ids are interned handles. Either way ids are `Copy`, and hashing or storing
//! one never touches the heap.
//!
//! - `validate`: the shared alphabet and length rule, and [`IdError`];
//! - `client`: [`ClientOrderId`] and the generation of the engine's own ids;
//! - `pms`: reading an id of the engine's `PMS…` form back into its parts;
//! - `sub_account`: [`SubAccountId`], interned;
//! - `parent`: [`ParentId`], interned;
//! - `exchange`: the exchange's numeric [`ExchangeOrderId`] and [`TradeId`].

mod client;
mod exchange;
mod parent;
mod pms;
mod sub_account;
mod validate;

pub use client::{CLIENT_ORDER_ID_MAX_LEN, ClientOrderId};
pub use exchange::{AlgoId, ExchangeOrderId, TradeId};
pub use parent::{PARENT_ID_MAX_LEN, PARENT_IDS_MAX, ParentId};
pub use pms::{PmsParts, SUB_ACCOUNT_PREFIX_LEN, SubAccountPrefix};
pub use sub_account::{SUB_ACCOUNT_ID_MAX_LEN, SUB_ACCOUNTS_MAX, SubAccountId};
pub use validate::IdError;

/// `Display` (the text), `Debug` (`Name("text")`) and `FromStr` (`new`) for a
/// string identifier with `as_str` and `new`.
macro_rules! string_id_traits {
    ($($name:ident),*) => {$(
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
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
