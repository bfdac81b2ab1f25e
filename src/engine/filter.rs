//! Which cards a drill, `stats` or `reset` covers, and in what order a drill
//! shows them.
//!
//! The shuffle is driven by a saved seed through a small generator defined
//! here rather than `rand`'s `StdRng`, which its documentation calls
//! non-portable: a resumed session must keep its order even after `rand` is
//! upgraded.

use std::collections::{BTreeSet, HashSet};
use std::fmt;

use crate::deck::{Card, Level};

/// Levels, decks and tags to drill. The three lists are combined with AND;
/// the values within one list with OR; an empty list allows everything.
///
/// A filter is also the identity of a saved session, so its lists are kept
/// normalised by the `with_*` builders: deck ids and tags lowercase, sorted,
/// without repeats (`--tag HTTP,http` and `--tag http` are one session).
/// Both are matched without regard to case.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    /// Deck ids.
    pub decks: Vec<String>,
    pub levels: BTreeSet<Level>,
    pub tags: Vec<String>,
}

/// Lowercase, sorted, without repeats or empty entries.
fn normalize(values: &mut Vec<String>) {
    for value in values.iter_mut() {
        *value = value.trim().to_lowercase();
    }
    values.retain(|value| !value.is_empty());
    values.sort();
    values.dedup();
}

impl Filter {
    /// The filter that lets every card through.
    pub fn all() -> Filter {
        Filter::default()
    }

    pub fn with_levels(mut self, levels: impl IntoIterator<Item = Level>) -> Filter {
        self.levels.extend(levels);
        self
    }

    pub fn with_decks<S: Into<String>>(mut self, decks: impl IntoIterator<Item = S>) -> Filter {
        self.decks.extend(decks.into_iter().map(Into::into));
        normalize(&mut self.decks);
        self
    }

    pub fn with_tags<S: Into<String>>(mut self, tags: impl IntoIterator<Item = S>) -> Filter {
        self.tags.extend(tags.into_iter().map(Into::into));
        normalize(&mut self.tags);
        self
    }

    /// Whether the filter lets every card through.
    pub fn is_all(&self) -> bool {
        self.levels.is_empty() && self.decks.is_empty() && self.tags.is_empty()
    }

    pub fn matches(&self, card: &Card) -> bool {
        (self.levels.is_empty() || self.levels.contains(&card.level))
            && (self.decks.is_empty()
                || self
                    .decks
                    .iter()
                    .any(|d| d.eq_ignore_ascii_case(&card.deck)))
            && (self.tags.is_empty() || self.tags.iter().any(|tag| card.has_tag(tag)))
    }

    /// The indices of the cards the filter lets through, in deck order. When
    /// two cards share an id (the loader refuses that, but the engine must not
    /// count one record twice) the first one is kept.
    pub fn select(&self, cards: &[Card]) -> Vec<usize> {
        let mut ids = HashSet::with_capacity(cards.len());
        cards
            .iter()
            .enumerate()
            .filter(|(_, card)| self.matches(card) && ids.insert(card.id.as_str()))
            .map(|(index, _)| index)
            .collect()
    }
}

/// A filter in words, for messages and screens: `all cards`,
/// `level beginner, tag http`. Text from deck files is made safe to print.
impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if !self.levels.is_empty() {
            let levels: Vec<&str> = self.levels.iter().map(|l| l.name()).collect();
            parts.push(format!("level {}", levels.join(" or ")));
        }
        if !self.decks.is_empty() {
            parts.push(format!("deck {}", self.decks.join(" or ")));
        }
        if !self.tags.is_empty() {
            parts.push(format!("tag {}", self.tags.join(" or ")));
        }
        if parts.is_empty() {
            f.write_str("all cards")
        } else {
            f.write_str(&crate::text::one_line(&parts.join(", ")))
        }
    }
}

/// The order a drill shows cards in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Order {
    /// The order of the decks and of the cards in them.
    #[default]
    Deck,
    /// A shuffle fixed by `seed`: the same seed gives the same order.
    Shuffled { seed: u64 },
}

impl Order {
    /// A shuffled order with a seed drawn from `rng`. The caller owns the
    /// generator (seed it in tests, `rand::rng()` in the app).
    pub fn shuffled<R: rand::Rng + ?Sized>(rng: &mut R) -> Order {
        Order::Shuffled {
            seed: rng.next_u64(),
        }
    }

    /// Put `items` in this order. Deck order leaves them as they are.
    pub fn arrange<T>(self, items: &mut [T]) {
        if let Order::Shuffled { seed } = self {
            let mut rng = SplitMix64(seed);
            for i in (1..items.len()).rev() {
                let j = rng.below(i as u64 + 1) as usize;
                items.swap(i, j);
            }
        }
    }
}

/// SplitMix64 (Steele, Lea and Flood): a tiny generator whose output for a
/// seed is fixed forever, which is all a saved shuffle needs.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in `0..n` (`n > 0`), without modulo bias (Lemire).
    fn below(&mut self, n: u64) -> u64 {
        let mut wide = u128::from(self.next()) * u128::from(n);
        let mut low = wide as u64;
        if low < n {
            let threshold = n.wrapping_neg() % n;
            while low < threshold {
                wide = u128::from(self.next()) * u128::from(n);
                low = wide as u64;
            }
        }
        (wide >> 64) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_order_forever() {
        let mut items: Vec<u32> = (0..10).collect();
        Order::Shuffled { seed: 42 }.arrange(&mut items);
        // Pinned: a change here would reorder every saved shuffled session.
        assert_eq!(items, [8, 3, 6, 5, 4, 0, 9, 2, 1, 7]);
    }

    #[test]
    fn the_generator_is_the_reference_splitmix64() {
        let mut rng = SplitMix64(0);
        assert_eq!(rng.next(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn different_seeds_give_different_orders() {
        let arranged = |seed| {
            let mut items: Vec<u32> = (0..50).collect();
            Order::Shuffled { seed }.arrange(&mut items);
            items
        };
        assert_ne!(arranged(1), arranged(2));
        let mut sorted = arranged(1);
        sorted.sort_unstable();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
    }

    #[test]
    fn deck_order_keeps_items_in_place() {
        let mut items = [3, 1, 2];
        Order::Deck.arrange(&mut items);
        assert_eq!(items, [3, 1, 2]);
    }

    #[test]
    fn shuffling_tiny_slices_is_fine() {
        let mut empty: [u8; 0] = [];
        Order::Shuffled { seed: 7 }.arrange(&mut empty);
        let mut one = [9];
        Order::Shuffled { seed: 7 }.arrange(&mut one);
        assert_eq!(one, [9]);
    }

    #[test]
    fn below_stays_in_range() {
        let mut rng = SplitMix64(3);
        for n in [1u64, 2, 3, 7, 1000, u64::MAX] {
            for _ in 0..100 {
                assert!(rng.below(n) < n);
            }
        }
    }
}
