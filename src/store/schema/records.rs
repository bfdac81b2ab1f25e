//! The records inside `progress.json`, one type per JSON object or value, and
//! their conversions to and from the engine's types.
//!
//! These types are the file format. Their field order is the order of the
//! keys in the file (alphabetical, so a file reformatted by any JSON tool
//! that sorts keys is unchanged), `deny_unknown_fields` makes a file from a
//! prepdeck that added a field an error instead of silently dropping data,
//! and every `default` says what an older file without the key means. The
//! engine's types can then change shape freely: only a change here changes
//! the file, and that needs a new version (see `docs/data-files.md`).
//!
//! The structs and the order keep the words serde's errors used when the
//! engine's types were the records ("expected struct CardProgress"), so a
//! broken file is reported as before.
//!
//! Records are the same in versions 1 and 2; version 2 only adds the list of
//! earlier sessions around them (see [`super::v2`]).

use std::collections::BTreeSet;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::deck::Level;
use crate::engine::{CardProgress, Filter, Order, Pass, SessionState, Status};

/// One card's progress: a value of the `cards` object, keyed by card id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(expecting = "struct CardProgress", deny_unknown_fields)]
pub struct CardRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_marked: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_marked: Option<Timestamp>,
    pub status: StatusRecord,
    pub times_marked: u32,
    pub updated: Timestamp,
}

/// A card's status, as a lowercase word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatusRecord {
    Unseen,
    Knew,
    Learnt,
    Skipped,
}

/// A drill session: `session`, and each element of `sessions` (version 2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(expecting = "struct SessionState", deny_unknown_fields)]
pub struct SessionRecord {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<String>,
    #[serde(default)]
    pub filter: FilterRecord,
    #[serde(default)]
    pub order: OrderRecord,
    #[serde(default)]
    pub pass: PassRecord,
    pub pass_started: Timestamp,
    #[serde(default)]
    pub position: usize,
    pub updated: Timestamp,
}

/// A session's filter. Levels are written easiest first, without repeats;
/// decks and tags as the engine holds them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(expecting = "struct Filter", deny_unknown_fields)]
pub struct FilterRecord {
    #[serde(default)]
    pub decks: Vec<String>,
    #[serde(default)]
    pub levels: BTreeSet<LevelRecord>,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// A level in a filter, as a lowercase word. Ordered easiest first, as the
/// file lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LevelRecord {
    Beginner,
    Intermediate,
    Advanced,
}

/// A session's order: `{"kind": "deck"}` or `{"kind": "shuffled", "seed": N}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    expecting = "internally tagged enum Order",
    tag = "kind",
    rename_all = "lowercase",
    deny_unknown_fields
)]
pub enum OrderRecord {
    #[default]
    Deck,
    Shuffled {
        seed: u64,
    },
}

/// A session's pass, as a lowercase word.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PassRecord {
    #[default]
    Main,
    Skipped,
    Learnt,
}

impl From<&CardProgress> for CardRecord {
    fn from(card: &CardProgress) -> Self {
        CardRecord {
            first_marked: card.first_marked,
            last_marked: card.last_marked,
            status: card.status.into(),
            times_marked: card.times_marked,
            updated: card.updated,
        }
    }
}

impl From<CardRecord> for CardProgress {
    fn from(record: CardRecord) -> Self {
        CardProgress {
            first_marked: record.first_marked,
            last_marked: record.last_marked,
            status: record.status.into(),
            times_marked: record.times_marked,
            updated: record.updated,
        }
    }
}

impl From<Status> for StatusRecord {
    fn from(status: Status) -> Self {
        match status {
            Status::Unseen => StatusRecord::Unseen,
            Status::Knew => StatusRecord::Knew,
            Status::Learnt => StatusRecord::Learnt,
            Status::Skipped => StatusRecord::Skipped,
        }
    }
}

impl From<StatusRecord> for Status {
    fn from(record: StatusRecord) -> Self {
        match record {
            StatusRecord::Unseen => Status::Unseen,
            StatusRecord::Knew => Status::Knew,
            StatusRecord::Learnt => Status::Learnt,
            StatusRecord::Skipped => Status::Skipped,
        }
    }
}

impl From<&SessionState> for SessionRecord {
    fn from(session: &SessionState) -> Self {
        SessionRecord {
            current: session.current.clone(),
            filter: (&session.filter).into(),
            order: session.order.into(),
            pass: session.pass.into(),
            pass_started: session.pass_started,
            position: session.position,
            updated: session.updated,
        }
    }
}

impl From<SessionRecord> for SessionState {
    fn from(record: SessionRecord) -> Self {
        SessionState {
            current: record.current,
            filter: record.filter.into(),
            order: record.order.into(),
            pass: record.pass.into(),
            pass_started: record.pass_started,
            position: record.position,
            updated: record.updated,
        }
    }
}

impl From<&Filter> for FilterRecord {
    fn from(filter: &Filter) -> Self {
        FilterRecord {
            decks: filter.decks.clone(),
            levels: filter.levels.iter().map(|&level| level.into()).collect(),
            tags: filter.tags.clone(),
        }
    }
}

/// Normalised on the way in, so a session saved as `--tag HTTP` by an
/// older version is the session of `--tag http`.
impl From<FilterRecord> for Filter {
    fn from(record: FilterRecord) -> Self {
        Filter::all()
            .with_decks(record.decks)
            .with_levels(record.levels.into_iter().map(Level::from))
            .with_tags(record.tags)
    }
}

impl From<Level> for LevelRecord {
    fn from(level: Level) -> Self {
        match level {
            Level::Beginner => LevelRecord::Beginner,
            Level::Intermediate => LevelRecord::Intermediate,
            Level::Advanced => LevelRecord::Advanced,
        }
    }
}

impl From<LevelRecord> for Level {
    fn from(record: LevelRecord) -> Self {
        match record {
            LevelRecord::Beginner => Level::Beginner,
            LevelRecord::Intermediate => Level::Intermediate,
            LevelRecord::Advanced => Level::Advanced,
        }
    }
}

impl From<Order> for OrderRecord {
    fn from(order: Order) -> Self {
        match order {
            Order::Deck => OrderRecord::Deck,
            Order::Shuffled { seed } => OrderRecord::Shuffled { seed },
        }
    }
}

impl From<OrderRecord> for Order {
    fn from(record: OrderRecord) -> Self {
        match record {
            OrderRecord::Deck => Order::Deck,
            OrderRecord::Shuffled { seed } => Order::Shuffled { seed },
        }
    }
}

impl From<Pass> for PassRecord {
    fn from(pass: Pass) -> Self {
        match pass {
            Pass::Main => PassRecord::Main,
            Pass::Skipped => PassRecord::Skipped,
            Pass::Learnt => PassRecord::Learnt,
        }
    }
}

impl From<PassRecord> for Pass {
    fn from(record: PassRecord) -> Self {
        match record {
            PassRecord::Main => Pass::Main,
            PassRecord::Skipped => Pass::Skipped,
            PassRecord::Learnt => Pass::Learnt,
        }
    }
}
