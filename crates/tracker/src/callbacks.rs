//! Per-order callbacks, the seed's `on_fill` / `on_partial` / `on_cancel` and the
//! other terminal events, called once per event after the new state is stored.

use std::fmt;

use ordertrack_model::{AnyOrder, Applied};

use crate::OrderKey;

/// What a callback is told: which order, its state after the event, and the event.
#[derive(Debug, Clone, Copy)]
pub struct OrderEvent<'a> {
    /// The order's key.
    pub key: OrderKey,
    /// The order as stored after the event.
    pub order: &'a AnyOrder,
    /// What the event did.
    pub applied: &'a Applied,
}

/// One callback. `Send` so that the tracker stays `Send`.
pub type Callback = Box<dyn FnMut(&OrderEvent<'_>) + Send>;

/// The callbacks an algo attaches to one order. Each is optional.
///
/// ```
/// use ordertrack::Callbacks;
/// let callbacks = Callbacks::new()
///     .on_partial(|event| println!("{} partly filled", event.order.client_id()))
///     .on_fill(|event| println!("{} filled", event.order.client_id()));
/// # drop(callbacks);
/// ```
#[derive(Default)]
pub struct Callbacks {
    on_partial: Option<Callback>,
    on_fill: Option<Callback>,
    on_late_fill: Option<Callback>,
    on_cancel: Option<Callback>,
    on_expire: Option<Callback>,
    on_fail: Option<Callback>,
}

impl fmt::Debug for Callbacks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Callbacks")
            .field("on_partial", &self.on_partial.is_some())
            .field("on_fill", &self.on_fill.is_some())
            .field("on_late_fill", &self.on_late_fill.is_some())
            .field("on_cancel", &self.on_cancel.is_some())
            .field("on_expire", &self.on_expire.is_some())
            .field("on_fail", &self.on_fail.is_some())
            .finish()
    }
}

macro_rules! setters {
    ($($(#[$meta:meta])* $name:ident),*) => {$(
        $(#[$meta])*
        #[must_use]
        pub fn $name(mut self, callback: impl FnMut(&OrderEvent<'_>) + Send + 'static) -> Self {
            self.$name = Some(Box::new(callback));
            self
        }
    )*};
}

impl Callbacks {
    /// No callbacks.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    setters!(
        /// Called when a fill leaves quantity open.
        on_partial,
        /// Called when a fill completes the order.
        on_fill,
        /// Called when a fill lands after the order closed (accounted; still terminal).
        on_late_fill,
        /// Called when the exchange cancels the order.
        on_cancel,
        /// Called when the order expires.
        on_expire,
        /// Called when the order fails (rejected by the exchange or definitively
        /// failed by the engine).
        on_fail
    );

    /// Calls the callback that matches `event.applied`, if any is set.
    pub(crate) fn dispatch(&mut self, event: &OrderEvent<'_>) {
        let slot = match event.applied {
            Applied::PartiallyFilled(_) => &mut self.on_partial,
            Applied::Filled(_) => &mut self.on_fill,
            Applied::LateFill(_) => &mut self.on_late_fill,
            Applied::Cancelled(_) => &mut self.on_cancel,
            Applied::Expired(_) => &mut self.on_expire,
            Applied::Failed => &mut self.on_fail,
            Applied::Acknowledged | Applied::Amended | Applied::Duplicate | Applied::Stale => {
                return;
            }
        };
        if let Some(callback) = slot {
            callback(event);
        }
    }
}
