//! The engine's requests: what it asks (place, cancel) and what it learns
//! about its own requests (a placement failed or is in doubt, a cancel was
//! refused), each through the typed transition.

use super::AnyOrder;
use crate::error::{Request, RequestError};
use crate::state::{Active, Armed, Cancelling, FailReason, Idle, Placing, StateData};

impl AnyOrder {
    fn refused(&self, request: Request) -> RequestError {
        RequestError {
            client_id: self.client_id(),
            status: self.status(),
            request,
        }
    }

    /// The engine sent the order: Idle → Placing.
    ///
    /// # Errors
    /// [`RequestError`] unless the order is `Idle`; the order is unchanged.
    pub fn place(&mut self, now: u64) -> Result<(), RequestError> {
        match self.0.state {
            StateData::Idle => {
                let _ = self.handle::<Idle>(()).place(now);
                Ok(())
            }
            _ => Err(self.refused(Request::Place)),
        }
    }

    /// The engine sent a cancel: Placing/Armed/Active → Cancelling.
    ///
    /// # Errors
    /// [`RequestError`] unless the order is `Placing`, `Armed` or `Active`.
    pub fn request_cancel(&mut self, now: u64) -> Result<(), RequestError> {
        match self.0.state {
            StateData::Placing(d) => {
                let _ = self.handle::<Placing>(d).request_cancel(now);
                Ok(())
            }
            StateData::Armed(d) => {
                let _ = self.handle::<Armed>(d).request_cancel(now);
                Ok(())
            }
            StateData::Active(d) => {
                let _ = self.handle::<Active>(d).request_cancel(now);
                Ok(())
            }
            _ => Err(self.refused(Request::Cancel)),
        }
    }

    /// The placement failed definitively: Placing → Failed (also a Cancelling
    /// order that was never acknowledged, nor accepted by the algo service).
    ///
    /// # Errors
    /// [`RequestError`] in any other state.
    pub fn place_failed(&mut self, reason: FailReason, now: u64) -> Result<(), RequestError> {
        let failed = match self.0.state {
            StateData::Placing(d) => self.handle::<Placing>(d).reject(reason, now).is_ok(),
            StateData::Cancelling(d) if self.0.core.algo_id.is_none() => {
                self.handle::<Cancelling>(d).reject(reason, now).is_ok()
            }
            _ => false,
        };
        if failed {
            Ok(())
        } else {
            Err(self.refused(Request::PlaceFailed))
        }
    }

    /// The placement's outcome is unknown (timeout, network error): the order
    /// stays Placing, marked in doubt. Not a rejection.
    ///
    /// # Errors
    /// [`RequestError`] unless the order is `Placing`.
    pub fn place_in_doubt(&mut self, now: u64) -> Result<(), RequestError> {
        match self.0.state {
            StateData::Placing(d) => {
                let _ = self.handle::<Placing>(d).mark_in_doubt(now);
                Ok(())
            }
            _ => Err(self.refused(Request::PlaceInDoubt)),
        }
    }

    /// The exchange refused the cancel: Cancelling → Active, → Armed when the
    /// cancel was sent while armed, or → Placing when it was sent before any
    /// ack.
    ///
    /// # Errors
    /// [`RequestError`] unless the order is `Cancelling`.
    pub fn cancel_rejected(&mut self, now: u64) -> Result<(), RequestError> {
        match self.0.state {
            StateData::Cancelling(d) => {
                let _ = self.handle::<Cancelling>(d).cancel_rejected(now);
                Ok(())
            }
            _ => Err(self.refused(Request::CancelRejected)),
        }
    }
}
