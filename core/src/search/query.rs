//! The search box's language: words (all must match; the last one also
//! matches as a prefix), `"quoted phrases"` and `-excluded` words or
//! phrases. Parsing it, and the reference matcher and highlighter.

use super::text::{fold, word_spans};
use crate::error::ValidationError;

/// The longest query, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// The most words and phrases (required and excluded) in one query.
pub const MAX_TERMS: usize = 16;
/// How many characters of context a hit shows around its first match.
pub const CONTEXT_CHARS: usize = 160;

/// One word or phrase of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Its words folded (lower case, no diacritics), in order: one for a
    /// word, several for a phrase (or a word written with punctuation
    /// inside, like `e-mail`, which is the phrase `e mail`).
    pub words: Vec<String>,
    /// The same words as typed (same count), for stores whose own
    /// tokenizer folds (SQLite FTS5).
    pub raw: Vec<String>,
    /// The last word matches any word it begins (`hel` finds `hello`).
    pub prefix: bool,
}

impl Term {
    /// Whether the folded words of a message contain this term.
    pub fn found_in(&self, words: &[String]) -> bool {
        self.positions(words).next().is_some()
    }

    /// Every index of `words` where this term starts.
    fn positions<'a>(&'a self, words: &'a [String]) -> impl Iterator<Item = usize> + 'a {
        let n = self.words.len();
        (0..words.len().saturating_sub(n.saturating_sub(1)))
            .filter(move |&i| n > 0 && i + n <= words.len())
            .filter(move |&i| {
                self.words.iter().enumerate().all(|(j, w)| {
                    let last = j + 1 == n;
                    if last && self.prefix {
                        words[i + j].starts_with(w.as_str())
                    } else {
                        words[i + j] == *w
                    }
                })
            })
    }
}

/// A parsed query: what a message must contain and must not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// Every one of these must be found (at least one).
    pub required: Vec<Term>,
    /// None of these may be found.
    pub excluded: Vec<Term>,
}

/// A piece of a message to show with a hit, with the matches marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    /// A few words around the first match (`…` where the message was cut).
    pub context: String,
    /// The matches in `context`: `[start, end)` offsets in UTF-16 code
    /// units (what JavaScript strings index), in order, not overlapping.
    pub offsets: Vec<(usize, usize)>,
}

impl SearchQuery {
    /// Parses a search box's text. Empty (or only punctuation), longer
    /// than [`MAX_QUERY_CHARS`], more than [`MAX_TERMS`] terms, or only
    /// excluded terms: a validation error on `q`.
    pub fn parse(q: &str) -> Result<Self, ValidationError> {
        let q = q.trim();
        if q.chars().count() > MAX_QUERY_CHARS {
            return Err(ValidationError::new(
                "q",
                format!("must be at most {MAX_QUERY_CHARS} characters"),
            ));
        }
        let mut required = Vec::new();
        let mut excluded = Vec::new();
        // Whether the last term read was required and unquoted.
        let mut last_bare = false;
        let mut rest = q;
        loop {
            rest = rest.trim_start();
            if rest.is_empty() {
                break;
            }
            let mut negated = false;
            if let Some(after) = rest.strip_prefix('-') {
                if after.starts_with(|c: char| !c.is_whitespace()) {
                    negated = true;
                    rest = after;
                }
            }
            let (text, quoted);
            if let Some(after) = rest.strip_prefix('"') {
                let end = after.find('"').unwrap_or(after.len());
                text = &after[..end];
                rest = after.get(end + 1..).unwrap_or("");
                quoted = true;
            } else {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                text = &rest[..end];
                rest = &rest[end..];
                quoted = false;
            }
            let spans = word_spans(text);
            if spans.is_empty() {
                continue;
            }
            let raw: Vec<String> = spans.iter().map(|&(s, e)| text[s..e].to_owned()).collect();
            let term = Term {
                words: raw.iter().map(|w| fold(w)).collect(),
                raw,
                prefix: false,
            };
            if negated {
                excluded.push(term);
                last_bare = false;
            } else {
                required.push(term);
                last_bare = !quoted;
            }
        }
        if required.is_empty() {
            let message = if excluded.is_empty() {
                "must contain at least one word"
            } else {
                "must contain at least one word to find, not only excluded ones"
            };
            return Err(ValidationError::new("q", message));
        }
        if required.len() + excluded.len() > MAX_TERMS {
            return Err(ValidationError::new(
                "q",
                format!("must have at most {MAX_TERMS} words and phrases"),
            ));
        }
        if last_bare {
            if let Some(last) = required.last_mut() {
                last.prefix = true;
            }
        }
        Ok(Self { required, excluded })
    }

    /// The reference matcher: whether a message's content matches.
    pub fn matches(&self, content: &str) -> bool {
        let words = super::text::folded_words(content);
        self.required.iter().all(|t| t.found_in(&words))
            && !self.excluded.iter().any(|t| t.found_in(&words))
    }

