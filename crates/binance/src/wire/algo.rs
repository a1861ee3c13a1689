//! What the algo service's payloads share: its order status
//! ([`WireAlgoStatus`], `X` of an `ALGO_UPDATE`, `algoStatus` of an answer) and
//! the id of the matching-engine order a conditional order triggered into
//! ([`ActualOrderId`], `ai` / `actualOrderId`, `""` before the trigger).

use ordertrack::{ExchangeOrderId, ExecutionType, ReportStatus};
use serde::Deserialize;
use serde::de;

use super::value::{IdVisitor, wire_enum};

wire_enum! {
    /// The status of a conditional order on Binance's algo service.
    WireAlgoStatus {
        /// `NEW`: accepted by the algo service, waiting for its trigger.
        New = "NEW",
        /// `TRIGGERING`: the condition was met; its matching-engine order
        /// is being placed.
        Triggering = "TRIGGERING",
        /// `TRIGGERED`: placed into the matching engine (`ai` names it).
        Triggered = "TRIGGERED",
        /// `FINISHED`: the triggered order is done (filled or canceled in
        /// the matching engine; its own events say how).
        Finished = "FINISHED",
        /// `CANCELED`: canceled before it triggered.
        Canceled = "CANCELED",
        /// `EXPIRED`: canceled by the system (a GTE_GTC order whose position
        /// closed).
        Expired = "EXPIRED",
        /// `REJECTED`: the matching engine refused the order at its trigger
        /// (a margin check, a reduce-only conflict: `rm`).
        Rejected = "REJECTED",
    }
}

impl WireAlgoStatus {
    /// The report's execution type and status: `NEW` → (`New`, `New`),
    /// `TRIGGERING` → (`Triggering`, `Triggering`), `TRIGGERED` →
    /// (`Triggered`, `Triggered`), `FINISHED` → (`Triggered`, `Finished`),
    /// `CANCELED` / `EXPIRED` / `REJECTED` → the same execution and status.
    #[must_use]
    pub const fn execution(self) -> (ExecutionType, ReportStatus) {
        match self {
            Self::New => (ExecutionType::New, ReportStatus::New),
            Self::Triggering => (ExecutionType::Triggering, ReportStatus::Triggering),
            Self::Triggered => (ExecutionType::Triggered, ReportStatus::Triggered),
            Self::Finished => (ExecutionType::Triggered, ReportStatus::Finished),
            Self::Canceled => (ExecutionType::Canceled, ReportStatus::Canceled),
            Self::Expired => (ExecutionType::Expired, ReportStatus::Expired),
            Self::Rejected => (ExecutionType::Rejected, ReportStatus::Rejected),
        }
    }
}

/// The matching-engine order a conditional order triggered into (`ai` of an
/// `ALGO_UPDATE`, `actualOrderId` of an answer): a decimal string (Binance's
/// form) or a number; `""` — and `0`, which no order has — until the trigger,
/// read as none. Any other string (`"abc"`, `"-1"`, `"1.5"`) is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ActualOrderId(pub Option<ExchangeOrderId>);

impl<'de> Deserialize<'de> for ActualOrderId {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(IdVisitor::BLANK_IS_ZERO)
            .map(|id| Self((id != 0).then_some(ExchangeOrderId(id))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actual(json: &str) -> Result<Option<u64>, String> {
        serde_json::from_str::<ActualOrderId>(json)
            .map(|id| id.0.map(|e| e.0))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn actual_order_ids_are_none_until_the_trigger() {
        assert_eq!(actual(r#""""#), Ok(None));
        assert_eq!(actual(r#""0""#), Ok(None));
        assert_eq!(actual("0"), Ok(None));
        assert_eq!(actual(r#""88937381063""#), Ok(Some(88_937_381_063)));
        assert_eq!(actual("88937381063"), Ok(Some(88_937_381_063)));
        for bad in [r#""abc""#, r#""-1""#, r#""1.5""#, "-1", "1.5", "true"] {
            assert!(actual(bad).is_err(), "{bad}");
        }
        assert!(actual(r#""abc""#).unwrap_err().contains("\"abc\""));
    }

    #[test]
    fn every_algo_status_maps_to_an_allowed_pair() {
        for spelling in WireAlgoStatus::SPELLINGS {
            let status = WireAlgoStatus::from_wire(spelling).unwrap();
            let (execution, reported) = status.execution();
            assert!(execution.allows(reported), "{spelling}");
            assert_eq!(reported.as_str(), *spelling);
        }
        assert_eq!(WireAlgoStatus::SPELLINGS.len(), 7);
        assert_eq!(WireAlgoStatus::from_wire("triggered"), None);
    }
}
