//! A set that remembers at most a fixed number of values, forgetting the
//! oldest first.

use std::collections::{HashSet, VecDeque};
use std::hash::Hash;

/// The most recent `cap` distinct values inserted, with a count of the values
/// forgotten to make room. Insertion is O(1); memory is bounded by `cap`.
#[derive(Debug)]
pub(crate) struct Recent<T> {
    set: HashSet<T>,
    /// The values of `set`, oldest first.
    order: VecDeque<T>,
    cap: usize,
    evicted: u64,
}

impl<T: Copy + Eq + Hash> Recent<T> {
    /// Remembers at most `cap` values.
    pub(crate) fn new(cap: usize) -> Self {
        Self {
            set: HashSet::new(),
            order: VecDeque::new(),
            cap,
            evicted: 0,
        }
    }

    /// Remembers `value`; whether it was not remembered already. Forgets the
    /// oldest value when full (with `cap` zero, `value` itself at once).
    pub(crate) fn insert(&mut self, value: T) -> bool {
        if self.set.contains(&value) {
            return false;
        }
        if self.cap == 0 {
            self.evicted += 1;
            return true;
        }
        if self.order.len() >= self.cap
            && let Some(oldest) = self.order.pop_front()
        {
            self.set.remove(&oldest);
            self.evicted += 1;
        }
        self.set.insert(value);
        self.order.push_back(value);
        true
    }

    /// Whether `value` is remembered.
    pub(crate) fn contains(&self, value: &T) -> bool {
        self.set.contains(value)
    }

    /// Values remembered now.
    pub(crate) fn len(&self) -> usize {
        self.order.len()
    }

    /// Values forgotten to make room.
    pub(crate) fn evicted(&self) -> u64 {
        self.evicted
    }
}

#[cfg(test)]
mod tests {
    use super::Recent;

    #[test]
    fn forgets_the_oldest_first() {
        let mut recent = Recent::new(3);
        assert!(recent.insert(1) && recent.insert(2) && recent.insert(3));
        assert!(!recent.insert(1));
        assert!(recent.insert(4)); // forgets 1
        assert_eq!((recent.len(), recent.evicted()), (3, 1));
        assert!(recent.insert(1)); // new again; forgets 2
        assert!(!recent.insert(3) && !recent.insert(4));
        assert_eq!((recent.len(), recent.evicted()), (3, 2));
        assert_eq!(recent.order, [3, 4, 1]);
        assert_eq!(recent.set.len(), 3);
    }

    #[test]
    fn a_zero_cap_remembers_nothing() {
        let mut recent = Recent::new(0);
        assert!(recent.insert(7) && recent.insert(7));
        assert_eq!((recent.len(), recent.evicted()), (0, 2));
    }
}
