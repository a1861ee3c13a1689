//! The conditional orders of the corpus's algo answers, placed in a tracker,
//! and the answers themselves.
#![allow(dead_code, reason = "each test file uses some of the helpers")]
#![allow(clippy::unwrap_used, reason = "test helpers")]

use std::fs;
use std::path::Path;

use ordertrack::{
    AnyOrder, ClientOrderId, NewOrder, OrderKey, OrderTracker, OrderType, Price, Qty, Side,
    SubAccountId, Symbol, Trigger, WorkingType,
};

/// When the answers are applied.
pub(crate) const NOW: u64 = 1_765_000_000_000;

/// The answer `rest/<name>` of the corpus.
pub(crate) fn corpus(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/corpus/rest")
        .join(name);
    fs::read_to_string(path).unwrap()
}

/// A conditional order the engine sent, as an algo answer names it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sent {
    pub(crate) client_id: &'static str,
    pub(crate) symbol: &'static str,
    pub(crate) side: Side,
    pub(crate) order_type: OrderType,
    pub(crate) qty: &'static str,
    pub(crate) price: Option<&'static str>,
    pub(crate) trigger: &'static str,
    pub(crate) working: WorkingType,
}

/// The take-profit of the SDK's and the docs' answers (`6B2I9XVcJpCjqPAJ4YoFX7`).
pub(crate) const DOC_TP: Sent = Sent {
    client_id: "6B2I9XVcJpCjqPAJ4YoFX7",
    symbol: "BNBUSDT",
    side: Side::Sell,
    order_type: OrderType::TakeProfit,
    qty: "0.01",
    price: Some("750"),
    trigger: "750",
    working: WorkingType::ContractPrice,
};

/// The open take-profit of the open-orders answers.
pub(crate) const OPEN_TP: Sent = Sent {
    client_id: "MRumok0dkhrP4kCm12AHaB",
    ..DOC_TP
};

/// ccxt's STOP (limit) buy.
pub(crate) const CCXT_STOP: Sent = Sent {
    client_id: "yT58zmV3DSzMBQxc5tAJXU",
    symbol: "BTCUSDT",
    side: Side::Buy,
    order_type: OrderType::Stop,
    qty: "0.002",
    price: Some("102000"),
    trigger: "100000",
    working: WorkingType::ContractPrice,
};

/// The WebSocket API's take-profit.
pub(crate) const WS_TP: Sent = Sent {
    client_id: "0Xkl1p621E4EryvufmYre1",
    symbol: "BTCUSDT",
    side: Side::Sell,
    order_type: OrderType::TakeProfit,
    qty: "1.000",
    price: Some("160000"),
    trigger: "120000",
    working: WorkingType::ContractPrice,
};

/// nautilus_trader's STOP_MARKET buy (its answer names the type `type`).
pub(crate) const NAUTILUS_STOP: Sent = Sent {
    client_id: "test-algo-order-1",
    symbol: "BTCUSDT",
    side: Side::Buy,
    order_type: OrderType::StopMarket,
    qty: "0.001",
    price: None,
    trigger: "45000",
    working: WorkingType::MarkPrice,
};

impl Sent {
    /// The order, sent at `NOW - 1_000` (Placing).
    pub(crate) fn order(&self) -> AnyOrder {
        let spec = NewOrder {
            client_id: ClientOrderId::new(self.client_id).unwrap(),
            sub_account: SubAccountId::new("a1b2c3d4-algo").unwrap(),
            symbol: Symbol::new(self.symbol).unwrap(),
            side: self.side,
            order_type: self.order_type,
            quantity: Qty::parse(self.qty).unwrap(),
            price: self.price.map(|p| Price::parse(p).unwrap()),
            reduce_only: false,
            trigger: Some(Trigger {
                working_type: self.working,
                ..Trigger::at(Price::parse(self.trigger).unwrap())
            }),
            origin: None,
            parent: None,
            leverage: 1,
            created_at: NOW - 2_000,
        };
        AnyOrder::sent(spec, NOW - 1_000).unwrap()
    }

    /// A tracker holding it, Placing.
    pub(crate) fn placed(&self) -> (OrderTracker, OrderKey) {
        let mut tracker = OrderTracker::new();
        let key = tracker.register(self.order()).unwrap();
        (tracker, key)
    }
}
