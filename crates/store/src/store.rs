//! [`Store`]: the tracker, owned, with every operation journaled before it
//! returns, committed as the [`CommitPolicy`] says.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ordertrack::{ClientOrderId, OrderTracker};
use rusqlite::{Connection, OpenFlags};

use crate::error::{StoreError, sqlite};
use crate::options::{CommitPolicy, Durability, Options};
use crate::snapshot::Dirty;
use crate::{journal, schema, snapshot};

/// Longest string or row SQLite will hold for this connection: rows are
/// under a few KiB, so a file with a huge value is refused, not allocated.
const SQLITE_MAX_LENGTH: i32 = 1 << 20;

/// An [`OrderTracker`] whose state lives in an SQLite file.
///
/// Read the tracker through [`Store::tracker`]; change it only through the
/// store's methods, each of which applies the operation in memory, appends
/// it to the journal (and its trade to `trades`) and commits when the
/// [`CommitPolicy`] says so. An operation the tracker refuses is journaled
/// too, with its refusal (it changed nothing; replay refuses it again), and
/// returned as [`StoreError::Refused`].
///
/// One `Store` per file: readers (the `sqlite3` shell) are welcome, a second
/// writer is not.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    pub(crate) tracker: OrderTracker,
    pub(crate) options: Options,
    pub(crate) last_seq: u64,
    /// Operations journaled since the last snapshot.
    pub(crate) since_snapshot: u64,
    pub(crate) dirty: Dirty,
    /// The open transaction: operations written in it, when it began.
    pub(crate) open: Option<(u32, Instant)>,
    pub(crate) poisoned: bool,
}

