//! The seed's `OrderTracker`, ported as directly as Rust allows: `String` keys,
//! std `HashMap`/`HashSet` with the default (SipHash) hasher, `f64` quantities,
//! `Vec` query results, a linear scan for cleanup. Its states, sides and origins
//! are `&'static str` (no allocation per transition): the port is direct, not a
//! straw man. It does less than `ordertrack` (no duplicate detection, no
//! transition checks).

use std::collections::{HashMap, HashSet};

/// The seed's `OrderState`, every field kept (some only ever written, as in
/// the seed) so that it weighs what the seed's does.
#[allow(dead_code)]
#[derive(Debug, Clone)]
pub(crate) struct OrderState {
    pub(crate) client_order_id: String,
    pub(crate) sub_account_id: String,
    pub(crate) exchange_order_id: Option<String>,
    pub(crate) symbol: String,
    pub(crate) side: &'static str,
    pub(crate) order_type: &'static str,
    pub(crate) quantity: f64,
    pub(crate) price: Option<f64>,
    pub(crate) reduce_only: bool,
    pub(crate) state: &'static str,
    pub(crate) filled_qty: f64,
    pub(crate) avg_fill_price: f64,
    pub(crate) last_fill_price: f64,
    pub(crate) last_fill_qty: f64,
    pub(crate) origin: &'static str,
    pub(crate) parent_id: Option<String>,
    pub(crate) leverage: u16,
    pub(crate) created_at: u64,
    pub(crate) updated_at: u64,
}

/// A feed event as the seed's engine would see it: strings and floats.
#[allow(dead_code)]
#[derive(Debug, Clone)]
pub(crate) struct Report {
    pub(crate) client_order_id: Option<String>,
    pub(crate) exchange_order_id: Option<String>,
    pub(crate) symbol: String,
    pub(crate) execution: &'static str,
    pub(crate) status: &'static str,
    pub(crate) trade_id: Option<u64>,
    pub(crate) last_qty: f64,
    pub(crate) last_price: f64,
    pub(crate) cumulative_qty: f64,
    pub(crate) transaction_time: u64,
}

const LIVE: [&str; 3] = ["placing", "active", "cancelling"];
const TERMINAL: [&str; 4] = ["filled", "cancelled", "expired", "failed"];

fn insert_into(index: &mut HashMap<String, HashSet<String>>, key: &str, id: &str) {
    if let Some(set) = index.get_mut(key) {
        set.insert(id.to_owned());
    } else {
        index.insert(key.to_owned(), HashSet::from([id.to_owned()]));
    }
}

fn remove_from(index: &mut HashMap<String, HashSet<String>>, key: &str, id: &str) {
    if let Some(set) = index.get_mut(key) {
        set.remove(id);
        if set.is_empty() {
            index.remove(key);
        }
    }
}

#[derive(Debug, Default)]
pub(crate) struct OrderTracker {
    by_client_id: HashMap<String, OrderState>,
    by_exchange_id: HashMap<String, String>,
    by_sub_account: HashMap<String, HashSet<String>>,
    by_symbol: HashMap<String, HashSet<String>>,
    by_parent: HashMap<String, HashSet<String>>,
}

impl OrderTracker {
    pub(crate) fn len(&self) -> usize {
        self.by_client_id.len()
    }

    pub(crate) fn register(&mut self, order: OrderState) {
        let id = order.client_order_id.clone();
        if let Some(exchange_id) = &order.exchange_order_id {
            self.by_exchange_id.insert(exchange_id.clone(), id.clone());
        }
        insert_into(&mut self.by_sub_account, &order.sub_account_id, &id);
        insert_into(&mut self.by_symbol, &order.symbol, &id);
        if let Some(parent) = &order.parent_id {
            insert_into(&mut self.by_parent, parent, &id);
        }
        self.by_client_id.insert(id, order);
    }

    pub(crate) fn unregister(&mut self, client_order_id: &str) -> Option<OrderState> {
        let order = self.by_client_id.remove(client_order_id)?;
        if let Some(exchange_id) = &order.exchange_order_id {
            self.by_exchange_id.remove(exchange_id);
        }
        remove_from(
            &mut self.by_sub_account,
            &order.sub_account_id,
            client_order_id,
        );
        remove_from(&mut self.by_symbol, &order.symbol, client_order_id);
        if let Some(parent) = &order.parent_id {
            remove_from(&mut self.by_parent, parent, client_order_id);
        }
        Some(order)
    }

    pub(crate) fn lookup(
        &self,
        exchange_order_id: Option<&str>,
        client_order_id: Option<&str>,
    ) -> Option<&OrderState> {
        if let Some(order) = client_order_id.and_then(|c| self.by_client_id.get(c)) {
            return Some(order);
        }
        let client = self.by_exchange_id.get(exchange_order_id?)?;
        self.by_client_id.get(client)
    }

