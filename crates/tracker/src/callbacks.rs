//! Callbacks without a heap allocation per order: the tracker holds **one**
//! handler ([`OrderTracker::set_handler`]), and each order says which of its
//! events go to it ([`Callbacks`], a set of flags stored inline). The seed's
//! `on_fill` / `on_partial` / `on_cancel` and the other terminal events are
//! delivered once per event, after the new state is stored.
//!
//! An engine routes an event to the algo that owns the order from what the
//! event carries: its key, and the order itself (client id, parent, origin).

use std::fmt;

use ordertrack_model::{AnyOrder, Applied};

use crate::OrderKey;
use crate::tracker::OrderTracker;

/// What the handler is told: which order, its state after the event, and the event.
#[derive(Debug, Clone, Copy)]
pub struct OrderEvent<'a> {
    /// The order's key.
    pub key: OrderKey,
    /// The order as stored after the event.
    pub order: &'a AnyOrder,
    /// What the event did.
    pub applied: &'a Applied,
}

/// The tracker's one event handler. `Send` so that the tracker stays `Send`.
pub type Handler = Box<dyn FnMut(&OrderEvent<'_>) + Send>;

/// Which events of one order are handed to the tracker's handler. `Copy`, one
/// byte: attaching callbacks to an order allocates nothing.
///
/// ```
/// use ordertrack::*;
///
/// let mut tracker = OrderTracker::new();
/// let fills = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
/// let seen = fills.clone();
/// tracker.set_handler(move |event| {
///     if matches!(event.applied, Applied::Filled(_) | Applied::PartiallyFilled(_)) {
///         seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
///     }
/// });
/// let sub = SubAccountId::new("3f2a9c1e-7b4d")?;
/// let spec = NewOrder::limit(sub, Origin::Chase, Symbol::new("BTCUSDT")?, Side::Buy,
///     Qty::parse("0.5")?, Price::parse("97000")?, 1_000);
/// let key = tracker.register_with_callbacks(AnyOrder::new(spec)?, Callbacks::new().on_partial().on_fill())?;
/// tracker.place(key, 1_001)?;
/// let fill = ExecutionReport {
///     client_id: Some(spec.client_id),
///     exchange_id: Some(ExchangeOrderId(7)),
///     fill: Some(ReportFill { trade_id: TradeId(1), qty: Qty::parse("0.5")?, price: Price::parse("97000")? }),
///     ..ExecutionReport::new(spec.symbol, ExecutionType::Trade, ReportStatus::Filled, 1_002)
/// };
/// tracker.apply(&fill)?;
/// assert_eq!(fills.load(std::sync::atomic::Ordering::Relaxed), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Callbacks {
    flags: u8,
}

const PARTIAL: u8 = 1;
const FILL: u8 = 1 << 1;
const LATE_FILL: u8 = 1 << 2;
const CANCEL: u8 = 1 << 3;
const EXPIRE: u8 = 1 << 4;
const FAIL: u8 = 1 << 5;
const TRIGGER: u8 = 1 << 6;

