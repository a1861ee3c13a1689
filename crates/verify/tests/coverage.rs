//! What the op strategies reach: every outcome kind, error kind (every kind of
//! terms mismatch), callback and state, fills with unseen and excess quantity
//! and without a cumulative quantity, applied reports restating terms, and
//! every conditional-order rule (the algo service's reports, the binding to
//! the triggered order by `TRIGGERED`, `FINISHED`, its `NEW` or its fill, the
//! legacy trigger and a real expiry of a conditional order, a close-position
//! quantity stated, refused, or completing the order, a cancel rejected back
//! to Armed), must come up in a default run (a strategy that never reaches a
//! branch tests nothing there). `VERIFY_COVERAGE=1 cargo test -p ordertrack-verify
//! --test coverage -- --nocapture` prints the histogram.

use std::collections::BTreeMap;

use ordertrack::{Applied, ApplyError, ExecutionType, ExpiryReason, OrderStatus, ReportStatus};
use ordertrack_verify::harness::{Action, Model, StepOutcome};
use ordertrack_verify::reference::{RefError, RefOutcome, ReferenceTracker};
use ordertrack_verify::strategies::{conditional_sequence, op_sequence, transition};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;

fn label(action: &Action, outcome: &StepOutcome) -> String {
    let a = match action {
        Action::Skip => "skip",
        Action::Register { .. } => "register",
        Action::Place { .. } => "place",
        Action::Cancel { .. } => "cancel",
        Action::PlaceFailed { .. } => "place_failed",
        Action::PlaceInDoubt { .. } => "place_in_doubt",
        Action::CancelRejected { .. } => "cancel_rejected",
        Action::Apply { .. } => "apply",
        Action::Unregister { .. } => "unregister",
        Action::SetCallbacks { .. } => "set_callbacks",
        Action::Cleanup { .. } => "cleanup",
    };
    let o = match outcome {
        StepOutcome::Nothing => "nothing".to_owned(),
        StepOutcome::Refused(_) => "refused".to_owned(),
        StepOutcome::Registered(Ok(_)) | StepOutcome::Done(Ok(())) => "ok".to_owned(),
        StepOutcome::Registered(Err(e))
        | StepOutcome::Done(Err(e))
        | StepOutcome::Applied(Err(e)) => match e {
            RefError::Apply {
                source: ApplyError::TermsMismatch { mismatch, .. },
                ..
            } => {
                let s = format!("{mismatch:?}");
                format!(
                    "Apply::TermsMismatch({})",
                    s.split([' ', '{']).next().unwrap_or("")
                )
            }
            RefError::Apply { source, .. } => {
                let s = format!("{source:?}");
                format!("Apply::{}", s.split([' ', '{', '(']).next().unwrap_or(""))
            }
            other => format!("{other:?}")
                .split([' ', '{'])
                .next()
                .unwrap_or("")
                .to_owned(),
        },
        StepOutcome::Applied(Ok(RefOutcome::Unknown(u))) => {
            format!("unknown(ours={})", u.ours.is_some())
        }
        StepOutcome::Applied(Ok(RefOutcome::Applied { applied, .. })) => {
            let s = format!("{applied:?}");
            s.split(['(', ' ']).next().unwrap_or("").to_owned()
        }
        StepOutcome::Unregistered(o) => format!("unregistered({})", o.is_some()),
        StepOutcome::Cleaned(n) => format!("cleaned({})", (*n).min(2)),
    };
    format!("{a} -> {o}")
}

/// Why a report's fill was refused, by the fill error's name.
fn fill_refusal(outcome: &StepOutcome) -> Option<String> {
    let StepOutcome::Applied(Err(RefError::Apply {
        source: ApplyError::Fill { source, .. },
        ..
    })) = outcome
    else {
        return None;
    };
    let s = format!("{source:?}");
    Some(format!(
        "fill refused -> {}",
        s.split([' ', '{']).next().unwrap_or("")
    ))
}

/// What an applied report's restated terms and cumulative quantity came to.
fn report_detail(action: &Action, outcome: &StepOutcome) -> Option<&'static str> {
    let (Action::Apply { report }, StepOutcome::Applied(Ok(RefOutcome::Applied { applied, .. }))) =
        (action, outcome)
    else {
        return None;
    };
    match (applied.fill(), report.cumulative_qty, report.terms) {
        (Some(f), Some(_), _) if !f.excess_qty.is_zero() => Some("fill -> excess_qty"),
        (Some(f), Some(_), _) if !f.unseen_qty.is_zero() => Some("fill -> unseen_qty"),
        (Some(_), None, _) => Some("fill -> no cumulative quantity"),
        (_, _, Some(t)) if t.close_position => Some("applied -> close-position terms"),
        (_, _, Some(_)) => Some("applied -> restated terms"),
        _ => None,
    }
}

