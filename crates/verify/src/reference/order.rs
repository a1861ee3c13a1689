//! The reference's order: plain fields and the engine's requests, written from
//! `docs/state-machine.md` (sections *States*, *Engine requests*, *In-doubt
//! rule*, *Invariants* 9) and issue 12's rules for conditional orders (the
//! `Armed` state, its cancel and the cancel's rejection back to `Armed`)
//! without calling any code of `AnyOrder`, its handles (`OrderMut`,
//! `OrderRef`) or `Fills`. Feed reports are checked in [`super::report`] and
//! applied in [`super::table`] (the conditional rules in [`super::trigger`]),
//! fills accounted in [`super::fill`].
//!
//! Every field holds exactly what the docs say the order knows in its state and
//! nothing else (for example `in_doubt_since` is `None` once the placement is
//! settled), so the harness can compare it field by field with what the real
//! order shows through its accessors.

use std::ops::RangeInclusive;

use ordertrack::{
    AlgoId, ClientOrderId, ExchangeOrderId, ExpiryReason, FailReason, NewOrder, OrderError,
    OrderStatus, OrderType, Price, Qty, Request, RequestError, TradeId,
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
    /// The exchange's order id, once an ack, fill or close named it (for a
    /// conditional order of the algo service: its triggered order's).
    pub exchange_id: Option<ExchangeOrderId>,
    /// The algo service's id, once a report of that service accepting the
    /// order (its `NEW`, `TRIGGERING`, `TRIGGERED`) named it.
    pub algo_id: Option<AlgoId>,
    /// Whether the conditional order has triggered: bound to its
    /// matching-engine order, triggered in place (the legacy trigger), or
    /// filled.
    pub triggered: bool,
    /// When it triggered first (the report's time: its trigger, or the fill
    /// that revealed it): a legacy trigger delivered again, at or before it,
    /// is no expiry.
    pub triggered_at: Option<u64>,
    /// Since when the algo service reports the trigger condition met
    /// (`TRIGGERING`); `Some` only while Armed.
    pub triggering_since: Option<u64>,
    /// Every fill accounted, in order of application.
    pub fills: Vec<RefFill>,
    /// Time of the latest change (ms): the max of every applied event's time.
    pub updated_at: u64,
    /// When it became terminal; `None` while it is not.
    pub closed_at: Option<u64>,
    /// When the engine sent it; kept while no exchange id is known (Placing,
    /// Armed, Cancelling never acknowledged), for the return to Placing or
    /// Armed.
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

/// Whether an order of `order_type` waits for a trigger: the five types
/// Binance places through its algo service since 2025-12-09.
pub(super) const fn waits_for_trigger(order_type: OrderType) -> bool {
    matches!(
        order_type,
        OrderType::Stop
            | OrderType::StopMarket
            | OrderType::TakeProfit
            | OrderType::TakeProfitMarket
            | OrderType::TrailingStopMarket
    )
}

impl RefOrder {
    /// A new, Idle order, or the reason the spec is invalid, in this order: a
    /// trigger exactly on the conditional types, with a price unless a
    /// trailing stop; a positive quantity, except a close-position order's,
    /// which is zero; then docs' invariant 9 (priced type without price,
    /// leverage outside 1..=125, a `PMS` id naming another sub-account prefix
    /// or origin).
    ///
    /// # Errors
    /// The first rule `spec` breaks.
    pub fn new(spec: NewOrder) -> Result<Self, OrderError> {
        let client_id = spec.client_id;
        let order_type = spec.order_type;
        if spec.trigger.is_some() != waits_for_trigger(order_type) {
            return Err(OrderError::TriggerMismatch {
                client_id,
                order_type,
            });
        }
        if spec.trigger.is_some_and(|t| t.price.is_none())
            && order_type != OrderType::TrailingStopMarket
        {
            return Err(OrderError::MissingTriggerPrice {
                client_id,
                order_type,
            });
        }
        let closes = spec.trigger.is_some_and(|t| t.close_position);
        if spec.quantity.is_zero() && !closes {
            return Err(OrderError::ZeroQuantity { client_id });
        }
        if closes && !spec.quantity.is_zero() {
            return Err(OrderError::CloseWithQuantity {
                client_id,
                quantity: spec.quantity,
            });
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
            algo_id: None,
            triggered: false,
            triggered_at: None,
            triggering_since: None,
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

    /// Whether it is of a conditional type (it has a trigger).
    #[must_use]
    pub fn is_conditional(&self) -> bool {
        waits_for_trigger(self.spec.order_type)
    }

    /// Whether it closes the position at its trigger.
    #[must_use]
    pub fn closes_position(&self) -> bool {
        self.spec.trigger.is_some_and(|t| t.close_position)
    }

    /// Whether its quantity is known: always, except for a close-position
    /// order whose triggered order has not stated it yet (zero until then).
    #[must_use]
    pub fn quantity_known(&self) -> bool {
        !(self.closes_position() && self.spec.quantity.is_zero())
    }

    /// Σ of the accounted fills' quantities (cannot overflow: every fill was
    /// accepted only while the sum stayed representable and within the order's
    /// quantity, when known).
    #[must_use]
    pub fn filled_qty(&self) -> Qty {
        self.fills.iter().fold(Qty::ZERO, |sum, f| {
            sum.checked_add(f.qty).unwrap_or(Qty::MAX)
        })
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
        self.triggering_since = None;
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

    /// `request_cancel(now)`: Placing, Armed or Active → Cancelling (the
    /// exchange and algo ids known or not, as before; a triggering mark is
    /// gone).
    ///
    /// # Errors
    /// In any other state; the order is unchanged.
    pub fn request_cancel(&mut self, now: u64) -> Result<(), RequestError> {
        if !matches!(
            self.status,
            OrderStatus::Placing | OrderStatus::Armed | OrderStatus::Active
        ) {
            return Err(self.refused(Request::Cancel));
        }
        self.status = OrderStatus::Cancelling;
        self.cancel_requested_at = Some(now);
        self.triggering_since = None;
        self.touch(now);
        Ok(())
    }

    /// `place_failed(reason, now)`: Placing, or Cancelling never acknowledged
    /// (through `cancel_rejected` → Placing), → Failed.
    ///
    /// # Errors
    /// In any other state; the order is unchanged.
    pub fn place_failed(&mut self, reason: FailReason, now: u64) -> Result<(), RequestError> {
        // The algo service accepted it: its placement did not fail.
        if !self.is_unacknowledged_placement() || self.algo_id.is_some() {
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
    /// known; else → Armed (not triggering) when the algo service had accepted
    /// it (its algo id is known), with its original `sent_at`; else → Placing
    /// with its original `sent_at` and `in_doubt_since`.
    ///
    /// # Errors
    /// In any other state; the order is unchanged.
    pub fn cancel_rejected(&mut self, now: u64) -> Result<(), RequestError> {
        if self.status != OrderStatus::Cancelling {
            return Err(self.refused(Request::CancelRejected));
        }
        self.status = match (self.exchange_id, self.algo_id) {
            (Some(_), _) => OrderStatus::Active,
            (None, Some(_)) => {
                self.in_doubt_since = None;
                OrderStatus::Armed
            }
            (None, None) => OrderStatus::Placing,
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
