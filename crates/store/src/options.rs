//! How the store commits and snapshots: [`Options`], [`CommitPolicy`],
//! [`Durability`]. What a crash loses under each is stated here, once.

use std::time::Duration;

/// When the store commits the operations it journaled.
///
/// Every operation is applied to the tracker in memory and written to the
/// open SQLite transaction before its method returns; a *commit* makes the
/// written operations durable. A crash loses exactly the operations since
/// the last commit (and, under [`Durability::Normal`], an OS crash or power
/// loss also the commits since the last WAL sync, see there). What is on
/// disk is always the state after some operation: never half of one, never
/// a later operation without an earlier one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommitPolicy {
    /// Commit after every operation. A crash loses at most the operation whose
    /// method had not returned yet: every operation that returned `Ok` (or a
    /// journaled refusal) is on disk.
    EveryOperation,
    /// Commit after every `n` operations (`n` ≥ 1; 0 counts as 1). A crash
    /// loses up to the `n − 1` returned operations since the last commit,
    /// and the one in progress.
    EveryN(u32),
    /// Commit at the first operation (or [`crate::Store::tick`]) at least this
    /// long after the first uncommitted one. A crash loses the operations
    /// since the last commit: those of the last interval, and more if
    /// neither an operation nor a tick came to commit them (call `tick` from
    /// the engine's loop).
    Interval(Duration),
    /// Commit only on [`crate::Store::commit`] (and on drop). A crash loses
    /// everything since the last call.
    Manual,
}

/// What a commit waits for (SQLite's `synchronous` setting in WAL mode).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    /// `synchronous = NORMAL`: a commit is in the WAL file, not yet synced.
    /// Survives the process being killed (any signal, a panic, an abort);
    /// an OS crash or power loss may take back the commits since the last
    /// sync (at a checkpoint), leaving the database at an earlier commit,
    /// consistent.
    Normal,
    /// `synchronous = FULL`: every commit is synced to the device before it
    /// returns. Survives an OS crash and power loss too, at the price of a
    /// sync per commit.
    Full,
}

/// How a [`crate::Store`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// When to commit.
    pub commit: CommitPolicy,
    /// What a commit waits for.
    pub durability: Durability,
    /// Write a snapshot (the changed `orders` rows and `snapshot_seq`) with
    /// the first commit at least this many operations after the last one;
    /// `0`: only on [`crate::Store::snapshot`]. A snapshot bounds the journal
    /// that [`crate::Store::open`] replays; it costs one row write per order
    /// changed since the last one (the store remembers which: one map entry
    /// per changed order, until the snapshot).
    pub snapshot_every: u64,
    /// Run SQLite's `quick_check` on open (reads the whole file once): a
    /// damaged file is refused as [`crate::StoreError::Corrupt`] instead of
    /// failing later, or half-read.
    pub verify_on_open: bool,
}

impl Default for Options {
    /// A commit per operation, [`Durability::Normal`], a snapshot every
    /// 10,000 operations, the file checked on open.
    fn default() -> Self {
        Self {
            commit: CommitPolicy::EveryOperation,
            durability: Durability::Normal,
            snapshot_every: 10_000,
            verify_on_open: true,
        }
    }
}

impl Options {
    /// These options with commit policy `commit`.
    #[must_use]
    pub const fn with_commit(self, commit: CommitPolicy) -> Self {
        Self { commit, ..self }
    }

    /// These options with durability `durability`.
    #[must_use]
    pub const fn with_durability(self, durability: Durability) -> Self {
        Self { durability, ..self }
    }

    /// These options with a snapshot every `operations` operations (0: on
    /// demand only).
    #[must_use]
    pub const fn with_snapshot_every(self, operations: u64) -> Self {
        Self {
            snapshot_every: operations,
            ..self
        }
    }
}
