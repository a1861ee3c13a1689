//! The small pools ops draw from, so that collisions and shared buckets happen.

use ordertrack::{
    AlgoId, ClientOrderId, ExchangeOrderId, OrderType, Origin, ParentId, Price, Qty, SubAccountId,
    Symbol, Trigger, WorkingType,
};

use super::TriggerPick;

/// Sub-accounts. The first two share their 8-character prefix `subacct1`, so
/// their generated client ids can coincide.
pub const SUB_ACCOUNTS: [&str; 3] = [
    "subacct1-alpha",
    "subacct1-beta",
    "3f2a9c1e-7b4d-4e1a-9f00-0123456789ab",
];
/// Symbols orders trade (a perpetual, another, a delivery contract).
pub const SYMBOLS: [&str; 3] = ["BTCUSDT", "ETHUSDT", "BTCUSDT_250926"];
/// Symbols reports may name: the order symbols and one nobody trades.
pub const REPORT_SYMBOLS: [&str; 4] = ["BTCUSDT", "ETHUSDT", "BTCUSDT_250926", "1000PEPEUSDT"];
/// Parent algo ids.
pub const PARENTS: [&str; 3] = ["twap-1", "chase-2", "basket-3"];
/// Client ids the engine did not make (the last ones look almost like ours).
pub const FOREIGN_IDS: [&str; 6] = [
    "autoclose-1764000000123",
    "adl_autoclose",
    "web_abc123",
    "x-Q7JZLB9Bd2c4e9b0a1",
    "PMS",
    "PMSsubacct1_CHS_00000000000",
];
/// One lot: 0.001 in 10⁻⁸ units.
pub const LOT_UNITS: i64 = 100_000;
/// Own exchange ids start here; raw picks are below 8, so they never coincide.
pub const OWN_EXCHANGE_ID_BASE: u64 = 1_000;
/// Own algo ids start here; raw picks are 1 to 4, so they never coincide.
pub const OWN_ALGO_ID_BASE: u64 = 5_000;

/// Item `n` modulo the array's length (`N` is at least 1 for every pool).
fn pick<T: Copy, const N: usize>(items: &[T; N], n: u8) -> Option<T> {
    items.iter().copied().nth(usize::from(n) % N.max(1))
}

#[allow(
    clippy::panic,
    reason = "the pools are constants, validated by unit tests"
)]
fn valid<T, E: std::fmt::Debug>(value: Result<T, E>) -> T {
    match value {
        Ok(v) => v,
        Err(e) => panic!("pool constant refused: {e:?}"),
    }
}

/// Sub-account `n` (modulo the pool).
#[must_use]
pub fn sub_account(n: u8) -> SubAccountId {
    valid(SubAccountId::new(
        pick(&SUB_ACCOUNTS, n).unwrap_or(SUB_ACCOUNTS[0]),
    ))
}
/// Order symbol `n` (modulo the pool).
#[must_use]
pub fn symbol(n: u8) -> Symbol {
    valid(Symbol::new(pick(&SYMBOLS, n).unwrap_or(SYMBOLS[0])))
}
/// Report symbol `n` (modulo the pool).
#[must_use]
pub fn report_symbol(n: u8) -> Symbol {
    valid(Symbol::new(
        pick(&REPORT_SYMBOLS, n).unwrap_or(REPORT_SYMBOLS[0]),
    ))
}
/// Parent `n` (modulo the pool).
#[must_use]
pub fn parent(n: u8) -> ParentId {
    valid(ParentId::new(pick(&PARENTS, n).unwrap_or(PARENTS[0])))
}
/// Foreign client id `n` (modulo the pool).
#[must_use]
pub fn foreign_id(n: u8) -> ClientOrderId {
    valid(ClientOrderId::new(
        pick(&FOREIGN_IDS, n).unwrap_or(FOREIGN_IDS[0]),
    ))
}
/// Origin `n` (modulo `Origin::ALL`).
#[must_use]
pub fn origin(n: u8) -> Origin {
    pick(&Origin::ALL, n).unwrap_or(Origin::Manual)
}
/// Order type `n` (modulo `OrderType::ALL`).
#[must_use]
pub fn order_type(n: u8) -> OrderType {
    pick(&OrderType::ALL, n).unwrap_or(OrderType::Limit)
}
/// `n` lots.
#[must_use]
pub fn lots(n: u8) -> Qty {
    Qty::from_units(i64::from(n) * LOT_UNITS).unwrap_or(Qty::ZERO)
}
/// Price for `ticks`: zero for 0 (an absurd but representable price), else
/// 100 + ticks × 0.1.
#[must_use]
pub fn price(ticks: u8) -> Price {
    if ticks == 0 {
        return Price::ZERO;
    }
    Price::from_units(100 * 100_000_000 + i64::from(ticks) * 10_000_000).unwrap_or(Price::ZERO)
}
/// The trigger a [`TriggerPick`] names: its price in ticks ([`price`]; 0: no
/// trigger price), on the mark or the contract price.
#[must_use]
pub fn trigger(pick: TriggerPick) -> Option<Trigger> {
    let at = |ticks: u8| (ticks > 0).then(|| price(ticks));
    match pick {
        TriggerPick::None => None,
        TriggerPick::At {
            price_ticks,
            mark_price,
        } => Some(Trigger {
            price: at(price_ticks),
            working_type: if mark_price {
                WorkingType::MarkPrice
            } else {
                WorkingType::ContractPrice
            },
            close_position: false,
        }),
        TriggerPick::ClosePosition { price_ticks, .. } => Some(Trigger {
            price: at(price_ticks),
            working_type: WorkingType::ContractPrice,
            close_position: true,
        }),
    }
}
/// The exchange id the order issued `index`-th gets when acknowledged.
#[must_use]
pub fn own_exchange_id(index: usize) -> ExchangeOrderId {
    ExchangeOrderId(OWN_EXCHANGE_ID_BASE + index as u64)
}
/// The algo id the order issued `index`-th gets from the algo service.
#[must_use]
pub fn own_algo_id(index: usize) -> AlgoId {
    algo_id(OWN_ALGO_ID_BASE.saturating_add(index as u64))
}
/// A small raw algo id, `1 + n % 4`.
#[must_use]
pub fn raw_algo_id(n: u8) -> AlgoId {
    algo_id(1 + u64::from(n % 4))
}
fn algo_id(n: u64) -> AlgoId {
    valid(AlgoId::new(n).ok_or("an algo id is never zero"))
}
/// A small raw exchange id, `n % 8`.
#[must_use]
pub fn raw_exchange_id(n: u8) -> ExchangeOrderId {
    ExchangeOrderId(u64::from(n % 8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pool_constant_is_valid() {
        for n in 0..=u8::MAX {
            let _ = (
                sub_account(n),
                symbol(n),
                report_symbol(n),
                parent(n),
                foreign_id(n),
                raw_algo_id(n),
            );
        }
        assert_eq!(sub_account(0).prefix(), sub_account(1).prefix());
        for n in 0..FOREIGN_IDS.len() as u8 {
            assert_eq!(foreign_id(n).parse_pms(), None, "{}", foreign_id(n));
        }
    }
}
