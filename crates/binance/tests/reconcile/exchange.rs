//! A simulated exchange for the reconciliation tests: its view of each order
//! and its trades, rendered as Binance's documented REST answers.

use ordertrack::{ClientOrderId, ExchangeOrderId, Price, Qty, Symbol, TradeId};
use ordertrack_binance::reconcile::OrderId;
use ordertrack_binance::{Fetch, Snapshot};

/// One trade as the exchange keeps it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Trade {
    pub(crate) id: TradeId,
    pub(crate) qty: Qty,
    pub(crate) price: Price,
    pub(crate) time: u64,
}

/// One order as the exchange keeps it.
#[derive(Debug, Clone)]
pub(crate) struct ExOrder {
    pub(crate) client_id: ClientOrderId,
    pub(crate) exchange_id: ExchangeOrderId,
    pub(crate) symbol: Symbol,
    pub(crate) quantity: Qty,
    /// `price`: `"0"` for a market order.
    pub(crate) price: Price,
    /// `side`.
    pub(crate) side: &'static str,
    /// `origType`.
    pub(crate) orig_type: &'static str,
    /// `NEW`, `PARTIALLY_FILLED`, `FILLED`, `CANCELED`, `EXPIRED`.
    pub(crate) status: &'static str,
    pub(crate) trades: Vec<Trade>,
    pub(crate) update_time: u64,
}

impl ExOrder {
    pub(crate) fn executed(&self) -> Qty {
        self.trades.iter().fold(Qty::ZERO, |sum, t| {
            sum.checked_add(t.qty).expect("test sums fit")
        })
    }

    pub(crate) fn is_open(&self) -> bool {
        matches!(self.status, "NEW" | "PARTIALLY_FILLED")
    }

    /// The order as `GET /fapi/v1/order` and `openOrders` show it (the
    /// documented example's fields).
    pub(crate) fn json(&self) -> String {
        format!(
            r#"{{"avgPrice":"0.00000","clientOrderId":"{}","cumQuote":"0","executedQty":"{}","orderId":{},"origQty":"{}","origType":"{}","price":"{}","reduceOnly":{},"side":"{}","positionSide":"BOTH","status":"{}","stopPrice":"0","closePosition":false,"symbol":"{}","time":{},"timeInForce":"GTC","type":"LIMIT","activatePrice":"0","priceRate":"0","updateTime":{},"workingType":"CONTRACT_PRICE","priceProtect":false,"priceMatch":"NONE","selfTradePreventionMode":"NONE","goodTillDate":0}}"#,
            self.client_id,
            self.executed(),
            self.exchange_id.0,
            self.quantity,
            self.orig_type,
            self.price,
            self.side == "SELL",
            self.side,
            self.status,
            self.symbol,
            self.update_time,
            self.update_time,
        )
    }

    /// The order's trades as `GET /fapi/v1/userTrades` answers them.
    pub(crate) fn trades_json(&self) -> String {
        let items: Vec<String> = self
            .trades
            .iter()
            .map(|t| {
                format!(
                    r#"{{"buyer":true,"commission":"0.01","commissionAsset":"USDT","id":{},"maker":false,"orderId":{},"price":"{}","qty":"{}","quoteQty":"0","realizedPnl":"0","side":"BUY","positionSide":"BOTH","symbol":"{}","time":{}}}"#,
                    t.id.0, self.exchange_id.0, t.price, t.qty, self.symbol, t.time
                )
            })
            .collect();
        format!("[{}]", items.join(","))
    }
}

pub(crate) const UNKNOWN_ORDER: &str = r#"{"code":-2013,"msg":"Order does not exist."}"#;

/// The exchange's orders at one instant.
#[derive(Debug, Default)]
pub(crate) struct Exchange {
    pub(crate) orders: Vec<ExOrder>,
}

impl Exchange {
    fn find(&self, symbol: Symbol, by: impl Fn(&ExOrder) -> bool) -> Option<&ExOrder> {
        self.orders.iter().find(|o| o.symbol == symbol && by(o))
    }

    /// The answer to one request: HTTP status and body.
    pub(crate) fn answer(&self, fetch: &Fetch) -> (u16, String) {
        match fetch {
            Fetch::OpenOrders { symbol } => {
                let items: Vec<String> = self
                    .orders
                    .iter()
                    .filter(|o| o.symbol == *symbol && o.is_open())
                    .map(ExOrder::json)
                    .collect();
                (200, format!("[{}]", items.join(",")))
            }
            Fetch::OpenAlgoOrders { .. } => (200, "[]".to_owned()),
            Fetch::Order { symbol, order } => {
                let found = self.find(*symbol, |o| match order {
                    OrderId::Exchange(id) => o.exchange_id == *id,
                    OrderId::Client(id) => o.client_id == *id,
                });
                found.map_or((400, UNKNOWN_ORDER.to_owned()), |o| (200, o.json()))
            }
            Fetch::AlgoOrder { .. } => (400, UNKNOWN_ORDER.to_owned()),
            Fetch::UserTrades {
                symbol,
                exchange_id,
            } => (
                200,
                self.find(*symbol, |o| o.exchange_id == *exchange_id)
                    .map_or_else(|| "[]".to_owned(), ExOrder::trades_json),
            ),
        }
    }

    /// Answers every request into the snapshot.
    pub(crate) fn fill(&self, snapshot: &mut Snapshot, fetches: &[Fetch]) {
        for fetch in fetches {
            let (status, body) = self.answer(fetch);
            snapshot.insert(*fetch, status, body);
        }
    }
}
