//! The reference's order: plain fields and the engine's requests, written from
//! `docs/state-machine.md` (sections *States*, *Engine requests*, *In-doubt
//! rule*, *Invariants* 9) without calling any code of `AnyOrder`, its handles
//! (`OrderMut`, `OrderRef`) or `Fills`. Feed reports are applied in
//! [`super::report`], fills accounted in [`super::fill`].
//!
//! Every field holds exactly what the docs say the order knows in its state and
//! nothing else (for example `in_doubt_since` is `None` once the placement is
//! settled), so the harness can compare it field by field with what the real
//! order shows through its accessors.

use std::ops::RangeInclusive;

use ordertrack::{
    ClientOrderId, ExchangeOrderId, ExpiryReason, FailReason, NewOrder, Notional, OrderError,
    OrderStatus, OrderType, Price, Qty, Request, RequestError, TRADE_WINDOW, TradeId,
};

/// Binance's leverage range (docs, invariant 9).
const LEVERAGE: RangeInclusive<u16> = 1..=125;

/// One fill the order accounted, in the order it was applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RefFill {
    /// Its trade id: a fill's identity.
    pub trade_id: TradeId,
    /// Its quantity.
    pub qty: Qty,
    /// Its price.
    pub price: Price,
}

/// One order as `docs/state-machine.md` describes it, in plain fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefOrder {
    /// What the engine decided; quantity and price as amended since.
    pub spec: NewOrder,
    /// Its state.
    pub status: OrderStatus,
    /// The exchange's order id, once an ack, fill or close named it.
    pub exchange_id: Option<ExchangeOrderId>,
    /// Every fill accounted, in order of application.
    pub fills: Vec<RefFill>,
    /// Time of the latest change (ms): the max of every applied event's time.
    pub updated_at: u64,
    /// When it became terminal; `None` while it is not.
    pub closed_at: Option<u64>,
    /// When the engine sent it; kept while the placement is unsettled (Placing,
    /// Cancelling never acknowledged), for the return to Placing.
    pub sent_at: Option<u64>,
    /// The first moment the placement's outcome became unknown; kept like
    /// `sent_at`.
    pub in_doubt_since: Option<u64>,
    /// When the cancel in flight was requested; `Some` exactly while Cancelling.
    pub cancel_requested_at: Option<u64>,
    /// The exchange's reason, for an Expired order that was given one.
    pub expiry_reason: Option<ExpiryReason>,
    /// Why it failed; `Some` exactly while Failed.
    pub fail_reason: Option<FailReason>,
}

/// Whether an order of `order_type` must carry a limit price (Binance: LIMIT,
/// STOP and TAKE_PROFIT rest at a price).
const fn needs_price(order_type: OrderType) -> bool {
    matches!(
        order_type,
        OrderType::Limit | OrderType::Stop | OrderType::TakeProfit
    )
}

impl RefOrder {
    /// A new, Idle order, or the reason the spec is invalid (docs, invariant 9,
    /// in its order: zero quantity, priced type without price, leverage outside
    /// 1..=125, a `PMS` id naming another sub-account prefix or origin).
    ///
    /// # Errors
    /// The first rule `spec` breaks.
    pub fn new(spec: NewOrder) -> Result<Self, OrderError> {
        let client_id = spec.client_id;
        if spec.quantity.is_zero() {
            return Err(OrderError::ZeroQuantity { client_id });
        }
        if needs_price(spec.order_type) && spec.price.is_none() {
            return Err(OrderError::MissingPrice {
                client_id,
                order_type: spec.order_type,
            });
        }
        if !LEVERAGE.contains(&spec.leverage) {
            return Err(OrderError::LeverageOutOfRange {
                client_id,
                leverage: spec.leverage,
            });
        }
        if let Some(parts) = client_id.parse_pms() {
            if parts.sub_account_prefix != spec.sub_account.prefix() {
                return Err(OrderError::SubAccountMismatch {
                    client_id,
                    sub_account: spec.sub_account,
                });
            }
            if parts.origin != spec.origin {
                return Err(OrderError::OriginMismatch {
                    client_id,
                    origin: spec.origin,
                });
            }
        }
        Ok(Self {
            spec,
            status: OrderStatus::Idle,
            exchange_id: None,
            fills: Vec::new(),
            updated_at: spec.created_at,
            closed_at: None,
            sent_at: None,
            in_doubt_since: None,
            cancel_requested_at: None,
            expiry_reason: None,
            fail_reason: None,
        })
    }

    /// The client order id.
    #[must_use]
    pub fn client_id(&self) -> ClientOrderId {
        self.spec.client_id
    }

    /// Σ of the accounted fills' quantities (cannot overflow: every fill was
    /// accepted only while the sum stayed within the order's quantity).
    #[must_use]
    pub fn filled_qty(&self) -> Qty {
        self.fills.iter().fold(Qty::ZERO, |sum, f| {
            sum.checked_add(f.qty).unwrap_or(Qty::MAX)
        })
    }

    /// Exact Σ price × qty of the accounted fills.
    #[must_use]
    pub fn notional(&self) -> Notional {
        self.fills.iter().fold(Notional::ZERO, |sum, f| {
            sum.checked_add(Notional::of(f.price, f.qty)).unwrap_or(sum)
        })
    }

    /// The average fill price: Σ price × qty ÷ Σ qty in 10⁻⁸ units, rounded
    /// half-up once; `None` before any fill (docs, *Fill rules*).
    #[must_use]
    pub fn average_price(&self) -> Option<Price> {
        let (mut notional, mut filled) = (0i128, 0i128);
        for f in &self.fills {
            notional += i128::from(f.price.units()) * i128::from(f.qty.units());
            filled += i128::from(f.qty.units());
        }
        if filled == 0 {
            return None;
        }
        let rounded = (notional + filled / 2) / filled;
        i64::try_from(rounded).ok().and_then(Price::from_units)
    }