impl Store {
    /// Opens the store at `path` with the default [`Options`] (creating it
    /// when the file does not exist or is empty).
    ///
    /// # Errors
    /// As [`Store::open_with`].
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        Self::open_with(path, Options::default())
    }

    /// Opens the store at `path`: checks the file is a store's of a version
    /// this library reads (migrating an older one), loads the snapshot and
    /// replays the journal after it. The tracker is then the one the last
    /// committed operation left, every index and the cleanup queue included.
    ///
    /// # Errors
    /// [`StoreError::NotADatabase`], [`StoreError::Foreign`],
    /// [`StoreError::NewerSchema`], [`StoreError::Corrupt`] for a file that
    /// is not a store's or is damaged; [`StoreError::OrderRow`],
    /// [`StoreError::OrderParts`], [`StoreError::Restore`],
    /// [`StoreError::JournalGap`], [`StoreError::JournalEntry`],
    /// [`StoreError::Diverged`], [`StoreError::Inconsistent`] for contents
    /// that do not make a tracker; [`StoreError::Sqlite`] when SQLite fails.
    /// Nothing is loaded then.
    pub fn open_with(path: impl AsRef<Path>, options: Options) -> Result<Self, StoreError> {
        let path = path.as_ref().to_path_buf();
        let err = |context| sqlite(&path, context);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(&path, flags).map_err(err("opening"))?;
        conn.set_limit(
            rusqlite::limits::Limit::SQLITE_LIMIT_LENGTH,
            SQLITE_MAX_LENGTH,
        )
        .map_err(err("setting limits"))?;
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(err("setting limits"))?;
        schema::prepare(&mut conn, &path)?;
        let synchronous = match options.durability {
            Durability::Normal => "NORMAL",
            Durability::Full => "FULL",
        };
        conn.pragma_update(None, "synchronous", synchronous)
            .map_err(err("setting synchronous"))?;
        if options.verify_on_open {
            verify(&conn, &path)?;
        }
        let tx = conn.transaction().map_err(err("reading"))?;
        let mut snapshot = snapshot::load(&tx, &path)?;
        let mut dirty = Dirty::default();
        let replayed =
            journal::replay(&tx, &path, snapshot.seq, &mut snapshot.tracker, &mut dirty)?;
        tx.finish().map_err(err("reading"))?;
        if let Err(violations) = snapshot.tracker.check_invariants() {
            return Err(StoreError::Inconsistent {
                path,
                rule: format!("the restored tracker breaks its invariants: {violations:?}"),
            });
        }
        Ok(Self {
            conn,
            path,
            tracker: snapshot.tracker,
            options,
            last_seq: replayed.last_seq,
            since_snapshot: replayed.count,
            dirty,
            open: None,
            poisoned: false,
        })
    }

    /// The tracker, to read (lookups, iteration, counts).
    #[must_use]
    pub const fn tracker(&self) -> &OrderTracker {
        &self.tracker
    }

    /// The sequence number of the last operation journaled (0: none yet).
    #[must_use]
    pub const fn last_seq(&self) -> u64 {
        self.last_seq
    }

    /// The file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The options the store writes with.
    #[must_use]
    pub const fn options(&self) -> &Options {
        &self.options
    }

    pub(crate) fn begin(&mut self) -> rusqlite::Result<()> {
        if self.open.is_none() {
            self.conn.execute_batch("BEGIN IMMEDIATE")?;
            self.open = Some((0, Instant::now()));
        }
        Ok(())
    }

    pub(crate) fn commit_due(&self) -> bool {
        let Some((count, since)) = self.open else {
            return false;
        };
        match self.options.commit {
            CommitPolicy::EveryOperation => true,
            CommitPolicy::EveryN(n) => count >= n.max(1),
            CommitPolicy::Interval(interval) => since.elapsed() >= interval,
            CommitPolicy::Manual => false,
        }
    }

    /// Commits the operations written since the last commit (with a snapshot
    /// first when one is due, see [`Options::snapshot_every`]).
    ///
    /// # Errors
    /// A write error ([`StoreError::Sqlite`]; the store is poisoned), or
    /// [`StoreError::Poisoned`].
    pub fn commit(&mut self) -> Result<(), StoreError> {
        if self.poisoned {
            return Err(StoreError::Poisoned);
        }
        let every = self.options.snapshot_every;
        if every > 0 && self.since_snapshot >= every {
            return self.snapshot();
        }
        if self.open.take().is_some()
            && let Err(e) = self.conn.execute_batch("COMMIT")
        {
            return Err(self.poison("committing", e));
        }
        Ok(())
    }

    /// Commits when the [`CommitPolicy::Interval`] is due (for an engine loop
    /// to call when no operation came for a while); whether it committed.
    ///
    /// # Errors
    /// As [`Store::commit`].
    pub fn tick(&mut self) -> Result<bool, StoreError> {
        let due = self.commit_due();
        if due {
            self.commit()?;
        }
        Ok(due)
    }

    /// Writes a snapshot now (the orders changed since the last one, and
    /// `snapshot_seq`), and commits it with the operations before it.
    ///
    /// # Errors
    /// As [`Store::commit`].
    pub fn snapshot(&mut self) -> Result<(), StoreError> {
        if self.poisoned {
            return Err(StoreError::Poisoned);
        }
        let written = self
            .begin()
            .and_then(|()| self.dirty.write(&self.conn, &self.tracker, self.last_seq))
            .and_then(|()| self.conn.execute_batch("COMMIT"));
        self.open = None;
        if let Err(e) = written {
            return Err(self.poison("writing a snapshot", e));
        }
        self.since_snapshot = 0;
        Ok(())
    }

    /// Whether the trade `trade_id` was applied to the order `client_id`, by
    /// the `trades` table (every trade ever applied, including those of
    /// orders cleaned up since): the duplicate guard beyond the tracker's
    /// window, for an engine that adopts orders again after a restart.
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the table cannot be read.
    pub fn trade_applied(
        &self,
        client_id: &ClientOrderId,
        trade_id: ordertrack::TradeId,
    ) -> Result<bool, StoreError> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM trades WHERE client_id = ?1 AND trade_id = ?2)",
                rusqlite::params![client_id.as_str(), crate::value::from_u64(trade_id.0)],
                |r| r.get(0),
            )
            .map_err(sqlite(&self.path, "reading the trades table"))
    }

    /// Records that the stream has been applied up to position `position`
    /// (a line number, an offset: the caller's unit), in the open
    /// transaction, so that it commits with the operations before it. Record
    /// it *after* a position's operations: a crash then leaves it at or
    /// before what is committed, and resuming from it applies again only
    /// reports the tracker already has (duplicates and stale events, which
    /// change nothing).
    ///
    /// # Errors
    /// A write error ([`StoreError::Sqlite`]; the store is poisoned), or
    /// [`StoreError::Poisoned`].
    pub fn set_stream_position(&mut self, position: u64) -> Result<(), StoreError> {
        if self.poisoned {
            return Err(StoreError::Poisoned);
        }
        let written = self.begin().and_then(|()| {
            self.conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('stream_position', ?1)",
                rusqlite::params![crate::value::from_u64(position)],
            )
        });
        match written {
            Ok(_) => Ok(()),
            Err(e) => Err(self.poison("recording the stream position", e)),
        }
    }

    /// The stream position last recorded by [`Store::set_stream_position`]
    /// (0 when none was).
    ///
    /// # Errors
    /// [`StoreError::Sqlite`] when the `meta` table cannot be read.
    pub fn stream_position(&self) -> Result<u64, StoreError> {
        let value: Option<i64> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'stream_position'",
                [],
                |r| r.get(0),
            )
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                other => Err(other),
            })
            .map_err(sqlite(&self.path, "reading the stream position"))?;
        Ok(value.map_or(0, crate::value::to_u64))
    }

    /// Commits what is written and closes the file: dropping the store does
    /// the same, but cannot report a failed commit.
    ///
    /// # Errors
    /// As [`Store::commit`].
    pub fn close(mut self) -> Result<(), StoreError> {
        self.commit()?;
        Ok(())
    }

    /// Marks the store poisoned after `e` while `context`: the open
    /// transaction is rolled back, so the file holds its last commit.
    pub(crate) fn poison(&mut self, context: &'static str, e: rusqlite::Error) -> StoreError {
        self.poisoned = true;
        if self.open.take().is_some() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        sqlite(&self.path, context)(e)
    }
}

impl Drop for Store {
    /// Commits what is written (an error is ignored: call [`Store::close`]
    /// to see it).
    fn drop(&mut self) {
        if !self.poisoned && self.open.is_some() {
            let _ = self.commit();
        }
    }
}

/// Runs SQLite's `quick_check`.
fn verify(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let problems: Vec<String> = conn
        .prepare("PRAGMA quick_check(10)")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(sqlite(path, "checking the file"))?;
    match problems.as_slice() {
        [ok] if ok == "ok" => Ok(()),
        _ => Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: problems.join("; "),
        }),
    }
}
