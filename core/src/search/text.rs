//! Words as search sees them: Unicode-aware tokenisation and folding
//! (lower case, diacritics removed), the reference every store follows.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The byte spans of the words of `text`: maximal runs of letters and
/// digits (any script); everything else (spaces, punctuation, emoji,
/// `_`) separates words.
pub fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let word_char = c.is_alphanumeric() || (start.is_some() && is_combining_mark(c));
        match (word_char, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

/// One word folded for comparison: decomposed, combining marks
/// (diacritics) dropped, lower-cased. `Élan` and `elan` fold alike.
pub fn fold(word: &str) -> String {
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The folded words of `text`, in order.
pub fn folded_words(text: &str) -> Vec<String> {
    word_spans(text)
        .into_iter()
        .map(|(s, e)| fold(&text[s..e]))
        .collect()
}

/// The text a store indexes for word matching by substring: the folded
/// words joined by single spaces, with a space before and after (so
/// ` word ` finds a whole word, ` pre` a prefix, ` a b ` a phrase).
/// Empty words (a message of emoji only) give `" "`.
pub fn search_text(content: &str) -> String {
    let words = folded_words(content);
    let mut out = String::with_capacity(content.len() + 2);
    out.push(' ');
    for w in words {
        out.push_str(&w);
        out.push(' ');
    }
    out
}

/// Whether the message links somewhere: it contains `http://` or
/// `https://` (ASCII case ignored).
pub fn has_link(content: &str) -> bool {
    let lower = content.to_ascii_lowercase();
    lower.contains("http://") || lower.contains("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_anything_but_letters_and_digits() {
        assert_eq!(
            folded_words("Don't e-mail foo_bar 🎉x1y2"),
            vec!["don", "t", "e", "mail", "foo", "bar", "x1y2"]
        );
    }

    #[test]
    fn folding_ignores_case_and_diacritics_in_any_script() {
        assert_eq!(
            folded_words("Café NAÏVE Ångström"),
            vec!["cafe", "naive", "angstrom"]
        );
        assert_eq!(folded_words("МОСКВА 東京"), vec!["москва", "東京"]);
    }

    #[test]
    fn decomposed_accents_stay_in_their_word() {
        assert_eq!(folded_words("cafe\u{301} ok"), vec!["cafe", "ok"]);
    }

    #[test]
    fn search_text_pads_words_with_spaces() {
        assert_eq!(search_text("Hello, World!"), " hello world ");
        assert_eq!(search_text("🎉"), " ");
    }

    #[test]
    fn links_need_a_scheme() {
        assert!(has_link("see HTTPS://example.com"));
        assert!(!has_link("example.com"));
    }
}
