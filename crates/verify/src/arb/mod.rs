//! `arbitrary` generators of model values for the fuzz targets: valid orders in
//! every state, and execution reports with any field values.
//!
//! ```
//! use arbitrary::Unstructured;
//! use ordertrack::OrderStatus;
//! use ordertrack_verify::arb;
//!
//! let bytes = [7u8; 256];
//! let mut u = Unstructured::new(&bytes);
//! for status in OrderStatus::ALL {
//!     let order = arb::order_in_status(&mut u, status)?;
//!     assert_eq!(order.status(), status);
//! }
//! let report = arb::execution_report(&mut u)?; // any field values at all
//! # let _ = report;
//! # Ok::<(), arbitrary::Error>(())
//! ```

mod conditional;
mod order;
mod report;
mod values;

pub use order::{order_in_state, order_in_status};
pub use report::{execution_report, report_for};
pub use values::{
    CONDITIONAL_TYPES, any_price, any_qty, client_order_id, conditional_order, new_order,
    order_terms, parent_id, sub_account_id, symbol, trigger,
};

use arbitrary::{Arbitrary, Unstructured};
use ordertrack::{AnyOrder, ExecutionReport, ExecutionType, ReportStatus};

/// Binance's client-id alphabet `[.A-Z:/a-z0-9_-]`.
pub const CLIENT_ID_ALPHABET: &[u8] =
    b".:/_-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Every execution type: the matching engine's seven, then the algo
/// service's `TRIGGERING` and `TRIGGERED`.
pub const EXECUTION_TYPES: [ExecutionType; 9] = [
    ExecutionType::New,
    ExecutionType::Trade,
    ExecutionType::Calculated,
    ExecutionType::Canceled,
    ExecutionType::Expired,
    ExecutionType::Amendment,
    ExecutionType::Rejected,
    ExecutionType::Triggering,
    ExecutionType::Triggered,
];

/// Every report status: the matching engine's seven, then the algo
/// service's `TRIGGERING`, `TRIGGERED` and `FINISHED`.
pub const REPORT_STATUSES: [ReportStatus; 10] = [
    ReportStatus::New,
    ReportStatus::PartiallyFilled,
    ReportStatus::Filled,
    ReportStatus::Canceled,
    ReportStatus::Expired,
    ReportStatus::ExpiredInMatch,
    ReportStatus::Rejected,
    ReportStatus::Triggering,
    ReportStatus::Triggered,
    ReportStatus::Finished,
];

fn bad() -> arbitrary::Error {
    arbitrary::Error::IncorrectFormat
}

/// An [`AnyOrder`] in any state, as an `Arbitrary` value (see [`order_in_state`]).
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ArbitraryOrder(pub AnyOrder);

impl<'a> Arbitrary<'a> for ArbitraryOrder {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        order_in_state(u).map(Self)
    }
}

/// An [`ExecutionReport`] with any field values, as an `Arbitrary` value (see
/// [`execution_report`]).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct ArbitraryReport(pub ExecutionReport);

impl<'a> Arbitrary<'a> for ArbitraryReport {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        execution_report(u).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use ordertrack::OrderStatus;

    use super::*;

    fn bytes(seed: u64, len: usize) -> Vec<u8> {
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect()
    }

    #[test]
    fn every_state_is_reached_from_random_bytes() {
        for status in OrderStatus::ALL {
            let mut reached = 0;
            for seed in 0..300 {
                let data = bytes(seed, 4096);
                let mut u = Unstructured::new(&data);
                match order_in_status(&mut u, status) {
                    Ok(order) => {
                        assert_eq!(order.status(), status);
                        assert!(order.filled_qty() <= order.quantity());
                        reached += 1;
                    }
                    Err(e) => panic!("{status}: generator failed with {e:?} on seed {seed}"),
                }
            }
            assert_eq!(reached, 300, "{status}");
        }
    }

    #[test]
    fn reports_are_generated_from_any_bytes() {
        for seed in 0..500 {
            let data = bytes(seed, 512);
            let mut u = Unstructured::new(&data);
            let order = order_in_state(&mut u).unwrap();
            let _ = report_for(&mut u, &order).unwrap();
            let _ = execution_report(&mut u).unwrap();
        }
        // Even from no data at all.
        let mut u = Unstructured::new(&[]);
        let _ = ArbitraryOrder::arbitrary(&mut u).unwrap();
        let _ = ArbitraryReport::arbitrary(&mut u).unwrap();
    }
}
