//! The columns of an order ([`Col`]): [`OrderParts`] written as one field per
//! column, the same fields an `orders` row and a journaled `register` hold,
//! and read back (the text a person reads: decimals as decimals, states and
//! enums by name, remembered trade ids as `7,8,9`).

use ordertrack::{
    AckedData, AlgoId, ArmedData, CancellingData, ClientOrderId, ClosedData, ExchangeOrderId,
    ExpiryReason, FailReason, FilledData, NewOrder, OrderParts, OrderType, Origin, ParentId,
    PlacingData, Price, Qty, Side, StateData, SubAccountId, Symbol, Trigger, WorkingType,
};

use crate::value::{Value, to_u64};

macro_rules! columns {
    ($($(#[$meta:meta])* $name:ident = $sql:literal,)*) => {
        /// An order column, in table order.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub(crate) enum Col { $($(#[$meta])* $name,)* }

        impl Col {
            /// Every column, in table order.
            pub(crate) const ALL: &'static [Self] = &[$(Self::$name,)*];

            /// The column's name.
            pub(crate) const fn name(self) -> &'static str {
                match self { $(Self::$name => $sql,)* }
            }
        }
    };
}

columns! {
    ClientId = "client_id", SubAccount = "sub_account", Symbol = "symbol", Side = "side",
    OrderType = "order_type", Quantity = "quantity", Price = "price",
    ReduceOnly = "reduce_only", TriggerPrice = "trigger_price", WorkingType = "working_type",
    ClosePosition = "close_position", Origin = "origin", Parent = "parent",
    Leverage = "leverage", CreatedAt = "created_at", State = "state",
    ExchangeId = "exchange_id", SentAt = "sent_at", InDoubtSince = "in_doubt_since",
    TriggeringSince = "triggering_since", CancelRequestedAt = "cancel_requested_at",
    ClosedAt = "closed_at", ExpiryReason = "expiry_reason", FailReason = "fail_reason",
    FailCode = "fail_code", UpdatedAt = "updated_at", AlgoId = "algo_id",
    TriggeredAt = "triggered_at", Filled = "filled", Notional = "notional",
    /// Derived (notional ÷ filled), for a reader; added by schema version 2,
    /// never read back.
    AvgPrice = "avg_price",
    FillCount = "fill_count", LastTradeId = "last_trade_id", LastQty = "last_qty",
    LastPrice = "last_price", RecentTrades = "recent_trades", TradeFloor = "trade_floor",
}

/// The fields of an order, one per [`Col`].
pub(crate) type Row = Vec<Value>;

fn set(row: &mut Row, col: Col, value: Value) {
    if let Some(slot) = row.get_mut(col as usize) {
        *slot = value;
    }
}

/// The order `parts` as one value per column.
pub(crate) fn encode(parts: &OrderParts) -> Row {
    let mut row = vec![Value::Null; Col::ALL.len()];
    let spec = &parts.spec;
    let r = &mut row;
    set(r, Col::ClientId, Value::text(spec.client_id));
    set(r, Col::SubAccount, Value::text(spec.sub_account));
    set(r, Col::Symbol, Value::text(spec.symbol));
    set(r, Col::Side, Value::text(spec.side.as_str()));
    set(r, Col::OrderType, Value::text(spec.order_type.as_str()));
    set(r, Col::Quantity, Value::text(spec.quantity));
    set(r, Col::Price, Value::opt_text(spec.price));
    set(r, Col::ReduceOnly, Value::bool(spec.reduce_only));
    if let Some(trigger) = spec.trigger {
        set(r, Col::TriggerPrice, Value::opt_text(trigger.price));
        set(
            r,
            Col::WorkingType,
            Value::text(trigger.working_type.as_str()),
        );
        set(r, Col::ClosePosition, Value::bool(trigger.close_position));
    }
    set(
        r,
        Col::Origin,
        Value::opt_text(spec.origin.map(Origin::name)),
    );
    set(r, Col::Parent, Value::opt_text(spec.parent));
    set(r, Col::Leverage, Value::Int(i64::from(spec.leverage)));
    set(r, Col::CreatedAt, Value::u64(spec.created_at));
    encode_state(r, &parts.state);
    set(r, Col::UpdatedAt, Value::u64(parts.updated_at));
    set(
        r,
        Col::AlgoId,
        Value::opt_u64(parts.algo_id.map(AlgoId::get)),
    );
    set(r, Col::TriggeredAt, Value::opt_u64(parts.triggered_at));
    let fills = &parts.fills;
    set(r, Col::Filled, Value::text(fills.filled));
    set(
        r,
        Col::Notional,
        Value::Text(crate::fills::format_notional(fills.notional)),
    );
    let average = ordertrack::Notional::from_units(fills.notional).average_price(fills.filled);
    set(r, Col::AvgPrice, Value::opt_text(average));
    set(r, Col::FillCount, Value::Int(i64::from(fills.count)));
    if let Some(last) = fills.last {
        set(r, Col::LastTradeId, Value::u64(last.trade_id.0));
        set(r, Col::LastQty, Value::text(last.qty));
        set(r, Col::LastPrice, Value::text(last.price));
    }
    let recent: Vec<String> = fills.recent.iter().map(|t| t.0.to_string()).collect();
    set(r, Col::RecentTrades, Value::Text(recent.join(",")));
    set(r, Col::TradeFloor, Value::opt_u64(fills.floor.map(|t| t.0)));
    row
}

fn encode_state(r: &mut Row, state: &StateData) {
    set(r, Col::State, Value::text(state.status()));
    set(
        r,
        Col::ExchangeId,
        Value::opt_u64(state.exchange_id().map(|e| e.0)),
    );
    set(r, Col::ClosedAt, Value::opt_u64(state.closed_at()));
    match *state {
        StateData::Idle => {}
        StateData::Placing(d) => encode_placing(r, d),
        StateData::Armed(d) => {
            set(r, Col::SentAt, Value::u64(d.sent_at));
            set(r, Col::TriggeringSince, Value::opt_u64(d.triggering_since));
        }
        StateData::Active(AckedData { sent_at, .. }) => set(r, Col::SentAt, Value::u64(sent_at)),
        StateData::Cancelling(d) => {
            encode_placing(r, d.placing);
            set(r, Col::CancelRequestedAt, Value::u64(d.requested_at));
        }
        StateData::Filled(_) | StateData::Cancelled(_) => {}
        StateData::Expired(d) => {
            set(
                r,
                Col::ExpiryReason,
                Value::opt_u64(d.detail.map(|e| u64::from(e.0))),
            );
        }
        StateData::Failed(d) => match d.detail {
            FailReason::Rejected => set(r, Col::FailReason, Value::text("REJECTED")),
            FailReason::ExchangeError { code } => {
                set(r, Col::FailReason, Value::text("EXCHANGE_ERROR"));
                set(r, Col::FailCode, Value::Int(i64::from(code)));
            }
        },
    }
}

fn encode_placing(r: &mut Row, d: PlacingData) {
    set(r, Col::SentAt, Value::u64(d.sent_at));
    set(r, Col::InDoubtSince, Value::opt_u64(d.in_doubt_since));
}

/// A column that cannot be read, and why.
pub(crate) type Bad = (Col, String);

/// Reads the columns of one order.
pub(crate) struct Reader<'a>(pub(crate) &'a [Value]);

