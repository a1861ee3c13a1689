//! A callback recorder: every call of a tracker's handler, under the
//! callback's name.

use std::sync::{Arc, Mutex};

use ordertrack::*;

/// What a callback saw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Seen {
    /// Which callback was called.
    pub(crate) callback: &'static str,
    pub(crate) key: OrderKey,
    /// The order's status as the callback saw it.
    pub(crate) status: OrderStatus,
    /// The order's filled quantity as the callback saw it.
    pub(crate) filled: Qty,
    pub(crate) applied: Applied,
}

/// Records every call of a tracker's handler (`Send + 'static`), under the
/// callback's name.
#[derive(Debug, Clone, Default)]
pub(crate) struct Recorder(Arc<Mutex<Vec<Seen>>>);

impl Recorder {
    /// A recorder set as `t`'s handler.
    pub(crate) fn on(t: &mut OrderTracker) -> Self {
        let recorder = Self::default();
        let seen = Arc::clone(&recorder.0);
        t.set_handler(move |event: &OrderEvent<'_>| {
            seen.lock().unwrap().push(Seen {
                callback: callback_name(event.applied),
                key: event.key,
                status: event.order.status(),
                filled: event.order.filled_qty(),
                applied: *event.applied,
            });
        });
        recorder
    }

    /// Callbacks for every one of the six events.
    pub(crate) fn callbacks(&self) -> Callbacks {
        Callbacks::all()
    }

    /// Everything recorded so far, emptying the record.
    pub(crate) fn take(&self) -> Vec<Seen> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }

    /// The callback names recorded so far, emptying the record.
    pub(crate) fn names(&self) -> Vec<&'static str> {
        self.take().into_iter().map(|s| s.callback).collect()
    }
}

/// The callback an event is delivered as.
fn callback_name(applied: &Applied) -> &'static str {
    match applied {
        Applied::PartiallyFilled(_) => "on_partial",
        Applied::Filled(_) => "on_fill",
        Applied::LateFill(_) => "on_late_fill",
        Applied::Cancelled(_) => "on_cancel",
        Applied::Expired(_) => "on_expire",
        Applied::Failed(_) => "on_fail",
        Applied::Triggered => "on_trigger",
        Applied::Acknowledged
        | Applied::Armed
        | Applied::Triggering
        | Applied::Amended
        | Applied::Duplicate
        | Applied::Stale => "no callback",
    }
}
