//! The order an engine would have registered, rebuilt from a stream event.
//!
//! A recorded user-data stream holds only the exchange's side. To replay it
//! through a tracker, [`seed_order`] rebuilds the order the engine
//! sent, from the report of the first
//! `ORDER_TRADE_UPDATE` that names one of the engine's `PMS…` client ids (the
//! report restates the order's terms):
//!
//! | order field | from |
//! |---|---|
//! | client id | `o.c` (must parse as `PMS{8}_{ORIGIN}_{12 hex}`) |
//! | sub-account | the 8-character prefix in `o.c` (see below) |
//! | origin | the origin word in `o.c` (`None` for a word this library does not know) |
//! | symbol, side | `o.s`, `o.S` |
//! | order type | `o.ot`, the *original* type: a triggered `STOP_MARKET` reports `o` = `MARKET` |
//! | quantity | `o.q` (must be > 0) |
//! | price | `o.p`; `"0"` (market, stop-market) → none |
//! | reduce-only | `o.R` |
//! | created at | `T` |
//! | leverage, parent | not in the stream: 1 and none |
//!
//! **Sub-account.** A client id embeds only the first eight characters of the
//! sub-account id. Eight characters make a valid [`SubAccountId`] (its minimum
//! length), so the seed uses the prefix itself as the sub-account: orders of
//! one sub-account stay grouped together, under an id that is the real one's
//! first eight characters.
//!
//! **Close-position orders.** A conditional order sent with
//! `closePosition=true` carries `q = "0"` (it closes whatever the position is
//! when it triggers). The model requires a positive quantity, so such an order
//! cannot be registered: [`SeedError::ZeroQuantity`].
//!
//! ```
//! use ordertrack_binance::{FeedEvent, decode, seed_order};
//!
//! let line = r#"{"e":"ORDER_TRADE_UPDATE","T":1764000000012,"E":1764000000013,"o":{"s":"BTCUSDT","c":"PMS9f3c2a1b_TRAIL_STOP_00000000abcd","S":"SELL","o":"LIMIT","f":"GTC","q":"0.010","p":"86950.00","ap":"0","sp":"0","x":"NEW","X":"NEW","i":4000000001,"l":"0","z":"0.000","L":"0","n":"0","N":"USDT","T":1764000000012,"t":0,"b":"0","a":"869.5","m":false,"R":true,"wt":"CONTRACT_PRICE","ot":"LIMIT","ps":"BOTH","cp":false,"rp":"0","pP":false,"si":0,"ss":0,"V":"EXPIRE_MAKER","pm":"NONE","gtd":0,"er":"0"}}"#;
//! let FeedEvent::OrderUpdate(report) = decode(line)? else { return Err("not an order update".into()) };
//! let order = seed_order(&report)?;
//! assert_eq!(order.sub_account().as_str(), "9f3c2a1b");
//! assert_eq!(order.quantity().to_string(), "0.01");
//! assert!(order.reduce_only());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use ordertrack::{
    AnyOrder, ClientOrderId, ExecutionReport, IdError, NewOrder, OrderError, SubAccountId,
};

/// Why no order could be rebuilt from an event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SeedError {
    /// The client id is not one the engine makes (`autoclose-…`, `web_…`,
    /// another bot), or the event names none: nothing to register.
    #[error("client order id {client_id:?} is not an engine (PMS…) client order id")]
    Foreign {
        /// The client id (empty when the event names none).
        client_id: String,
    },
    /// The event does not restate the order's type (a `TRADE_LITE`), so the
    /// order cannot be rebuilt from it.
    #[error("order {client_id}: the event does not state the order's type (field `ot`)")]
    NoTerms {
        /// The order.
        client_id: ClientOrderId,
    },
    /// `q = "0"`: a close-position conditional order (`cp = true`), which the
    /// model cannot hold (an order's quantity must be greater than zero).
    #[error(
        "order {client_id}: field `q` is \"0\" (close_position = {close_position}); an order's quantity must be greater than zero, so a closePosition order cannot be tracked"
    )]
    ZeroQuantity {
        /// The order.
        client_id: ClientOrderId,
        /// The event's `cp` (absent counts as `false`).
        close_position: bool,
    },
    /// The sub-account prefix of the client id makes no sub-account id.
    #[error("order {client_id}: {source}")]
    SubAccount {
        /// The order.
        client_id: ClientOrderId,
        /// Why.
        source: IdError,
    },
    /// The model refused the rebuilt order (for example a `LIMIT` order with
    /// price `"0"`).
    #[error("the rebuilt order is refused: {0}")]
    Order(#[from] OrderError),
}

