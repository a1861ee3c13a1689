//! Fuzzes the identifier parsers (`ClientOrderId`, `SubAccountId`, `ParentId`, `Symbol`) against an independent oracle of their rules, their print/parse round trip, and the generated `PMS…` ids.
//!
//! The input is text: the whole input, and each of its lines, is fed to every
//! parser, so seeds are readable files (`fuzz/corpus/client_order_id/`).
//! Asserted, for each candidate string:
//! - no parser panics, and every error prints (`Display`);
//! - each parser accepts exactly what the rule written out here accepts (Binance's
//!   `^[\.A-Z\:/a-z0-9_-]{1,36}$`; sub-accounts 8 to 36 of those; the Binance
//!   symbol form), and a refusal is the right error (empty, first bad character
//!   and its position, length, ccxt form with the Binance spelling);
//! - an accepted value prints back (`Display`, `as_str`) to the input, and parsing
//!   the printed form gives an equal value;
//! - for an accepted sub-account and every `Origin`, `with_unique` (with a value
//!   derived from the input, and the extremes) and `generate` make an id that
//!   satisfies Binance's rule, is at most 36 characters, and whose `parse_pms`
//!   gives back exactly the sub-account's 8-character prefix and the origin;
//! - any id whose `parse_pms` is `Some` has exactly the `PMS{8}_{CODE}_{12 hex}`
//!   shape and is re-generated, byte for byte, by `with_unique` from its parts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ordertrack::{
    CLIENT_ORDER_ID_MAX_LEN, ClientOrderId, IdError, Origin, PARENT_IDS_MAX, ParentId,
    SUB_ACCOUNT_PREFIX_LEN, SUB_ACCOUNTS_MAX, SYMBOL_MAX_LEN, SYMBOLS_MAX, SubAccountId, Symbol,
    SymbolError,
};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check(&text);
    if text.contains('\n') {
        for line in text.split('\n') {
            check(line);
        }
    }
    // Also the raw bytes' longest valid UTF-8 prefix, so that inputs with a
    // broken tail still reach the parsers unchanged.
    if let Err(e) = std::str::from_utf8(data)
        && let Some(prefix) = data.get(..e.valid_up_to())
        && let Ok(prefix) = std::str::from_utf8(prefix)
    {
        check(prefix);
    }
    let unique = fnv1a(data);
    if let Ok(sub) = SubAccountId::new(text.trim()) {
        check_generated(&sub, unique);
    }
});

/// Every parser on one candidate string.
fn check(s: &str) {
    check_client_id(s);
    check_sub_account(s);
    check_parent(s);
    check_symbol(s);
}

/// Binance's client-id alphabet, written out independently of the library.
fn in_alphabet(c: char) -> bool {
    c.is_ascii_lowercase()
        || c.is_ascii_uppercase()
        || c.is_ascii_digit()
        || c == '.'
        || c == ':'
        || c == '/'
        || c == '_'
        || c == '-'
}

/// The first character outside the alphabet, with its byte offset.
fn first_bad(s: &str) -> Option<(usize, char)> {
    s.char_indices().find(|&(_, c)| !in_alphabet(c))
}

