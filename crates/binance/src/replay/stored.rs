//! A replay that writes the tracker's state into an `ordertrack-store` as it
//! goes, and resumes from one (feature `store`; the `replay` tool's
//! `--store` and `--resume`).

use std::io::BufRead;
use std::path::PathBuf;

use ordertrack::OrderTracker;
use ordertrack_store::{Store, StoreError};

use super::summary::ErrorLog;
use super::{MAX_ERROR_LINES, ReplayOptions, Summary, finish, run};
use crate::feed::{FeedChange, FeedTracker};

/// Why a stored replay stopped.
#[derive(Debug, thiserror::Error)]
pub enum StoredReplayError {
    /// The store refused a write or could not be read; what was committed
    /// before stays.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A replay that does not resume needs an empty store: its orders would
    /// be adopted a second time.
    #[error(
        "{path}: the store already holds {operations} operations; resume it (--resume) or start a new file"
    )]
    NotEmpty {
        /// The store's file.
        path: PathBuf,
        /// Its journaled operations.
        operations: u64,
    },
}

/// [`super::replay`], writing every change the feed makes to the tracker
/// (each adopted order, each report applied) into `store`, and after each
/// line the line's number as the store's stream position
/// ([`Store::set_stream_position`]), committed as the store's commit policy
/// says, and at the end with a snapshot (the `orders` table filled in).
///
/// With `resume`, the feed starts from the store's orders and skips the
/// lines up to its stream position: after a crash, the replay goes on from
/// the last line whose changes were committed (a line committed before its
/// position was is applied again: its reports are duplicates or stale for
/// the tracker, which change nothing). What the feed held in memory at the
/// crash (`TRADE_LITE`s waiting for their order, events waiting for a
/// trigger, the unknown and foreign orders it remembered) is not in the
/// store: the resumed run starts without it, and its statistics count the
/// lines it fed.
///
/// # Errors
/// [`StoredReplayError::NotEmpty`] without `resume` on a store that holds
/// operations; [`StoredReplayError::Store`] when the store fails (it is
/// poisoned: what it committed stays).
pub fn replay_stored(
    input: impl BufRead,
    options: ReplayOptions,
    store: &mut Store,
    resume: bool,
) -> Result<Summary, StoredReplayError> {
    if !resume && store.last_seq() > 0 {
        return Err(StoredReplayError::NotEmpty {
            path: store.path().to_path_buf(),
            operations: store.last_seq(),
        });
    }
    let skip = if resume { store.stream_position()? } else { 0 };
    let mut tracker = OrderTracker::new();
    for (_, order) in store.tracker().iter() {
        // The store's orders have distinct client and exchange ids: it holds a tracker.
        tracker
            .register(order.clone())
            .map_err(|source| StoreError::Restore {
                client_id: order.client_id(),
                source,
            })?;
    }
    let mut feed = FeedTracker::with_tracker(tracker, options.feed);
    feed.record_changes();
    let keep = options.error_lines.min(MAX_ERROR_LINES);
    let mut errors = ErrorLog::new(keep);
    run(
        &mut feed,
        input,
        options,
        &mut errors,
        skip,
        |feed, line| {
            for change in feed.take_changes() {
                match change {
                    FeedChange::Registered(order) => {
                        store.register(order)?;
                    }
                    FeedChange::Applied(report) => {
                        store.apply(&report)?;
                    }
                }
            }
            store.set_stream_position(line)
        },
    )?;
    // The `orders` table as the replay left them, for a reader of the file.
    store.snapshot()?;
    Ok(finish(feed, errors, keep, options.order_rows).0)
}
