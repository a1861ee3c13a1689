//! Fuzzes the exact decimals (`Price`, `Qty`, `Notional`) against an independent string-normalising oracle: parsing, printing and arithmetic.
//!
//! The input is text; the whole input and each of its lines is parsed, so seeds
//! are readable files (`fuzz/corpus/decimal/`). Asserted:
//! - `Price::parse` and `Qty::parse` never panic and agree with each other;
//! - they accept exactly what the oracle accepts (digits with at most one `.`, at
//!   least one digit, at most 64 bytes, at most 8 significant decimal places, at
//!   most 92233720368.54775807), with exactly the oracle's value, and refuse the
//!   rest with the right error (`Empty`, `InvalidCharacter` at the first offending
//!   byte, `TooPrecise`, `OutOfRange`); every error prints;
//! - an accepted value prints as the oracle's canonical form (no leading zeros, no
//!   trailing fractional zeros, no lone `.`), parses back to an equal value, and
//!   re-printing is idempotent; `from_units(units())` is the identity;
//! - for consecutive accepted lines `a`, `b`: `checked_add`, `checked_sub` and
//!   `saturating_sub` agree with `i128` arithmetic on units;
//! - taking the lines as (price, qty) fills: the exact `Notional` equals the `i128`
//!   sum of products, and its `average_price` is Σp·q / Σq rounded half-up and lies
//!   within the lowest and highest fill price.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ordertrack::{DECIMAL_PLACES, DecimalError, Notional, Price, Qty};

/// Longest input the parsers look at; longer ones are refused as out of range.
const MAX_INPUT_LEN: usize = 64;
/// Units in one whole (10^8).
const UNITS_PER_ONE: i128 = 100_000_000;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check(&text);
    let mut values = Vec::new();
    for line in text.split('\n') {
        let price = check(line);
        if text.contains('\n') {
            values.extend(price);
        }
    }
    check_arithmetic(&values);
    check_notional(&values);
});

/// What the oracle says about one input.
#[derive(Debug, PartialEq, Eq)]
enum Expect {
    /// Accepted with this many units, printed this way.
    Value(i64, String),
    Empty,
    /// Refused at this byte.
    Invalid(usize),
    TooPrecise,
    OutOfRange,
}

/// The oracle: a decimal parser written independently of the library, by string
/// normalisation rather than digit-by-digit accumulation.
fn oracle(s: &str) -> Expect {
    if s.is_empty() {
        return Expect::Empty;
    }
    if s.len() > MAX_INPUT_LEN {
        return Expect::OutOfRange;
    }
    // The first byte that is neither a digit nor the first '.'.
    let mut seen_dot = false;
    for (i, b) in s.bytes().enumerate() {
        match b {
            b'0'..=b'9' => {}
            b'.' if !seen_dot => seen_dot = true,
            _ => return Expect::Invalid(i),
        }
    }
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return Expect::Invalid(0);
    }
    let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
    let whole = whole.trim_start_matches('0');
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > DECIMAL_PLACES as usize {
        return Expect::TooPrecise;
    }
    // 92233720368 is 11 digits: anything longer is out of range without arithmetic.
    if whole.len() > 11 {
        return Expect::OutOfRange;
    }
    let whole_value: i128 = if whole.is_empty() {
        0
    } else {
        match whole.parse() {
            Ok(v) => v,
            Err(e) => panic!("oracle: {whole:?}: {e}"),
        }
    };
    let padded = format!("{fraction:0<8}");
    let fraction_value: i128 = match padded.parse() {
        Ok(v) => v,
        Err(e) => panic!("oracle: {padded:?}: {e}"),
    };
    let units = whole_value * UNITS_PER_ONE + fraction_value;
    let Ok(units) = i64::try_from(units) else {
        return Expect::OutOfRange;
    };
    let printed_whole = if whole.is_empty() { "0" } else { whole };
    let printed = if fraction.is_empty() {
        printed_whole.to_owned()
    } else {
        format!("{printed_whole}.{fraction}")
    };
    Expect::Value(units, printed)
}

/// What the library did, in the oracle's terms.
fn observed(result: &Result<i64, DecimalError>, printed: Option<String>) -> Expect {
    match result {
        Ok(units) => Expect::Value(*units, printed.unwrap_or_default()),
        Err(DecimalError::Empty { .. }) => Expect::Empty,
        Err(DecimalError::InvalidCharacter { position, .. }) => Expect::Invalid(*position),
        Err(DecimalError::TooPrecise { .. }) => Expect::TooPrecise,
        Err(DecimalError::OutOfRange { .. }) => Expect::OutOfRange,
    }
}

/// Parses `s` both ways, compares with the oracle, and returns the price if accepted.
fn check(s: &str) -> Option<Price> {
    let price = Price::parse(s);
    let qty = Qty::parse(s);
    let expected = oracle(s);
    let got = observed(
        &price.as_ref().map(|p| p.units()).map_err(Clone::clone),
        price.as_ref().ok().map(ToString::to_string),
    );
    assert_eq!(got, expected, "Price::parse({s:?})");
    let got_qty = observed(
        &qty.as_ref().map(|q| q.units()).map_err(Clone::clone),
        qty.as_ref().ok().map(ToString::to_string),
    );
    assert_eq!(got_qty, expected, "Qty::parse({s:?})");
    match (&price, &qty) {
        (Ok(p), Ok(q)) => {
            round_trip_price(*p);
            round_trip_qty(*q);
        }
        (Err(pe), Err(qe)) => {
            assert!(!pe.to_string().is_empty() && !qe.to_string().is_empty());
            assert!(pe.to_string().contains("price") && qe.to_string().contains("qty"));
        }
        _ => panic!("Price and Qty disagree on {s:?}: {price:?} / {qty:?}"),
    }
    price.ok()
}

