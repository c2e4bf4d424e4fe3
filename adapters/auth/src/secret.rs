//! [`load_or_create_secret`]: the token-signing secret, kept in a file.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use rand::RngCore;

/// The fewest bytes a secret read from a file may have.
const MIN_SECRET_BYTES: usize = 32;

/// The secret stored at `path`; when there is no file, one is created with
/// 64 random bytes (written as base64url text, readable only by its owner
/// on unix), so restarts keep signed tokens valid. Surrounding whitespace
/// in the file is ignored; a secret shorter than 32 bytes is refused.
pub fn load_or_create_secret(path: &Path) -> io::Result<Vec<u8>> {
    match fs::read(path) {
        Ok(bytes) => {
            warn_if_others_can_read(path);
            check(trimmed(&bytes))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => create(path),
        Err(e) => Err(e),
    }
}

/// Whether anyone but the owner may read or write the file (unix).
pub fn readable_by_others(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 != 0)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

fn warn_if_others_can_read(path: &Path) {
    if readable_by_others(path) {
        tracing::warn!(
            path = %path.display(),
            "the signing secret file is readable by other users; run: chmod 600 {}",
            path.display()
        );
    }
}

fn trimmed(bytes: &[u8]) -> Vec<u8> {
    bytes.trim_ascii().to_vec()
}

fn check(secret: Vec<u8>) -> io::Result<Vec<u8>> {
    if secret.len() < MIN_SECRET_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("the secret file holds fewer than {MIN_SECRET_BYTES} bytes"),
        ));
    }
    Ok(secret)
}

fn create(path: &Path) -> io::Result<Vec<u8>> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_private_dir(dir)?;
    }
    let mut bytes = [0u8; 64];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let text = URL_SAFE_NO_PAD.encode(bytes);
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(mut file) => {
            file.write_all(text.as_bytes())?;
            file.write_all(b"\n")?;
            file.sync_all()?;
            Ok(text.into_bytes())
        }
        // Another process created it first: use theirs.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => check(trimmed(&fs::read(path)?)),
        Err(e) => Err(e),
    }
}

/// Creates `dir` (and its parents) if missing; a folder it creates is
/// readable by its owner only (0700 on unix).
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_created_secret_persists_across_loads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("data").join("jwt.secret");
        let first = load_or_create_secret(&path).unwrap();
        assert!(first.len() >= 64);
        assert_eq!(load_or_create_secret(&path).unwrap(), first);
    }

    #[cfg(unix)]
    #[test]
    fn a_created_secret_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jwt.secret");
        load_or_create_secret(&path).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn an_existing_secret_is_read_without_its_trailing_newline() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jwt.secret");
        let secret = "s".repeat(40);
        fs::write(&path, format!("{secret}\n")).unwrap();
        assert_eq!(load_or_create_secret(&path).unwrap(), secret.into_bytes());
    }

    #[test]
    fn a_too_short_secret_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jwt.secret");
        fs::write(&path, "short").unwrap();
        let err = load_or_create_secret(&path).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
    }

    #[cfg(unix)]
    #[test]
    fn a_created_data_folder_is_private_and_a_shared_secret_is_noticed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let path = data.join("jwt.secret");
        load_or_create_secret(&path).unwrap();
        let mode = fs::metadata(&data).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
        assert!(!readable_by_others(&path));
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
        assert!(readable_by_others(&path));
    }
}