impl Reader<'_> {
    pub(crate) fn value(&self, col: Col) -> &Value {
        self.0.get(col as usize).unwrap_or(&Value::Null)
    }

    pub(crate) fn text(&self, col: Col) -> Result<Option<&str>, Bad> {
        self.value(col).as_text().map_err(|rule| (col, rule))
    }

    pub(crate) fn int(&self, col: Col) -> Result<Option<i64>, Bad> {
        self.value(col).as_int().map_err(|rule| (col, rule))
    }

    pub(crate) fn need<T>(&self, col: Col, value: Option<T>) -> Result<T, Bad> {
        value.ok_or_else(|| (col, "missing".to_owned()))
    }

    pub(crate) fn parse<T, E: std::fmt::Display>(
        &self,
        col: Col,
        parse: impl FnOnce(&str) -> Result<T, E>,
    ) -> Result<Option<T>, Bad> {
        self.text(col)?
            .map(|s| parse(s).map_err(|e| (col, e.to_string())))
            .transpose()
    }

    pub(crate) fn named<T: Copy>(&self, col: Col, names: &[(T, &str)]) -> Result<Option<T>, Bad> {
        self.parse(col, |s| {
            names
                .iter()
                .find(|(_, name)| *name == s)
                .map(|(value, _)| *value)
                .ok_or_else(|| {
                    format!(
                        "{:?} is not one of the names it takes",
                        crate::error::clip(s)
                    )
                })
        })
    }

    pub(crate) fn u64(&self, col: Col) -> Result<Option<u64>, Bad> {
        Ok(self.int(col)?.map(to_u64))
    }

    pub(crate) fn small<T: TryFrom<i64>>(&self, col: Col) -> Result<Option<T>, Bad> {
        self.int(col)?
            .map(|i| T::try_from(i).map_err(|_| (col, format!("{i} is out of range"))))
            .transpose()
    }

    pub(crate) fn flag(&self, col: Col) -> Result<Option<bool>, Bad> {
        match self.int(col)? {
            None => Ok(None),
            Some(0) => Ok(Some(false)),
            Some(1) => Ok(Some(true)),
            Some(i) => Err((col, format!("{i}, expected 0 or 1"))),
        }
    }
}

