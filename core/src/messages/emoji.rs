//! [`Emoji`]: one Unicode emoji, the key of a reaction.
//!
//! "One emoji" is one extended grapheme cluster that is an emoji: a
//! pictographic character (optionally with a presentation selector, a
//! skin-tone modifier or a tag sequence), several of them joined by
//! zero-width joiners (👩‍💻, 👨‍👩‍👧), a flag (two regional indicators) or a
//! keycap (`1️⃣`). Plain text, two emoji side by side, or a lone modifier
//! are refused. The ranges of pictographic characters follow Unicode's
//! `Extended_Pictographic` property (emoji-data.txt), written out here so
//! the core needs no Unicode-tables crate.

use std::fmt;

use crate::error::ValidationError;

/// The most code points one emoji may have (the longest standard
/// sequences, families with skin tones, have about 15).
const MAX_CODE_POINTS: usize = 32;

const ZWJ: char = '\u{200D}';
const VS15: char = '\u{FE0E}';
const VS16: char = '\u{FE0F}';
const KEYCAP: char = '\u{20E3}';
const TAG_END: char = '\u{E007F}';

/// One Unicode emoji (see the module doc for what counts).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Emoji(String);

impl Emoji {
    /// Accepts exactly one emoji; anything else is a validation error on
    /// `emoji`.
    pub fn parse(text: &str) -> Result<Self, ValidationError> {
        let chars: Vec<char> = text.chars().collect();
        if chars.len() <= MAX_CODE_POINTS && is_one_emoji(&chars) {
            Ok(Self(text.to_owned()))
        } else {
            Err(ValidationError::new("emoji", "must be exactly one emoji"))
        }
    }

    /// The emoji's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Emoji {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn is_one_emoji(chars: &[char]) -> bool {
    match chars {
        [] => false,
        [a, b] if is_regional_indicator(*a) && is_regional_indicator(*b) => true,
        [k, KEYCAP] | [k, VS16, KEYCAP] => matches!(k, '0'..='9' | '#' | '*'),
        _ => chars.split(|&c| c == ZWJ).all(is_element),
    }
}

/// One pictographic character with what may follow it inside a cluster:
/// a presentation selector, a skin-tone modifier, or a tag sequence.
fn is_element(chars: &[char]) -> bool {
    let Some((&base, rest)) = chars.split_first() else {
        return false;
    };
    if !is_pictographic(base) {
        return false;
    }
    match rest {
        [] => true,
        [VS15] | [VS16] => true,
        [m] | [VS16, m] => is_skin_tone(*m),
        [tags @ .., TAG_END] => !tags.is_empty() && tags.iter().all(|&t| is_tag(t)),
        _ => false,
    }
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

fn is_skin_tone(c: char) -> bool {
    ('\u{1F3FB}'..='\u{1F3FF}').contains(&c)
}

fn is_tag(c: char) -> bool {
    ('\u{E0020}'..='\u{E007E}').contains(&c)
}

/// Unicode's `Extended_Pictographic` characters.
fn is_pictographic(c: char) -> bool {
    matches!(c as u32,
        0x00A9 | 0x00AE | 0x203C | 0x2049 | 0x2122 | 0x2139
        | 0x2194..=0x2199 | 0x21A9..=0x21AA | 0x231A..=0x231B | 0x2328 | 0x2388
        | 0x23CF | 0x23E9..=0x23F3 | 0x23F8..=0x23FA | 0x24C2 | 0x25AA..=0x25AB
        | 0x25B6 | 0x25C0 | 0x25FB..=0x25FE | 0x2600..=0x2605 | 0x2607..=0x2612
        | 0x2614..=0x2685 | 0x2690..=0x2705 | 0x2708..=0x2712 | 0x2714 | 0x2716
        | 0x271D | 0x2721 | 0x2728 | 0x2733..=0x2734 | 0x2744 | 0x2747 | 0x274C
        | 0x274E | 0x2753..=0x2755 | 0x2757 | 0x2763..=0x2767 | 0x2795..=0x2797
        | 0x27A1 | 0x27B0 | 0x27BF | 0x2934..=0x2935 | 0x2B05..=0x2B07
        | 0x2B1B..=0x2B1C | 0x2B50 | 0x2B55 | 0x3030 | 0x303D | 0x3297 | 0x3299
        | 0x1F000..=0x1F0FF | 0x1F10D..=0x1F10F | 0x1F12F | 0x1F16C..=0x1F171
        | 0x1F17E..=0x1F17F | 0x1F18E | 0x1F191..=0x1F19A | 0x1F1AD..=0x1F1E5
        | 0x1F201..=0x1F20F | 0x1F21A | 0x1F22F | 0x1F232..=0x1F23A
        | 0x1F23C..=0x1F23F | 0x1F249..=0x1F3FA | 0x1F400..=0x1F53D
        | 0x1F546..=0x1F64F | 0x1F680..=0x1F6FF | 0x1F774..=0x1F77F
        | 0x1F7D5..=0x1F7FF | 0x1F80C..=0x1F80F | 0x1F848..=0x1F84F
        | 0x1F85A..=0x1F85F | 0x1F888..=0x1F88F | 0x1F8AE..=0x1F8FF
        | 0x1F90C..=0x1F93A | 0x1F93C..=0x1F945 | 0x1F947..=0x1FAFF
        | 0x1FC00..=0x1FFFD)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> bool {
        Emoji::parse(text).is_ok()
    }

    #[test]
    fn single_emoji_are_accepted() {
        for e in ["👍", "🎉", "❤️", "❤", "😀", "🦀", "☕", "✅", "🫠"] {
            assert!(ok(e), "{e}");
        }
    }

    #[test]
    fn sequences_that_render_as_one_emoji_are_accepted() {
        for e in [
            "👍🏽", // skin tone
            "👩‍💻", // ZWJ
            "👨‍👩‍👧‍👦", // family
            "🏳️‍🌈", // flag with VS16 and ZWJ
            "🇫🇷", // regional indicators
            "1️⃣", // keycap
            "#⃣",  // keycap without VS16
            "🏴󠁧󠁢󠁥󠁮󠁧󠁿", // tag sequence (England)
            "🧑🏿‍🤝‍🧑🏻", // people holding hands with tones
        ] {
            assert!(ok(e), "{e}");
        }
    }

    #[test]
    fn text_and_several_emoji_are_refused() {
        for e in [
            "",
            "a",
            "ab",
            ":+1:",
            "👍👍",
            "👍 ",
            " 👍",
            "🇫",
            "🇫🇷🇩🇪",
            "1",
            "🏽",
            "👍\u{200D}",
            "\u{200D}👍",
            "<b>",
        ] {
            let err = Emoji::parse(e).unwrap_err();
            assert_eq!(err.field, "emoji", "{e:?}");
        }
    }

    #[test]
    fn overlong_sequences_are_refused() {
        let long = vec!["👍"; 20].join("\u{200D}");
        assert!(!ok(&long));
    }
}