macro_rules! setters {
    ($($(#[$meta:meta])* $name:ident => $flag:ident),*) => {$(
        $(#[$meta])*
        #[must_use]
        pub const fn $name(self) -> Self {
            Self { flags: self.flags | $flag }
        }
    )*};
}

impl Callbacks {
    /// No events.
    #[must_use]
    pub const fn new() -> Self {
        Self { flags: 0 }
    }

    /// Every event that has a callback.
    #[must_use]
    pub const fn all() -> Self {
        Self {
            flags: PARTIAL | FILL | LATE_FILL | CANCEL | EXPIRE | FAIL | TRIGGER,
        }
    }

    /// The flags as a byte, for packing beside an order.
    pub(crate) const fn bits(self) -> u8 {
        self.flags
    }

    /// The flags from [`Callbacks::bits`].
    pub(crate) const fn from_bits(flags: u8) -> Self {
        Self { flags }
    }

    setters!(
        /// A fill that leaves quantity open.
        on_partial => PARTIAL,
        /// A fill that completes the order.
        on_fill => FILL,
        /// A fill after the order closed (accounted; still terminal).
        on_late_fill => LATE_FILL,
        /// The exchange cancelled the order.
        on_cancel => CANCEL,
        /// The order expired.
        on_expire => EXPIRE,
        /// The order failed (rejected by the exchange or definitively failed
        /// by the engine).
        on_fail => FAIL,
        /// A conditional order triggered (bound to its matching-engine order,
        /// or triggered in place).
        on_trigger => TRIGGER
    );

    /// Whether `applied` is one of the events asked for (acks, amendments,
    /// algo acceptances, triggering reports, duplicates and stale events have
    /// no callback).
    #[must_use]
    pub const fn wants(self, applied: &Applied) -> bool {
        let flag = match applied {
            Applied::PartiallyFilled(_) => PARTIAL,
            Applied::Filled(_) => FILL,
            Applied::LateFill(_) => LATE_FILL,
            Applied::Cancelled(_) => CANCEL,
            Applied::Expired(_) => EXPIRE,
            Applied::Failed(_) => FAIL,
            Applied::Triggered => TRIGGER,
            Applied::Acknowledged
            | Applied::Armed
            | Applied::Triggering
            | Applied::Amended
            | Applied::Duplicate
            | Applied::Stale => 0,
        };
        self.flags & flag != 0
    }
}

impl fmt::Debug for Callbacks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = [
            (PARTIAL, "on_partial"),
            (FILL, "on_fill"),
            (LATE_FILL, "on_late_fill"),
            (CANCEL, "on_cancel"),
            (EXPIRE, "on_expire"),
            (FAIL, "on_fail"),
            (TRIGGER, "on_trigger"),
        ];
        f.debug_set()
            .entries(
                names
                    .iter()
                    .filter(|(flag, _)| self.flags & flag != 0)
                    .map(|(_, n)| n),
            )
            .finish()
    }
}

/// Where the tracker keeps its handler.
#[derive(Default)]
pub(crate) struct HandlerSlot(Option<Handler>);

impl HandlerSlot {
    /// Hands `event` to the handler when `callbacks` ask for it.
    pub(crate) fn dispatch(&mut self, callbacks: Callbacks, event: &OrderEvent<'_>) {
        if callbacks.wants(event.applied)
            && let Some(handler) = self.0.as_mut()
        {
            handler(event);
        }
    }
}

impl fmt::Debug for HandlerSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() {
            "Handler(set)"
        } else {
            "Handler(none)"
        })
    }
}

impl OrderTracker {
    /// Sets the one handler every order's asked-for events go to (replacing
    /// any before). One allocation per tracker, none per order.
    pub fn set_handler(&mut self, handler: impl FnMut(&OrderEvent<'_>) + Send + 'static) {
        self.handler = HandlerSlot(Some(Box::new(handler)));
    }

    /// Removes the handler and hands it back; events then go nowhere.
    pub fn take_handler(&mut self) -> Option<Handler> {
        self.handler.0.take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ordertrack_model::{Closed, Qty};

    #[test]
    fn flags_select_events() {
        let closed = Closed::between(Qty::ZERO, None);
        let cancel = Applied::Cancelled(closed);
        assert!(!Callbacks::new().wants(&cancel));
        assert!(Callbacks::new().on_cancel().wants(&cancel));
        assert!(!Callbacks::new().on_expire().wants(&cancel));
        assert!(Callbacks::all().wants(&Applied::Failed(closed)));
        for silent in [
            Applied::Acknowledged,
            Applied::Amended,
            Applied::Duplicate,
            Applied::Stale,
        ] {
            assert!(!Callbacks::all().wants(&silent));
        }
        assert_eq!(
            format!("{:?}", Callbacks::new().on_fill().on_fail()),
            r#"{"on_fill", "on_fail"}"#
        );
        assert_eq!(std::mem::size_of::<Callbacks>(), 1);
    }
}