/// The order parts `row` holds, or the first column that breaks a rule. The
/// row must be exactly what [`encode`] writes for those parts (the derived
/// average price aside): a field the state does not have, or a decimal not
/// in its shortest form, is refused.
pub(crate) fn decode(row: &[Value]) -> Result<OrderParts, Bad> {
    let parts = decode_fields(&Reader(row))?;
    let canonical = encode(&parts);
    for col in Col::ALL.iter().copied().filter(|c| *c != Col::AvgPrice) {
        if canonical.get(col as usize) != row.get(col as usize) {
            return Err((col, "not the value the order's other fields give (a field its state does not have, or not the shortest form)".to_owned()));
        }
    }
    Ok(parts)
}

fn decode_fields(r: &Reader<'_>) -> Result<OrderParts, Bad> {
    let client_id = r.parse(Col::ClientId, ClientOrderId::new)?;
    let order_type = r.parse(Col::OrderType, |s| {
        OrderType::from_binance(s).ok_or("not an order type")
    })?;
    let order_type = r.need(Col::OrderType, order_type)?;
    let trigger = match r.flag(Col::ClosePosition)? {
        Some(close_position) => Some(Trigger {
            price: r.parse(Col::TriggerPrice, Price::parse)?,
            working_type: r.need(
                Col::WorkingType,
                r.parse(Col::WorkingType, |s| {
                    WorkingType::from_binance(s).ok_or("not a working type")
                })?,
            )?,
            close_position,
        }),
        None => None,
    };
    let spec = NewOrder {
        client_id: r.need(Col::ClientId, client_id)?,
        sub_account: r.need(
            Col::SubAccount,
            r.parse(Col::SubAccount, SubAccountId::new)?,
        )?,
        symbol: r.need(Col::Symbol, r.parse(Col::Symbol, Symbol::new)?)?,
        side: r.need(
            Col::Side,
            r.named(Col::Side, &[(Side::Buy, "BUY"), (Side::Sell, "SELL")])?,
        )?,
        order_type,
        quantity: r.need(Col::Quantity, r.parse(Col::Quantity, Qty::parse)?)?,
        price: r.parse(Col::Price, Price::parse)?,
        reduce_only: r.need(Col::ReduceOnly, r.flag(Col::ReduceOnly)?)?,
        trigger,
        origin: r.parse(Col::Origin, |s| Origin::from_name(s).ok_or("not an origin"))?,
        parent: r.parse(Col::Parent, ParentId::new)?,
        leverage: r.need(Col::Leverage, r.small(Col::Leverage)?)?,
        created_at: r.need(Col::CreatedAt, r.u64(Col::CreatedAt)?)?,
    };
    let algo_id = r
        .u64(Col::AlgoId)?
        .map(|id| AlgoId::new(id).ok_or((Col::AlgoId, "zero".to_owned())))
        .transpose()?;
    Ok(OrderParts {
        spec,
        state: decode_state(r, algo_id)?,
        updated_at: r.need(Col::UpdatedAt, r.u64(Col::UpdatedAt)?)?,
        algo_id,
        triggered_at: r.u64(Col::TriggeredAt)?,
        fills: crate::fills::decode(r)?,
    })
}

