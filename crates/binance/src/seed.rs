//! The order an engine would have registered, rebuilt from a stream event.
//!
//! A recorded user-data stream holds only the exchange's side. To replay it
//! through a tracker, [`seed_order`] rebuilds the `Order<Idle>` the engine
//! registered before sending, from the first `ORDER_TRADE_UPDATE` that names
//! one of the engine's `PMS…` client ids:
//!
//! | order field | from |
//! |---|---|
//! | client id | `o.c` (must parse as `PMS{8}_{ORIGIN}_{12 hex}`) |
//! | sub-account | the 8-character prefix in `o.c` (see below) |
//! | origin | the origin code in `o.c` |
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

use ordertrack::{Idle, NewOrder, Order, OrderError, OrderType, Side, SubAccountId};

use crate::convert::{self, ConvertError, clip};
use crate::wire::OrderTradeUpdate;

/// Why no order could be rebuilt from an event.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SeedError {
    /// The client id is not one the engine makes (`autoclose-…`, `web_…`,
    /// another bot): nothing to register.
    #[error("field `$.o.c`: {client_id:?} is not an engine (PMS…) client order id")]
    Foreign {
        /// The client id (cut to 64 characters).
        client_id: String,
    },
    /// `q = "0"`: a close-position conditional order (`cp = true`), which the
    /// model cannot hold (an order's quantity must be greater than zero).
    #[error(
        "field `$.o.q`: \"0\" (close_position = {close_position}); an order's quantity must be greater than zero, so a closePosition order cannot be tracked"
    )]
    ZeroQuantity {
        /// The event's `cp` (absent counts as `false`).
        close_position: bool,
    },
    /// A field the model refuses.
    #[error(transparent)]
    Convert(#[from] ConvertError),
    /// The model refused the rebuilt order (for example a `LIMIT` order with
    /// price `"0"`).
    #[error("the rebuilt order is refused: {0}")]
    Order(#[from] OrderError),
}

impl SeedError {
    /// A short stable name for the error's kind, as counted by the replay:
    /// `foreign_order`, `zero_quantity_order`, `unregistrable_order`, or the
    /// [`ConvertError::kind`].
    #[must_use]
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Foreign { .. } => "foreign_order",
            Self::ZeroQuantity { .. } => "zero_quantity_order",
            Self::Convert(err) => err.kind(),
            Self::Order(_) => "unregistrable_order",
        }
    }
}

/// Rebuilds the order the engine registered for this event's `PMS…` client id,
/// in state `Idle` (register it, then `place` it, then apply the event).
///
/// # Errors
/// [`SeedError`]: a foreign client id, a zero quantity, a field the model
/// refuses (naming its JSON path), or an order the model refuses.
pub fn seed_order(update: &OrderTradeUpdate<'_>) -> Result<Order<Idle>, SeedError> {
    let o = &update.order;
    let client_id = convert::client_id("$.o.c", o.client_order_id)?;
    let parts = client_id.parse_pms().ok_or_else(|| SeedError::Foreign {
        client_id: clip(o.client_order_id),
    })?;
    let sub_account = SubAccountId::new(parts.sub_account_prefix.as_str()).map_err(|source| {
        ConvertError::ClientId {
            field: "$.o.c",
            source,
        }
    })?;
    let quantity = convert::qty("$.o.q", o.orig_qty)?;
    if quantity.is_zero() {
        return Err(SeedError::ZeroQuantity {
            close_position: o.close_position.unwrap_or(false),
        });
    }
    let spec = NewOrder {
        client_id,
        sub_account,
        symbol: convert::symbol("$.o.s", o.symbol)?,
        side: side(o.side)?,
        order_type: order_type(o.orig_order_type)?,
        quantity,
        price: convert::limit_price("$.o.p", o.orig_price)?,
        reduce_only: o.reduce_only,
        origin: parts.origin,
        parent: None,
        leverage: 1,
        created_at: update.transaction_time_ms,
    };
    Ok(Order::new(spec)?)
}

fn side(s: &str) -> Result<Side, ConvertError> {
    Side::from_binance(s).ok_or_else(|| ConvertError::UnknownValue {
        field: "$.o.S",
        value: clip(s),
        expected: "BUY, SELL",
    })
}

fn order_type(s: &str) -> Result<OrderType, ConvertError> {
    OrderType::from_binance(s).ok_or_else(|| ConvertError::UnknownValue {
        field: "$.o.ot",
        value: clip(s),
        expected: "LIMIT, MARKET, STOP, STOP_MARKET, TAKE_PROFIT, TAKE_PROFIT_MARKET, TRAILING_STOP_MARKET, LIQUIDATION",
    })
}

#[cfg(test)]
mod tests {
    use ordertrack::{
        ClientOrderId, NewOrder, OrderError, OrderType, Origin, Price, Qty, Side, SubAccountId,
        Symbol,
    };

    use super::{SeedError, seed_order};
    use crate::wire::{OrderTradeUpdate, UserDataEvent};

    const BASIC: &str = include_str!("../tests/data/session_basic.jsonl");
    const RACES: &str = include_str!("../tests/data/session_races.jsonl");
    const SAMPLE: &str = include_str!("../data/sample_session.jsonl");

    fn update(line: &str) -> OrderTradeUpdate<'_> {
        match UserDataEvent::parse(line).unwrap() {
            UserDataEvent::OrderTradeUpdate(update) => update,
            other => panic!("{other:?}"),
        }
    }

    fn seed(line: &str) -> Result<NewOrder, SeedError> {
        seed_order(&update(line)).map(|order| *order.spec())
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
    fn close_position_orders_cannot_be_registered() {
        let line = with(first(BASIC), r#""q":"0.010""#, r#""q":"0""#);
        let line = with(&line, r#""cp":false"#, r#""cp":true"#);
        let err = seed(&line).unwrap_err();
        assert_eq!(
            err,
            SeedError::ZeroQuantity {
                close_position: true
            }
        );
        assert_eq!(err.kind(), "zero_quantity_order");
        assert!(err.to_string().contains("closePosition"), "{err}");
        let line = with(&line, r#""cp":true"#, r#""cp":false"#);
        assert_eq!(
            seed(&line).unwrap_err(),
            SeedError::ZeroQuantity {
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
            let err = seed(&with(first(BASIC), from, to)).unwrap_err();
            let SeedError::Convert(convert) = &err else {
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
