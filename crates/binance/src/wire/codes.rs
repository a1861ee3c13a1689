//! What a failed REST call means: Binance's error codes and HTTP statuses
//! sorted into definitive, unknown-order and in-doubt ([`classify_rest_error`]).
//! The algo service's endpoints (`/fapi/v1/algoOrder`, `openAlgoOrders`,
//! `allAlgoOrders`) answer with the same codes: `-2011` / `-2013` for an algo
//! order they do not know (reported against both by freqtrade and ccxt
//! users), `-1102` for a bad `algoId`, the conditional-order codes below.

use super::rest::ErrorBody;

/// What a failed REST call means for the order it was about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RestErrorClass {
    /// Binance refused the request: no order was created, or the cancel
    /// changed nothing.
    Definitive,
    /// Cancel or query of an order Binance does not have open (`-2011`,
    /// `-2013`): already filled, canceled, expired, or never placed.
    UnknownOrder,
    /// The outcome is unknown: the order may exist. Reconcile (query by
    /// client order id, watch the stream) before acting again.
    InDoubt,
}

/// `-2011 CANCEL_REJECTED` ("Cancel request failure as open order not found
/// in the orderbook: Unknown order sent") and `-2013 NO_SUCH_ORDER` ("Order
/// does not exist").
const UNKNOWN_ORDER_CODES: [i64; 2] = [-2011, -2013];

/// Codes that leave the outcome unknown:
/// - `-1000 UNKNOWN` "An unknown error occured while processing the request."
/// - `-1001 DISCONNECTED` "Internal error; unable to process your request."
///   (general-info calls this message a failure when it comes with HTTP 503;
///   kept in doubt since the code itself promises nothing.)
/// - `-1006 UNEXPECTED_RESP` "… Execution status unknown."
/// - `-1007 TIMEOUT` "Timeout waiting for response from backend server. Send
///   status unknown; execution status unknown."
/// - `-4116 DUPLICATED_CLIENT_ORDER_ID`: this request was refused, but an
///   order with that client id exists (possibly an earlier in-doubt send).
const IN_DOUBT_CODES: [i64; 5] = [-1000, -1001, -1006, -1007, -4116];

/// Codes after which Binance did not create the order (or did not cancel):
/// authentication, rate limits, parameter and filter checks, margin and
/// position rules, and execution-rule rejections, all from the USDⓈ-M
/// error-code page. `-1008` is here because general-info documents it as
/// "System overload; 100% failure" ("Request throttled by system-level
/// protection").
const DEFINITIVE_CODES: &[i64] = &[
    // 10xx: auth, rate limits, throttling, message and time checks.
    -1002, -1003, -1008, -1013, -1014, -1015, -1016, -1020, -1021, -1022,
    // 11xx: request parameters (-1102 mandatory param, -1106 param not
    // required, -1111 precision, -1121 bad symbol, …).
    -1100, -1101, -1102, -1103, -1104, -1105, -1106, -1111, -1112, -1114, -1115, -1116, -1117,
    -1118, -1121, -1122, -1128, -1130, -1136,
    // 20xx: -2010 NEW_ORDER_REJECTED, -2018/-2019 balance/margin
    // insufficient, -2021 would immediately trigger, -2022 reduce-only, …
    -2010, -2014, -2015, -2018, -2019, -2020, -2021, -2022, -2023, -2024, -2025, -2026, -2027,
    -2028,
    // 40xx: price/qty filters (-4003 qty < 0, -4014 tick, -4023 step, -4164
    // min notional), -4061 position side mismatch, reduce-only rules, …
    -4001, -4002, -4003, -4004, -4005, -4013, -4014, -4015, -4016, -4023, -4024, -4060, -4061,
    -4062, -4087, -4088, -4118, -4131, -4140, -4141, -4164, -4183, -4184, -4192, -4400, -4401,
    -4402,
    // Conditional orders and the algo service (POST/DELETE /fapi/v1/algoOrder):
    // -4006/-4007 stop price below zero / above the max, -4031 invalid
    // workingType, -4045 max stop orders reached, -4117 STOP_ORDER_TRIGGERING
    // (a cancel refused: the order is triggering), -4120 STOP_ORDER_SWITCH_ALGO
    // (a conditional type sent to /fapi/v1/order: "use the Algo Order API";
    // that placement made no order), -4135 invalid activation price, -4137
    // quantity with closePosition, -4138 reduceOnly must be true with
    // closePosition, -4142 would trigger immediately, -4210/-4211 stop price
    // beyond the price multiplier limits.
    -4006, -4007, -4031, -4045, -4117, -4120, -4135, -4137, -4138, -4142, -4210, -4211,
    // 50xx: -5021 FOK rejected, -5022 post-only (GTX) would take, -5028 ME
    // recvWindow, price match / STP / GTD parameter errors.
    -5021, -5022, -5028, -5037, -5038, -5039, -5040, -5041,
];

