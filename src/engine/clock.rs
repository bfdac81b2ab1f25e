//! The engine's clock rule: every change is dated strictly after the state
//! it replaces, even when the wall clock stands still or goes backwards
//! (a suspended laptop, an NTP step, two processes on one data folder).
//! Merges keep the newer record, so this is what makes the newest change
//! win. The wall clock itself never enters the engine: callers pass `now`.

use jiff::{SignedDuration, Timestamp};

use super::progress::Progress;
use crate::deck::Card;

/// `now`, or just after `earlier` when the clock says otherwise: a change
/// must always be dated after the state it replaces.
pub(crate) fn after(now: Timestamp, earlier: Timestamp) -> Timestamp {
    if now > earlier {
        now
    } else {
        earlier
            .saturating_add(SignedDuration::from_nanos(1))
            .unwrap_or(earlier)
    }
}

/// The latest time handed out; each [`tick`](MonotonicClock::tick) is
/// strictly later than the one before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MonotonicClock {
    latest: Timestamp,
}

impl MonotonicClock {
    /// A clock that dates every change after all the saved state it may
    /// replace: the records of the cards drilled and every saved session
    /// (so the session this engine records is the newest, and a merge keeps
    /// it as the current one).
    pub(crate) fn after_saved(cards: &[Card], selected: &[usize], progress: &Progress) -> Self {
        let mut latest = Timestamp::MIN;
        for card in selected.iter().filter_map(|&index| cards.get(index)) {
            if let Some(entry) = progress.cards.get(&card.id) {
                latest = latest.max(entry.updated);
                latest = latest.max(entry.last_marked.unwrap_or(latest));
            }
        }
        if let Some(session) = &progress.session {
            latest = latest.max(session.updated).max(session.pass_started);
        }
        for session in &progress.sessions {
            latest = latest.max(session.updated);
        }
        MonotonicClock { latest }
    }

    /// A timestamp for a change: `now`, or just after the last one handed out.
    pub(crate) fn tick(&mut self, now: Timestamp) -> Timestamp {
        self.latest = after(now, self.latest);
        self.latest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_strictly_increasing_with_a_frozen_or_backward_clock() {
        let t = Timestamp::from_second(1_750_000_000).unwrap();
        let mut clock = MonotonicClock { latest: t };
        let a = clock.tick(t);
        let b = clock.tick(t);
        let c = clock.tick(Timestamp::from_second(1_000).unwrap());
        assert!(t < a && a < b && b < c, "{t} {a} {b} {c}");
        let later = Timestamp::from_second(1_750_000_100).unwrap();
        assert_eq!(clock.tick(later), later);
    }
}