impl SeedError {
    /// A short stable name for the error's kind, as counted by the replay:
    /// `foreign_order`, `untyped_order`, `zero_quantity_order` or
    /// `unregistrable_order`.
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Foreign { .. } => "foreign_order",
            Self::NoTerms { .. } => "untyped_order",
            Self::ZeroQuantity { .. } => "zero_quantity_order",
            Self::SubAccount { .. } | Self::Order(_) => "unregistrable_order",
        }
    }
}

/// Rebuilds the order the engine registered for this report's `PMS…` client
/// id, as sent at the report's transaction time (state `Placing`: register
/// it, then apply the report).
/// Everything comes from the report: its client id, the terms it restates
/// ([`ExecutionReport::terms`]) and its transaction time.
///
/// # Errors
/// [`SeedError`]: a foreign client id, a report without the order's type, a
/// zero quantity, or an order the model refuses.
pub fn seed_order(report: &ExecutionReport) -> Result<AnyOrder, SeedError> {
    let foreign = || SeedError::Foreign {
        client_id: report.client_id.map(|c| c.to_string()).unwrap_or_default(),
    };
    let client_id = report.client_id.ok_or_else(foreign)?;
    let parts = client_id.parse_pms().ok_or_else(foreign)?;
    let no_terms = SeedError::NoTerms { client_id };
    let terms = report.terms.ok_or(no_terms.clone())?;
    let order_type = terms.order_type.ok_or(no_terms)?;
    let sub_account = SubAccountId::new(parts.sub_account_prefix.as_str())
        .map_err(|source| SeedError::SubAccount { client_id, source })?;
    if terms.quantity.is_zero() {
        return Err(SeedError::ZeroQuantity {
            client_id,
            close_position: terms.close_position,
        });
    }
    let spec = NewOrder {
        trigger: None,
        client_id,
        sub_account,
        symbol: report.symbol,
        side: terms.side,
        order_type,
        quantity: terms.quantity,
        price: terms.price,
        reduce_only: terms.reduce_only.unwrap_or(false),
        origin: parts.origin,
        parent: None,
        leverage: 1,
        created_at: report.transaction_time,
    };
    Ok(AnyOrder::sent(spec, report.transaction_time)?)
}

#[cfg(test)]
mod tests {
    use ordertrack::{
        ClientOrderId, NewOrder, OrderError, OrderType, Origin, Price, Qty, Side, SubAccountId,
        Symbol,
    };

    use super::{SeedError, seed_order};
    use crate::event::{DecodeError, FeedEvent, decode};

    const BASIC: &str = include_str!("../tests/data/session_basic.jsonl");
    const RACES: &str = include_str!("../tests/data/session_races.jsonl");
    const SAMPLE: &str = include_str!("../data/sample_session.jsonl");

    fn seed(line: &str) -> Result<NewOrder, SeedError> {
        let report = *decode(line).unwrap().report().unwrap();
        seed_order(&report).map(|order| *order.spec())
    }

    fn with(line: &str, from: &str, to: &str) -> String {
        assert!(line.contains(from), "{from}");
        line.replacen(from, to, 1)
    }