/// general-info, HTTP 503 variant A: "the API successfully sent the request
/// but not get a response within the timeout period. It is important to NOT
/// treat this as a failure operation; the execution status is UNKNOWN".
const UNKNOWN_EXECUTION_MSG: &str = "Unknown error, please check your request or try again later";

/// Classifies a failed REST call from its HTTP status and parsed error body
/// (`None` when the body was not a Binance error body, e.g. an HTML 502).
///
/// In order: unknown-order codes; in-doubt codes and the 503 "Unknown
/// error" message; definitive codes; then the HTTP status: other `4XX`
/// (except `408`, a backend timeout) are definitive ("malformed requests;
/// the issue is on the sender's side"), everything else (`5XX`, `408`,
/// unexpected statuses) is in doubt ("5XX … the issue is on Binance's
/// side").
#[must_use]
pub fn classify_rest_error(http_status: u16, body: Option<&ErrorBody<'_>>) -> RestErrorClass {
    let code = body.and_then(|b| b.code).map(|c| c.0);
    let msg = body.map_or("", |b| b.msg.as_ref());
    match code {
        Some(c) if UNKNOWN_ORDER_CODES.contains(&c) => RestErrorClass::UnknownOrder,
        Some(c) if IN_DOUBT_CODES.contains(&c) => RestErrorClass::InDoubt,
        _ if msg.starts_with(UNKNOWN_EXECUTION_MSG) => RestErrorClass::InDoubt,
        Some(c) if DEFINITIVE_CODES.contains(&c) => RestErrorClass::Definitive,
        _ if (400..500).contains(&http_status) && http_status != 408 => RestErrorClass::Definitive,
        _ => RestErrorClass::InDoubt,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::parse;

    fn class(http_status: u16, body: &str) -> RestErrorClass {
        classify_rest_error(http_status, parse::<ErrorBody<'_>>(body).ok().as_ref())
    }

    #[test]
    fn the_algo_services_codes() {
        // Definitive: the placement or the cancel took no effect.
        for code in [
            -4120, -4117, -4045, -4006, -4007, -4031, -4135, -4137, -4138, -4142, -4210, -4211,
            -2021, -1102,
        ] {
            let body = format!(r#"{{"code":{code},"msg":"refused"}}"#);
            assert_eq!(class(400, &body), RestErrorClass::Definitive, "{code}");
            // Classified by the code, whatever the HTTP status.
            assert_eq!(class(200, &body), RestErrorClass::Definitive, "{code}");
        }
        for code in [-2011, -2013] {
            let body = format!(r#"{{"code":"{code}","msg":"Unknown order sent."}}"#);
            assert_eq!(class(400, &body), RestErrorClass::UnknownOrder, "{code}");
        }
        // A timeout or an unknown outcome is never a rejection.
        for (status, body) in [
            (
                503,
                r#"{"code":-1007,"msg":"Timeout waiting for response from backend server."}"#,
            ),
            (
                400,
                r#"{"code":-1000,"msg":"An unknown error occured while processing the request."}"#,
            ),
            (
                503,
                r#"{"msg":"Unknown error, please check your request or try again later."}"#,
            ),
            (408, ""),
            (0, ""),
        ] {
            assert_eq!(
                class(status, body),
                RestErrorClass::InDoubt,
                "{status} {body}"
            );
        }
    }
}
