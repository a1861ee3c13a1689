//! The fill summary's columns read back ([`FillParts`]), and the exact
//! notional written as a decimal (Σ price × qty has 16 decimal places).

use ordertrack::{FillParts, LastFill, Price, Qty, TRADE_WINDOW, TradeId};

use crate::columns::{Bad, Col, Reader};

/// Decimal places of a notional (price and quantity each have 8).
const NOTIONAL_PLACES: usize = 16;
/// `10^NOTIONAL_PLACES`.
const NOTIONAL_ONE: u128 = 10_000_000_000_000_000;

/// A notional of `units` 10⁻¹⁶ as its shortest exact decimal (`970001.5`).
pub(crate) fn format_notional(units: u128) -> String {
    let (whole, mut fraction) = (units / NOTIONAL_ONE, units % NOTIONAL_ONE);
    if fraction == 0 {
        return whole.to_string();
    }
    let mut digits = NOTIONAL_PLACES;
    while fraction % 10 == 0 {
        fraction /= 10;
        digits -= 1;
    }
    format!("{whole}.{fraction:0digits$}")
}

/// The units of a notional decimal, or why it is not one.
pub(crate) fn parse_notional(text: &str) -> Result<u128, String> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || (text.contains('.') && !digits(fraction)) {
        return Err(format!("{:?} is not a decimal", crate::error::clip(text)));
    }
    if fraction.len() > NOTIONAL_PLACES {
        return Err(format!("more than {NOTIONAL_PLACES} decimal places"));
    }
    let value = |s: &str| s.parse::<u128>().map_err(|e| format!("{e}"));
    let mut units = value(whole)?
        .checked_mul(NOTIONAL_ONE)
        .ok_or_else(|| "out of range".to_owned())?;
    if !fraction.is_empty() {
        let scale = 10u128.pow(u32::try_from(NOTIONAL_PLACES - fraction.len()).unwrap_or(0));
        units = units
            .checked_add(value(fraction)? * scale)
            .ok_or_else(|| "out of range".to_owned())?;
    }
    Ok(units)
}

/// The fill summary the row's fill columns hold.
pub(crate) fn decode(r: &Reader<'_>) -> Result<FillParts, Bad> {
    let last = match r.u64(Col::LastTradeId)? {
        Some(trade_id) => Some(LastFill {
            trade_id: TradeId(trade_id),
            qty: r.need(Col::LastQty, r.parse(Col::LastQty, Qty::parse)?)?,
            price: r.need(Col::LastPrice, r.parse(Col::LastPrice, Price::parse)?)?,
        }),
        None => None,
    };
    Ok(FillParts {
        filled: r.need(Col::Filled, r.parse(Col::Filled, Qty::parse)?)?,
        notional: r.need(Col::Notional, r.parse(Col::Notional, parse_notional)?)?,
        count: r.need(Col::FillCount, r.small(Col::FillCount)?)?,
        last,
        recent: r.need(Col::RecentTrades, r.parse(Col::RecentTrades, recent)?)?,
        floor: r.u64(Col::TradeFloor)?.map(TradeId),
    })
}

/// The remembered trade ids of `7,8,9` (empty: none), at most
/// [`TRADE_WINDOW`] of them.
fn recent(text: &str) -> Result<Vec<TradeId>, String> {
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let ids = text
        .split(',')
        .map(|id| {
            if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("{:?} is not a trade id", crate::error::clip(id)));
            }
            id.parse().map(TradeId).map_err(|e| format!("{e}"))
        })
        .take(TRADE_WINDOW + 1)
        .collect::<Result<Vec<_>, _>>()?;
    if ids.len() > TRADE_WINDOW {
        return Err(format!("more than {TRADE_WINDOW} trade ids"));
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notionals_print_and_read_back_exactly() {
        for units in [
            0,
            1,
            10,
            NOTIONAL_ONE,
            NOTIONAL_ONE + 5,
            u128::MAX / 7,
            u128::MAX,
        ] {
            let text = format_notional(units);
            assert_eq!(parse_notional(&text), Ok(units), "{text}");
        }
        assert_eq!(format_notional(NOTIONAL_ONE * 3 / 2), "1.5");
        for bad in [
            "",
            ".",
            "1.",
            ".5",
            "-1",
            "1e5",
            "1.00000000000000001",
            "1,5",
        ] {
            assert!(parse_notional(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn remembered_ids_are_bounded() {
        assert_eq!(recent("7,8"), Ok(vec![TradeId(7), TradeId(8)]));
        assert_eq!(recent(""), Ok(vec![]));
        assert!(recent("1,2,3,4,5").is_err());
        assert!(recent("1,,2").is_err() && recent("+1").is_err());
    }
}