/// Which conditional-order rule a step exercised, from the reference before
/// and after it.
fn conditional_detail(
    before: &ReferenceTracker,
    after: &ReferenceTracker,
    action: &Action,
    outcome: &StepOutcome,
) -> Option<&'static str> {
    if let Action::CancelRejected { id, .. } = action {
        let armed = after
            .get(*id)
            .is_some_and(|o| o.status == OrderStatus::Armed);
        return (armed && matches!(outcome, StepOutcome::Done(Ok(()))))
            .then_some("cancel_rejected -> Armed");
    }
    let Action::Apply { report } = action else {
        return None;
    };
    let id = before.route(report)?;
    let (b, a) = (before.get(id)?, after.get(id)?);
    let applied = match outcome {
        StepOutcome::Applied(Ok(RefOutcome::Applied { applied, .. })) => applied,
        StepOutcome::Applied(Err(RefError::Apply {
            source: ApplyError::NotApplicable { .. },
            ..
        })) if report.algo_id.is_some() && !b.is_conditional() => {
            return Some("apply -> algo report on a plain order");
        }
        _ => return None,
    };
    let algo = report.algo_id.is_some();
    Some(match (b.status, report.execution, applied) {
        (_, ExecutionType::Expired, Applied::Triggered) => "apply -> legacy trigger",
        (_, ExecutionType::Expired, Applied::Expired(_))
            if b.is_conditional() && !b.triggered && b.algo_id.is_none() && !algo =>
        {
            match report.expiry_reason {
                Some(ExpiryReason(8)) | None => "apply -> conditional EXPIRED_IN_MATCH",
                Some(_) => "apply -> conditional expired for another reason",
            }
        }
        (_, ExecutionType::Triggered, Applied::Triggering) => {
            "apply -> TRIGGERED without exchange id"
        }
        (_, ExecutionType::Triggered, Applied::Triggered)
            if report.status == ReportStatus::Finished =>
        {
            "apply -> FINISHED binds"
        }
        (OrderStatus::Armed, ExecutionType::New, Applied::Triggered) => {
            "apply -> armed order's NEW binds"
        }
        (OrderStatus::Armed, _, Applied::PartiallyFilled(_)) => "apply -> armed order's fill binds",
        (OrderStatus::Cancelling, ExecutionType::Triggered, Applied::Triggered) => {
            "apply -> cancelling order learns its triggered order"
        }
        (OrderStatus::Cancelling, ExecutionType::New, Applied::Armed) => {
            "apply -> cancelling order learns its algo id"
        }
        (_, execution, Applied::Filled(_)) if !execution.is_fill() => {
            "apply -> completed by a stated quantity"
        }
        _ if !b.quantity_known() && a.quantity_known() && !algo => {
            "apply -> close-position quantity stated"
        }
        (_, _, Applied::LateFill(_) | Applied::PartiallyFilled(_)) if !a.quantity_known() => {
            "apply -> fill while the quantity is unknown"
        }
        _ => return None,
    })
}

