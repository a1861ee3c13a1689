//! [`Interner`]: a bounded, process-wide, append-only table of strings, so
//! that symbols, sub-accounts and parent (algo) ids are small `Copy` handles
//! compared and hashed as integers, and printed from the table.
//!
//! The table never frees an entry, so each has a cap: a string beyond it is
//! refused with a typed error, and memory stays bounded whatever a feed sends.
//! Symbols and sub-accounts are few in practice (Binance lists a few hundred
//! symbols; an engine has a few sub-accounts to a few thousand). Parent ids
//! are not: every algo run makes a new one, so their cap
//! ([`PARENT_IDS_MAX`](crate::PARENT_IDS_MAX)) is a budget of algo runs per
//! process lifetime: past it a new algo's id is refused until the process
//! restarts.

use std::collections::HashMap;
use std::sync::{LazyLock, PoisonError, RwLock};

/// A table of at most `cap` strings; entry 0 is the empty string.
pub(crate) struct Interner {
    table: LazyLock<RwLock<Table>>,
    cap: usize,
}

#[derive(Default)]
struct Table {
    ids: HashMap<&'static str, u32>,
    names: Vec<&'static str>,
}

fn empty_table() -> RwLock<Table> {
    let mut table = Table::default();
    table.ids.insert("", 0);
    table.names.push("");
    RwLock::new(table)
}

impl Interner {
    /// A table of at most `cap` strings (the empty one included).
    pub(crate) const fn new(cap: usize) -> Self {
        Self {
            table: LazyLock::new(empty_table),
            cap,
        }
    }

    /// The most strings the table holds.
    pub(crate) const fn cap(&self) -> usize {
        self.cap
    }

    /// The handle of `text`, interning it if new; `None` when the table is
    /// full and `text` is not in it.
    pub(crate) fn intern(&self, text: &str) -> Option<u32> {
        if let Some(&id) = self
            .table
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .ids
            .get(text)
        {
            return Some(id);
        }
        let mut table = self.table.write().unwrap_or_else(PoisonError::into_inner);
        if let Some(&id) = table.ids.get(text) {
            return Some(id);
        }
        if table.names.len() >= self.cap {
            return None;
        }
        let id = u32::try_from(table.names.len()).ok()?;
        // Leaked on purpose: entries live as long as the process, bounded by `cap`.
        let name: &'static str = Box::leak(text.to_owned().into_boxed_str());
        table.ids.insert(name, id);
        table.names.push(name);
        Some(id)
    }

    /// The string of handle `id` (the empty string for an id never issued).
    pub(crate) fn name(&self, id: u32) -> &'static str {
        let table = self.table.read().unwrap_or_else(PoisonError::into_inner);
        usize::try_from(id)
            .ok()
            .and_then(|i| table.names.get(i))
            .copied()
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::Interner;

    #[test]
    fn interns_once_and_refuses_beyond_the_cap() {
        static TABLE: Interner = Interner::new(3);
        assert_eq!(TABLE.intern(""), Some(0));
        let a = TABLE.intern("A").unwrap();
        assert_eq!(TABLE.intern("A"), Some(a));
        let b = TABLE.intern("B").unwrap();
        assert_ne!(a, b);
        assert_eq!((TABLE.name(a), TABLE.name(b)), ("A", "B"));
        assert_eq!(TABLE.intern("C"), None, "full");
        assert_eq!(TABLE.intern("B"), Some(b), "known strings still resolve");
        assert_eq!(TABLE.name(99), "");
        assert_eq!(TABLE.cap(), 3);
    }
}
