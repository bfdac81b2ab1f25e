//! The merge's tests: card records and sessions from both sides, ties,
//! and the cap on earlier sessions.

use super::*;
use crate::engine::{CardProgress, Filter, Order, Pass, Status};
use crate::testing::at;

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
        ..Progress::default()
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

/// A session for the cards tagged `tag`, saved at `updated`, on card
/// `current`.
fn tagged(tag: &str, current: &str, updated: i64) -> SessionState {
    SessionState {
        current: Some(current.into()),
        filter: Filter::all().with_tags([tag]),
        order: Order::Shuffled { seed: 7 },
        pass: Pass::Main,
        pass_started: at(0),
        position: 1,
        updated: at(updated),
    }
}

fn with_sessions(session: SessionState, sessions: Vec<SessionState>) -> Progress {
    Progress {
        session: Some(session),
        sessions,
        ..Progress::default()
    }
}

/// (tag, current card) of the current session, then of the earlier ones.
fn summary(progress: &Progress) -> Vec<(String, String)> {
    progress
        .session
        .iter()
        .chain(&progress.sessions)
        .map(|s| {
            (
                s.filter.tags.join(","),
                s.current.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|&(tag, card)| (tag.to_string(), card.to_string()))
        .collect()
}

#[test]
fn sessions_of_both_sides_are_kept_per_filter_newest_first() {
    let mut base = with_sessions(
        tagged("a", "a-file", 10),
        vec![tagged("b", "b-file", 6), tagged("c", "c-file", 2)],
    );
    let ours = with_sessions(
        tagged("b", "b-ours", 8),
        vec![tagged("a", "a-ours", 4), tagged("d", "d-ours", 3)],
    );
    merge_into(&mut base, &ours);
    assert_eq!(
        summary(&base),
        pairs(&[
            ("a", "a-file"),
            ("b", "b-ours"),
            ("d", "d-ours"),
            ("c", "c-file"),
        ])
    );
}

#[test]
fn the_newest_session_of_either_side_becomes_the_current_one() {
    let mut base = with_sessions(tagged("a", "a-file", 10), vec![tagged("b", "b-file", 6)]);
    let ours = with_sessions(tagged("b", "b-ours", 12), vec![tagged("a", "a-ours", 9)]);
    merge_into(&mut base, &ours);
    assert_eq!(
        summary(&base),
        pairs(&[("b", "b-ours"), ("a", "a-file")]),
        "each filter once, and the old current session is now an earlier one"
    );
    // Merging the result again changes nothing.
    let again = base.clone();
    merge_into(&mut base, &again);
    assert_eq!(base, again);
}

#[test]
fn equal_times_keep_the_file_and_its_current_session() {
    let mut base = with_sessions(tagged("a", "a-file", 5), vec![tagged("b", "b-file", 5)]);
    let ours = with_sessions(tagged("b", "b-ours", 5), vec![tagged("a", "a-ours", 5)]);
    merge_into(&mut base, &ours);
    assert_eq!(summary(&base), pairs(&[("a", "a-file"), ("b", "b-file")]));
}

#[test]
fn only_earlier_sessions_on_one_side_still_merge() {
    let mut base = Progress::default();
    let ours = Progress {
        sessions: vec![tagged("b", "b-ours", 3), tagged("c", "c-ours", 1)],
        ..Progress::default()
    };
    merge_into(&mut base, &ours);
    assert_eq!(summary(&base), pairs(&[("b", "b-ours"), ("c", "c-ours")]));
    assert_eq!(base.sessions.len(), 1, "the newest is the current one");
}

#[test]
fn the_merged_sessions_are_capped_dropping_the_oldest() {
    let cap = Progress::EARLIER_SESSIONS;
    let file: Vec<SessionState> = (0..cap)
        .map(|i| tagged(&format!("file{i}"), "x", 100 - 2 * i as i64))
        .collect();
    let mut base = with_sessions(tagged("now", "x", 200), file);
    let mine: Vec<SessionState> = (0..cap)
        .map(|i| tagged(&format!("ours{i}"), "x", 99 - 2 * i as i64))
        .collect();
    let ours = with_sessions(tagged("now", "x", 150), mine);
    merge_into(&mut base, &ours);
    assert_eq!(base.sessions.len(), cap);
    let tags: Vec<String> = base
        .sessions
        .iter()
        .map(|s| s.filter.tags.join(","))
        .collect();
    let expected: Vec<String> = (0..cap / 2)
        .flat_map(|i| [format!("file{i}"), format!("ours{i}")])
        .collect();
    assert_eq!(tags, expected, "the newest {cap}, alternating sides");
    assert_eq!(base.session.as_ref().map(|s| s.updated), Some(at(200)));
}
