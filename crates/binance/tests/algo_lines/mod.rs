//! Stream lines of conditional orders in Binance's exact field format: the
//! algo service's `ALGO_UPDATE`s of a conditional order ([`Algo`]) and the
//! events of a matching-engine order ([`Engine`]: its own, a triggered
//! order's, or a stop placed on the matching engine before the algo service).
#![allow(dead_code, reason = "each test file uses some of the helpers")]
#![allow(clippy::unwrap_used, reason = "test helpers")]

use ordertrack::{AnyOrder, ClientOrderId, Price, Qty};
use ordertrack_binance::FeedTracker;

/// A conditional order on the algo service.
#[derive(Debug, Clone)]
pub(crate) struct Algo {
    pub(crate) caid: String,
    pub(crate) aid: u64,
    pub(crate) order_type: &'static str,
    pub(crate) symbol: &'static str,
    pub(crate) side: &'static str,
    pub(crate) qty: &'static str,
    pub(crate) price: &'static str,
    pub(crate) trigger: &'static str,
    pub(crate) working: &'static str,
    pub(crate) close: bool,
    pub(crate) reduce: bool,
}

/// The `n`th stop client id of ours (`PMSa1b2c3d4_TRAIL_STOP_…`).
pub(crate) fn stop_id(n: u64) -> String {
    format!("PMSa1b2c3d4_TRAIL_STOP_{n:012x}")
}

impl Algo {
    /// A reduce-only STOP_MARKET sell of 0.010 BTCUSDT triggering at 85000
    /// on the contract price.
    pub(crate) fn stop_market(n: u64) -> Self {
        Self {
            caid: stop_id(n),
            aid: 1_000_000_041_000_000 + n,
            order_type: "STOP_MARKET",
            symbol: "BTCUSDT",
            side: "SELL",
            qty: "0.010",
            price: "0",
            trigger: "85000.00",
            working: "CONTRACT_PRICE",
            close: false,
            reduce: true,
        }
    }

    /// A STOP (limit) sell of 0.010 BTCUSDT at 84900 triggering at 85000.
    pub(crate) fn stop_limit(n: u64) -> Self {
        Self {
            order_type: "STOP",
            price: "84900.00",
            ..Self::stop_market(n)
        }
    }

    /// A close-position TAKE_PROFIT_MARKET sell on ETHUSDT at 3050 on the
    /// mark price: `q` is `"0"`.
    pub(crate) fn close_position(n: u64) -> Self {
        Self {
            caid: format!("PMS7f3e9c21_MANUAL_{n:012x}"),
            aid: 2_000_000_081_000_000 + n,
            order_type: "TAKE_PROFIT_MARKET",
            symbol: "ETHUSDT",
            side: "SELL",
            qty: "0",
            price: "0",
            trigger: "3050.00",
            working: "MARK_PRICE",
            close: true,
            reduce: false,
        }
    }

    /// Its `ALGO_UPDATE` of status `status` at `t`, naming the triggered
    /// order `ai` (`""` before) with `aq` executed (`None`: not stated, as
    /// in a `TRIGGERING`).
    pub(crate) fn update(&self, status: &str, ai: &str, aq: Option<&str>, t: u64) -> String {
        self.update_with(status, ai, aq, t, "")
    }

    /// [`Algo::update`] with `extra` fields after the last one (`,"rm":"…"`).
    pub(crate) fn update_with(
        &self,
        status: &str,
        ai: &str,
        aq: Option<&str>,
        t: u64,
        extra: &str,
    ) -> String {
        let executed = aq.map_or_else(String::new, |aq| {
            let act = if ai.is_empty() { "0" } else { "MARKET" };
            format!(r#""ap":"0.00000","aq":"{aq}","act":"{act}","#)
        });
        let triggered_at = if status == "NEW" || status == "CANCELED" {
            0
        } else {
            t
        };
        format!(
            r#"{{"e":"ALGO_UPDATE","T":{t},"E":{e},"o":{{"caid":"{caid}","aid":{aid},"at":"CONDITIONAL","o":"{o}","s":"{s}","S":"{side}","ps":"BOTH","f":"GTC","q":"{q}","X":"{status}","ai":"{ai}",{executed}"tp":"{tp}","p":"{p}","V":"EXPIRE_MAKER","wt":"{wt}","pm":"NONE","cp":{cp},"pP":false,"R":{r},"tt":{triggered_at},"gtd":0{extra}}}}}"#,
            e = t + 6,
            caid = self.caid,
            aid = self.aid,
            o = self.order_type,
            s = self.symbol,
            side = self.side,
            q = self.qty,
            tp = self.trigger,
            p = self.price,
            wt = self.working,
            cp = self.close,
            r = self.reduce,
        )
    }

    /// The matching-engine order it triggers into: id `id`, client id
    /// `client` (usually its caid), `o` its own type, `ot` as given.
    pub(crate) fn triggered(
        &self,
        client: &str,
        id: u64,
        o: &'static str,
        ot: &'static str,
    ) -> Engine {
        Engine {
            symbol: self.symbol,
            client: client.to_owned(),
            id,
            side: self.side,
            o,
            ot,
            qty: if self.close { "0.300" } else { self.qty },
            price: self.price,
            stop_price: "0",
            working: self.working,
            close: self.close,
            reduce: self.reduce || self.close,
        }
    }
}

/// An order of the matching engine.
#[derive(Debug, Clone)]
pub(crate) struct Engine {
    pub(crate) symbol: &'static str,
    pub(crate) client: String,
    pub(crate) id: u64,
    pub(crate) side: &'static str,
    pub(crate) o: &'static str,
    pub(crate) ot: &'static str,
    pub(crate) qty: &'static str,
    pub(crate) price: &'static str,
    pub(crate) stop_price: &'static str,
    pub(crate) working: &'static str,
    pub(crate) close: bool,
    pub(crate) reduce: bool,
}

impl Engine {
    /// A STOP_MARKET buy of 0.005 BTCUSDT at 87500 placed on the matching
    /// engine itself, as before the algo service.
    pub(crate) fn legacy_stop(n: u64) -> Self {
        Self {
            symbol: "BTCUSDT",
            client: stop_id(n),
            id: 731_246_003_000 + n,
            side: "BUY",
            o: "STOP_MARKET",
            ot: "STOP_MARKET",
            qty: "0.005",
            price: "0",
            stop_price: "87500.0",
            working: "CONTRACT_PRICE",
            close: false,
            reduce: true,
        }
    }

