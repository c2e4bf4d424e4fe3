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
    check_text(field, text, min, max, false).map(|_| ())
}

/// The rule of a text field: at most `max` code points as sent, and at
/// least `min` after trimming (for the fields that are trimmed; Unicode
/// White_Space, `str::trim`). The upper bound counts the text as sent so
/// that it is exactly the document's `maxLength`. Answers the text to keep.
pub(crate) fn check_text<'a>(
    field: &'static str,
    text: &'a str,
    min: usize,
    max: usize,
    trim: bool,
) -> Result<&'a str, ValidationError> {
    let kept = if trim { text.trim() } else { text };
    if text.chars().count() > max || kept.chars().count() < min {
        let rule = if min == 0 {
            format!("must be at most {max} characters")
        } else {
            format!("must be {min} to {max} characters")
        };
        return Err(ValidationError::new(field, rule));
    }
    Ok(kept)
}

/// Declares a validated text newtype with a `parse`, `as_str` and `Display`.
macro_rules! bounded_text {
    ($(#[$doc:meta])* $name:ident, field = $field:literal, min = $min:expr, max = $max:expr, trim = $trim:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// Checks the text against the field's rule: at most `max`
            /// characters as sent, at least `min` after trimming where the
            /// field is trimmed (and kept trimmed).
            pub fn parse(text: &str) -> Result<Self, $crate::error::ValidationError> {
                let text = $crate::text::check_text($field, text, $min, $max, $trim)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_upper_bound_counts_the_text_as_sent_and_the_lower_the_trimmed_text() {
        assert_eq!(check_text("f", " ab ", 1, 4, true).unwrap(), "ab");
        assert!(check_text("f", "  ab  ", 1, 4, true).is_err(), "6 as sent");
        assert!(check_text("f", " \u{a0}\t", 1, 4, true).is_err(), "blank");
        assert_eq!(check_text("f", "   ", 0, 4, false).unwrap(), "   ");
        assert_eq!(check_text("f", "😀😀", 1, 2, true).unwrap(), "😀😀");
    }
}
