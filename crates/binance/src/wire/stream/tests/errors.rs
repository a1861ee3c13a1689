//! Refused events: each bad field named by its JSON path.

use super::*;

#[test]
fn bad_decimal_in_each_decimal_field() {
    let amend = with(
        trade_line(),
        r#""x":"TRADE","X":"PARTIALLY_FILLED""#,
        r#""x":"AMENDMENT","X":"PARTIALLY_FILLED""#,
    );
    let cases: [(&str, &str, &str, &str); 10] = [
        (trade_line(), r#""l":"0.120""#, r#""l":"-0.120""#, "$.o.l"),
        (
            trade_line(),
            r#""l":"0.120""#,
            r#""l":"0.123456789""#,
            "$.o.l",
        ),
        (
            trade_line(),
            r#""L":"2934.51""#,
            r#""L":"2934.51x""#,
            "$.o.L",
        ),
        (trade_line(), r#""L":"2934.51""#, r#""L":"""#, "$.o.L"),
        (
            trade_line(),
            r#""z":"0.120""#,
            r#""z":"99999999999999""#,
            "$.o.z",
        ),
        (trade_line(), r#""z":"0.120""#, r#""z":"1.2e-1""#, "$.o.z"),
        (&amend, r#""q":"0.250""#, r#""q":"0.2.5""#, "$.o.q"),
        (&amend, r#""p":"0""#, r#""p":"NaN""#, "$.o.p"),
        (doc_lite(), r#""l":"0.040""#, r#""l":"0,040""#, "$.l"),
        (doc_lite(), r#""L":"64089.20""#, r#""L":" 64089.20""#, "$.L"),
    ];
    for (base, from, to, field) in cases {
        let err = convert_error(&with(base, from, to));
        assert!(
            matches!(&err, ConvertError::Decimal { field: f, .. } if *f == field),
            "{to}: {err:?}"
        );
        assert_eq!((err.field(), err.kind()), (field, "bad_decimal"));
        assert!(
            err.to_string()
                .starts_with(&format!("field `{field}`: decimal ")),
            "{err}"
        );
    }
    let err = convert_error(&with(
        trade_line(),
        r#""l":"0.120""#,
        r#""l":"0.123456789""#,
    ));
    assert!(matches!(
        err,
        ConvertError::Decimal {
            source: DecimalError::TooPrecise { .. },
            ..
        }
    ));
    let err = convert_error(&with(
        trade_line(),
        r#""z":"0.120""#,
        r#""z":"99999999999999""#,
    ));
    assert!(matches!(
        err,
        ConvertError::Decimal {
            source: DecimalError::OutOfRange { .. },
            ..
        }
    ));
}

#[test]
fn bad_symbol_client_id_trade_id_and_expiry_reason() {
    let long_id = "PMSa1b2c3d4_SCL_8e7d6c5b4a39_toolong_x";
    let cases: [(&str, &str, &str, &str, &str); 9] = [
        (
            trade_line(),
            r#""s":"ETHUSDT""#,
            r#""s":"ETH/USDT:USDT""#,
            "$.o.s",
            "bad_symbol",
        ),
        (
            trade_line(),
            r#""s":"ETHUSDT""#,
            r#""s":"ethusdt""#,
            "$.o.s",
            "bad_symbol",
        ),
        (
            doc_lite(),
            r#""s":"BTCUSDT""#,
            r#""s":"""#,
            "$.s",
            "bad_symbol",
        ),
        (
            trade_line(),
            r#""c":"PMSa1b2c3d4_SCL_8e7d6c5b4a39""#,
            r#""c":"PMS a1b2""#,
            "$.o.c",
            "bad_client_id",
        ),
        (
            trade_line(),
            r#""c":"PMSa1b2c3d4_SCL_8e7d6c5b4a39""#,
            &format!(r#""c":"{long_id}""#),
            "$.o.c",
            "bad_client_id",
        ),
        (
            doc_lite(),
            r#""c":"z8hcUoOsqEdKMeKPSABslD""#,
            r#""c":"""#,
            "$.c",
            "bad_client_id",
        ),
        (
            line(BASIC, 11),
            r#""er":"2""#,
            r#""er":"two""#,
            "$.o.er",
            "invalid_value",
        ),
        // A fill field of another JSON type, on a fill.
        (
            trade_line(),
            r#""l":"0.120""#,
            r#""l":0.12"#,
            "$.o.l",
            "invalid_value",
        ),
        (
            trade_line(),
            r#""t":5401234501"#,
            r#""t":"x""#,
            "$.o.t",
            "invalid_value",
        ),
    ];
    for (base, from, to, field, kind) in cases {
        let err = convert_error(&with(base, from, to));
        assert_eq!((err.field(), err.kind()), (field, kind), "{to}: {err}");
        assert!(
            err.to_string().starts_with(&format!("field `{field}`: ")),
            "{err}"
        );
    }
    let err = convert_error(&with(
        trade_line(),
        r#""s":"ETHUSDT""#,
        r#""s":"ETH/USDT:USDT""#,
    ));
    assert!(matches!(
        &err,
        ConvertError::Symbol { source: SymbolError::CcxtForm { suggestion, .. }, .. } if suggestion == "ETHUSDT"
    ));
    let err = convert_error(&with(
        trade_line(),
        r#""c":"PMSa1b2c3d4_SCL_8e7d6c5b4a39""#,
        &format!(r#""c":"{long_id}""#),
    ));
    assert!(matches!(
        err,
        ConvertError::ClientId {
            source: IdError::TooLong { len: 38, .. },
            ..
        }
    ));
}

#[test]
fn wire_errors_name_the_field() {
    let cases = [
        (
            r#""x":"TRADE""#,
            r#""x":"TRADE_PREVENTION""#,
            "$.o.x",
            "unknown_value",
        ),
        (
            r#""X":"PARTIALLY_FILLED""#,
            r#""X":"PENDING_NEW""#,
            "$.o.X",
            "unknown_value",
        ),
        (r#""z":"0.120","#, "", "$.o.z", "missing_field"),
        (
            r#""i":8389765812345601"#,
            r#""i":-1"#,
            "$.o.i",
            "wrong_type",
        ),
        (r#""q":"0.250""#, r#""q":0.25"#, "$.o.q", "wrong_type"),
    ];
    for (from, to, field, kind) in cases {
        let err = decode(&with(trade_line(), from, to)).unwrap_err();
        assert_eq!(err.kind(), kind, "{to}: {err}");
        let path = match &err {
            DecodeError::Wire(
                WireError::MissingField { field, .. }
                | WireError::WrongType { field, .. }
                | WireError::UnknownValue { field, .. },
            ) => field.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(path, field, "{to}");
    }
    let truncated = trade_line().get(..100).unwrap();
    assert_eq!(decode(truncated).unwrap_err().kind(), "malformed_json");
}