/// The error an id of `kind` with at most `max` bytes must give for `s`, if any.
fn expect_id_error(s: &str, kind: &str, max: usize, err: &IdError) {
    match (err, first_bad(s)) {
        (IdError::Empty { kind: k, max: m }, _) => {
            assert!(s.is_empty(), "{kind} {s:?}: Empty for a non-empty input");
            assert_eq!((*k, *m), (kind, max), "{kind} {s:?}");
        }
        (
            IdError::InvalidCharacter {
                kind: k,
                character,
                position,
                ..
            },
            Some((pos, c)),
        ) => {
            assert_eq!(*k, kind);
            assert_eq!((*position, *character), (pos, c), "{kind} {s:?}");
        }
        (IdError::InvalidCharacter { .. }, None) => {
            panic!("{kind} {s:?}: InvalidCharacter though every character is allowed")
        }
        (
            IdError::TooLong {
                kind: k,
                len,
                max: m,
                ..
            },
            None,
        ) => {
            assert_eq!((*k, *len, *m), (kind, s.len(), max), "{kind} {s:?}");
            assert!(s.len() > max, "{kind} {s:?}: TooLong at {} bytes", s.len());
        }
        (IdError::TooLong { .. }, Some(bad)) => {
            panic!("{kind} {s:?}: TooLong reported before the bad character {bad:?}")
        }
        (IdError::SubAccountTooShort { len, .. }, None) => {
            assert_eq!(
                kind, "sub-account id",
                "{s:?}: SubAccountTooShort for a {kind}"
            );
            assert_eq!(*len, s.len(), "{s:?}");
            assert!(!s.is_empty() && s.len() < SUB_ACCOUNT_PREFIX_LEN, "{s:?}");
        }
        (IdError::SubAccountTooShort { .. }, Some(bad)) => {
            panic!("{s:?}: SubAccountTooShort reported before the bad character {bad:?}")
        }
        (IdError::TooManySubAccounts { .. }, bad) => {
            assert_eq!(kind, "sub-account id", "{s:?}: TooManySubAccounts for a {kind}");
            assert_eq!(bad, None, "{s:?}: TooManySubAccounts for an invalid id");
        }
        (IdError::TooManyParents { .. }, bad) => {
            assert_eq!(kind, "parent id", "{s:?}: TooManyParents for a {kind}");
            assert_eq!(bad, None, "{s:?}: TooManyParents for an invalid id");
        }
    }
    // Every error prints, whatever the input.
    let message = err.to_string();
    assert!(!message.is_empty());
}

fn check_client_id(s: &str) {
    let accept = !s.is_empty() && s.len() <= CLIENT_ORDER_ID_MAX_LEN && first_bad(s).is_none();
    match ClientOrderId::new(s) {
        Ok(id) => {
            assert!(
                accept,
                "ClientOrderId accepted {s:?}, which breaks Binance's rule"
            );
            assert_eq!(id.as_str(), s);
            assert_eq!(id.to_string(), s);
            assert_eq!(s.parse::<ClientOrderId>(), Ok(id));
            assert_eq!(ClientOrderId::new(&id.to_string()), Ok(id));
            check_pms_shape(&id);
        }
        Err(err) => {
            assert!(!accept, "ClientOrderId refused valid {s:?}: {err}");
            expect_id_error(s, "client order id", CLIENT_ORDER_ID_MAX_LEN, &err);
        }
    }
}

fn check_sub_account(s: &str) {
    let accept = s.len() >= SUB_ACCOUNT_PREFIX_LEN && s.len() <= 36 && first_bad(s).is_none();
    match SubAccountId::new(s) {
        Ok(sub) => {
            assert!(accept, "SubAccountId accepted {s:?}");
            assert_eq!(sub.as_str(), s);
            assert_eq!(sub.to_string(), s);
            assert_eq!(s.parse::<SubAccountId>(), Ok(sub));
            assert_eq!(Some(sub.prefix().as_str()), s.get(..SUB_ACCOUNT_PREFIX_LEN));
            assert_eq!(sub.prefix().to_string(), sub.prefix().as_str());
        }
        // A valid id past the process's cap of distinct sub-accounts.
        Err(IdError::TooManySubAccounts { max, .. }) => {
            assert!(accept, "TooManySubAccounts for an invalid {s:?}");
            assert_eq!(max, SUB_ACCOUNTS_MAX);
        }
        Err(err) => {
            assert!(!accept, "SubAccountId refused valid {s:?}: {err}");
            expect_id_error(s, "sub-account id", 36, &err);
        }
    }
}

