//! The one rule behind every text field: a length range in Unicode code
//! points (API.md: "A 'char' is a Unicode code point"), and no control
//! characters. Control characters (C0: U+0000–U+001F, DEL U+007F, C1:
//! U+0080–U+009F) are refused with 422 on `field`, except line feed, tab
//! and carriage return in multi-line fields (bio, description, topic,
//! message, ban reason). Everything else is stored exactly as given. One
//! rule for every store: PostgreSQL cannot store U+0000 in `text`, and a
//! NUL or an escape sequence in a name only ever serves to deceive a
//! reader, a terminal or a log. Stores read text back with `from_stored`,
//! which keeps what an older release let in (see decisions.md).

use crate::error::ValidationError;

/// Refuses control characters (see the module doc); `multiline` lets line
/// feed, carriage return and tab through.
pub(crate) fn check_characters(
    field: &'static str,
    text: &str,
    multiline: bool,
) -> Result<(), ValidationError> {
    let refused = |c: char| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t'));
    if let Some(c) = text.chars().find(|&c| refused(c)) {
        return Err(ValidationError::new(
            field,
            format!(
                "must not contain control characters (found U+{:04X})",
                u32::from(c)
            ),
        ));
    }
    Ok(())
}

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
/// Without `multiline`, a field is single-line.
macro_rules! bounded_text {
    ($(#[$doc:meta])* $name:ident, field = $field:literal, min = $min:expr, max = $max:expr, trim = $trim:expr) => {
        $crate::text::bounded_text!($(#[$doc])* $name, field = $field, min = $min, max = $max, trim = $trim, multiline = false);
    };
    ($(#[$doc:meta])* $name:ident, field = $field:literal, min = $min:expr, max = $max:expr, trim = $trim:expr, multiline = $multiline:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name(String);

        impl $name {
            /// Checks the text against the field's rule: at most `max`
            /// characters as sent, at least `min` after trimming where the
            /// field is trimmed (and kept trimmed).
            pub fn parse(text: &str) -> Result<Self, $crate::error::ValidationError> {
                let text = $crate::text::check_text($field, text, $min, $max, $trim)?;
                $crate::text::check_characters($field, text, $multiline)?;
                Ok(Self(text.to_owned()))
            }

            /// Text read back from a store, kept exactly: only the length
            /// rule is checked. Rows written before the control-character
            /// rule may hold such characters, and must still load (writes
            /// stay strict through [`Self::parse`]; decisions.md).
            pub fn from_stored(text: &str) -> Result<Self, $crate::error::ValidationError> {
                $crate::text::check_text($field, text, $min, $max, false)?;
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

    #[test]
    fn nul_and_other_control_characters_are_refused_naming_the_field() {
        for bad in ["a\u{0}b", "a\u{1b}[31mb", "a\u{7f}", "a\u{85}b", "a\u{9f}"] {
            let e = check_characters("content", bad, true).unwrap_err();
            assert_eq!(e.field, "content", "{bad:?}");
        }
    }

    #[test]
    fn line_breaks_and_tabs_pass_only_in_multiline_fields() {
        assert!(check_characters("content", "a\nb\r\n\tc", true).is_ok());
        assert!(check_characters("name", "a\nb", false).is_err());
        assert!(check_characters("name", "a\tb", false).is_err());
    }

    #[test]
    fn everything_else_passes_unchanged() {
        let text = "héllo 👋 \u{200b}\u{202e} ∑ 日本";
        assert!(check_characters("name", text, false).is_ok());
    }

    #[test]
    fn stored_text_keeps_control_characters_that_new_text_may_not_hold() {
        let legacy = "old \u{1b}[31mred\u{7}";
        assert!(
            crate::users::Bio::parse(legacy).is_err(),
            "writes stay strict"
        );
        let read = crate::users::Bio::from_stored(legacy).expect("reads keep it");
        assert_eq!(read.as_str(), legacy);
        let long = "x".repeat(501);
        assert!(
            crate::users::Bio::from_stored(&long).is_err(),
            "length still holds"
        );
    }
}
