//! The one rule behind every text field: a length range in Unicode code
//! points (API.md: "A 'char' is a Unicode code point").

use crate::error::ValidationError;

/// Checks that `text` has between `min` and `max` code points.
pub(crate) fn check_length(
    field: &'static str,
    text: &str,
    min: usize,
    max: usize,
) -> Result<(), ValidationError> {
    let n = text.chars().count();
    if n < min || n > max {
        let rule = if min == 0 {
            format!("must be at most {max} characters")
        } else {
            format!("must be {min} to {max} characters")
        };
        return Err(ValidationError::new(field, rule));
    }
    Ok(())
}

/// Declares a validated text newtype with a `parse`, `as_str` and `Display`.
macro_rules! bounded_text {
    ($(#[$doc:meta])* $name:ident, field = $field:literal, min = $min:expr, max = $max:expr, trim = $trim:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// Checks the text against the field's rule (trimming it first
            /// where the field is trimmed).
            pub fn parse(text: &str) -> Result<Self, $crate::error::ValidationError> {
                let text = if $trim { text.trim() } else { text };
                $crate::text::check_length($field, text, $min, $max)?;
                Ok(Self(text.to_owned()))
            }

            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}
pub(crate) use bounded_text;
