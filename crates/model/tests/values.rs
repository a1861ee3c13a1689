//! Value types through the public API, beyond their modules' unit tests: parsing
//! through `FromStr`, printing, the runtime state names, and the messages errors
//! show to a person.

mod common;

use common::*;
use ordertrack_model::{
    Applied, ApplyError, CLIENT_ORDER_ID_MAX_LEN, ClientOrderId, Closed, DecimalError,
    ExchangeOrderId, ExecutionType, FillError, IdError, Notional, OrderStatus, OrderType, Origin,
    ParentId, Price, Qty, ReportStatus, Request, RequestError, SubAccountId, Symbol, SymbolError,
    TradeId, WorkingType,
};

#[test]
fn generated_ids_fit_for_every_origin_and_sub_account_length() {
    for sub_account in ["abcdefgh", "3f2a9c1e-7b4d-4e1a-9f00-0123456789ab"] {
        let sub = SubAccountId::new(sub_account).unwrap();
        for origin in Origin::ALL {
            let id = ClientOrderId::generate(&sub, origin);
            assert!(id.as_str().len() <= CLIENT_ORDER_ID_MAX_LEN, "{id}");
            assert_eq!(
                id.as_str().len(),
                3 + 8 + 1 + origin.name().len() + 1 + 12,
                "{id}"
            );
            let expected_prefix = format!("PMS{}_{}_", &sub_account[..8], origin.name());
            assert!(id.as_str().starts_with(&expected_prefix), "{id}");
            let parts = id.parse_pms().unwrap();
            assert_eq!(parts.sub_account_prefix, sub.prefix());
            assert_eq!(parts.origin, Some(origin));
            // Valid by Binance's rule, and parses back to the same id.
            assert_eq!(id.as_str().parse::<ClientOrderId>(), Ok(id));
        }
    }
}

#[test]
fn ids_parse_through_from_str_and_print_back() {
    let id: ClientOrderId = "autoclose-1764000000123".parse().unwrap();
    assert_eq!(id.to_string(), "autoclose-1764000000123");
    assert_eq!(
        format!("{id:?}"),
        "ClientOrderId(\"autoclose-1764000000123\")"
    );
    let sub: SubAccountId = "3f2a9c1e-7b4d".parse().unwrap();
    assert_eq!(sub.to_string(), "3f2a9c1e-7b4d");
    assert_eq!(sub.prefix().to_string(), "3f2a9c1e");
    let parent: ParentId = "basket:7/a.b".parse().unwrap();
    assert_eq!(parent.as_str(), "basket:7/a.b");
    assert!("".parse::<ParentId>().is_err());
    assert!(matches!(
        "x".repeat(37).parse::<ClientOrderId>(),
        Err(IdError::TooLong { len: 37, .. })
    ));
    assert_eq!(ExchangeOrderId(8_389_765).to_string(), "8389765");
    assert_eq!(TradeId(42).to_string(), "42");
}

#[test]
fn symbols_parse_through_from_str() {
    let s: Symbol = "BTCUSDT_250926".parse().unwrap();
    assert_eq!(s.to_string(), "BTCUSDT_250926");
    assert_eq!(format!("{s:?}"), "Symbol(\"BTCUSDT_250926\")");
    let err = "BTC/USDT:USDT".parse::<Symbol>().unwrap_err();
    assert!(matches!(err, SymbolError::CcxtForm { .. }));
    assert!(err.to_string().contains("BTCUSDT"), "{err}");
}

#[test]
fn decimals_parse_through_from_str_and_print_exactly() {
    let q: Qty = "0.00100000".parse().unwrap();
    assert_eq!(q.to_string(), "0.001");
    assert_eq!(format!("{q:?}"), "Qty(0.001)");
    let p: Price = "97000.10".parse().unwrap();
    assert_eq!(p.to_string(), "97000.1");
    assert_eq!(format!("{p:?}"), "Price(97000.1)");
    assert!(matches!(
        "-1".parse::<Qty>(),
        Err(DecimalError::InvalidCharacter { position: 0, .. })
    ));
    // No float anywhere: 0.1 + 0.2 is 0.3, and 0.3 - 0.1 is 0.2.
    let sum = qty("0.1").checked_add(qty("0.2")).unwrap();
    assert_eq!(sum, qty("0.3"));
    assert_eq!(sum.checked_sub(qty("0.1")), Some(qty("0.2")));
}

#[test]
fn notional_is_exact_and_its_average_rounds_half_up() {
    let n = Notional::of(px("0.00000001"), qty("0.5"));
    // 10^-8 × 0.5 = 5 × 10^-9: half a price step, which rounds up.
    assert_eq!(n.average_price(qty("1")), Some(px("0.00000001")));
    let n = Notional::of(px("0.00000001"), qty("0.49999999"));
    assert_eq!(n.average_price(qty("1")), Some(Price::ZERO));
    assert_eq!(Notional::ZERO.average_price(Qty::ZERO), None);
}

