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
/// a string, is remembered by its slot, packed with the callbacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Links {
    /// Position in its sub-account's bucket.
    pub(crate) sub_account: u32,
    /// Position in its symbol's live bucket; [`NOWHERE`] once terminal.
    pub(crate) live: u32,
    /// Position in its parent's bucket; [`NOWHERE`] without a parent.
    pub(crate) parent: u32,
    /// Low 24 bits: the slot of its parent's bucket ([`SLOT_UNKNOWN`]: not
    /// recorded; found by the parent id). High 8 bits: its callbacks.
    tail: u32,
}

/// The parent-slot value that records no slot: slots from it up are found by
/// the parent id (more than 16 million parents with tracked children at once).
const SLOT_UNKNOWN: u32 = (1 << 24) - 1;

impl Links {
    /// In no bucket, no callbacks.
    pub(crate) const fn new(callbacks: Callbacks) -> Self {
        Self {
            sub_account: NOWHERE,
            live: NOWHERE,
            parent: NOWHERE,
            tail: SLOT_UNKNOWN | (callbacks.bits() as u32) << 24,
        }
    }

    /// The events of the order that go to the handler.
    pub(crate) const fn callbacks(self) -> Callbacks {
        Callbacks::from_bits((self.tail >> 24) as u8)
    }

    /// Sets the events of the order that go to the handler.
    pub(crate) const fn set_callbacks(&mut self, callbacks: Callbacks) {
        self.tail = (self.tail & SLOT_UNKNOWN) | (callbacks.bits() as u32) << 24;
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
}