    /// The same order reported with `o` = `o` (a triggered stop: `MARKET`).
    pub(crate) fn as_type(&self, o: &'static str) -> Self {
        Self { o, ..self.clone() }
    }

    #[allow(clippy::too_many_arguments, reason = "the fields of one event")]
    fn event(
        &self,
        x: &str,
        status: &str,
        z: &str,
        fill: (&str, &str, u64),
        er: &str,
        t: u64,
    ) -> String {
        let (l, last_price, trade_id) = fill;
        format!(
            r#"{{"e":"ORDER_TRADE_UPDATE","T":{t},"E":{e},"o":{{"s":"{s}","c":"{c}","S":"{side}","o":"{o}","f":"GTC","q":"{q}","p":"{p}","ap":"0","sp":"{sp}","x":"{x}","X":"{status}","i":{i},"l":"{l}","z":"{z}","L":"{last_price}","n":"0","N":"USDT","T":{t},"t":{trade_id},"b":"0","a":"0","m":false,"R":{r},"wt":"{wt}","ot":"{ot}","ps":"BOTH","cp":{cp},"rp":"0","pP":false,"si":0,"ss":0,"V":"EXPIRE_MAKER","pm":"NONE","gtd":0,"er":"{er}"}}}}"#,
            e = t + 1,
            s = self.symbol,
            c = self.client,
            side = self.side,
            o = self.o,
            q = self.qty,
            p = self.price,
            sp = self.stop_price,
            i = self.id,
            r = self.reduce,
            wt = self.working,
            ot = self.ot,
            cp = self.close,
        )
    }

    /// `NEW` at `t`.
    pub(crate) fn new_at(&self, t: u64) -> String {
        self.event("NEW", "NEW", "0.000", ("0", "0", 0), "0", t)
    }

    /// A `TRADE` of `l` at `last_price` (trade `trade_id`), `z` filled
    /// after it, status `status`.
    pub(crate) fn trade(
        &self,
        trade_id: u64,
        l: &str,
        last_price: &str,
        z: &str,
        status: &str,
        t: u64,
    ) -> String {
        self.event("TRADE", status, z, (l, last_price, trade_id), "0", t)
    }

    /// Its `TRADE_LITE` twin.
    pub(crate) fn lite(&self, trade_id: u64, l: &str, last_price: &str, t: u64) -> String {
        format!(
            r#"{{"e":"TRADE_LITE","E":{e},"T":{t},"s":"{s}","q":"{q}","p":"{p}","m":false,"c":"{c}","S":"{side}","L":"{last_price}","l":"{l}","t":{trade_id},"i":{i}}}"#,
            e = t + 1,
            s = self.symbol,
            q = self.qty,
            p = self.price,
            c = self.client,
            side = self.side,
            i = self.id,
        )
    }

    /// `CANCELED` with `z` filled.
    pub(crate) fn canceled(&self, z: &str, t: u64) -> String {
        self.event("CANCELED", "CANCELED", z, ("0", "0", 0), "0", t)
    }

    /// `EXPIRED` with expiry reason `er`.
    pub(crate) fn expired(&self, z: &str, er: &str, t: u64) -> String {
        self.event("EXPIRED", "EXPIRED", z, ("0", "0", 0), er, t)
    }
}

/// The tracked order of client id `id`.
pub(crate) fn tracked<'a>(feed: &'a FeedTracker, id: &str) -> &'a AnyOrder {
    feed.tracker()
        .lookup_client(&ClientOrderId::new(id).unwrap())
        .unwrap()
        .1
}

pub(crate) fn qty(s: &str) -> Qty {
    Qty::parse(s).unwrap()
}

pub(crate) fn price(s: &str) -> Price {
    Price::parse(s).unwrap()
}