    fn first(text: &'static str) -> &'static str {
        text.lines().next().unwrap()
    }

    #[test]
    fn limit_order_seed_has_every_field() {
        let spec = seed(first(BASIC)).unwrap();
        assert_eq!(
            spec,
            NewOrder {
                trigger: None,
                client_id: ClientOrderId::new("PMSa1b2c3d4_CHS_0f1e2d3c4b5a").unwrap(),
                // Only the 8-character prefix is known: it is the sub-account.
                sub_account: SubAccountId::new("a1b2c3d4").unwrap(),
                symbol: Symbol::new("BTCUSDT").unwrap(),
                side: Side::Buy,
                order_type: OrderType::Limit,
                quantity: Qty::parse("0.010").unwrap(),
                price: Some(Price::parse("86950.00").unwrap()),
                reduce_only: false,
                origin: Some(Origin::Chase),
                parent: None,
                leverage: 1,
                created_at: 1_764_000_000_012,
            }
        );
    }

    #[test]
    fn market_reduce_only_and_fill_before_ack() {
        // The first event of this market order is a fill: the seed comes from it.
        let spec = seed(first(RACES)).unwrap();
        assert_eq!(
            (spec.order_type, spec.price, spec.side, spec.origin),
            (OrderType::Market, None, Side::Buy, Some(Origin::Chase))
        );
        assert_eq!(spec.quantity, Qty::parse("0.006").unwrap());
        let reduce = BASIC.lines().nth(9).unwrap();
        let spec = seed(reduce).unwrap();
        assert!(spec.reduce_only);
        assert_eq!((spec.origin, spec.side), (Some(Origin::Manual), Side::Sell));
    }

    #[test]
    fn triggered_stop_keeps_its_original_type() {
        let triggered = SAMPLE
            .lines()
            .find(|l| l.contains(r#""o":"MARKET""#) && l.contains(r#""ot":"STOP_MARKET""#))
            .unwrap();
        let spec = seed(triggered).unwrap();
        assert_eq!(spec.order_type, OrderType::StopMarket);
        assert_eq!(spec.symbol.as_str(), "BTCUSDT_251226");
        assert_eq!((spec.price, spec.origin), (None, Some(Origin::TrailStop)));
        assert_eq!(spec.sub_account.as_str(), "7f3e9c21");
    }

    #[test]
    fn foreign_ids_are_not_seeded() {
        for id in [
            "autoclose-1764000000123",
            "adl_autoclose",
            "web_abc123",
            "TEST",
        ] {
            let line = with(first(BASIC), "PMSa1b2c3d4_CHS_0f1e2d3c4b5a", id);
            let err = seed(&line).unwrap_err();
            assert_eq!(
                err,
                SeedError::Foreign {
                    client_id: id.to_owned()
                }
            );
            assert_eq!(err.kind(), "foreign_order");
        }
    }

    #[test]
    fn unknown_origin_words_are_seeded_with_no_origin() {
        let line = with(
            first(BASIC),
            "PMSa1b2c3d4_CHS_0f1e2d3c4b5a",
            "PMSa1b2c3d4_GRID_0f1e2d3c4b5a",
        );
        let spec = seed(&line).unwrap();
        assert_eq!((spec.origin, spec.sub_account.as_str()), (None, "a1b2c3d4"));
        let line = with(first(BASIC), "PMSa1b2c3d4_CHS_", "PMSa1b2c3d4_TRAIL_STOP_");
        assert_eq!(seed(&line).unwrap().origin, Some(Origin::TrailStop));
    }

    #[test]
    fn a_trade_lite_cannot_seed_an_order() {
        let lite = SAMPLE.lines().find(|l| l.contains("TRADE_LITE")).unwrap();
        let Ok(FeedEvent::TradeLite(report)) = decode(lite) else {
            panic!("{lite}");
        };
        let err = seed_order(&report).unwrap_err();
        assert!(
            matches!(err, SeedError::NoTerms { .. } | SeedError::Foreign { .. }),
            "{err:?}"
        );
    }

    #[test]
    fn close_position_orders_cannot_be_registered() {
        let line = with(first(BASIC), r#""q":"0.010""#, r#""q":"0""#);
        let line = with(&line, r#""cp":false"#, r#""cp":true"#);
        let err = seed(&line).unwrap_err();
        let client_id = ClientOrderId::new("PMSa1b2c3d4_CHS_0f1e2d3c4b5a").unwrap();
        assert_eq!(
            err,
            SeedError::ZeroQuantity {
                client_id,
                close_position: true
            }
        );
        assert_eq!(err.kind(), "zero_quantity_order");
        assert!(err.to_string().contains("closePosition"), "{err}");
        let line = with(&line, r#""cp":true"#, r#""cp":false"#);
        assert_eq!(
            seed(&line).unwrap_err(),
            SeedError::ZeroQuantity {
                client_id,
                close_position: false
            }
        );
    }

    #[test]
    fn refused_fields_name_their_path() {
        for (from, to, field, kind) in [
            (r#""S":"BUY""#, r#""S":"LONG""#, "$.o.S", "unknown_value"),
            (
                r#""ot":"LIMIT""#,
                r#""ot":"ICEBERG""#,
                "$.o.ot",
                "unknown_value",
            ),
            (r#""q":"0.010""#, r#""q":"-1""#, "$.o.q", "bad_decimal"),
            (
                r#""p":"86950.00""#,
                r#""p":"8.695e4""#,
                "$.o.p",
                "bad_decimal",
            ),
            (
                r#""s":"BTCUSDT""#,
                r#""s":"BTC-USDT""#,
                "$.o.s",
                "bad_symbol",
            ),
            (
                r#""c":"PMSa1b2c3d4_CHS_0f1e2d3c4b5a""#,
                r#""c":"PMSa1b2c3d4_CHS_0f1e2d3c4b5a#""#,
                "$.o.c",
                "bad_client_id",
            ),
        ] {
            let err = decode(&with(first(BASIC), from, to)).unwrap_err();
            let DecodeError::Convert(convert) = &err else {
                panic!("{to}: {err:?}");
            };
            assert_eq!((convert.field(), err.kind()), (field, kind), "{to}");
        }
    }

    #[test]
    fn orders_the_model_refuses() {
        let line = with(first(BASIC), r#""p":"86950.00""#, r#""p":"0""#);
        let err = seed(&line).unwrap_err();
        assert!(
            matches!(
                err,
                SeedError::Order(OrderError::MissingPrice {
                    order_type: OrderType::Limit,
                    ..
                })
            ),
            "{err:?}"
        );
        assert_eq!(err.kind(), "unregistrable_order");
    }
}
