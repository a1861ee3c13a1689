//! The file's schema: recognising a store's file (`application_id`), its
//! version (`user_version`), creating it, and the migrations from each older
//! version, each all-or-nothing in one transaction.
//!
//! - **Version 1**: `meta`, `orders` (one column per field), `journal`,
//!   `trades`.
//! - **Version 2**: `orders.avg_price`, the average fill price (derived from
//!   `notional` and `filled`, written for a person reading the table; never
//!   read back), filled in for the rows a version-1 file holds.

use std::path::Path;

use rusqlite::{Connection, params};

use crate::columns::Col;
use crate::error::{StoreError, sqlite};

/// `PRAGMA application_id` of a store's file: `OTRK`.
pub const APPLICATION_ID: i32 = 0x4f54_524b;

/// The schema version this library writes, and the newest it reads.
pub const SCHEMA_VERSION: i32 = 2;

/// Version 1's tables. `closed_seq` (the journal entry that closed a
/// terminal order) orders the cleanup queue on restore.
const V1: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('snapshot_seq', 0), ('snapshot_orders', 0);
CREATE TABLE orders (
    client_id TEXT PRIMARY KEY, sub_account TEXT NOT NULL, symbol TEXT NOT NULL,
    side TEXT NOT NULL, order_type TEXT NOT NULL, quantity TEXT NOT NULL, price TEXT,
    reduce_only INTEGER NOT NULL, trigger_price TEXT, working_type TEXT, close_position INTEGER,
    origin TEXT, parent TEXT, leverage INTEGER NOT NULL, created_at INTEGER NOT NULL,
    state TEXT NOT NULL, exchange_id INTEGER, sent_at INTEGER, in_doubt_since INTEGER,
    triggering_since INTEGER, cancel_requested_at INTEGER, closed_at INTEGER,
    expiry_reason INTEGER, fail_reason TEXT, fail_code INTEGER, updated_at INTEGER NOT NULL,
    algo_id INTEGER, triggered_at INTEGER, filled TEXT NOT NULL, notional TEXT NOT NULL,
    fill_count INTEGER NOT NULL, last_trade_id INTEGER, last_qty TEXT, last_price TEXT,
    recent_trades TEXT NOT NULL, trade_floor INTEGER, closed_seq INTEGER
) WITHOUT ROWID;
CREATE TABLE journal (
    seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, client_id TEXT, payload TEXT NOT NULL,
    outcome TEXT NOT NULL
);
CREATE TABLE trades (
    seq INTEGER PRIMARY KEY, client_id TEXT NOT NULL, trade_id INTEGER NOT NULL,
    qty TEXT NOT NULL, price TEXT NOT NULL, at INTEGER NOT NULL, exchange_id INTEGER
);
CREATE INDEX trades_by_order ON trades (client_id, trade_id);
";

/// Version 1 → 2: the average price column, filled in.
fn v1_to_v2(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch("ALTER TABLE orders ADD COLUMN avg_price TEXT")?;
    let rows: Vec<(String, String, String)> = conn
        .prepare("SELECT client_id, filled, notional FROM orders")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = conn.prepare("UPDATE orders SET avg_price = ?2 WHERE client_id = ?1")?;
    for (client_id, filled, notional) in rows {
        // A value that does not parse stays NULL: restore refuses the row
        // itself, naming the column.
        let average = match (
            ordertrack::Qty::parse(&filled),
            crate::fills::parse_notional(&notional),
        ) {
            (Ok(filled), Ok(units)) => ordertrack::Notional::from_units(units)
                .average_price(filled)
                .map(|p| p.to_string()),
            _ => None,
        };
        update.execute(params![client_id, average])?;
    }
    Ok(())
}

/// Migration `i` takes a file from version `i` to `i + 1` (0: an empty file).
const MIGRATIONS: [fn(&Connection) -> rusqlite::Result<()>; SCHEMA_VERSION as usize] =
    [|conn| conn.execute_batch(V1), v1_to_v2];

/// Checks that the file at `path` is a store's of a version this library
/// reads (or an empty file), turns on WAL mode, and brings it to
/// [`SCHEMA_VERSION`] (creating the tables in an empty file).
pub(crate) fn prepare(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let err = |context| sqlite(path, context);
    let pragma = |name: &str| -> Result<i32, StoreError> {
        conn.pragma_query_value(None, name, |r| r.get(0))
            .map_err(err("reading the file header"))
    };
    let (application_id, version) = (pragma("application_id")?, pragma("user_version")?);
    let foreign = |found| StoreError::Foreign {
        path: path.to_path_buf(),
        found,
        expected: APPLICATION_ID,
    };
    if application_id == 0 && version == 0 {
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(err("reading the schema"))?;
        if tables > 0 {
            return Err(foreign(0));
        }
    } else if application_id != APPLICATION_ID {
        return Err(foreign(application_id));
    } else if version > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    } else if version < 1 {
        return Err(StoreError::Inconsistent {
            path: path.to_path_buf(),
            rule: format!("a store's file with schema version {version}, below 1"),
        });
    }
    let mode: String = conn
        .pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))
        .map_err(err("turning on WAL mode"))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Inconsistent {
            path: path.to_path_buf(),
            rule: format!("SQLite kept journal mode {mode:?} instead of WAL"),
        });
    }
    let from = usize::try_from(version).unwrap_or(0);
    if let Some(steps) = MIGRATIONS.get(from..)
        && !steps.is_empty()
    {
        let tx = conn.transaction().map_err(err("starting a migration"))?;
        for step in steps {
            step(&tx).map_err(err("migrating the schema"))?;
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)
            .and_then(|()| tx.pragma_update(None, "user_version", SCHEMA_VERSION))
            .and_then(|()| tx.commit())
            .map_err(err("migrating the schema"))?;
    }
    check_columns(conn, path)
}

/// Refuses a file whose `orders` table lacks a column this version writes.
fn check_columns(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let columns: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_info('orders')")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(sqlite(path, "reading the orders table's columns"))?;
    let missing = Col::ALL
        .iter()
        .map(|c| c.name())
        .chain(["closed_seq"])
        .find(|name| !columns.iter().any(|c| c == name));
    match missing {
        Some(name) => Err(StoreError::Inconsistent {
            path: path.to_path_buf(),
            rule: format!("the orders table has no column {name}"),
        }),
        None => Ok(()),
    }
}
