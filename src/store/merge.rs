//! Merging two versions of progress card by card, so two prepdeck processes
//! saving at once lose nothing: for each card (and for each filter's session)
//! the record changed last wins. Resets and undos are records too, so they
//! merge the same way.

use std::cmp::Reverse;

use crate::engine::{Progress, SessionState};

/// Merge `ours` into `base` (the file as just read): every record of `ours`
/// strictly newer than `base`'s, or missing from it, replaces it. Records
/// only `base` has are kept. Returns how many card records came from `ours`.
/// Sessions merge the same way per filter (see [`merge_sessions`]).
///
/// Both maps are walked in key order together: O(n + m), no lookups.
pub fn merge_into(base: &mut Progress, ours: &Progress) -> usize {
    let mut taken = 0;
    let mut missing = Vec::new();
    let mut theirs = base.cards.iter_mut().peekable();
    for (id, mine) in &ours.cards {
        loop {
            match theirs.peek_mut() {
                Some((key, _)) if key.as_str() < id.as_str() => {
                    theirs.next();
                }
                Some((key, record)) if key.as_str() == id.as_str() => {
                    if mine.updated > record.updated {
                        **record = mine.clone();
                        taken += 1;
                    }
                    theirs.next();
                    break;
                }
                _ => {
                    missing.push((id.clone(), mine.clone()));
                    break;
                }
            }
        }
    }
    taken += missing.len();
    base.cards.extend(missing);
    merge_sessions(base, ours);
    taken
}

/// Merge the sessions of both sides, one per filter: the later `updated`
/// wins, a tie keeps `base`'s. The newest of all becomes `session`, the rest
/// go to `sessions`, newest first, cut to [`Progress::EARLIER_SESSIONS`].
/// A few dozen sessions at most, so a linear search per session is enough.
fn merge_sessions(base: &mut Progress, ours: &Progress) {
    if ours.session.is_none() && ours.sessions.is_empty() {
        return;
    }
    let mut all: Vec<SessionState> =
        Vec::with_capacity(1 + base.sessions.len() + 1 + ours.sessions.len());
    let theirs = base
        .session
        .take()
        .into_iter()
        .chain(base.sessions.drain(..));
    let mine = ours.session.iter().chain(&ours.sessions).cloned();
    for session in theirs.chain(mine) {
        match all.iter_mut().find(|kept| kept.filter == session.filter) {
            Some(kept) => {
                if session.updated > kept.updated {
                    *kept = session;
                }
            }
            None => all.push(session),
        }
    }
    // A stable sort: among equal times `base`'s current session stays first.
    all.sort_by_key(|session| Reverse(session.updated));
    let mut newest_first = all.into_iter();
    base.session = newest_first.next();
    base.sessions = newest_first.take(Progress::EARLIER_SESSIONS).collect();
}

#[cfg(test)]
mod tests;