fn decode_state(r: &Reader<'_>, algo_id: Option<AlgoId>) -> Result<StateData, Bad> {
    let names: Vec<_> = ordertrack::OrderStatus::ALL
        .iter()
        .map(|s| (*s, s.as_str()))
        .collect();
    let status = r.need(Col::State, r.named(Col::State, &names)?)?;
    let exchange_id = r.u64(Col::ExchangeId)?.map(ExchangeOrderId);
    let need_exchange_id = || r.need(Col::ExchangeId, exchange_id);
    let sent_at = || r.need(Col::SentAt, r.u64(Col::SentAt)?);
    let closed_at = || r.need(Col::ClosedAt, r.u64(Col::ClosedAt)?);
    let placing = || -> Result<PlacingData, Bad> {
        Ok(PlacingData {
            sent_at: sent_at()?,
            in_doubt_since: r.u64(Col::InDoubtSince)?,
        })
    };
    use ordertrack::OrderStatus as S;
    Ok(match status {
        S::Idle => StateData::Idle,
        S::Placing => StateData::Placing(placing()?),
        S::Armed => StateData::Armed(ArmedData {
            algo_id: r.need(Col::AlgoId, algo_id)?,
            sent_at: sent_at()?,
            triggering_since: r.u64(Col::TriggeringSince)?,
        }),
        S::Active => StateData::Active(AckedData {
            exchange_id: need_exchange_id()?,
            sent_at: sent_at()?,
        }),
        S::Cancelling => StateData::Cancelling(CancellingData {
            exchange_id,
            requested_at: r.need(Col::CancelRequestedAt, r.u64(Col::CancelRequestedAt)?)?,
            placing: placing()?,
        }),
        S::Filled => StateData::Filled(FilledData {
            exchange_id: need_exchange_id()?,
            closed_at: closed_at()?,
        }),
        S::Cancelled => StateData::Cancelled(ClosedData {
            exchange_id,
            closed_at: closed_at()?,
            detail: (),
        }),
        S::Expired => StateData::Expired(ClosedData {
            exchange_id,
            closed_at: closed_at()?,
            detail: r.small(Col::ExpiryReason)?.map(ExpiryReason),
        }),
        S::Failed => StateData::Failed(ClosedData {
            exchange_id,
            closed_at: closed_at()?,
            detail: match r.need(Col::FailReason, r.text(Col::FailReason)?)? {
                "REJECTED" => FailReason::Rejected,
                "EXCHANGE_ERROR" => FailReason::ExchangeError {
                    code: r.need(Col::FailCode, r.small(Col::FailCode)?)?,
                },
                other => {
                    let rule = format!(
                        "{:?}: expected REJECTED or EXCHANGE_ERROR",
                        crate::error::clip(other)
                    );
                    return Err((Col::FailReason, rule));
                }
            },
        }),
    })
}
