//! Symbols, sub-accounts and parent ids are interned in process-wide tables that never
//! free an entry, so each is capped: past the cap a new one is a typed error,
//! while every one already known still resolves. Its own test binary (its own
//! process), since it fills the tables.
#![allow(clippy::unwrap_used, clippy::panic)]

use ordertrack_model::{
    IdError, PARENT_IDS_MAX, ParentId, SUB_ACCOUNTS_MAX, SYMBOLS_MAX, SubAccountId, Symbol,
    SymbolError,
};

/// A distinct valid symbol for `n` (letters only: `A`, `B`, … in base 26).
fn symbol_text(mut n: usize) -> String {
    let mut text = String::from("X");
    loop {
        text.push(char::from(b'A' + (n % 26) as u8));
        n /= 26;
        if n == 0 {
            return text;
        }
    }
}

#[test]
fn symbols_past_the_cap_are_refused_and_known_ones_still_resolve() {
    let first = Symbol::new("BTCUSDT").unwrap();
    let mut accepted = 1; // the empty entry the table starts with
    accepted += 1; // BTCUSDT
    let mut n = 0;
    let refused = loop {
        match Symbol::new(&symbol_text(n)) {
            Ok(_) => accepted += 1,
            Err(err) => break err,
        }
        n += 1;
    };
    assert_eq!(accepted, SYMBOLS_MAX);
    assert!(
        matches!(
            refused,
            SymbolError::TooMany {
                max: SYMBOLS_MAX,
                ..
            }
        ),
        "{refused:?}"
    );
    assert!(
        refused.to_string().contains("distinct symbols"),
        "{refused}"
    );
    assert_eq!(Symbol::new("BTCUSDT"), Ok(first));
    assert_eq!(
        Symbol::new(&symbol_text(0)).unwrap().as_str(),
        symbol_text(0)
    );
    // Invalid input is still refused for what it is.
    assert_eq!(Symbol::new(""), Err(SymbolError::Empty));
}

#[test]
fn sub_accounts_past_the_cap_are_refused_and_known_ones_still_resolve() {
    let first = SubAccountId::new("3f2a9c1e-7b4d").unwrap();
    let mut accepted = 2; // the empty entry, and `first`
    let mut n = 0_u64;
    let refused = loop {
        match SubAccountId::new(&format!("sub{n:012}")) {
            Ok(_) => accepted += 1,
            Err(err) => break err,
        }
        n += 1;
    };
    assert_eq!(accepted, SUB_ACCOUNTS_MAX);
    assert!(
        matches!(
            refused,
            IdError::TooManySubAccounts {
                max: SUB_ACCOUNTS_MAX,
                ..
            }
        ),
        "{refused:?}"
    );
    assert_eq!(SubAccountId::new("3f2a9c1e-7b4d"), Ok(first));
    assert_eq!(first.prefix().as_str(), "3f2a9c1e");
}

#[test]
fn parent_ids_past_the_cap_are_refused_and_known_ones_still_resolve() {
    let first = ParentId::new("twap-42").unwrap();
    let mut accepted = 2; // the empty entry, and `first`
    let mut n = 0_u64;
    let refused = loop {
        match ParentId::new(&format!("algo{n:012}")) {
            Ok(_) => accepted += 1,
            Err(err) => break err,
        }
        n += 1;
    };
    assert_eq!(accepted, PARENT_IDS_MAX);
    assert!(
        matches!(
            refused,
            IdError::TooManyParents {
                max: PARENT_IDS_MAX,
                ..
            }
        ),
        "{refused:?}"
    );
    assert!(
        refused.to_string().contains("distinct parent ids"),
        "{refused}"
    );
    assert_eq!(ParentId::new("twap-42"), Ok(first));
    assert_eq!(first.as_str(), "twap-42");
    assert_eq!(
        ParentId::new("algo000000000000").unwrap().as_str(),
        "algo000000000000"
    );
    // Invalid input is still refused for what it is, not for the cap.
    assert!(matches!(
        ParentId::new("twap 42"),
        Err(IdError::InvalidCharacter { character: ' ', .. })
    ));
}
