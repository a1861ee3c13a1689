"""A million orders registered, filled and cleaned leave no growth."""

import gc
import resource
from decimal import Decimal

import ordertrack as ot
from conftest import SUB, order_update

ROUNDS = 10
PER_ROUND = 100_000


def rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def test_a_million_orders_registered_and_cleaned_leave_no_growth() -> None:
    tracker = ot.OrderTracker()
    price = Decimal("100")
    sizes = []
    rss = []
    now = 1_000.0
    for _ in range(ROUNDS):
        for _ in range(PER_ROUND):
            order = ot.OrderState(ot.generate_client_order_id(SUB, "SCALPER"), SUB, "BTCUSDT", "BUY", "1", price=price)
            tracker.register(order)
            tracker.place(order.client_order_id, now=now)
            tracker.place_failed(order.client_order_id, -2019, now=now)
        now += 1_000.0
        assert tracker.cleanup_terminal(max_age_seconds=1, now=now) == PER_ROUND
        assert len(tracker) == 0
        gc.collect()
        sizes.append(tracker.memory_usage())
        rss.append(rss_kib())
    # After a warm-up (its hash tables settle at the capacity the churn needs),
    # the tracker's bytes are the same after every round: nothing accumulates.
    # The process's peak resident size stops growing too.
    warm = 3
    assert sizes[warm:] == [sizes[warm]] * (ROUNDS - warm), sizes
    assert max(sizes) < 2 * sizes[0], sizes
    assert rss[-1] - rss[warm] < 8 * 1024, rss
    tracker.check_invariants()
