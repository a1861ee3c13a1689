//! [`StoreError`]: why a store could not be opened, or an operation not be
//! written. Every variant names the input (the file, the journal entry, the
//! orders row, the column) and the rule it breaks.

use std::path::PathBuf;

use ordertrack::{ClientOrderId, PartsError, TrackError};

/// Why the store refused to open a file, or an operation.
///
/// When [`crate::Store::open`] fails, nothing was loaded: no store exists, and
/// the file is as it was (except a migration, which is all-or-nothing).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file is not an SQLite database.
    #[error("{path}: not an SQLite database: {source}")]
    NotADatabase {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        source: rusqlite::Error,
    },
    /// SQLite found the database damaged (a truncated or overwritten file), or
    /// its integrity check failed.
    #[error("{path}: the database is damaged: {detail}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What SQLite reported.
        detail: String,
    },
    /// An SQLite database of another application: its `application_id` is not
    /// this store's, or it has tables but no application id.
    #[error(
        "{path}: an SQLite database of another application (application_id {found:#010x}, this store writes {expected:#010x})"
    )]
    Foreign {
        /// The file.
        path: PathBuf,
        /// The application id found.
        found: i32,
        /// This store's application id.
        expected: i32,
    },
    /// The file was written by a newer version of this library.
    #[error(
        "{path}: schema version {found} is newer than the {supported} this library reads; open it with a newer ordertrack-store"
    )]
    NewerSchema {
        /// The file.
        path: PathBuf,
        /// The version found (`PRAGMA user_version`).
        found: i32,
        /// The newest version this library reads.
        supported: i32,
    },
    /// The journal does not continue the snapshot, or skips a sequence number.
    #[error("journal gap: expected entry {expected}, found {}", found.map_or_else(|| "none".to_owned(), |s| s.to_string()))]
    JournalGap {
        /// The sequence number that should come next.
        expected: u64,
        /// The one found instead (`None`: the entry the snapshot ends at is missing).
        found: Option<u64>,
    },
    /// A journal entry that cannot be decoded into an operation.
    #[error("journal entry {seq} ({kind}): field `{field}`: {rule}")]
    JournalEntry {
        /// The entry's sequence number.
        seq: u64,
        /// The entry's kind column (cut to 64 bytes).
        kind: String,
        /// The field or column.
        field: &'static str,
        /// The rule broken.
        rule: String,
    },
    /// Replaying a journal entry did not give the outcome it recorded: the
    /// journal and the snapshot do not belong together.
    #[error(
        "journal entry {seq} ({kind}): recorded outcome {recorded:?}, replay gave {replayed:?}"
    )]
    Diverged {
        /// The entry's sequence number.
        seq: u64,
        /// The entry's kind.
        kind: &'static str,
        /// The outcome written with it.
        recorded: String,
        /// The outcome replay gave.
        replayed: String,
    },
    /// An `orders` row that cannot be decoded.
    #[error("orders row {client_id:?}: column `{column}`: {rule}")]
    OrderRow {
        /// The row's client id column as read (cut to 64 bytes).
        client_id: String,
        /// The column.
        column: &'static str,
        /// The rule broken.
        rule: String,
    },
    /// An `orders` row whose fields are not an order the transitions could
    /// have made.
    #[error("orders row {client_id}: {source}")]
    OrderParts {
        /// The order.
        client_id: ClientOrderId,
        /// The rule broken.
        source: PartsError,
    },
    /// A snapshot order the tracker refused (a client id or exchange id twice).
    #[error("restoring order {client_id}: {source}")]
    Restore {
        /// The order.
        client_id: ClientOrderId,
        /// Why the tracker refused it.
        source: TrackError,
    },
    /// The file's parts disagree (the snapshot's order count, the tracker's
    /// invariants after restore).
    #[error("{path}: inconsistent: {rule}")]
    Inconsistent {
        /// The file.
        path: PathBuf,
        /// The rule broken.
        rule: String,
    },
    /// The tracker refused the operation. It was journaled (with its refusal),
    /// and nothing changed.
    #[error("refused: {0}")]
    Refused(#[source] TrackError),
    /// An earlier write failed: the store writes nothing more. The database
    /// holds the state of its last commit; reopen it to go on from there.
    #[error(
        "the store stopped after a failed write; reopen the database to continue from its last commit"
    )]
    Poisoned,
    /// SQLite failed (input/output, a full disk, a lock held by another process).
    #[error("sqlite, {context}: {source}")]
    Sqlite {
        /// What the store was doing.
        context: &'static str,
        /// What SQLite said.
        source: rusqlite::Error,
    },
}

impl StoreError {
    /// The tracker's refusal, when the store refused the operation because the
    /// tracker did.
    #[must_use]
    pub const fn refusal(&self) -> Option<&TrackError> {
        match self {
            Self::Refused(e) => Some(e),
            _ => None,
        }
    }
}

/// The error for SQLite failing on the file `path` while doing `context`:
/// a damaged or foreign file is named so, anything else is
/// [`StoreError::Sqlite`].
pub(crate) fn sqlite(
    path: &std::path::Path,
    context: &'static str,
) -> impl Fn(rusqlite::Error) -> StoreError {
    move |source| match source.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase {
            path: path.to_path_buf(),
            source,
        },
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::TooBig) => {
            StoreError::Corrupt {
                path: path.to_path_buf(),
                detail: format!("{context}: {source}"),
            }
        }
        _ => StoreError::Sqlite { context, source },
    }
}

/// `text` cut to 64 bytes (on a character boundary), for an error message.
pub(crate) fn clip(text: &str) -> String {
    ordertrack::clip(text, 64).to_owned()
}
