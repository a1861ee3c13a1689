//! Every `AmendError` of the typed `amend`: the handle is given back, and the
//! order is exactly as it was.

mod common;

use common::*;
use ordertrack_model::{Active, AmendError, Amendment, Cancelling, Qty};

#[test]
fn amend_error_quantity_not_above_filled_leaves_the_order_unchanged() {
    let mut order = active("1");
    let _ = partial(
        handle::<Active>(&mut order),
        fill(1, "0.4", "100", 1_250, None),
    );
    for quantity in ["0.3", "0.4"] {
        let amendment = Amendment {
            quantity: qty(quantity),
            price: Some(px("1")),
        };
        let error = refused_on::<Active, _>(&mut order, |o| o.amend(amendment, 1_260).map(drop));
        assert_eq!(
            error,
            AmendError::QuantityBelowFilled {
                quantity: qty(quantity),
                filled: qty("0.4")
            }
        );
    }

    let mut order = cancelling_acked("1");
    let zero = Amendment {
        quantity: Qty::ZERO,
        price: None,
    };
    let error = refused_on::<Cancelling, _>(&mut order, |o| o.amend(zero, 1_350).map(drop));
    assert_eq!(
        error,
        AmendError::QuantityBelowFilled {
            quantity: Qty::ZERO,
            filled: Qty::ZERO
        }
    );
}

#[test]
fn amend_error_not_acknowledged_comes_before_the_quantity_check() {
    // A cancel sent before any ack, with a fill that named no exchange id: the
    // amendment is refused for the missing ack whatever its quantity.
    let mut order = cancelling_unacked("1");
    let _ = partial(
        handle::<Cancelling>(&mut order),
        fill(1, "0.4", "100", 1_340, None),
    );
    for quantity in ["0.1", "2"] {
        let amendment = Amendment {
            quantity: qty(quantity),
            price: None,
        };
        let error =
            refused_on::<Cancelling, _>(&mut order, |o| o.amend(amendment, 1_350).map(drop));
        assert_eq!(error, AmendError::NotAcknowledged, "{quantity}");
    }
}
