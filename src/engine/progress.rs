//! What prepdeck remembers between runs, as plain data: each card's status and
//! marking history, and the drill session to resume.
//!
//! The engine reads and updates these values; the store writes them to disk and
//! merges them with what another process saved. Nothing here does I/O.

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::filter::{Filter, Order};

/// Where a card stands. Cards with no saved progress are `Unseen`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    #[default]
    Unseen,
    Knew,
    Learnt,
    Skipped,
}

crate::named_enum!(Status, "status", "statuses", [
    Unseen => "unseen",
    Knew => "knew",
    Learnt => "learnt",
    Skipped => "skipped",
]);

impl Status {
    /// Whether a drill has finished with the card (it is not queued again
    /// unless the user asks to drill learnt cards again).
    pub fn is_done(self) -> bool {
        matches!(self, Status::Knew | Status::Learnt)
    }
}

/// The three answers a user gives to a card.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mark {
    /// Answered it without looking.
    Knew,
    /// Did not know it, has now read and learnt the answer.
    Learnt,
    /// Not now: the card comes back when skipped cards are drilled.
    Skipped,
}

impl Mark {
    /// Every mark, in the order the keys give them (1, 2, 3).
    pub const ALL: [Mark; 3] = [Mark::Knew, Mark::Learnt, Mark::Skipped];

    pub fn status(self) -> Status {
        match self {
            Mark::Knew => Status::Knew,
            Mark::Learnt => Status::Learnt,
            Mark::Skipped => Status::Skipped,
        }
    }
}

/// The saved progress of one card.
///
/// `updated` is when this record last changed, whatever the change (a mark, an
/// undo, a reset); when two processes saved the same card, the record with the
/// later `updated` wins. A reset or an undone first mark is therefore a record
/// with status `unseen`, never a deleted one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardProgress {
    /// When the card was first marked.
    pub first_marked: Option<Timestamp>,
    /// When the card was last marked (an undo restores the earlier value; a
    /// reset keeps it).
    pub last_marked: Option<Timestamp>,
    pub status: Status,
    /// How many marks the card has had (an undo takes one back).
    pub times_marked: u32,
    /// When this record last changed.
    pub updated: Timestamp,
}

impl CardProgress {
    /// The record of a card that was never marked, changed at `updated`.
    pub fn unseen(updated: Timestamp) -> CardProgress {
        CardProgress {
            first_marked: None,
            last_marked: None,
            status: Status::Unseen,
            times_marked: 0,
            updated,
        }
    }
}

/// Which cards a drill pass queues.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Pass {
    /// Unseen cards first, then skipped ones.
    #[default]
    Main,
    /// The skipped cards again.
    Skipped,
    /// The learnt cards again.
    Learnt,
}

/// The drill session to resume: enough to rebuild the same queue in the same
/// order and land on the same card.
///
/// A card belongs to the pass's queue when its status fits the pass or when it
/// was marked since `pass_started`, so the queue can be rebuilt from the card
/// records alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionState {
    /// The id of the card on screen, when the queue is not empty.
    pub current: Option<String>,
    pub filter: Filter,
    pub order: Order,
    pub pass: Pass,
    /// When the current pass began.
    pub pass_started: Timestamp,
    /// The 0-based place of the current card in the queue, for display and
    /// for the end of the queue (the current card id is what resume uses).
    pub position: usize,
    /// When this record last changed; the later one wins a merge.
    pub updated: Timestamp,
}

/// Everything prepdeck remembers: per card id its progress, the last drill
/// session, and the sessions left earlier for other filters. Records for
/// cards no loaded deck has are kept, never counted.
///
/// At most one session is kept per filter: `session` is the most recent one
/// (what a start without filters resumes) and `sessions` never holds its
/// filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    pub cards: BTreeMap<String, CardProgress>,
    /// The most recent session.
    pub session: Option<SessionState>,
    /// Earlier sessions of other filters, newest first, at most
    /// [`Progress::EARLIER_SESSIONS`]; the oldest is dropped past that.
    pub sessions: Vec<SessionState>,
}

impl Progress {
    /// How many earlier sessions are kept besides the current one.
    pub const EARLIER_SESSIONS: usize = 32;

    /// Make the saved session for `filter` the current one, so that
    /// [`Engine::resume`](super::Engine::resume) goes on with it; the current
    /// session, if it is for another filter, is kept among the earlier ones.
    /// Returns whether `session` is now for `filter` (false when no session
    /// for it is saved; nothing changes then). Nothing is re-dated here: the
    /// resumed engine records the session as the newest.
    pub fn activate_session(&mut self, filter: &Filter) -> bool {
        if self
            .session
            .as_ref()
            .is_some_and(|session| &session.filter == filter)
        {
            return true;
        }
        let Some(index) = self
            .sessions
            .iter()
            .position(|session| &session.filter == filter)
        else {
            return false;
        };
        let saved = self.sessions.remove(index);
        self.replace_session(saved);
        true
    }

    /// Make `session` the current session. The one it replaces moves to the
    /// earlier sessions when its filter differs; an earlier session for the
    /// new filter is dropped, since the new one supersedes it.
    pub(crate) fn replace_session(&mut self, session: SessionState) {
        self.sessions
            .retain(|earlier| earlier.filter != session.filter);
        if let Some(old) = self.session.take()
            && old.filter != session.filter
        {
            self.sessions.retain(|earlier| earlier.filter != old.filter);
            self.sessions.insert(0, old);
            self.sessions.truncate(Progress::EARLIER_SESSIONS);
        }
        self.session = Some(session);
    }

    /// The status of the card with this id (`Unseen` when nothing is saved).
    pub fn status(&self, card_id: &str) -> Status {
        self.cards
            .get(card_id)
            .map_or(Status::Unseen, |entry| entry.status)
    }

    /// The saved record of the card with this id.
    pub fn get(&self, card_id: &str) -> Option<&CardProgress> {
        self.cards.get(card_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_parse_case_insensitively_and_list_valid_names() {
        assert_eq!(" Knew ".parse::<Status>(), Ok(Status::Knew));
        assert_eq!("SKIPPED".parse::<Status>(), Ok(Status::Skipped));
        let err = "known".parse::<Status>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown status 'known'; valid statuses are unseen, knew, learnt, skipped"
        );
    }

    #[test]
    fn missing_cards_are_unseen() {
        let progress = Progress::default();
        assert_eq!(progress.status("deck/nope"), Status::Unseen);
        assert!(progress.get("deck/nope").is_none());
    }
}
