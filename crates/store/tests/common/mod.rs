//! What the store's tests share: scratch directories, the generated stream,
//! and a tracker's observable state ([`Fingerprint`]).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub(crate) mod stream;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use ordertrack::*;

/// A directory removed when dropped.
pub(crate) struct Scratch(PathBuf);

impl Scratch {
    pub(crate) fn new(name: &str) -> Self {
        static N: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "ordertrack-store-{name}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }

    pub(crate) fn path(&self, file: &str) -> PathBuf {
        self.0.join(file)
    }

    pub(crate) fn dir(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Copies the database `from` (and its WAL, not its shared-memory index,
/// which SQLite rebuilds) to `to`; no file at all when there is none yet.
pub(crate) fn copy_db(from: &Path, to: &Path) {
    let wal = |p: &Path| PathBuf::from(format!("{}-wal", p.display()));
    let _ = std::fs::remove_file(to);
    let _ = std::fs::remove_file(wal(to));
    let _ = std::fs::remove_file(format!("{}-shm", to.display()));
    if !from.exists() {
        return;
    }
    std::fs::copy(from, to).unwrap();
    if wal(from).exists() {
        std::fs::copy(wal(from), wal(to)).unwrap();
    }
}

/// Everything a tracker shows: every order's fields (by client id), its
/// average price, and what each index answers.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Fingerprint {
    orders: BTreeMap<String, (OrderParts, Option<Price>)>,
    by_exchange: BTreeMap<(String, u64), String>,
    by_sub_account: BTreeMap<String, BTreeSet<String>>,
    active_by_symbol: BTreeMap<String, BTreeSet<String>>,
    by_parent: BTreeMap<String, BTreeSet<String>>,
}

fn ids<'a>(orders: impl Iterator<Item = (OrderKey, &'a AnyOrder)>) -> BTreeSet<String> {
    orders.map(|(_, o)| o.client_id().to_string()).collect()
}

/// The tracker's fingerprint, after checking its invariants and that every
/// order is found by its ids.
pub(crate) fn fingerprint(t: &OrderTracker) -> Fingerprint {
    t.check_invariants().expect("invariants");
    let mut f = Fingerprint {
        orders: BTreeMap::new(),
        by_exchange: BTreeMap::new(),
        by_sub_account: BTreeMap::new(),
        active_by_symbol: BTreeMap::new(),
        by_parent: BTreeMap::new(),
    };
    for (key, o) in t.iter() {
        let c = o.client_id();
        assert_eq!(t.lookup_client(&c).map(|(k, _)| k), Some(key));
        f.orders
            .insert(c.to_string(), (o.to_parts(), o.fills().average_price()));
        if let Some(e) = o.exchange_id() {
            let (_, holder) = t
                .lookup_exchange(&o.symbol(), e)
                .expect("indexed by exchange id");
            f.by_exchange.insert(
                (o.symbol().to_string(), e.0),
                holder.client_id().to_string(),
            );
        }
        let sub = o.sub_account();
        f.by_sub_account
            .insert(sub.to_string(), ids(t.by_sub_account(&sub)));
        assert_eq!(t.count_by_sub_account(&sub), t.by_sub_account(&sub).count());
        let symbol = o.symbol();
        f.active_by_symbol
            .insert(symbol.to_string(), ids(t.active_by_symbol(&symbol)));
        if let Some(p) = o.parent() {
            f.by_parent.insert(p.to_string(), ids(t.by_parent(&p)));
        }
    }
    f
}
