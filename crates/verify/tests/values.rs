//! Properties of the model's values and of one report applied to one order,
//! over the value strategies of `ordertrack_verify::strategies`.

use ordertrack::{
    AnyOrder, CLIENT_ORDER_ID_MAX_LEN, ClientOrderId, ExecutionType, OrderStatus, ParentId, Price,
    Qty, Symbol,
};
use ordertrack_verify::strategies::{self as s, config_with_regressions};
use proptest::prelude::*;

proptest! {
    #![proptest_config(config_with_regressions("proptest-regressions/values.txt"))]

    /// Our ids fit Binance's rule and give back their sub-account prefix and origin.
    #[test]
    fn our_ids_parse_back_to_their_parts(sub in s::sub_account_id(), origin in s::origin(), unique in any::<u128>()) {
        for id in [ClientOrderId::with_unique(&sub, origin, unique), ClientOrderId::generate(&sub, origin)] {
            prop_assert!(id.as_str().len() <= CLIENT_ORDER_ID_MAX_LEN);
            prop_assert_eq!(ClientOrderId::new(id.as_str()), Ok(id));
            let parts = id.parse_pms().expect("ours");
            prop_assert_eq!(parts.sub_account_prefix, sub.prefix());
            prop_assert_eq!(parts.origin, Some(origin));
        }
    }

    /// Foreign ids are valid, print back, and are not ours.
    #[test]
    fn foreign_ids_are_valid_and_not_ours(id in s::foreign_client_order_id()) {
        prop_assert_eq!(ClientOrderId::new(id.as_str()), Ok(id));
        prop_assert_eq!(id.parse_pms(), None);
    }

    /// Symbols, parents, quantities and prices print back to equal values.
    #[test]
    fn values_print_back(symbol in s::symbol(), parent in s::parent_id(), qty in s::qty(), price in s::price()) {
        prop_assert_eq!(Symbol::new(symbol.as_str()), Ok(symbol));
        prop_assert_eq!(ParentId::new(parent.as_str()), Ok(parent));
        prop_assert_eq!(Qty::parse(&qty.to_string()), Ok(qty));
        prop_assert_eq!(Price::parse(&price.to_string()), Ok(price));
    }

    /// `new_order` only makes orders `AnyOrder::new` accepts.
    #[test]
    fn new_orders_are_valid(spec in s::new_order()) {
        prop_assert!(AnyOrder::new(spec).is_ok(), "{:?}", AnyOrder::new(spec));
    }

    /// Well-formed reports: a status the execution type allows, a fill exactly
    /// for fills, an amendment exactly for amendments.
    #[test]
    fn well_formed_reports_are_consistent(report in s::execution_report()) {
        prop_assert!(report.execution.allows(report.status));
        prop_assert_eq!(report.fill.is_some(), report.execution.is_fill());
        prop_assert_eq!(report.amendment.is_some(), report.execution == ExecutionType::Amendment);
    }

    /// Any report against an order in any state (conditional ones and their
    /// algo-service reports included): never a panic; an error leaves the
    /// order exactly as it was; a success never reopens a terminal order,
    /// never lowers the filled quantity, never overfills a known quantity.
    #[test]
    fn any_report_on_any_order(
        (order, report) in s::any_order().prop_flat_map(|o| {
            let aimed = s::report_for(o.clone());
            (Just(o), prop_oneof![aimed, s::any_execution_report()])
        })
    ) {
        let mut after = order.clone();
        match after.apply(&report) {
            Err(_) => prop_assert_eq!(&after, &order),
            Ok(_) => {
                if order.status().is_terminal() {
                    prop_assert_eq!(after.status(), order.status());
                }
                prop_assert!(after.filled_qty() >= order.filled_qty());
                // (A close-position order's quantity is unknown until stated.)
                prop_assert!(!after.quantity_known() || after.filled_qty() <= after.quantity());
            }
        }
    }

    /// Every state is reachable through the order generator.
    #[test]
    fn orders_in_every_state(status in proptest::sample::select(OrderStatus::ALL.to_vec())
        .prop_flat_map(|st| (Just(st), s::order_in_status(st))))
    {
        let (status, order): (OrderStatus, AnyOrder) = status;
        prop_assert_eq!(order.status(), status);
    }
}