fn check_parent(s: &str) {
    let accept = !s.is_empty() && s.len() <= 36 && first_bad(s).is_none();
    match ParentId::new(s) {
        Ok(parent) => {
            assert!(accept, "ParentId accepted {s:?}");
            assert_eq!(parent.as_str(), s);
            assert_eq!(parent.to_string(), s);
            assert_eq!(s.parse::<ParentId>(), Ok(parent));
        }
        // A valid id past the process's cap of distinct parent ids.
        Err(IdError::TooManyParents { max, .. }) => {
            assert!(accept, "TooManyParents for an invalid {s:?}");
            assert_eq!(max, PARENT_IDS_MAX);
        }
        Err(err) => {
            assert!(!accept, "ParentId refused valid {s:?}: {err}");
            expect_id_error(s, "parent id", 36, &err);
        }
    }
}

/// A character allowed in a symbol's name: upper-case ASCII letters, ASCII digits,
/// or a letter or digit of another script.
fn symbol_char(c: char) -> bool {
    matches!(c, 'A'..='Z' | '0'..='9') || (!c.is_ascii() && c.is_alphanumeric())
}

fn check_symbol(s: &str) {
    let (name, delivery) = match s.find('_') {
        Some(i) => (s.get(..i).unwrap_or_default(), s.get(i + 1..)),
        None => (s, None),
    };
    let ccxt = s.contains('/');
    let name_ok = !name.is_empty() && name.chars().all(symbol_char);
    let delivery_ok =
        delivery.is_none_or(|d| d.len() == 6 && d.bytes().all(|b| b.is_ascii_digit()));
    let accept = !ccxt && name_ok && delivery_ok && s.len() <= SYMBOL_MAX_LEN;
    match Symbol::new(s) {
        Ok(symbol) => {
            assert!(accept, "Symbol accepted {s:?}");
            assert_eq!(symbol.as_str(), s);
            assert_eq!(symbol.to_string(), s);
            assert_eq!(s.parse::<Symbol>(), Ok(symbol));
            assert_eq!(Symbol::new(&symbol.to_string()), Ok(symbol));
        }
        // A valid symbol past the process's cap of distinct symbols: refused
        // as such (a long fuzzing run makes more than a real feed ever does).
        Err(SymbolError::TooMany { max, .. }) => {
            assert!(accept, "TooMany for an invalid {s:?}");
            assert_eq!(max, SYMBOLS_MAX);
        }
        Err(err) => {
            assert!(!accept, "Symbol refused valid {s:?}: {err}");
            match &err {
                SymbolError::TooMany { .. } => {}
                SymbolError::Empty => assert!(s.is_empty(), "Empty for {s:?}"),
                SymbolError::CcxtForm { suggestion, .. } => {
                    assert!(ccxt, "CcxtForm for {s:?}");
                    let (base, rest) = s.split_once('/').unwrap_or_default();
                    let quote = rest.split(':').next().unwrap_or_default();
                    assert_eq!(
                        *suggestion,
                        format!("{base}{quote}").to_uppercase(),
                        "{s:?}"
                    );
                }
                SymbolError::InvalidCharacter {
                    character,
                    position,
                    ..
                } => {
                    assert!(!ccxt, "{s:?}: a ccxt form must be named as such");
                    let bad = name.char_indices().find(|&(_, c)| !symbol_char(c));
                    assert_eq!(bad, Some((*position, *character)), "{s:?}");
                }
                SymbolError::BadDeliverySuffix { .. } => {
                    assert!(!ccxt && name.chars().all(symbol_char), "{s:?}");
                    assert!(name.is_empty() || !delivery_ok, "{s:?}");
                }
                SymbolError::TooLong { len, .. } => {
                    assert!(!ccxt && name_ok && delivery_ok, "{s:?}");
                    assert_eq!(*len, s.len());
                    assert!(s.len() > SYMBOL_MAX_LEN);
                }
            }
            assert!(!err.to_string().is_empty());
        }
    }
}

