//! The web client built into the binary (`--features embedded-web`): the
//! static export in `web/out` at build time, served as the `--web-dir`
//! would be.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;
use chat_http::WebFiles;
use rust_embed::RustEmbed;

/// The files of `web/out` when the binary was built.
#[derive(RustEmbed)]
#[folder = "../web/out/"]
struct Export;

/// [`Export`] as the web routes read it.
struct Embedded {
    dirs: HashSet<String>,
}

/// The key of a relative path in the embedded set (`/`-separated).
fn key(path: &Path) -> Option<String> {
    let parts: Option<Vec<&str>> = path.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

#[async_trait]
impl WebFiles for Embedded {
    async fn read(&self, path: &Path) -> Option<Vec<u8>> {
        Export::get(&key(path)?).map(|f| f.data.into_owned())
    }

    async fn is_file(&self, path: &Path) -> bool {
        key(path).is_some_and(|k| Export::get(&k).is_some())
    }

    async fn is_dir(&self, path: &Path) -> bool {
        key(path).is_some_and(|k| self.dirs.contains(&k))
    }

    fn pages(&self) -> Vec<(PathBuf, String)> {
        Export::iter()
            .filter(|name| name.ends_with(".html"))
            .filter_map(|name| {
                let file = Export::get(&name)?;
                let text = String::from_utf8(file.data.into_owned()).ok()?;
                Some((PathBuf::from(name.as_ref()), text))
            })
            .collect()
    }
}

/// The built-in client, or `None` when the build had no `index.html`
/// (then nothing is served under `/app/`, as without `--web-dir`).
pub fn files() -> Option<Arc<dyn WebFiles>> {
    Export::get("index.html")?;
    let mut dirs = HashSet::new();
    for name in Export::iter() {
        let mut parts: Vec<&str> = name.split('/').collect();
        parts.pop();
        while !parts.is_empty() {
            dirs.insert(parts.join("/"));
            parts.pop();
        }
    }
    Some(Arc::new(Embedded { dirs }))
}
