//! The whole of `progress.json` in versions 1 and 2: the card records, the
//! current session and (version 2) the earlier sessions of other filters.
//!
//! Version 1 is version 2 without `sessions`, so one type reads both, and a
//! `sessions` key in a version 1 file is read as well (as earlier prepdecks
//! of version 2 did). A file is written as version 1 when it has no earlier
//! sessions, byte for byte what a version 1 prepdeck wrote, and as version 2
//! otherwise, so a version 1 prepdeck (which refuses unknown keys) reports it
//! as newer and leaves it alone instead of calling it broken.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde::{Deserialize, Serialize as DeriveSerialize};

use super::records::{CardRecord, SessionRecord};
use crate::engine::{CardProgress, Progress};

/// The version written when there are no earlier sessions.
pub const VERSION_1: u64 = 1;
/// The version written when there are earlier sessions.
pub const VERSION_2: u64 = 2;

/// A version 1 or 2 file as read. Errors call it `struct FileIn`, as they
/// did before it had this name.
#[derive(Debug, Deserialize)]
#[serde(expecting = "struct FileIn", deny_unknown_fields)]
pub struct ProgressFileV2 {
    #[serde(default)]
    pub cards: CardsIn,
    #[serde(default)]
    pub session: Option<SessionRecord>,
    #[serde(default)]
    pub sessions: Vec<SessionRecord>,
    pub version: u64,
}

impl From<ProgressFileV2> for Progress {
    fn from(file: ProgressFileV2) -> Self {
        Progress {
            cards: file.cards.0,
            session: file.session.map(Into::into),
            sessions: file.sessions.into_iter().map(Into::into).collect(),
        }
    }
}

/// The `cards` object as read: each value is read as a [`CardRecord`] and
/// converted on the spot, so a file of many cards is not built twice (once
/// as records, once as the engine's map).
#[derive(Debug, Default)]
pub struct CardsIn(BTreeMap<String, CardProgress>);

impl<'de> Deserialize<'de> for CardsIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CardsVisitor;

        impl<'de> Visitor<'de> for CardsVisitor {
            type Value = CardsIn;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                // The words serde uses for any map, as before this type.
                f.write_str("a map")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CardsIn, A::Error> {
                let mut cards = BTreeMap::new();
                while let Some((id, record)) = map.next_entry::<String, CardRecord>()? {
                    cards.insert(id, record.into());
                }
                Ok(CardsIn(cards))
            }
        }

        deserializer.deserialize_map(CardsVisitor)
    }
}

/// A version 1 or 2 file as written, borrowing the cards from the engine's
/// progress so that a save of many cards copies none of them. The keys are
/// in alphabetical order and the cards map is sorted by id, so every key in
/// the file is sorted.
#[derive(Debug, DeriveSerialize)]
pub struct ProgressFileV2Out<'a> {
    pub cards: CardsOut<'a>,
    pub session: Option<SessionRecord>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sessions: Vec<SessionRecord>,
    pub version: u64,
}

impl<'a> From<&'a Progress> for ProgressFileV2Out<'a> {
    fn from(progress: &'a Progress) -> Self {
        ProgressFileV2Out {
            cards: CardsOut(&progress.cards),
            session: progress.session.as_ref().map(Into::into),
            sessions: progress.sessions.iter().map(Into::into).collect(),
            version: if progress.sessions.is_empty() {
                VERSION_1
            } else {
                VERSION_2
            },
        }
    }
}

/// The `cards` object: each card's progress written as a [`CardRecord`], in
/// id order.
#[derive(Debug)]
pub struct CardsOut<'a>(&'a BTreeMap<String, CardProgress>);

impl Serialize for CardsOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (id, card) in self.0 {
            map.serialize_entry(id, &CardRecord::from(card))?;
        }
        map.end()
    }
}
