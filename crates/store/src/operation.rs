//! [`Op`]: one tracker operation as the journal holds it — kind, the order
//! it names, a JSON payload — and run on a tracker. The live path and replay
//! call the same [`Op::run`], so a replayed operation does exactly what it
//! did the first time.

use ordertrack::{AnyOrder, ClientOrderId, ExecutionReport, FailReason};
use serde_json::{Map, Value as Json};

use crate::columns::{self, Col};
use crate::error::{StoreError, clip};
use crate::json::{Field, Fields};
use crate::value::Value;

/// Longest journal payload read back; a row holding more is refused before
/// it is parsed (a register's payload is under 2 KiB).
pub(crate) const MAX_PAYLOAD: usize = 16 * 1024;

/// One operation on the tracker, naming orders by client id (keys do not
/// survive a restart).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    /// Start tracking an order, in any state.
    Register(AnyOrder),
    /// The engine sent the order.
    Place(ClientOrderId, u64),
    /// The engine sent a cancel.
    Cancel(ClientOrderId, u64),
    /// The exchange refused the placement definitively.
    PlaceFailed(ClientOrderId, FailReason, u64),
    /// The placement's outcome is unknown.
    PlaceInDoubt(ClientOrderId, u64),
    /// The exchange refused the cancel.
    CancelRejected(ClientOrderId, u64),
    /// A feed report.
    Apply(ExecutionReport),
    /// Removal of terminal orders older than `max_age` ms at `now`.
    Cleanup { now: u64, max_age_ms: u64 },
}

/// An operation as a journal row: its kind, the order it names, its payload.
pub(crate) struct Entry {
    pub(crate) kind: &'static str,
    pub(crate) client_id: Option<ClientOrderId>,
    pub(crate) payload: String,
}

/// Every kind a journal row can have.
const KINDS: [&str; 8] = [
    "register",
    "place",
    "cancel",
    "place_failed",
    "place_in_doubt",
    "cancel_rejected",
    "apply",
    "cleanup",
];

