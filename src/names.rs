//! Enums that users spell out in files and flags (levels, difficulties,
//! statuses): one macro gives each its list, its lowercase names, `Display`,
//! a forgiving `FromStr` and one error type, so the words and the error
//! message cannot drift apart from one enum to the next.

/// A word that names none of an enum's values. Its message lists the valid
/// names: `unknown level 'expert'; valid levels are beginner, intermediate, advanced`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} '{given}'; valid {kinds} are {}", .valid.join(", "))]
pub struct UnknownName {
    /// What was being named, in the singular: `level`.
    pub kind: &'static str,
    /// The same in the plural, for the list: `levels`.
    pub kinds: &'static str,
    /// The word as given, without surrounding white space.
    pub given: String,
    /// Every valid name, in the enum's order.
    pub valid: &'static [&'static str],
}

/// Gives a fieldless enum its names:
///
/// ```
/// #[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// enum Shade {
///     Light,
///     Dark,
/// }
/// prepdeck::named_enum!(Shade, "shade", "shades", [Light => "light", Dark => "dark"]);
///
/// assert_eq!(Shade::ALL, [Shade::Light, Shade::Dark]);
/// assert_eq!(" DARK ".parse::<Shade>(), Ok(Shade::Dark));
/// assert_eq!(Shade::Light.to_string(), "light");
/// let err = "dim".parse::<Shade>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown shade 'dim'; valid shades are light, dark");
/// ```
///
/// It adds `ALL` (every value, in the order given), `NAMES`, `name()`,
/// `valid_names()` (`light, dark`), `Display` (the name) and `FromStr`
/// (case-insensitive, surrounding white space ignored) whose error is an
/// [`UnknownName`]. The enum keeps its own derives (serde's `rename_all =
/// "lowercase"` must agree with the names).
#[macro_export]
macro_rules! named_enum {
    ($ty:ident, $kind:literal, $kinds:literal, [$($variant:ident => $name:literal),+ $(,)?]) => {
        impl $ty {
            /// Every value, in the order the names are listed.
            pub const ALL: [$ty; [$($name),+].len()] = [$($ty::$variant),+];

            /// The lowercase names used in files, flags and JSON, in [`Self::ALL`] order.
            pub const NAMES: [&'static str; [$($name),+].len()] = [$($name),+];

            /// The lowercase name used in files, flags and JSON.
            pub fn name(self) -> &'static str {
                match self {
                    $($ty::$variant => $name,)+
                }
            }

            /// Every name, comma separated, for messages.
            pub fn valid_names() -> String {
                Self::NAMES.join(", ")
            }
        }

        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = $crate::names::UnknownName;

            /// Case-insensitive, surrounding white space ignored.
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let word = s.trim();
                Self::ALL
                    .into_iter()
                    .find(|value| value.name().eq_ignore_ascii_case(word))
                    .ok_or_else(|| $crate::names::UnknownName {
                        kind: $kind,
                        kinds: $kinds,
                        given: word.to_string(),
                        valid: &Self::NAMES,
                    })
            }
        }
    };
}
