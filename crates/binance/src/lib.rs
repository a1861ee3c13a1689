//! Binance USDⓈ-M futures adapter for ordertrack.
//!
//! For now this crate only holds the [`wire`] layer: zero-copy serde views of
//! the user-data stream events and REST answers exactly as Binance sends them,
//! with decimals kept as the exchange's strings. Mapping into the model's
//! types is a later, separate step.

#![forbid(unsafe_code)]

pub mod wire;