    /// The context to show for a message that matched, with every match
    /// of a required term in it marked.
    pub fn highlight(&self, content: &str) -> Highlight {
        let spans = word_spans(content);
        let words: Vec<String> = spans.iter().map(|&(s, e)| fold(&content[s..e])).collect();
        let mut marks: Vec<(usize, usize)> = Vec::new();
        for term in &self.required {
            let n = term.words.len();
            for i in term.positions(&words) {
                marks.push((spans[i].0, spans[i + n - 1].1));
            }
        }
        marks.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (s, e) in marks {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        let (from, to) = window(content, merged.first().map_or(0, |m| m.0));
        let mut context = String::new();
        if from > 0 {
            context.push('…');
        }
        let base = context.len();
        context.push_str(&content[from..to]);
        if to < content.len() {
            context.push('…');
        }
        let offsets = merged
            .into_iter()
            .filter(|&(s, e)| s >= from && e <= to)
            .map(|(s, e)| {
                let (s, e) = (s - from + base, e - from + base);
                (utf16_len(&context[..s]), utf16_len(&context[..e]))
            })
            .collect();
        Highlight { context, offsets }
    }
}

/// The byte range of at most [`CONTEXT_CHARS`] characters of `content`
/// around `at` (a third before it), cut at spaces where possible.
fn window(content: &str, at: usize) -> (usize, usize) {
    if content.chars().count() <= CONTEXT_CHARS {
        return (0, content.len());
    }
    let before = CONTEXT_CHARS / 3;
    let chars_before = content[..at].chars().count();
    let mut from = if chars_before > before {
        content[..at]
            .char_indices()
            .nth(chars_before - before)
            .map_or(0, |(i, _)| i)
    } else {
        0
    };
    if from > 0 {
        // Start at the next word rather than mid-word.
        if let Some(space) = content[from..at].find(char::is_whitespace) {
            from += space;
            from += content[from..]
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(0);
        }
    }
    let mut to = content[from..]
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(content.len(), |(i, _)| from + i);
    if to < content.len() {
        if let Some(space) = content[at.max(from)..to].rfind(char::is_whitespace) {
            let cut = at.max(from) + space;
            if cut > at {
                to = cut;
            }
        }
    }
    (from, to)
}

fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(q: &str) -> Vec<Vec<String>> {
        SearchQuery::parse(q)
            .unwrap()
            .required
            .into_iter()
            .map(|t| t.words)
            .collect()
    }

    #[test]
    fn words_phrases_and_exclusions() {
        let q =
            SearchQuery::parse(r#"Deploy "Release Candidate" -staging -"dry run" fri"#).unwrap();
        assert_eq!(
            words(r#"Deploy "Release Candidate""#),
            vec![vec!["deploy"], vec!["release", "candidate"]]
        );
        assert_eq!(q.required.len(), 3);
        assert_eq!(q.excluded.len(), 2);
        assert_eq!(q.excluded[1].words, vec!["dry", "run"]);
        assert!(q.required[2].prefix);
        assert!(!q.required[0].prefix && !q.required[1].prefix);
    }

    #[test]
    fn a_quoted_or_excluded_last_term_is_not_a_prefix() {
        assert!(!SearchQuery::parse(r#"a "b""#).unwrap().required[1].prefix);
        assert!(!SearchQuery::parse("a -b").unwrap().required[0].prefix);
    }

    #[test]
    fn empty_punctuation_only_long_and_exclusion_only_queries_are_refused() {
        for q in ["", "   ", "!!! 🎉", "-foo", &"a".repeat(201)] {
            assert_eq!(SearchQuery::parse(q).unwrap_err().field, "q", "{q:?}");
        }
        let many = (0..17)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(SearchQuery::parse(&many).is_err());
    }

    #[test]
    fn matching_folds_case_and_accents_and_respects_phrases() {
        let q = SearchQuery::parse(r#""cafe creme" nai"#).unwrap();
        assert!(q.matches("Un CAFÉ crème, naïvement"));
        assert!(!q.matches("crème café naïve"));
        let q = SearchQuery::parse("deploy -staging").unwrap();
        assert!(q.matches("deploy prod"));
        assert!(!q.matches("deploy STAGING"));
    }

    #[test]
    fn unclosed_quotes_run_to_the_end() {
        let q = SearchQuery::parse(r#""big deal"#).unwrap();
        assert_eq!(q.required[0].words, vec!["big", "deal"]);
    }

    #[test]
    fn highlight_marks_matches_in_utf16_offsets() {
        let q = SearchQuery::parse("cafe").unwrap();
        let h = q.highlight("🎉 Café time, café!");
        assert_eq!(h.context, "🎉 Café time, café!");
        assert_eq!(h.offsets, vec![(3, 7), (14, 18)]);
    }

    #[test]
    fn highlight_of_a_long_message_is_cut_around_the_first_match() {
        let content = format!("{} needle {}", "word ".repeat(100), "tail ".repeat(100));
        let h = SearchQuery::parse("needle").unwrap().highlight(&content);
        assert!(h.context.starts_with('…') && h.context.ends_with('…'));
        assert!(h.context.chars().count() <= CONTEXT_CHARS + 2);
        let (s, e) = h.offsets[0];
        let units: Vec<u16> = h.context.encode_utf16().collect();
        assert_eq!(String::from_utf16_lossy(&units[s..e]), "needle");
    }
}