impl Op {
    /// The journal's name for this kind of operation.
    pub(crate) const fn kind(&self) -> &'static str {
        match self {
            Self::Register(_) => "register",
            Self::Place(..) => "place",
            Self::Cancel(..) => "cancel",
            Self::PlaceFailed(..) => "place_failed",
            Self::PlaceInDoubt(..) => "place_in_doubt",
            Self::CancelRejected(..) => "cancel_rejected",
            Self::Apply(_) => "apply",
            Self::Cleanup { .. } => "cleanup",
        }
    }

    /// The operation as a journal row. Absent fields are left out of the
    /// payload (read back as absent).
    pub(crate) fn encode(&self) -> Entry {
        let (client_id, payload) = self.payload();
        Entry {
            kind: self.kind(),
            client_id,
            payload: payload.to_string(),
        }
    }

    fn payload(&self) -> (Option<ClientOrderId>, Json) {
        let (client_id, mut payload) = self.payload_with_nulls();
        strip_nulls(&mut payload);
        (client_id, payload)
    }

    fn payload_with_nulls(&self) -> (Option<ClientOrderId>, Json) {
        let now = |client_id: &ClientOrderId, now: u64| {
            let mut o = Map::new();
            o.insert("now".into(), Json::from(now));
            (Some(*client_id), o)
        };
        let (client_id, o) = match self {
            Self::Register(order) => {
                let row = columns::encode(&order.to_parts());
                let o = Col::ALL
                    .iter()
                    .zip(&row)
                    .map(|(col, value)| (col.name().to_owned(), value.to_json()))
                    .collect();
                (Some(order.client_id()), o)
            }
            Self::Place(c, t)
            | Self::Cancel(c, t)
            | Self::PlaceInDoubt(c, t)
            | Self::CancelRejected(c, t) => now(c, *t),
            Self::PlaceFailed(c, reason, t) => {
                let (client_id, mut o) = now(c, *t);
                let (name, code) = match reason {
                    FailReason::Rejected => ("REJECTED", Json::Null),
                    FailReason::ExchangeError { code } => ("EXCHANGE_ERROR", Json::from(*code)),
                };
                o.insert("reason".into(), Json::from(name));
                o.insert("code".into(), code);
                (client_id, o)
            }
            Self::Apply(report) => return (report.client_id, crate::report::encode(report)),
            Self::Cleanup { now, max_age_ms } => {
                let mut o = Map::new();
                o.insert("now".into(), Json::from(*now));
                o.insert("max_age_ms".into(), Json::from(*max_age_ms));
                (None, o)
            }
        };
        (client_id, Json::Object(o))
    }

    /// The operation journal entry `seq` of kind `kind` holds, refusing a
    /// payload that is too long, not JSON, missing a field or holding one
    /// the store does not write.
    pub(crate) fn decode(
        seq: u64,
        kind: &str,
        client_id: Option<&str>,
        payload: &str,
    ) -> Result<Self, StoreError> {
        let bad = |(field, rule): Field| StoreError::JournalEntry {
            seq,
            kind: clip(kind),
            field,
            rule,
        };
        if payload.len() > MAX_PAYLOAD {
            return Err(bad((
                "payload",
                format!("{} bytes, at most {MAX_PAYLOAD}", payload.len()),
            )));
        }
        if !KINDS.contains(&kind) {
            return Err(bad((
                "kind",
                "not an operation this store writes".to_owned(),
            )));
        }
        let json: Json = serde_json::from_str(payload)
            .map_err(|e| bad(("payload", format!("not JSON: {e}"))))?;
        let fields = Fields::of(&json).map_err(bad)?;
        let op = Self::decode_fields(kind, client_id, &fields).map_err(bad)?;
        let (written_id, mut canonical) = op.payload();
        let mut given = json.clone();
        for value in [&mut canonical, &mut given] {
            if let Json::Object(o) = value {
                o.remove(Col::AvgPrice.name());
            }
        }
        if canonical != given {
            return Err(bad((
                "payload",
                "not the form the store writes for its fields".to_owned(),
            )));
        }
        if kind != "apply" && written_id.map(|c| c.to_string()).as_deref() != client_id {
            return Err(bad((
                "client_id",
                "not the order the payload names".to_owned(),
            )));
        }
        Ok(op)
    }

    fn decode_fields(kind: &str, client_id: Option<&str>, f: &Fields<'_>) -> Result<Self, Field> {
        let order = || -> Result<ClientOrderId, Field> {
            let text = client_id.ok_or(("client_id", "missing".to_owned()))?;
            ClientOrderId::new(text).map_err(|e| ("client_id", e.to_string()))
        };
        let now = || f.need("now", f.u64("now")?);
        Ok(match kind {
            "register" => {
                let row = Col::ALL
                    .iter()
                    .map(|col| {
                        Value::from_json(f.0.get(col.name())).map_err(|rule| (col.name(), rule))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                let parts = columns::decode(&row).map_err(|(col, rule)| (col.name(), rule))?;
                Self::Register(AnyOrder::from_parts(parts).map_err(|e| ("order", e.to_string()))?)
            }
            "place" => Self::Place(order()?, now()?),
            "cancel" => Self::Cancel(order()?, now()?),
            "place_in_doubt" => Self::PlaceInDoubt(order()?, now()?),
            "cancel_rejected" => Self::CancelRejected(order()?, now()?),
            "place_failed" => {
                let reason = match f
                    .need(
                        "reason",
                        f.parse("reason", |s| Ok::<_, String>(s.to_owned()))?,
                    )?
                    .as_str()
                {
                    "REJECTED" => FailReason::Rejected,
                    "EXCHANGE_ERROR" => {
                        let code =
                            f.0.get("code")
                                .and_then(Json::as_i64)
                                .and_then(|c| i32::try_from(c).ok());
                        FailReason::ExchangeError {
                            code: f.need("code", code)?,
                        }
                    }
                    _ => return Err(("reason", "expected REJECTED or EXCHANGE_ERROR".to_owned())),
                };
                Self::PlaceFailed(order()?, reason, now()?)
            }
            "apply" => Self::Apply(crate::report::decode(f)?),
            _ => Self::Cleanup {
                now: now()?,
                max_age_ms: f.need("max_age_ms", f.u64("max_age_ms")?)?,
            },
        })
    }
}

/// `value` without its null members, at every depth.
fn strip_nulls(value: &mut Json) {
    if let Json::Object(o) = value {
        o.retain(|_, member| !member.is_null());
        o.values_mut().for_each(strip_nulls);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use ordertrack::testing::Fixture;
    use ordertrack::*;

    use super::Op;

    fn round_trip(op: &Op) -> Op {
        let entry = op.encode();
        let client_id = entry.client_id.map(|c| c.to_string());
        Op::decode(7, entry.kind, client_id.as_deref(), &entry.payload).unwrap()
    }

    #[test]
    fn every_field_of_every_operation_reads_back() {
        let f = Fixture::stop(3);
        let c = f.spec.client_id;
        let report = ExecutionReport {
            client_id: Some(c),
            exchange_id: Some(ExchangeOrderId(u64::MAX)),
            algo_id: AlgoId::new(77),
            fill: Some(ReportFill {
                trade_id: TradeId(9),
                qty: Qty::parse("0.001").unwrap(),
                price: Price::parse("92233720368.54775807").unwrap(),
            }),
            cumulative_qty: Some(Qty::parse("1").unwrap()),
            terms: Some(OrderTerms {
                side: Side::Sell,
                order_type: Some(OrderType::StopMarket),
                quantity: Qty::parse("1").unwrap(),
                price: Some(Price::parse("1.5").unwrap()),
                reduce_only: Some(true),
                close_position: false,
                trigger_price: Some(Price::parse("95").unwrap()),
                working_type: Some(WorkingType::MarkPrice),
            }),
            amendment: Some(Amendment {
                quantity: Qty::parse("2").unwrap(),
                price: None,
            }),
            expiry_reason: Some(ExpiryReason(8)),
            ..ExecutionReport::new(f.spec.symbol, ExecutionType::Trade, ReportStatus::Filled, 5)
        };
        let ops = [
            Op::Register(f.triggering()),
            Op::Register(Fixture::new(4).failed()),
            Op::Place(c, 1),
            Op::Cancel(c, 2),
            Op::PlaceFailed(c, FailReason::Rejected, 3),
            Op::PlaceFailed(c, FailReason::ExchangeError { code: -2019 }, 3),
            Op::PlaceInDoubt(c, 4),
            Op::CancelRejected(c, u64::MAX),
            Op::Apply(report),
            Op::Apply(ExecutionReport::new(
                f.spec.symbol,
                ExecutionType::New,
                ReportStatus::New,
                0,
            )),
            Op::Cleanup {
                now: 10,
                max_age_ms: u64::MAX,
            },
        ];
        for op in ops {
            assert_eq!(round_trip(&op), op);
        }
    }

    #[test]
    fn a_register_naming_another_order_than_its_row_is_refused() {
        let other = Fixture::new(2).spec.client_id.to_string();
        let register = Op::Register(Fixture::new(1).idle()).encode();
        let err = Op::decode(3, register.kind, Some(&other), &register.payload).unwrap_err();
        assert!(err.to_string().contains("client_id"), "{err}");
    }
}