#[test]
fn notional_units_span_both_halves_and_order_numerically() {
    // 10^-8 × 10^-8: one unit of 10^-16.
    assert_eq!(Notional::of(px("0.00000001"), qty("0.00000001")).units(), 1);
    assert_eq!(Notional::ZERO.units(), 0);
    // The largest product needs more than the low 64 bits, and is exact.
    let max = u128::from(i64::MAX.unsigned_abs());
    let big = Notional::of(Price::MAX, Qty::MAX);
    assert_eq!(big.units(), max * max);
    assert!(big.units() > u128::from(u64::MAX));
    // Sums carry from the low half into the high one.
    let low_full = Notional::of(px("1844674407.37095516"), qty("0.00000001"));
    assert_eq!(low_full.units(), 184_467_440_737_095_516);
    let mut sum = Notional::ZERO;
    for _ in 0..200 {
        sum = sum.plus(low_full);
    }
    assert_eq!(sum.units(), 200 * 184_467_440_737_095_516);
    assert!(sum.units() > u128::from(u64::MAX));
    assert_eq!(
        big.checked_add(big).map(Notional::units),
        Some(2 * max * max)
    );
    // The derived order is the numeric one (high half first).
    assert!(low_full < sum && sum < big);
    assert!(Notional::of(px("1"), qty("2")) > Notional::of(px("1"), qty("1")));
    // An average over both halves still divides exactly.
    assert_eq!(
        sum.average_price(qty("0.000002")),
        Some(px("1844674407.37095516"))
    );
}

#[test]
fn order_status_names_and_classes() {
    let names: Vec<&str> = OrderStatus::ALL.iter().map(|s| s.as_str()).collect();
    assert_eq!(
        names,
        [
            "Idle",
            "Placing",
            "Armed",
            "Active",
            "Cancelling",
            "Filled",
            "Cancelled",
            "Expired",
            "Failed"
        ]
    );
    for status in OrderStatus::ALL {
        assert_eq!(status.to_string(), status.as_str());
        let live = matches!(
            status,
            OrderStatus::Placing
                | OrderStatus::Armed
                | OrderStatus::Active
                | OrderStatus::Cancelling
        );
        let terminal = matches!(
            status,
            OrderStatus::Filled
                | OrderStatus::Cancelled
                | OrderStatus::Expired
                | OrderStatus::Failed
        );
        assert_eq!(status.is_live(), live, "{status}");
        assert_eq!(status.is_terminal(), terminal, "{status}");
    }
}

#[test]
fn report_vocabulary_uses_binance_spellings() {
    let executions = [
        (ExecutionType::New, "NEW"),
        (ExecutionType::Trade, "TRADE"),
        (ExecutionType::Calculated, "CALCULATED"),
        (ExecutionType::Canceled, "CANCELED"),
        (ExecutionType::Expired, "EXPIRED"),
        (ExecutionType::Amendment, "AMENDMENT"),
        (ExecutionType::Rejected, "REJECTED"),
        (ExecutionType::Triggering, "TRIGGERING"),
        (ExecutionType::Triggered, "TRIGGERED"),
    ];
    assert_eq!(executions.len(), ExecutionType::ALL.len());
    for (execution, name) in executions {
        assert_eq!(execution.to_string(), name);
        assert_eq!(
            execution.is_fill(),
            matches!(execution, ExecutionType::Trade | ExecutionType::Calculated)
        );
    }
    let statuses = [
        (ReportStatus::New, "NEW"),
        (ReportStatus::PartiallyFilled, "PARTIALLY_FILLED"),
        (ReportStatus::Filled, "FILLED"),
        (ReportStatus::Canceled, "CANCELED"),
        (ReportStatus::Expired, "EXPIRED"),
        (ReportStatus::ExpiredInMatch, "EXPIRED_IN_MATCH"),
        (ReportStatus::Rejected, "REJECTED"),
        (ReportStatus::Triggering, "TRIGGERING"),
        (ReportStatus::Triggered, "TRIGGERED"),
        (ReportStatus::Finished, "FINISHED"),
    ];
    assert_eq!(statuses.len(), ReportStatus::ALL.len());
    for (working_type, name) in [
        (WorkingType::MarkPrice, "MARK_PRICE"),
        (WorkingType::ContractPrice, "CONTRACT_PRICE"),
    ] {
        assert_eq!(working_type.to_string(), name);
        assert_eq!(WorkingType::from_binance(name), Some(working_type));
    }
    assert_eq!(WorkingType::from_binance("LAST_PRICE"), None);
    let conditional: Vec<_> = OrderType::ALL
        .into_iter()
        .filter(|t| t.is_conditional())
        .map(OrderType::as_str)
        .collect();
    assert_eq!(
        conditional,
        [
            "STOP",
            "STOP_MARKET",
            "TAKE_PROFIT",
            "TAKE_PROFIT_MARKET",
            "TRAILING_STOP_MARKET"
        ]
    );
    for (status, name) in statuses {
        assert_eq!(status.to_string(), name);
    }
}