    fn lookup_id(&self, report: &Report) -> Option<String> {
        self.lookup(
            report.exchange_order_id.as_deref(),
            report.client_order_id.as_deref(),
        )
        .map(|o| o.client_order_id.clone())
    }

    fn orders_of<'a>(&'a self, ids: Option<&'a HashSet<String>>) -> Vec<&'a OrderState> {
        ids.into_iter()
            .flatten()
            .filter_map(|id| self.by_client_id.get(id))
            .collect()
    }

    pub(crate) fn get_by_sub_account(&self, sub_account_id: &str) -> Vec<&OrderState> {
        self.orders_of(self.by_sub_account.get(sub_account_id))
    }

    pub(crate) fn get_active_by_symbol(&self, symbol: &str) -> Vec<&OrderState> {
        let mut orders = self.orders_of(self.by_symbol.get(symbol));
        orders.retain(|o| LIVE.contains(&o.state));
        orders
    }

    pub(crate) fn get_by_parent(&self, parent_id: &str) -> Vec<&OrderState> {
        self.orders_of(self.by_parent.get(parent_id))
    }

    pub(crate) fn cleanup_terminal(&mut self, now: u64, max_age: u64) -> usize {
        let old: Vec<String> = self
            .by_client_id
            .values()
            .filter(|o| TERMINAL.contains(&o.state) && now.saturating_sub(o.updated_at) > max_age)
            .map(|o| o.client_order_id.clone())
            .collect();
        for id in &old {
            self.unregister(id);
        }
        old.len()
    }

    fn transition(&mut self, id: &str, from: &[&str], to: &'static str, now: u64) -> bool {
        match self.by_client_id.get_mut(id) {
            Some(order) if from.contains(&order.state) => {
                order.state = to;
                order.updated_at = now;
                true
            }
            _ => false,
        }
    }

    pub(crate) fn place(&mut self, id: &str, now: u64) -> bool {
        self.transition(id, &["idle"], "placing", now)
    }

    pub(crate) fn cancel(&mut self, id: &str, now: u64) -> bool {
        self.transition(id, &["placing", "active"], "cancelling", now)
    }

    pub(crate) fn place_failed(&mut self, id: &str, now: u64) -> bool {
        self.transition(id, &["placing", "cancelling"], "failed", now)
    }

    pub(crate) fn place_in_doubt(&mut self, id: &str, now: u64) -> bool {
        self.transition(id, &["placing"], "placing", now)
    }

    pub(crate) fn cancel_rejected(&mut self, id: &str, now: u64) -> bool {
        match self.by_client_id.get_mut(id) {
            Some(order) if order.state == "cancelling" => {
                order.state = if order.exchange_order_id.is_some() {
                    "active"
                } else {
                    "placing"
                };
                order.updated_at = now;
                true
            }
            _ => false,
        }
    }

    /// The seed's feed handling: find the order, then update its fields.
    pub(crate) fn apply(&mut self, report: &Report) -> &'static str {
        let Some(id) = self.lookup_id(report) else {
            return "unknown";
        };
        let Some(order) = self.by_client_id.get_mut(&id) else {
            return "unknown";
        };
        if order.exchange_order_id.is_none()
            && let Some(exchange_id) = &report.exchange_order_id
        {
            order.exchange_order_id = Some(exchange_id.clone());
            self.by_exchange_id.insert(exchange_id.clone(), id.clone());
        }
        let terminal = TERMINAL.contains(&order.state);
        order.updated_at = report.transaction_time;
        match report.execution {
            "NEW" if order.state == "placing" => {
                order.state = "active";
                "acknowledged"
            }
            "TRADE" | "CALCULATED" => {
                let before = order.filled_qty;
                order.filled_qty += report.last_qty;
                order.avg_fill_price = (order.avg_fill_price * before
                    + report.last_price * report.last_qty)
                    / order.filled_qty;
                order.last_fill_price = report.last_price;
                order.last_fill_qty = report.last_qty;
                if terminal {
                    "late fill"
                } else if report.status == "FILLED" {
                    order.state = "filled";
                    "filled"
                } else {
                    if order.state == "placing" {
                        order.state = "active";
                    }
                    "partially filled"
                }
            }
            "CANCELED" if !terminal => {
                order.state = "cancelled";
                "cancelled"
            }
            "EXPIRED" if !terminal => {
                order.state = "expired";
                "expired"
            }
            "REJECTED" if order.state == "placing" || order.state == "cancelling" => {
                order.state = "failed";
                "failed"
            }
            _ => "stale (ignored)",
        }
    }
}
