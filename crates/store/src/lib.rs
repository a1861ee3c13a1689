//! # ordertrack-store
//!
//! The state of an [`ordertrack::OrderTracker`] in an SQLite file, so that an
//! engine that restarts (a deploy, a crash, a machine lost) knows again every
//! order it had, its fills, and which trades were already counted.
//!
//! A [`Store`] owns the tracker and lends it out read-only
//! ([`Store::tracker`]); every change goes through the store's methods
//! (`register`, `place`, `cancel`, `place_failed`, `place_in_doubt`,
//! `cancel_rejected`, `apply`, `cleanup_terminal`), each of which applies
//! the operation in memory and appends it to the journal before it returns.
//! The engine chooses when to commit ([`CommitPolicy`]: every operation,
//! every N, every T ms, on demand), and what a commit waits for
//! ([`Durability`]); [`CommitPolicy`] states what a crash loses under each.
//!
//! The file holds tables a person can read with the `sqlite3` shell:
//!
//! - `orders`: one row per tracked order, one column per field (decimals as
//!   decimals, states and enums by name, the remembered trade ids as
//!   `7,8,9`), as of the last snapshot;
//! - `journal`: every operation, numbered (`seq`), with its payload (JSON)
//!   and its outcome (`ok`, `applied:Filled`, `refused:stale_key`, …);
//! - `trades`: one row per trade applied, with the entry that applied it;
//! - `meta`: `snapshot_seq` (the last entry the `orders` table includes)
//!   and `snapshot_orders`.
//!
//! [`Store::open`] loads the snapshot, replays the journal after it, and
//! gives the tracker back exactly as it was after the last commit: every
//! order, every index, the cleanup queue's order. A file that is not a
//! store's, is damaged, comes from a newer version or whose journal has a
//! gap is a typed [`StoreError`], with nothing loaded.
//!
//! ```
//! use ordertrack::*;
//! use ordertrack_store::{CommitPolicy, Options, Store};
//!
//! let dir = std::env::temp_dir().join(format!("ordertrack-store-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! let path = dir.join("orders.db");
//! # let _ = std::fs::remove_file(&path);
//! let sub = SubAccountId::new("3f2a9c1e-7b4d-4e1a")?;
//! let btc = Symbol::new("BTCUSDT")?;
//! let spec = NewOrder::limit(sub, Origin::Chase, btc, Side::Buy,
//!     Qty::parse("0.5")?, Price::parse("97000")?, 1_000);
//! {
//!     let mut store = Store::open_with(&path, Options::default().with_commit(CommitPolicy::EveryOperation))?;
//!     store.register(AnyOrder::new(spec)?)?;
//!     store.place(&spec.client_id, 1_001)?;
//!     let fill = ExecutionReport {
//!         client_id: Some(spec.client_id),
//!         exchange_id: Some(ExchangeOrderId(8_389_765)),
//!         fill: Some(ReportFill { trade_id: TradeId(1), qty: Qty::parse("0.2")?, price: Price::parse("96999.9")? }),
//!         cumulative_qty: Some(Qty::parse("0.2")?),
//!         ..ExecutionReport::new(btc, ExecutionType::Trade, ReportStatus::PartiallyFilled, 1_002)
//!     };
//!     store.apply(&fill)?;
//! } // the process could die here: every operation was committed
//!
//! let store = Store::open(&path)?;
//! let (_, order) = store.tracker().lookup_client(&spec.client_id).ok_or("restored")?;
//! assert_eq!(order.filled_qty(), Qty::parse("0.2")?);
//! assert!(store.tracker().lookup_exchange(&btc, ExchangeOrderId(8_389_765)).is_some());
//! assert_eq!(store.last_seq(), 3);
//! # drop(store);
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Callbacks ([`ordertrack::Callbacks`]) and the handler are not stored: they
//! are code, not state.
#![forbid(unsafe_code)]

mod columns;
mod error;
mod fills;
mod journal;
mod json;
mod operation;
mod ops;
mod options;
mod report;
mod run;
mod schema;
mod snapshot;
mod store;
mod value;

pub use error::StoreError;
pub use options::{CommitPolicy, Durability, Options};
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};
pub use store::Store;
