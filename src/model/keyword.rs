//! Closed lists of words (sectors, kinds, statuses) as Rust enums that know their spelling
//! in the plan files.

/// A closed list of words that a plan file may use for one field.
pub trait Keyword: Sized + Copy + 'static {
    /// Every value with its spelling, in the order the format documents them.
    const ALL: &'static [(&'static str, Self)];

    fn parse(word: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .find(|(spelling, _)| *spelling == word)
            .map(|&(_, value)| value)
    }

    fn as_str(self) -> &'static str;

    /// The spellings, for "expected one of …" messages.
    fn spellings() -> Vec<&'static str> {
        Self::ALL.iter().map(|(spelling, _)| *spelling).collect()
    }
}

/// Declares an enum whose variants are spelt in kebab-case in the plan files.
macro_rules! keyword_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $spelling:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($(#[$vmeta])* $variant,)+ }

        impl $crate::model::keyword::Keyword for $name {
            const ALL: &'static [(&'static str, Self)] = &[$(($spelling, $name::$variant),)+];

            fn as_str(self) -> &'static str {
                match self { $($name::$variant => $spelling,)+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str($crate::model::keyword::Keyword::as_str(*self))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str($crate::model::keyword::Keyword::as_str(*self))
            }
        }
    };
}
pub(crate) use keyword_enum;
