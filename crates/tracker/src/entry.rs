//! One arena slot: the order and what the tracker keeps beside it, 16 bytes.

use ordertrack_model::AnyOrder;

use crate::bucket::NOWHERE;
use crate::callbacks::Callbacks;

/// One tracked order with its positions in the bucket indexes and its callbacks.
#[derive(Debug)]
pub(crate) struct Entry {
    pub(crate) order: AnyOrder,
    pub(crate) links: Links,
}

/// What the tracker keeps beside an order: where it sits in each bucket index,
/// and which of its events go to the handler. Four `u32`s.
///
/// The sub-account and live buckets are found again by the order's sub-account
/// and symbol (4-byte handles, hashed as integers); the parent bucket, keyed by
/// a string, is remembered by its slot, packed with the callbacks. Once the
/// order is closed it is in no live bucket, and the word that held its live
/// position holds its client id's hash instead, so that cleanup takes it out
/// of the client-id index without hashing the id again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Links {
    /// Position in its sub-account's bucket.
    pub(crate) sub_account: u32,
    /// Open: the position in its symbol's live bucket ([`NOWHERE`]: in none).
    /// Closed: its client id's hash ([`crate::index::ClientHash`]).
    live_or_hash: u32,
    /// Position in its parent's bucket; [`NOWHERE`] without a parent.
    pub(crate) parent: u32,
    /// Bits 0–23: the slot of its parent's bucket ([`SLOT_UNKNOWN`]: not
    /// recorded; found by the parent id). Bits 24–30: its callbacks. Bit 31:
    /// closed.
    tail: u32,
}

/// The parent-slot value that records no slot: slots from it up are found by
/// the parent id (more than 16 million parents with tracked children at once).
const SLOT_UNKNOWN: u32 = (1 << 24) - 1;
/// Where the callbacks sit in [`Links::tail`].
const CALLBACKS_SHIFT: u32 = 24;
const CALLBACKS_MASK: u32 = 0x7f << CALLBACKS_SHIFT;
/// The closed flag of [`Links::tail`].
const CLOSED: u32 = 1 << 31;
const _: () = assert!(
    ((Callbacks::all().bits() as u32) << CALLBACKS_SHIFT) & !CALLBACKS_MASK == 0,
    "the callbacks must fit in seven bits"
);

impl Links {
    /// Open, in no bucket, with `callbacks`.
    pub(crate) const fn new(callbacks: Callbacks) -> Self {
        Self {
            sub_account: NOWHERE,
            live_or_hash: NOWHERE,
            parent: NOWHERE,
            tail: SLOT_UNKNOWN | (callbacks.bits() as u32) << CALLBACKS_SHIFT,
        }
    }

    /// The events of the order that go to the handler.
    pub(crate) const fn callbacks(self) -> Callbacks {
        Callbacks::from_bits(((self.tail & CALLBACKS_MASK) >> CALLBACKS_SHIFT) as u8)
    }

    /// Sets the events of the order that go to the handler.
    pub(crate) const fn set_callbacks(&mut self, callbacks: Callbacks) {
        self.tail = (self.tail & !CALLBACKS_MASK)
            | (((callbacks.bits() as u32) << CALLBACKS_SHIFT) & CALLBACKS_MASK);
    }

    /// The slot of the parent's bucket, when recorded.
    pub(crate) const fn parent_slot(self) -> Option<u32> {
        match self.tail & SLOT_UNKNOWN {
            SLOT_UNKNOWN => None,
            slot => Some(slot),
        }
    }

    /// Records the slot of the parent's bucket (a slot too large to pack is
    /// left unrecorded: the bucket is then found by the parent id).
    pub(crate) const fn set_parent_slot(&mut self, slot: u32) {
        let slot = if slot < SLOT_UNKNOWN {
            slot
        } else {
            SLOT_UNKNOWN
        };
        self.tail = (self.tail & !SLOT_UNKNOWN) | slot;
    }

    /// The position in its symbol's live bucket; [`NOWHERE`] when in none
    /// (always once closed).
    pub(crate) const fn live(self) -> u32 {
        if self.is_closed() {
            NOWHERE
        } else {
            self.live_or_hash
        }
    }

    /// Records the position in its symbol's live bucket (while open).
    pub(crate) const fn set_live(&mut self, position: u32) {
        if !self.is_closed() {
            self.live_or_hash = position;
        }
    }

    /// Whether the order is closed (terminal).
    pub(crate) const fn is_closed(self) -> bool {
        self.tail & CLOSED != 0
    }

    /// Marks the order closed, keeping its client id's hash; returns the
    /// position it had in its symbol's live bucket ([`NOWHERE`]: in none).
    pub(crate) const fn close(&mut self, client_hash: u32) -> u32 {
        let live = self.live();
        self.live_or_hash = client_hash;
        self.tail |= CLOSED;
        live
    }

    /// The client id's hash kept since the order closed.
    pub(crate) const fn client_hash(self) -> Option<u32> {
        if self.is_closed() {
            Some(self.live_or_hash)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slot_and_callbacks_share_a_word_without_touching_each_other() {
        let all = Callbacks::all();
        let mut links = Links::new(all);
        assert_eq!((links.parent_slot(), links.callbacks()), (None, all));
        links.set_parent_slot(7);
        assert_eq!((links.parent_slot(), links.callbacks()), (Some(7), all));
        links.set_callbacks(Callbacks::new().on_fill());
        assert_eq!(links.parent_slot(), Some(7));
        assert_eq!(links.callbacks(), Callbacks::new().on_fill());
        links.set_parent_slot(SLOT_UNKNOWN - 1);
        assert_eq!(links.parent_slot(), Some(SLOT_UNKNOWN - 1));
        for too_large in [SLOT_UNKNOWN, SLOT_UNKNOWN + 1, u32::MAX] {
            links.set_parent_slot(too_large);
            assert_eq!(links.parent_slot(), None, "{too_large}");
            assert_eq!(links.callbacks(), Callbacks::new().on_fill());
        }
        assert_eq!(size_of::<Links>(), 16);
    }

    #[test]
    fn closing_keeps_the_hash_where_the_live_position_was() {
        let mut links = Links::new(Callbacks::all());
        links.set_parent_slot(3);
        links.set_live(12);
        assert_eq!((links.live(), links.client_hash()), (12, None));
        assert_eq!(links.close(0xdead_beef), 12);
        assert!(links.is_closed());
        assert_eq!(
            (links.live(), links.client_hash()),
            (NOWHERE, Some(0xdead_beef))
        );
        links.set_live(5);
        assert_eq!(
            links.client_hash(),
            Some(0xdead_beef),
            "a closed order has no live position"
        );
        assert_eq!(
            (links.parent_slot(), links.callbacks()),
            (Some(3), Callbacks::all())
        );
        links.set_callbacks(Callbacks::new());
        assert!(links.is_closed());
        assert_eq!(links.callbacks(), Callbacks::new());
    }
}