#[test]
fn strategies_reach_every_branch() {
    let mut runner = TestRunner::deterministic();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut states: BTreeMap<String, usize> = BTreeMap::new();
    let mut calls = 0;
    for case in 0..256 {
        // A third each: stateless sequences (the differential test's, the
        // fuzz target's language), sequences dense in conditional orders (the
        // second differential test's), and the state-machine test's, op by op.
        let ops = if case % 3 == 1 {
            conditional_sequence()
                .new_tree(&mut runner)
                .unwrap()
                .current()
        } else {
            op_sequence().new_tree(&mut runner).unwrap().current()
        };
        let mut model = Model::new();
        for (i, op) in ops.iter().enumerate() {
            let op = if case % 3 != 2 || i == 0 {
                *op
            } else {
                transition(&model).new_tree(&mut runner).unwrap().current()
            };
            let before = model.tracker.clone();
            model.step(&op);
            let step = model.last.as_ref().unwrap();
            *seen.entry(label(&step.action, &step.expected)).or_default() += 1;
            if let Some(detail) =
                conditional_detail(&before, &model.tracker, &step.action, &step.expected)
            {
                *seen.entry(detail.to_owned()).or_default() += 1;
            }
            if let Some(detail) = report_detail(&step.action, &step.expected) {
                *seen.entry(detail.to_owned()).or_default() += 1;
            }
            if let Some(refusal) = fill_refusal(&step.expected) {
                *seen.entry(refusal).or_default() += 1;
            }
            if std::env::var_os("VERIFY_COVERAGE").is_some() {
                let op = format!("{:?}", step.op);
                let op = op.split(['(', ' ']).next().unwrap_or("").to_owned();
                *seen
                    .entry(format!(
                        "  op {op}: {}",
                        label(&step.action, &step.expected)
                    ))
                    .or_default() += 1;
            }
            calls += step.calls.len();
            for r in &model.tracker.records {
                *states.entry(r.order.status.to_string()).or_default() += 1;
            }
        }
    }
    if std::env::var_os("VERIFY_COVERAGE").is_some() {
        for (k, v) in &seen {
            eprintln!("{v:>6}  {k}");
        }
        eprintln!("{states:?}\ncallbacks: {calls}");
    }
    let mut missing = Vec::new();
    for needed in [
        "register -> ok",
        "register -> DuplicateClientId",
        "register -> ExchangeIdTaken",
        "register -> refused",
        "place -> ok",
        "place -> Request",
        "place -> StaleKey",
        "cancel -> ok",
        "place_failed -> ok",
        "place_in_doubt -> ok",
        "cancel_rejected -> ok",
        "apply -> Acknowledged",
        "apply -> PartiallyFilled",
        "apply -> Filled",
        "apply -> LateFill",
        "apply -> Cancelled",
        "apply -> Expired",
        "apply -> Failed",
        "apply -> Amended",
        "apply -> Duplicate",
        "apply -> Stale",
        "apply -> unknown(ours=true)",
        "apply -> unknown(ours=false)",
        "apply -> ExchangeIdTaken",
        "apply -> Apply::Fill",
        "apply -> Apply::SymbolMismatch",
        "apply -> Apply::ClientIdMismatch",
        "apply -> Apply::ExchangeIdMismatch",
        "apply -> Apply::MissingExchangeId",
        "apply -> Apply::MissingFill",
        "apply -> Apply::MissingAmendment",
        "apply -> Apply::Inconsistent",
        "apply -> Apply::NotApplicable",
        "apply -> Apply::Amend",
        "apply -> Apply::Reject",
        "apply -> Apply::TermsMismatch(Side)",
        "apply -> Apply::TermsMismatch(OrderType)",
        "apply -> Apply::TermsMismatch(Quantity)",
        "fill -> excess_qty",
        "fill -> unseen_qty",
        "fill -> no cumulative quantity",
        "applied -> close-position terms",
        "applied -> restated terms",
        "apply -> Armed",
        "apply -> Triggering",
        "apply -> Triggered",
        "apply -> Apply::AlgoIdMismatch",
        "apply -> Apply::MissingAlgoId",
        "apply -> algo report on a plain order",
        "apply -> legacy trigger",
        "apply -> conditional EXPIRED_IN_MATCH",
        "apply -> conditional expired for another reason",
        "apply -> TRIGGERED without exchange id",
        "apply -> FINISHED binds",
        "apply -> armed order's NEW binds",
        "apply -> armed order's fill binds",
        "apply -> cancelling order learns its triggered order",
        "apply -> cancelling order learns its algo id",
        "apply -> completed by a stated quantity",
        "apply -> close-position quantity stated",
        "apply -> fill while the quantity is unknown",
        "fill refused -> StatedBelowFilled",
        "cancel_rejected -> Armed",
        "unregister -> unregistered(true)",
        "unregister -> unregistered(false)",
        "set_callbacks -> ok",
        "cleanup -> cleaned(1)",
        "cleanup -> cleaned(2)",
    ] {
        if !seen.contains_key(needed) {
            missing.push(needed);
        }
    }
    assert!(missing.is_empty(), "never reached: {missing:#?}\n{seen:#?}");
    for status in OrderStatus::ALL {
        assert!(
            states.contains_key(status.as_str()),
            "never in state {status}"
        );
    }
    assert!(calls > 0, "no callback was ever called");
}