    /// The accounted trade ids, highest first.
    fn trade_ids_descending(&self) -> Vec<TradeId> {
        let mut ids: Vec<TradeId> = self.fills.iter().map(|f| f.trade_id).collect();
        ids.sort_unstable_by(|a, b| b.cmp(a));
        ids
    }

    /// The trade ids the duplicate rule remembers: the [`TRADE_WINDOW`]
    /// highest accounted, ascending (docs, *Fill rules*).
    #[must_use]
    pub fn remembered_trade_ids(&self) -> Vec<TradeId> {
        let mut ids = self.trade_ids_descending();
        ids.truncate(TRADE_WINDOW);
        ids.reverse();
        ids
    }

    /// The highest accounted trade id that is not remembered: a fill at or
    /// below it is refused (docs, *Fill rules*).
    #[must_use]
    pub fn trade_floor(&self) -> Option<TradeId> {
        self.trade_ids_descending().get(TRADE_WINDOW).copied()
    }

    /// Whether `trade_id` is a remembered trade id: a duplicate.
    #[must_use]
    pub fn has_trade(&self, trade_id: TradeId) -> bool {
        self.remembered_trade_ids().contains(&trade_id)
    }

    /// Moves `updated_at` forward to `at`, never back (docs, invariant 7).
    pub(super) fn touch(&mut self, at: u64) {
        self.updated_at = self.updated_at.max(at);
    }

    /// Learns the exchange id a report names, if the order knows none yet; an
    /// acknowledged placement is settled (no longer in doubt, no way back to
    /// Placing).
    pub(super) fn learn_exchange_id(&mut self, reported: Option<ExchangeOrderId>) {
        if self.exchange_id.is_none() && reported.is_some() {
            self.exchange_id = reported;
            self.sent_at = None;
            self.in_doubt_since = None;
        }
    }

    /// Becomes terminal in `status` at `at`: what only a live order knows is
    /// gone, `closed_at` is set once.
    pub(super) fn close(&mut self, status: OrderStatus, at: u64) {
        self.status = status;
        self.closed_at = Some(at);
        self.sent_at = None;
        self.in_doubt_since = None;
        self.cancel_requested_at = None;
        self.touch(at);
    }

    /// Placing (or Cancelling never acknowledged, through `cancel_rejected` →
    /// Placing) → Failed for `reason`. The order learns no exchange id.
    pub(super) fn fail(&mut self, reason: FailReason, at: u64) {
        self.fail_reason = Some(reason);
        self.close(OrderStatus::Failed, at);
    }

    fn refused(&self, request: Request) -> RequestError {
        RequestError {
            client_id: self.client_id(),
            status: self.status,
            request,
        }
    }

    /// `place(now)`: Idle → Placing.
    ///
    /// # Errors
    /// In any other state; the order is unchanged.
    pub fn place(&mut self, now: u64) -> Result<(), RequestError> {
        if self.status != OrderStatus::Idle {
            return Err(self.refused(Request::Place));
        }
        self.status = OrderStatus::Placing;
        self.sent_at = Some(now);
        self.touch(now);
        Ok(())
    }

    /// `request_cancel(now)`: Placing or Active → Cancelling (the exchange id
    /// known or not, as before).
    ///
    /// # Errors
    /// In any other state; the order is unchanged.
    pub fn request_cancel(&mut self, now: u64) -> Result<(), RequestError> {
        if !matches!(self.status, OrderStatus::Placing | OrderStatus::Active) {
            return Err(self.refused(Request::Cancel));
        }
        self.status = OrderStatus::Cancelling;
        self.cancel_requested_at = Some(now);
        self.touch(now);
        Ok(())
    }

    /// `place_failed(reason, now)`: Placing, or Cancelling never acknowledged
    /// (through `cancel_rejected` → Placing), → Failed.
    ///
    /// # Errors
    /// In any other state; the order is unchanged.
    pub fn place_failed(&mut self, reason: FailReason, now: u64) -> Result<(), RequestError> {
        if !self.is_unacknowledged_placement() {
            return Err(self.refused(Request::PlaceFailed));
        }
        self.fail(reason, now);
        Ok(())
    }

    /// `place_in_doubt(now)`: Placing stays Placing, in doubt since the first
    /// such call; a later call only moves `updated_at`.
    ///
    /// # Errors
    /// In any other state; the order is unchanged.
    pub fn place_in_doubt(&mut self, now: u64) -> Result<(), RequestError> {
        if self.status != OrderStatus::Placing {
            return Err(self.refused(Request::PlaceInDoubt));
        }
        self.in_doubt_since.get_or_insert(now);
        self.touch(now);
        Ok(())
    }

    /// `cancel_rejected(now)`: Cancelling → Active when the exchange id is
    /// known, else → Placing with its original `sent_at` and `in_doubt_since`.
    ///
    /// # Errors
    /// In any other state; the order is unchanged.
    pub fn cancel_rejected(&mut self, now: u64) -> Result<(), RequestError> {
        if self.status != OrderStatus::Cancelling {
            return Err(self.refused(Request::CancelRejected));
        }
        self.status = if self.exchange_id.is_some() {
            OrderStatus::Active
        } else {
            OrderStatus::Placing
        };
        self.cancel_requested_at = None;
        self.touch(now);
        Ok(())
    }

    /// Placing, or Cancelling with no exchange id: a placement the exchange
    /// never acknowledged, which a definitive rejection fails.
    pub(super) fn is_unacknowledged_placement(&self) -> bool {
        match self.status {
            OrderStatus::Placing => true,
            OrderStatus::Cancelling => self.exchange_id.is_none(),
            _ => false,
        }
    }
}
