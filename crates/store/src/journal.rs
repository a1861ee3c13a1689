//! The journal: each operation appended (with its `trades` row when it
//! applied a trade), and the entries after the snapshot replayed on open.

use std::path::Path;

use ordertrack::OrderTracker;
use rusqlite::{Connection, params};

use crate::error::{StoreError, clip, sqlite};
use crate::operation::{Entry, Op};
use crate::run::Ran;
use crate::snapshot::Dirty;
use crate::value::{Value, from_u64, to_u64};

/// Appends operation `seq` and its trade, in the open transaction.
pub(crate) fn append(
    conn: &Connection,
    seq: u64,
    entry: &Entry,
    ran: &Ran,
) -> rusqlite::Result<()> {
    let mut journal = conn.prepare_cached(
        "INSERT INTO journal (seq, kind, client_id, payload, outcome) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    // An apply names the order it went to, for a reader (the payload has the report's own ids).
    let client_id = match entry.kind {
        "apply" => ran.effects.changed.map(|(c, _)| c).or(entry.client_id),
        _ => entry.client_id,
    };
    journal.execute(params![
        from_u64(seq),
        entry.kind,
        client_id.as_ref().map(|c| c.as_str()),
        entry.payload,
        ran.outcome
    ])?;
    if let Some(t) = ran.effects.trade {
        let mut trades = conn.prepare_cached(
            "INSERT INTO trades (seq, client_id, trade_id, qty, price, at, exchange_id) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        trades.execute(params![
            from_u64(seq),
            t.client_id.as_str(),
            from_u64(t.trade_id.0),
            t.qty.to_string(),
            t.price.to_string(),
            from_u64(t.at),
            Value::opt_u64(t.exchange_id),
        ])?;
    }
    Ok(())
}

/// What replay did: the last entry applied, and how many.
pub(crate) struct Replayed {
    pub(crate) last_seq: u64,
    pub(crate) count: u64,
}

/// Replays the entries after `snapshot_seq` on `tracker`, in order, noting
/// their changes in `dirty`. The entry `snapshot_seq` itself must be there
/// (unless 0), and the entries after it must follow without a gap; each
/// must decode, and give the outcome it recorded.
pub(crate) fn replay(
    conn: &Connection,
    path: &Path,
    snapshot_seq: u64,
    tracker: &mut OrderTracker,
    dirty: &mut Dirty,
) -> Result<Replayed, StoreError> {
    let err = |context| sqlite(path, context);
    if snapshot_seq > 0 {
        let found: Option<i64> = conn
            .query_row(
                "SELECT seq FROM journal WHERE seq = ?1",
                [from_u64(snapshot_seq)],
                |r| r.get(0),
            )
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })
            .map_err(err("reading the journal"))?;
        if found.is_none() {
            return Err(StoreError::JournalGap {
                expected: snapshot_seq,
                found: None,
            });
        }
    }
    let mut select = conn
        .prepare(
            "SELECT seq, kind, client_id, \
             CASE WHEN octet_length(payload) <= ?2 THEN payload END, octet_length(payload), outcome \
             FROM journal WHERE seq > ?1 ORDER BY seq",
        )
        .map_err(err("reading the journal"))?;
    let limit = i64::try_from(crate::operation::MAX_PAYLOAD).unwrap_or(i64::MAX);
    let mut rows = select
        .query(params![from_u64(snapshot_seq), limit])
        .map_err(err("reading the journal"))?;
    let mut last_seq = snapshot_seq;
    let mut count = 0;
    while let Some(row) = rows.next().map_err(err("reading the journal"))? {
        let seq = to_u64(row.get(0).map_err(err("reading the journal"))?);
        let expected = last_seq + 1;
        if seq != expected {
            return Err(StoreError::JournalGap {
                expected,
                found: Some(seq),
            });
        }
        let text = |i: usize, field: &'static str| -> Result<Option<String>, StoreError> {
            let value = row.get_ref(i).map_err(err("reading the journal"))?;
            match Value::from_sql(value) {
                Ok(Value::Null) => Ok(None),
                Ok(Value::Text(s)) => Ok(Some(s)),
                Ok(Value::Int(i)) => {
                    Err(bad(seq, "", field, format!("integer {i}, expected text")))
                }
                Err(rule) => Err(bad(seq, "", field, rule)),
            }
        };
        let kind = text(1, "kind")?.unwrap_or_default();
        let client_id = text(2, "client_id")?;
        let outcome = text(5, "outcome")?.unwrap_or_default();
        let payload = match row.get_ref(3).map_err(err("reading the journal"))? {
            rusqlite::types::ValueRef::Text(bytes) => std::str::from_utf8(bytes)
                .map_err(|e| bad(seq, &kind, "payload", format!("not UTF-8 ({e})")))?
                .to_owned(),
            _ => {
                let size: Option<i64> = row.get(4).map_err(err("reading the journal"))?;
                let rule = size.map_or_else(
                    || "missing".to_owned(),
                    |n| {
                        format!(
                            "{n} bytes, or not text (at most {} bytes of text)",
                            crate::operation::MAX_PAYLOAD
                        )
                    },
                );
                return Err(bad(seq, &kind, "payload", rule));
            }
        };
        let op = Op::decode(seq, &kind, client_id.as_deref(), &payload)?;
        let op_kind = op.kind();
        let registered = matches!(op, Op::Register(_));
        let ran = op.run(tracker);
        if ran.outcome != outcome {
            return Err(StoreError::Diverged {
                seq,
                kind: op_kind,
                recorded: clip(&outcome),
                replayed: ran.outcome,
            });
        }
        dirty.note(seq, &ran.effects, registered && ran.result.is_ok());
        last_seq = seq;
        count += 1;
    }
    Ok(Replayed { last_seq, count })
}

fn bad(seq: u64, kind: &str, field: &'static str, rule: String) -> StoreError {
    StoreError::JournalEntry {
        seq,
        kind: clip(kind),
        field,
        rule,
    }
}
