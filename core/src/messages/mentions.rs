//! Finding `@username` tokens in a message.

/// The usernames written as `@name` in `content`, lower-cased, each once, in
/// order of first appearance. A token is `@` followed by username characters
/// (`[A-Za-z0-9_.-]`), not preceded by one (so `a@b.c` mentions nobody);
/// trailing dots are punctuation (`@bob.` mentions bob).
pub fn mentioned_usernames(content: &str) -> Vec<String> {
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-');
    let mut found: Vec<String> = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in content.char_indices() {
        let starts_token = c == '@' && !prev.is_some_and(is_name_char);
        prev = Some(c);
        if !starts_token {
            continue;
        }
        let rest = &content[i + 1..];
        let end = rest
            .find(|ch: char| !is_name_char(ch))
            .unwrap_or(rest.len());
        let name = rest[..end].trim_end_matches('.').to_ascii_lowercase();
        if (3..=32).contains(&name.len()) && !found.contains(&name) {
            found.push(name);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_mentions_ignoring_case_once_each() {
        assert_eq!(
            mentioned_usernames("hi @Alice and @bob, @alice again"),
            vec!["alice", "bob"]
        );
    }

    #[test]
    fn ignores_emails_and_short_tokens() {
        assert!(mentioned_usernames("mail a@b.com or @x").is_empty());
    }

    #[test]
    fn trailing_dot_is_punctuation() {
        assert_eq!(mentioned_usernames("thanks @bob."), vec!["bob"]);
    }

    #[test]
    fn works_next_to_emoji() {
        assert_eq!(mentioned_usernames("🎉@carol🎉"), vec!["carol"]);
    }
}
