//! Stream lines for the feed tracker's tests, in Binance's exact field
//! format, and views of what a feed tracker holds.
#![allow(clippy::unwrap_used, reason = "test helpers")]

use ordertrack::{AnyOrder, ClientOrderId, OrderKey};
use ordertrack_binance::{FeedConfig, FeedTracker};

/// An `ORDER_TRADE_UPDATE` ack of a BTCUSDT limit buy of 0.010.
pub(crate) fn new_order(client_id: &str, exchange_id: u64) -> String {
    format!(
        r#"{{"e":"ORDER_TRADE_UPDATE","T":1764001000012,"E":1764001000013,"o":{{"s":"BTCUSDT","c":"{client_id}","S":"BUY","o":"LIMIT","f":"GTC","q":"0.010","p":"86500.00","ap":"0","sp":"0","x":"NEW","X":"NEW","i":{exchange_id},"l":"0","z":"0.000","L":"0","n":"0","N":"USDT","T":1764001000012,"t":0,"b":"865","a":"0","m":false,"R":false,"wt":"CONTRACT_PRICE","ot":"LIMIT","ps":"BOTH","cp":false,"rp":"0","pP":false,"si":0,"ss":0,"V":"EXPIRE_MAKER","pm":"NONE","gtd":0,"er":"0"}}}}"#
    )
}

/// A `TRADE_LITE` of 0.001 for the order of `new_order`.
pub(crate) fn lite(client_id: &str, exchange_id: u64, trade_id: u64) -> String {
    format!(
        r#"{{"e":"TRADE_LITE","E":1764001000611,"T":1764001000610,"s":"BTCUSDT","q":"0.010","p":"86500.00","m":true,"c":"{client_id}","S":"BUY","L":"86500.00","l":"0.001","t":{trade_id},"i":{exchange_id}}}"#
    )
}

/// The `n`th client id of ours (`PMSa1b2c3d4_CHASE_…`).
pub(crate) fn pms(n: u64) -> String {
    format!("PMSa1b2c3d4_CHASE_{n:012x}")
}

/// A client id from its text.
pub(crate) fn id(text: &str) -> ClientOrderId {
    ClientOrderId::new(text).unwrap()
}

/// Every tracked order with its key: the tracker's state, to compare.
pub(crate) fn orders(feed: &FeedTracker) -> Vec<(OrderKey, AnyOrder)> {
    feed.tracker().iter().map(|(k, o)| (k, o.clone())).collect()
}

/// The default settings.
pub(crate) fn config() -> FeedConfig {
    FeedConfig::default()
}