/// Ids made for `sub`, for every origin, fit Binance's rule and parse back to their parts.
fn check_generated(sub: &SubAccountId, unique: u128) {
    for origin in Origin::ALL {
        for u in [unique, 0, u128::MAX, unique.rotate_left(64)] {
            let id = ClientOrderId::with_unique(sub, origin, u);
            check_generated_id(sub, origin, &id);
            let hex = id.as_str().get(id.as_str().len().saturating_sub(12)..);
            assert_eq!(hex, Some(format!("{:012x}", u & 0xffff_ffff_ffff).as_str()));
            assert_eq!(
                ClientOrderId::with_unique(sub, origin, u),
                id,
                "deterministic"
            );
        }
        check_generated_id(sub, origin, &ClientOrderId::generate(sub, origin));
    }
}

fn check_generated_id(sub: &SubAccountId, origin: Origin, id: &ClientOrderId) {
    let s = id.as_str();
    assert!(
        !s.is_empty() && s.len() <= CLIENT_ORDER_ID_MAX_LEN && first_bad(s).is_none(),
        "generated {s:?} breaks Binance's rule"
    );
    assert_eq!(
        ClientOrderId::new(s),
        Ok(*id),
        "generated {s:?} does not parse"
    );
    let parts = id.parse_pms();
    let parts = parts.unwrap_or_else(|| panic!("generated {s:?} is not recognised as ours"));
    assert_eq!(parts.sub_account_prefix, sub.prefix(), "{s:?}");
    assert_eq!(
        Some(parts.sub_account_prefix.as_str()),
        sub.as_str().get(..8)
    );
    assert_eq!(parts.origin, Some(origin), "{s:?}");
    check_pms_shape(id);
}

/// When `parse_pms` recognises an id, the id has exactly the generated shape and
/// is re-generated from its parts.
fn check_pms_shape(id: &ClientOrderId) {
    let Some(parts) = id.parse_pms() else {
        return;
    };
    let s = id.as_str();
    let prefix = parts.sub_account_prefix.as_str();
    assert_eq!(prefix.len(), SUB_ACCOUNT_PREFIX_LEN, "{s:?}");
    let hex = s.get(s.len().saturating_sub(12)..).unwrap_or_default();
    // `PMS` + prefix + `_` … `_` + hex: the origin word lies between.
    let word = s.get(3 + SUB_ACCOUNT_PREFIX_LEN + 1..s.len().saturating_sub(13));
    let word = word.unwrap_or_else(|| panic!("{s:?}: no origin word"));
    assert!(!word.is_empty(), "{s:?}");
    assert_eq!(parts.origin, Origin::from_word(word), "{s:?}");
    let expected = format!("PMS{prefix}_{word}_{hex}");
    assert_eq!(s, expected, "parse_pms accepted a malformed id");
    assert!(
        hex.len() == 12 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')),
        "{s:?}"
    );
    let unique = u128::from_str_radix(hex, 16)
        .unwrap_or_else(|e| panic!("{s:?}: hex part {hex:?} does not parse: {e}"));
    let sub = match SubAccountId::new(prefix) {
        Ok(sub) => sub,
        // Past the cap of distinct sub-accounts: nothing to regenerate from.
        Err(IdError::TooManySubAccounts { .. }) => return,
        Err(e) => panic!("{s:?}: prefix {prefix:?} is no sub-account: {e}"),
    };
    // An id written with the origin's name is re-generated from its parts.
    if let Some(origin) = parts.origin
        && word == origin.name()
    {
        assert_eq!(
            ClientOrderId::with_unique(&sub, origin, unique),
            *id,
            "the id is not re-generated from its parts"
        );
    }
}

/// FNV-1a of the input: a deterministic "unique" value for `with_unique`.
fn fnv1a(data: &[u8]) -> u128 {
    let mut hash: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for &b in data {
        hash ^= u128::from(b);
        hash = hash.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
    }
    hash
}
