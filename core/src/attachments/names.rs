//! File names as stored and shown: no directories, no control or
//! reserved characters, at most 200 bytes, never empty.

/// The longest stored file name, in bytes.
pub const MAX_FILENAME_BYTES: usize = 200;

/// Cleans a client's file name: keeps the part after the last `/` or `\`,
/// replaces control characters and `<>:"|?*` with `_`, trims dots and
/// spaces at both ends (no `..`, no hidden files), shortens it to
/// [`MAX_FILENAME_BYTES`] keeping the extension, and answers `file` when
/// nothing is left.
pub fn sanitize_filename(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*' | '%') {
                '_'
            } else if c.is_whitespace() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c == '.' || c == ' ');
    if trimmed.is_empty() || trimmed.chars().all(|c| c == '_') {
        return "file".to_owned();
    }
    shorten(trimmed)
}

fn shorten(name: &str) -> String {
    if name.len() <= MAX_FILENAME_BYTES {
        return name.to_owned();
    }
    let ext = match name.rfind('.') {
        Some(dot) if name.len() - dot <= 16 => &name[dot..],
        _ => "",
    };
    let mut stem_budget = MAX_FILENAME_BYTES - ext.len();
    while !name.is_char_boundary(stem_budget) {
        stem_budget -= 1;
    }
    format!("{}{}", &name[..stem_budget], ext)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_tricks_are_removed() {
        assert_eq!(sanitize_filename("../../etc/passwd"), "passwd");
        assert_eq!(sanitize_filename("C:\\Users\\me\\cat.png"), "cat.png");
        assert_eq!(sanitize_filename(".."), "file");
        assert_eq!(sanitize_filename(""), "file");
        assert_eq!(sanitize_filename(".bashrc"), "bashrc");
        assert_eq!(sanitize_filename("a\u{0}b\nc.txt"), "a_b_c.txt");
        assert_eq!(sanitize_filename("what?.txt"), "what_.txt");
        assert_eq!(sanitize_filename("résumé 2024.pdf"), "résumé 2024.pdf");
    }

    #[test]
    fn long_names_keep_their_extension() {
        let long = format!("{}.png", "é".repeat(300));
        let short = sanitize_filename(&long);
        assert!(short.len() <= MAX_FILENAME_BYTES);
        assert!(short.ends_with(".png"));
    }
}