fn round_trip_price(p: Price) {
    let printed = p.to_string();
    assert_eq!(
        Price::parse(&printed),
        Ok(p),
        "Price {printed:?} does not parse back"
    );
    assert_eq!(
        printed.parse::<Price>().map(|x| x.to_string()),
        Ok(printed.clone())
    );
    assert_eq!(Price::from_units(p.units()), Some(p));
    assert_eq!(format!("{p:?}"), format!("Price({printed})"));
    assert_eq!(p.is_zero(), p.units() == 0);
    assert!(p.units() >= 0 && p <= Price::MAX);
}

fn round_trip_qty(q: Qty) {
    let printed = q.to_string();
    assert_eq!(
        Qty::parse(&printed),
        Ok(q),
        "Qty {printed:?} does not parse back"
    );
    assert_eq!(
        printed.parse::<Qty>().map(|x| x.to_string()),
        Ok(printed.clone())
    );
    assert_eq!(Qty::from_units(q.units()), Some(q));
    assert_eq!(Qty::from_units(-1 - q.units()), None);
}

/// `checked_add`, `checked_sub` and `saturating_sub` against `i128` arithmetic.
fn check_arithmetic(values: &[Price]) {
    for pair in values.windows(2) {
        let [a, b] = pair else { continue };
        let (ua, ub) = (i128::from(a.units()), i128::from(b.units()));
        let sum = ua + ub;
        let expected_sum = i64::try_from(sum).ok().and_then(Price::from_units);
        assert_eq!(a.checked_add(*b), expected_sum, "{a} + {b}");
        let diff = ua - ub;
        let expected_diff = i64::try_from(diff).ok().and_then(Price::from_units);
        assert_eq!(a.checked_sub(*b), expected_diff, "{a} - {b}");
        assert_eq!(a.saturating_sub(*b), expected_diff.unwrap_or(Price::ZERO));
        // The same on Qty, which shares the representation.
        let (qa, qb) = (Qty::from_units(a.units()), Qty::from_units(b.units()));
        if let (Some(qa), Some(qb)) = (qa, qb) {
            assert_eq!(
                qa.checked_add(qb).map(Qty::units),
                expected_sum.map(Price::units)
            );
            assert_eq!(
                qa.checked_sub(qb).map(Qty::units),
                expected_diff.map(Price::units)
            );
        }
        assert_eq!(a.cmp(b), a.units().cmp(&b.units()));
    }
}

/// The lines as (price, qty) fills: exact notional and a bounded average.
fn check_notional(values: &[Price]) {
    let mut notional = Notional::ZERO;
    let mut exact: i128 = 0;
    let mut total = Qty::ZERO;
    let mut lowest: Option<Price> = None;
    let mut highest: Option<Price> = None;
    for pair in values.chunks_exact(2) {
        let [price, qty] = pair else { continue };
        let Some(qty) = Qty::from_units(qty.units()) else {
            continue;
        };
        // Fills are bounded by the order's quantity, itself at most Qty::MAX.
        let Some(next_total) = total.checked_add(qty) else {
            break;
        };
        total = next_total;
        let product = Notional::of(*price, qty);
        exact += i128::from(price.units()) * i128::from(qty.units());
        notional = match notional.checked_add(product) {
            Some(n) => n,
            None => panic!("notional overflowed with total qty {total} <= Qty::MAX"),
        };
        if !qty.is_zero() {
            lowest = Some(lowest.map_or(*price, |l| l.min(*price)));
            highest = Some(highest.map_or(*price, |h| h.max(*price)));
        }
    }
    assert_eq!(notional.checked_add(Notional::ZERO), Some(notional));
    // Fills are non-negative, so the exact sum is too.
    assert_eq!(
        Some(notional.units()),
        u128::try_from(exact).ok(),
        "inexact notional"
    );
    let average = notional.average_price(total);
    let (Some(lowest), Some(highest)) = (lowest, highest) else {
        assert_eq!(total, Qty::ZERO);
        assert_eq!(average, None, "average of no quantity");
        return;
    };
    let Some(average) = average else {
        panic!("no average for {total} filled between {lowest} and {highest}")
    };
    assert!(
        lowest <= average && average <= highest,
        "average {average} outside [{lowest}, {highest}]"
    );
    // Rounded half-up: avg·Q <= N + Q/2 < (avg+1)·Q, i.e. the nearest step to N/Q.
    let q = i128::from(total.units());
    let avg = i128::from(average.units());
    let half = q / 2;
    assert!(
        avg * q <= exact + half && exact + half < (avg + 1) * q,
        "average {average} is not Σp·q / Σq = {exact} / {q} rounded half-up"
    );
}
