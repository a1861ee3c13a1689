//! The snapshot: the `orders` table brought up to date with the orders
//! changed since the last one ([`Dirty`]), `snapshot_seq` moved to the last
//! journaled operation; and the orders read back into a new tracker.
//!
//! The tracker's cleanup queue holds terminal orders in the order they
//! closed; restore registers terminal orders in that order (`closed_seq`, the
//! journal entry that closed each), so a cleanup after a restart removes
//! exactly the orders it would have removed without one.

use std::collections::HashMap;
use std::path::Path;

use ordertrack::{AnyOrder, ClientOrderId, OrderTracker};
use rusqlite::{Connection, params_from_iter};

use crate::columns::{self, Col};
use crate::error::{StoreError, clip, sqlite};
use crate::run::Effects;
use crate::value::{Value, from_u64, to_u64};

/// What changed about one order since the last snapshot.
#[derive(Clone, Copy, Debug, Default)]
struct Change {
    /// The journal entry that closed it, when one since the last snapshot did.
    closed_seq: Option<u64>,
    /// Registered since the last snapshot: any row of that client id is an
    /// earlier order's, whose `closed_seq` is not kept.
    fresh: bool,
    /// Removed from the tracker.
    removed: bool,
}

/// The orders changed since the last snapshot.
#[derive(Debug, Default)]
pub(crate) struct Dirty {
    changes: HashMap<ClientOrderId, Change>,
}

impl Dirty {
    /// Notes what operation `seq` changed.
    pub(crate) fn note(&mut self, seq: u64, effects: &Effects, registered: bool) {
        if let Some((client_id, closed)) = effects.changed {
            let closed_seq = closed.then_some(seq);
            if registered {
                self.changes.insert(
                    client_id,
                    Change {
                        closed_seq,
                        fresh: true,
                        removed: false,
                    },
                );
            } else {
                let change = self.changes.entry(client_id).or_default();
                change.closed_seq = closed_seq.or(change.closed_seq);
            }
        }
        for client_id in &effects.removed {
            self.changes.entry(*client_id).or_default().removed = true;
        }
    }

    /// Writes the snapshot at `seq` in the open transaction: the changed
    /// orders' rows, the removed ones deleted, `snapshot_seq` and the order
    /// count. Forgets the changes only once all is written.
    pub(crate) fn write(
        &mut self,
        conn: &Connection,
        tracker: &OrderTracker,
        seq: u64,
    ) -> rusqlite::Result<()> {
        let names: Vec<&str> = Col::ALL.iter().map(|c| c.name()).collect();
        let placeholders: Vec<String> = (1..=names.len() + 1).map(|i| format!("?{i}")).collect();
        let fresh = names.len() + 2;
        let sql = format!(
            "INSERT INTO orders ({}, closed_seq) VALUES ({}) ON CONFLICT (client_id) DO UPDATE SET {}, \
             closed_seq = CASE WHEN ?{fresh} THEN excluded.closed_seq ELSE coalesce(excluded.closed_seq, orders.closed_seq) END",
            names.join(", "),
            placeholders.join(", "),
            names
                .iter()
                .map(|n| format!("{n} = excluded.{n}"))
                .collect::<Vec<_>>()
                .join(", "),
        );
        let mut upsert = conn.prepare_cached(&sql)?;
        let mut delete = conn.prepare_cached("DELETE FROM orders WHERE client_id = ?1")?;
        for (client_id, change) in &self.changes {
            match tracker.lookup_client(client_id).filter(|_| !change.removed) {
                Some((_, order)) => {
                    let mut row = columns::encode(&order.to_parts());
                    row.push(Value::opt_u64(change.closed_seq));
                    row.push(Value::bool(change.fresh));
                    upsert.execute(params_from_iter(row.iter()))?;
                }
                None => {
                    delete.execute([client_id.as_str()])?;
                }
            }
        }
        let count = i64::try_from(tracker.len()).unwrap_or(i64::MAX);
        let mut meta = conn.prepare_cached("UPDATE meta SET value = ?2 WHERE key = ?1")?;
        meta.execute(rusqlite::params!["snapshot_seq", from_u64(seq)])?;
        meta.execute(rusqlite::params!["snapshot_orders", count])?;
        self.changes.clear();
        Ok(())
    }
}

/// The snapshot as read: the tracker its orders make, and the entry it ends at.
pub(crate) struct Snapshot {
    pub(crate) tracker: OrderTracker,
    pub(crate) seq: u64,
}

/// Reads the snapshot: every `orders` row decoded and checked
/// (`AnyOrder::from_parts`) and registered, live orders first, then the
/// terminal ones in the order they closed.
pub(crate) fn load(conn: &Connection, path: &Path) -> Result<Snapshot, StoreError> {
    let err = |context| sqlite(path, context);
    let meta = |key: &str| -> Result<u64, StoreError> {
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| {
            r.get::<_, i64>(0)
        })
        .map(to_u64)
        .map_err(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => StoreError::Inconsistent {
                path: path.to_path_buf(),
                rule: format!("the meta table has no {key}"),
            },
            e => err("reading the meta table")(e),
        })
    };
    let (seq, expected) = (meta("snapshot_seq")?, meta("snapshot_orders")?);
    let names: Vec<&str> = Col::ALL.iter().map(|c| c.name()).collect();
    let sql = format!(
        "SELECT {}, closed_seq FROM orders ORDER BY closed_seq IS NOT NULL, closed_seq",
        names.join(", ")
    );
    let mut select = conn
        .prepare(&sql)
        .map_err(err("reading the orders table"))?;
    let mut rows = select.query([]).map_err(err("reading the orders table"))?;
    let mut tracker = OrderTracker::new();
    while let Some(row) = rows.next().map_err(err("reading the orders table"))? {
        let key_text = match row.get_ref(0) {
            Ok(rusqlite::types::ValueRef::Text(t)) => clip(&String::from_utf8_lossy(t)),
            _ => String::new(),
        };
        let values = (0..names.len())
            .zip(Col::ALL)
            .map(|(i, col)| {
                let value = row.get_ref(i).map_err(err("reading the orders table"))?;
                Value::from_sql(value).map_err(|rule| StoreError::OrderRow {
                    client_id: key_text.clone(),
                    column: col.name(),
                    rule,
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let parts = columns::decode(&values).map_err(|(col, rule)| StoreError::OrderRow {
            client_id: key_text.clone(),
            column: col.name(),
            rule,
        })?;
        let closed_seq = row
            .get_ref(names.len())
            .map_err(err("reading the orders table"))?;
        let terminal = parts.state.status().is_terminal();
        if terminal != matches!(closed_seq, rusqlite::types::ValueRef::Integer(_)) {
            return Err(StoreError::OrderRow {
                client_id: key_text,
                column: "closed_seq",
                rule: "an integer exactly when the order is terminal".to_owned(),
            });
        }
        let client_id = parts.spec.client_id;
        let order = AnyOrder::from_parts(parts)
            .map_err(|source| StoreError::OrderParts { client_id, source })?;
        tracker
            .register(order)
            .map_err(|source| StoreError::Restore { client_id, source })?;
    }
    if u64::try_from(tracker.len()).ok() != Some(expected) {
        return Err(StoreError::Inconsistent {
            path: path.to_path_buf(),
            rule: format!(
                "the snapshot recorded {expected} orders, the orders table holds {}",
                tracker.len()
            ),
        });
    }
    Ok(Snapshot { tracker, seq })
}