#[test]
fn applied_helpers() {
    let f = ordertrack_model::FillApplied {
        trade_id: TradeId(1),
        qty: qty("1"),
        price: px("1"),
        filled_qty: qty("1"),
        unseen_qty: Qty::ZERO,
        excess_qty: Qty::ZERO,
    };
    for applied in [
        Applied::PartiallyFilled(f),
        Applied::Filled(f),
        Applied::LateFill(f),
    ] {
        assert_eq!(applied.fill(), Some(&f));
        assert!(!applied.is_ignored());
    }
    let closed = Closed {
        filled_qty: Qty::ZERO,
        unseen_qty: Qty::ZERO,
        excess_qty: Qty::ZERO,
    };
    for applied in [
        Applied::Acknowledged,
        Applied::Cancelled(closed),
        Applied::Expired(closed),
        Applied::Failed(closed),
        Applied::Amended,
    ] {
        assert_eq!(applied.fill(), None);
        assert!(!applied.is_ignored());
    }
    for applied in [Applied::Duplicate, Applied::Stale] {
        assert_eq!(applied.fill(), None);
        assert!(applied.is_ignored());
    }
}

#[test]
fn error_messages_name_the_order_and_the_reason() {
    let mut order = filled("1");
    let error = order.request_cancel(2_000).unwrap_err();
    assert_eq!(
        error,
        RequestError {
            client_id: cid(),
            status: OrderStatus::Filled,
            request: Request::Cancel
        }
    );
    assert_eq!(
        error.to_string(),
        format!("order {} is Filled: cancel is not allowed", cid())
    );
    let names: Vec<String> = [
        Request::Place,
        Request::Cancel,
        Request::PlaceFailed,
        Request::PlaceInDoubt,
        Request::CancelRejected,
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    assert_eq!(
        names,
        [
            "place",
            "cancel",
            "place_failed",
            "place_in_doubt",
            "cancel_rejected"
        ]
    );

    let overfill = ApplyError::Fill {
        client_id: cid(),
        source: FillError::Overfill {
            trade_id: TradeId(5),
            fill_qty: qty("0.1"),
            filled: qty("1"),
            quantity: qty("1"),
        },
    };
    let message = overfill.to_string();
    assert!(
        message.contains(cid().as_str()) && message.contains("overfill"),
        "{message}"
    );
    let inconsistent = ApplyError::Inconsistent {
        execution: ExecutionType::New,
        status: ReportStatus::Filled,
    };
    assert_eq!(
        inconsistent.to_string(),
        "report: execution type NEW cannot come with order status FILLED"
    );
}

#[test]
fn every_construction_error_names_its_kind() {
    use ordertrack_model::{DecimalError, OrderError};
    let sub = SubAccountId::new("3f2a9c1e-7b4d").unwrap();
    assert_eq!(SubAccountId::new("").unwrap_err().kind(), "empty");
    assert_eq!(
        ClientOrderId::new(&"x".repeat(40)).unwrap_err().kind(),
        "too_long"
    );
    assert_eq!(
        ClientOrderId::new("a b").unwrap_err().kind(),
        "invalid_character"
    );
    assert_eq!(
        SubAccountId::new("short").unwrap_err().kind(),
        "sub_account_too_short"
    );
    let decimal = |input: &str| -> &'static str {
        let error: DecimalError = Qty::parse(input).unwrap_err();
        error.kind()
    };
    assert_eq!(
        [
            decimal(""),
            decimal("1x"),
            decimal("0.000000001"),
            decimal("99999999999999")
        ],
        ["empty", "invalid_character", "too_precise", "out_of_range"]
    );
    let client_id = ClientOrderId::generate(&sub, Origin::Chase);
    let kinds = [
        OrderError::ZeroQuantity { client_id },
        OrderError::CloseWithQuantity {
            client_id,
            quantity: Qty::MAX,
        },
        OrderError::TriggerMismatch {
            client_id,
            order_type: OrderType::Limit,
        },
        OrderError::MissingTriggerPrice {
            client_id,
            order_type: OrderType::StopMarket,
        },
        OrderError::MissingPrice {
            client_id,
            order_type: OrderType::Limit,
        },
        OrderError::LeverageOutOfRange {
            client_id,
            leverage: 0,
        },
        OrderError::SubAccountMismatch {
            client_id,
            sub_account: sub,
        },
        OrderError::OriginMismatch {
            client_id,
            origin: None,
        },
    ]
    .map(|e| e.kind());
    assert_eq!(
        kinds,
        [
            "zero_quantity",
            "close_with_quantity",
            "trigger_mismatch",
            "missing_trigger_price",
            "missing_price",
            "leverage_out_of_range",
            "sub_account_mismatch",
            "origin_mismatch"
        ]
    );
}
