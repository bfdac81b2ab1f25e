//! The drill engine: which cards to drill, in what order, and what each key
//! does to them, as pure functions of the cards, the saved progress and the
//! time passed in.
//!
//! Nothing here touches the terminal, the file system, the clock or a global
//! random generator. Actions return effects (save, quit) that the caller
//! carries out, so every drill can be scripted in tests.
//!
//! The caller's loop:
//!
//! ```no_run
//! # use prepdeck::engine::{Action, Effect, Engine};
//! # fn next_action() -> Action { Action::Quit }
//! # fn run(store: &prepdeck::store::Store, cards: Vec<prepdeck::deck::Card>) -> Result<(), prepdeck::store::StoreError> {
//! let progress = store.load()?;
//! let (mut engine, effects) = Engine::resume(cards, progress, jiff::Timestamp::now());
//! let mut pending = effects;
//! loop {
//!     for effect in pending.drain(..) {
//!         match effect {
//!             Effect::SaveProgress | Effect::SaveSession => store.save(engine.progress())?,
//!             Effect::Quit => return Ok(()),
//!         }
//!     }
//!     pending = engine.apply(next_action(), jiff::Timestamp::now());
//! }
//! # }
//! ```

//!
//! Where each policy lives: `drill` (the state and the actions), `queue`
//! (which cards a pass takes: the seam a scheduler replaces), `session`
//! (which saved session to go on with, resume, recording), `undo`, `clock`
//! (dating changes), `queries` (what screens read), `counters` (counts and
//! resets without a drill), `filter` and `progress` (the plain data).

mod clock;
mod counters;
mod drill;
mod filter;
mod progress;
mod queries;
mod queue;
mod session;
mod undo;

#[cfg(test)]
mod tests;

pub use counters::{Counters, Counts, Tally, count, reset};
pub use drill::{Action, Effect, Engine, Phase};
pub use filter::{Filter, Order};
pub use progress::{CardProgress, Mark, Pass, Progress, SessionState, Status};
pub use queries::{Choice, Summary};
pub use queue::{PassInput, PassQueue, Queue, QueuePolicy};
pub use session::{OrderRequest, start_or_resume};
