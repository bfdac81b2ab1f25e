//! Merging two versions of progress card by card, so two prepdeck processes
//! saving at once lose nothing: for each card (and for the session) the record
//! changed last wins. Resets and undos are records too, so they merge the same
//! way.

use crate::engine::Progress;

/// Merge `ours` into `base` (the file as just read): every record of `ours`
/// strictly newer than `base`'s, or missing from it, replaces it. Records
/// only `base` has are kept. Returns how many records came from `ours`.
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
    match (&mut base.session, &ours.session) {
        (Some(theirs), Some(mine)) => {
            if mine.updated > theirs.updated {
                *theirs = mine.clone();
            }
        }
        (theirs @ None, Some(mine)) => *theirs = Some(mine.clone()),
        (_, None) => {}
    }
    taken
}

#[cfg(test)]
mod tests {
    use jiff::Timestamp;

    use super::*;
    use crate::engine::{CardProgress, Filter, Order, Pass, SessionState, Status};

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_750_000_000 + seconds).unwrap()
    }

    fn record(status: Status, updated: i64) -> CardProgress {
        CardProgress {
            first_marked: Some(at(0)),
            last_marked: Some(at(updated)),
            status,
            times_marked: 1,
            updated: at(updated),
        }
    }

    fn progress(records: &[(&str, Status, i64)]) -> Progress {
        Progress {
            cards: records
                .iter()
                .map(|&(id, status, t)| (id.to_string(), record(status, t)))
                .collect(),
            session: None,
        }
    }

    #[test]
    fn newest_record_wins_and_both_sides_are_kept() {
        let mut base = progress(&[
            ("a", Status::Knew, 5),
            ("b", Status::Skipped, 5),
            ("d", Status::Learnt, 1),
        ]);
        let ours = progress(&[
            ("a", Status::Learnt, 3),
            ("b", Status::Knew, 9),
            ("c", Status::Knew, 2),
            ("e", Status::Skipped, 2),
        ]);
        let taken = merge_into(&mut base, &ours);
        assert_eq!(taken, 3);
        assert_eq!(base.status("a"), Status::Knew);
        assert_eq!(base.status("b"), Status::Knew);
        assert_eq!(base.status("c"), Status::Knew);
        assert_eq!(base.status("d"), Status::Learnt);
        assert_eq!(base.status("e"), Status::Skipped);
    }

    #[test]
    fn a_newer_reset_beats_an_older_mark() {
        let mut base = progress(&[("a", Status::Knew, 5)]);
        let mut ours = progress(&[("a", Status::Knew, 5)]);
        if let Some(entry) = ours.cards.get_mut("a") {
            entry.status = Status::Unseen;
            entry.updated = at(6);
        }
        merge_into(&mut base, &ours);
        assert_eq!(base.status("a"), Status::Unseen);
    }

    #[test]
    fn ties_keep_the_file() {
        let mut base = progress(&[("a", Status::Knew, 5)]);
        let ours = progress(&[("a", Status::Learnt, 5)]);
        assert_eq!(merge_into(&mut base, &ours), 0);
        assert_eq!(base.status("a"), Status::Knew);
    }

    #[test]
    fn the_newer_session_wins() {
        let session = |updated| SessionState {
            current: Some("a".into()),
            filter: Filter::all(),
            order: Order::Deck,
            pass: Pass::Main,
            pass_started: at(0),
            position: updated as usize,
            updated: at(updated),
        };
        let mut base = Progress {
            session: Some(session(4)),
            ..Progress::default()
        };
        let ours = Progress {
            session: Some(session(3)),
            ..Progress::default()
        };
        merge_into(&mut base, &ours);
        assert_eq!(base.session.as_ref().map(|s| s.position), Some(4));
        let ours = Progress {
            session: Some(session(8)),
            ..Progress::default()
        };
        merge_into(&mut base, &ours);
        assert_eq!(base.session.as_ref().map(|s| s.position), Some(8));
        let mut empty = Progress::default();
        merge_into(&mut empty, &ours);
        assert_eq!(empty.session, ours.session);
    }
}
