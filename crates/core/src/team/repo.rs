//! The working clone of the team repository (git2, bundled libgit2): states of the pack read
//! from commits and written as commits on `main`, fetch and push to `origin` with credentials
//! from the OS keyring. Trees are built straight in the object database (the pack is one
//! folder), and the working files are checked out after each commit so a person (or a
//! translation platform) can read them.

use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};

use git2::{
    BranchType, Cred, CredentialType, FetchOptions, ObjectType, Oid, PushOptions, RemoteCallbacks,
    Repository, RepositoryInitOptions, Signature, build::CheckoutBuilder,
};

use super::Tree;
use crate::pack::{self, Pack, PackFile};
use crate::ports::Secrets;
use crate::{Error, Result, locale};

/// The branch the team library lives on.
pub const BRANCH: &str = "main";
const LOCAL_REF: &str = "refs/heads/main";
const REMOTE_REF: &str = "refs/remotes/origin/main";

/// Where credentials come from: the keyring entry `git:<host>` (an https token, or an ssh
/// key's passphrase); ssh also tries the ssh agent first.
#[derive(Clone, Copy)]
pub struct Auth<'a> {
    /// The keyring.
    pub secrets: &'a dyn Secrets,
    /// The remote's URL.
    pub remote: &'a str,
}

impl std::fmt::Debug for Auth<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth")
            .field("remote", &self.remote)
            .finish_non_exhaustive()
    }
}

/// The keyring entry name of a remote's credentials (`git:github.com`), `None` for a local
/// path (no credentials).
#[must_use]
pub fn secret_name(remote: &str) -> Option<String> {
    remote_host(remote).map(|host| format!("git:{host}"))
}

/// The host of a remote URL (`https://host/…`, `ssh://user@host:22/…`, `user@host:path`).
#[must_use]
pub fn remote_host(remote: &str) -> Option<String> {
    if let Some((scheme, rest)) = remote.split_once("://") {
        if scheme == "file" {
            return None;
        }
        let authority = rest.split('/').next().unwrap_or("");
        let host = authority.rsplit('@').next().unwrap_or("");
        let host = host.split(':').next().unwrap_or("");
        return (!host.is_empty()).then(|| host.to_ascii_lowercase());
    }
    // scp-like `user@host:path`
    let (head, _) = remote.split_once(':')?;
    if head.contains('/') || head.len() == 1 {
        return None; // a path, or a Windows drive letter
    }
    let host = head.rsplit('@').next().unwrap_or(head);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Checks a remote's syntax and makes a local path absolute (the clone lives elsewhere).
///
/// # Errors
/// [`Error::Invalid`] for anything that is not a path, `file://`, `git://`, `http(s)://`,
/// `ssh://` or `user@host:path`.
pub fn normalize_remote(remote: &str) -> Result<String> {
    let remote = remote.trim();
    let bad = || {
        Error::Invalid(format!(
            "'{remote}' is not a git remote: give a path or file:// URL of a bare repository, \
             or a git://, https://, ssh:// or user@host:path address"
        ))
    };
    if remote.is_empty() || remote.chars().any(char::is_whitespace) {
        return Err(bad());
    }
    if let Some((scheme, rest)) = remote.split_once("://") {
        let ok = matches!(
            scheme.to_ascii_lowercase().as_str(),
            "file" | "git" | "http" | "https" | "ssh" | "git+ssh" | "ssh+git"
        );
        if !ok || rest.is_empty() || (scheme != "file" && remote_host(remote).is_none()) {
            return Err(bad());
        }
        return Ok(remote.to_string());
    }
    if remote_host(remote).is_some() {
        return Ok(remote.to_string());
    }
    let path = Path::new(remote);
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::io(".", e))?
            .join(path)
    };
    // Without `.` components, so the address reads as the folder it is.
    let absolute: PathBuf = absolute
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    Ok(absolute.display().to_string())
}

/// The working clone.
pub struct Repo {
    repo: Repository,
    dir: PathBuf,
    /// Held by a sync for as long as it uses the clone (see [`Repo::open_for_sync`]).
    _sync_lock: Option<std::fs::File>,
}

impl std::fmt::Debug for Repo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Repo").field("dir", &self.dir).finish()
    }
}

fn local(dir: &Path, e: &git2::Error) -> Error {
    Error::Remote(format!(
        "the team library's working copy {} cannot be used: {}",
        dir.display(),
        e.message()
    ))
}

impl Repo {
    /// Opens the clone at `dir`.
    ///
    /// # Errors
    /// [`Error::Remote`] when it is missing or damaged.
    pub fn open(dir: &Path) -> Result<Self> {
        let repo = Repository::open(dir).map_err(|e| local(dir, &e))?;
        Ok(Self {
            repo,
            dir: dir.to_path_buf(),
            _sync_lock: None,
        })
    }

    /// Opens the clone at `dir` to write to it, one sync at a time: a sync from the app and
    /// one from the CLI wait for each other on an OS file lock, which the OS lets go of when
    /// a process dies. Holding it, no other QuickReply process uses the clone, so a git lock
    /// file still there (`index.lock`, `refs/…/main.lock`) was left by a sync that was killed
    /// or crashed, and would stop every later sync: it is removed.
    ///
    /// # Errors
    /// [`Error::Remote`] when the clone is missing or damaged; the lock file cannot be made.
    pub fn open_for_sync(dir: &Path) -> Result<Self> {
        let git_dir = dir.join(".git");
        let lock_path = git_dir.join("quickreply-sync.lock");
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| Error::io(&lock_path, e))?;
        lock.lock().map_err(|e| Error::io(&lock_path, e))?;
        remove_stale_git_locks(&git_dir);
        let mut repo = Self::open(dir)?;
        repo._sync_lock = Some(lock);
        Ok(repo)
    }

    /// A new, empty clone at `dir` whose `origin` is `remote`.
    ///
    /// # Errors
    /// [`Error::Remote`] when it cannot be created.
    pub fn create(dir: &Path, remote: &str) -> Result<Self> {
        let repo = Repository::init_opts(dir, RepositoryInitOptions::new().initial_head(BRANCH))
            .map_err(|e| local(dir, &e))?;
        repo.remote("origin", remote).map_err(|e| local(dir, &e))?;
        Ok(Self {
            repo,
            dir: dir.to_path_buf(),
            _sync_lock: None,
        })
    }

    /// The commit `main` points at, if any.
    ///
    /// # Errors
    /// A damaged repository.
    pub fn head(&self) -> Result<Option<Oid>> {
        self.ref_id(LOCAL_REF)
    }

    /// The last known commit of the remote's `main` (as of the last fetch or push).
    ///
    /// # Errors
    /// A damaged repository.
    pub fn remote_head(&self) -> Result<Option<Oid>> {
        self.ref_id(REMOTE_REF)
    }

    fn ref_id(&self, name: &str) -> Result<Option<Oid>> {
        match self.repo.refname_to_id(name) {
            Ok(id) => Ok(Some(id)),
            Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(None),
            Err(e) => Err(local(&self.dir, &e)),
        }
    }

    /// The pack at commit `id`.
    ///
    /// # Errors
    /// A damaged repository, or files that are not a pack (a bad `pack.toml`, Fluent syntax
    /// errors) with what is wrong.
    pub fn tree_at(&self, id: Oid) -> Result<Tree> {
        let e = |e: git2::Error| local(&self.dir, &e);
        let tree = self
            .repo
            .find_commit(id)
            .and_then(|c| c.tree())
            .map_err(e)?;
        let mut files = Vec::new();
        let mut manifest = pack::Manifest::default();
        for item in &tree {
            let (Some(name), Some(ObjectType::Blob)) = (item.name(), item.kind()) else {
                continue;
            };
            let blob = self.repo.find_blob(item.id()).map_err(e)?;
            let text = String::from_utf8_lossy(blob.content());
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
            if name == "pack.toml" {
                manifest = pack::parse_manifest(&format!("team repository: {name}"), &text)?;
            } else if let Some(stem) = name.strip_suffix(".ftl")
                && let Ok(locale) = locale::canonical(stem)
            {
                files.push(PackFile {
                    locale,
                    name: format!("team repository: {name}"),
                    text,
                });
            }
        }
        files.sort_by(|a, b| a.locale.cmp(&b.locale));
        Tree::from_pack(&Pack { files, manifest })
    }

    /// Commits `tree` on `main` with `parents`, authored by `author`, and checks it out.
    ///
    /// # Errors
    /// The repository cannot be written.
    pub fn commit(&self, tree: &Tree, parents: &[Oid], author: &str, message: &str) -> Result<Oid> {
        let id = self.commit_detached(tree, parents, author, message)?;
        self.move_main(id, message)?;
        Ok(id)
    }

    /// Writes a commit of `tree` on `parents` without moving `main` (a sync moves it only once
    /// the library holds that tree).
    ///
    /// # Errors
    /// The repository cannot be written.
    pub fn commit_detached(
        &self,
        tree: &Tree,
        parents: &[Oid],
        author: &str,
        message: &str,
    ) -> Result<Oid> {
        let e = |e: git2::Error| local(&self.dir, &e);
        let pack = tree.to_pack();
        let mut builder = self.repo.treebuilder(None).map_err(e)?;
        for file in &pack.files {
            let blob = self.repo.blob(file.text.as_bytes()).map_err(e)?;
            builder
                .insert(format!("{}.ftl", file.locale), blob, 0o100_644)
                .map_err(e)?;
        }
        let manifest = pack::manifest_text(&pack.manifest)?;
        let blob = self.repo.blob(manifest.as_bytes()).map_err(e)?;
        builder.insert("pack.toml", blob, 0o100_644).map_err(e)?;
        let tree_id = builder.write().map_err(e)?;
        let git_tree = self.repo.find_tree(tree_id).map_err(e)?;
        let name = if author.trim().is_empty() {
            "QuickReply"
        } else {
            author.trim()
        };
        // git wants an address; staff are known by name, so the address only repeats it.
        let email: String = name
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '.' })
            .collect();
        let signature = Signature::now(name, &format!("{email}@quickreply.local")).map_err(e)?;
        let parents = parents
            .iter()
            .map(|id| self.repo.find_commit(*id))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(e)?;
        let parent_refs: Vec<&git2::Commit<'_>> = parents.iter().collect();
        let id = self
            .repo
            .commit(
                None,
                &signature,
                &signature,
                message,
                &git_tree,
                &parent_refs,
            )
            .map_err(e)?;
        Ok(id)
    }

    /// Whether commit `id` is in the clone.
    #[must_use]
    pub fn has_commit(&self, id: Oid) -> bool {
        self.repo.find_commit(id).is_ok()
    }

    /// Points `main` at `id` (a fast-forward, or a new commit) and checks it out.
    ///
    /// # Errors
    /// The repository cannot be written.
    pub fn move_main(&self, id: Oid, why: &str) -> Result<()> {
        let e = |e: git2::Error| local(&self.dir, &e);
        self.repo.reference(LOCAL_REF, id, true, why).map_err(e)?;
        self.repo.set_head(LOCAL_REF).map_err(e)?;
        self.repo
            .checkout_head(Some(CheckoutBuilder::new().force().remove_untracked(false)))
            .map_err(e)
    }

    /// The merge base of two commits, if they share history.
    ///
    /// # Errors
    /// A damaged repository.
    pub fn merge_base(&self, one: Oid, two: Oid) -> Result<Option<Oid>> {
        match self.repo.merge_base(one, two) {
            Ok(id) => Ok(Some(id)),
            Err(e) if e.code() == git2::ErrorCode::NotFound => Ok(None),
            Err(e) => Err(local(&self.dir, &e)),
        }
    }

    /// The author name of commit `id`.
    #[must_use]
    pub fn author_of(&self, id: Oid) -> Option<String> {
        let commit = self.repo.find_commit(id).ok()?;
        commit.author().name().map(str::to_string)
    }

    /// Fetches the remote's `main` into `refs/remotes/origin/main`.
    ///
    /// # Errors
    /// [`Error::Remote`] saying the remote could not be reached and local changes are kept.
    pub fn fetch(&self, auth: Auth<'_>) -> Result<()> {
        let mut remote = self
            .repo
            .find_remote("origin")
            .map_err(|e| local(&self.dir, &e))?;
        let tried = Cell::new(0u32);
        let mut options = FetchOptions::new();
        options.remote_callbacks(callbacks(auth, &tried, None));
        remote
            .fetch(
                &[format!("+refs/heads/{BRANCH}:{REMOTE_REF}")],
                Some(&mut options),
                None,
            )
            .map_err(|e| unreachable(auth.remote, &e))
    }

    /// Pushes `main` to the remote and records it as the remote's `main`.
    ///
    /// # Errors
    /// [`Error::Remote`] with the host's message when the push is refused, or the remote
    /// cannot be reached.
    pub fn push(&self, auth: Auth<'_>) -> Result<()> {
        let Some(head) = self.head()? else {
            return Ok(());
        };
        let mut remote = self
            .repo
            .find_remote("origin")
            .map_err(|e| local(&self.dir, &e))?;
        let tried = Cell::new(0u32);
        let refused = RefCell::new(None);
        // What the host prints (`remote: …`: a hook's reason, a protected branch).
        let said = RefCell::new(String::new());
        let mut callbacks = callbacks(auth, &tried, Some(&refused));
        callbacks.sideband_progress(|text| {
            said.borrow_mut().push_str(&String::from_utf8_lossy(text));
            true
        });
        let mut options = PushOptions::new();
        options.remote_callbacks(callbacks);
        let pushed = remote.push(&[format!("{LOCAL_REF}:{LOCAL_REF}")], Some(&mut options));
        drop(options);
        let said: Vec<String> = said
            .into_inner()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        let said = if said.is_empty() {
            String::new()
        } else {
            format!(" ({})", said.join("; "))
        };
        if let Some(message) = refused.into_inner() {
            return Err(Error::Remote(format!(
                "the team repository {} refused the changes: {message}{said}. They are kept in \
                 this library and will be sent at the next sync the repository accepts",
                auth.remote
            )));
        }
        pushed.map_err(|e| {
            Error::Remote(format!(
                "could not send the changes to the team repository {}: {}{said}. They are kept \
                 in this library and will be sent at the next successful sync",
                auth.remote,
                e.message().trim()
            ))
        })?;
        self.repo
            .reference(REMOTE_REF, head, true, "pushed")
            .map_err(|e| local(&self.dir, &e))?;
        Ok(())
    }

    /// A bare repository on a path (a NAS, a file share) made with git's defaults names
    /// `master` as its HEAD; pointed at `main` instead, a plain `git clone` of it checks out the
    /// library. Hosts (GitHub, Gitea…) take the first branch pushed as their default already.
    pub fn point_local_head_at_main(remote: &str) {
        let path = remote.strip_prefix("file://").unwrap_or(remote);
        if remote_host(remote).is_some() {
            return;
        }
        if let Ok(bare) = Repository::open_bare(path)
            && bare.head().is_err()
        {
            // Best effort: a clone still works with `--branch main`.
            let _ = bare.set_head(LOCAL_REF);
        }
    }

    /// Clones `remote` into `dir` (the remote's `main`).
    ///
    /// # Errors
    /// [`Error::Remote`] when the remote cannot be reached.
    pub fn clone(auth: Auth<'_>, dir: &Path) -> Result<Self> {
        let repo = Self::create(dir, auth.remote)?;
        repo.fetch(auth)?;
        Ok(repo)
    }

    /// The local branches (for tests of the clone's shape).
    #[must_use]
    pub fn branches(&self) -> Vec<String> {
        self.repo
            .branches(Some(BranchType::Local))
            .map(|b| {
                b.filter_map(|b| b.ok()?.0.name().ok().flatten().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Removes the lock files git (libgit2) writes beside what it is changing, in `git_dir` and
/// under `refs/`. Only called with the sync lock held.
fn remove_stale_git_locks(git_dir: &Path) {
    fn walk(dir: &Path) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path);
            } else if path.extension().is_some_and(|e| e == "lock") {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    for name in ["index.lock", "HEAD.lock", "config.lock", "packed-refs.lock"] {
        let _ = std::fs::remove_file(git_dir.join(name));
    }
    walk(&git_dir.join("refs"));
}

fn unreachable(remote: &str, e: &git2::Error) -> Error {
    Error::Remote(format!(
        "could not reach the team repository {remote}: {}. Your changes are kept in this \
         library and will be sent at the next successful sync",
        e.message().trim()
    ))
}

/// Credentials: the ssh agent, then an ssh key with the passphrase from the keyring; an https
/// token from the keyring; the platform's default (NTLM/Negotiate). Each kind is tried at
/// most once, so a wrong secret fails instead of looping.
fn callbacks<'a>(
    auth: Auth<'a>,
    tried: &'a Cell<u32>,
    refused: Option<&'a RefCell<Option<String>>>,
) -> RemoteCallbacks<'a> {
    let mut callbacks = RemoteCallbacks::new();
    callbacks.credentials(move |_url, user, allowed| {
        let attempt = tried.get();
        tried.set(attempt + 1);
        let secret = || -> std::result::Result<Option<String>, git2::Error> {
            match secret_name(auth.remote) {
                Some(name) => auth
                    .secrets
                    .get(&name)
                    .map_err(|e| git2::Error::from_str(&e.to_string())),
                None => Ok(None),
            }
        };
        if allowed.contains(CredentialType::SSH_KEY) {
            let user = user.unwrap_or("git");
            if attempt == 0 {
                return Cred::ssh_key_from_agent(user);
            }
            if attempt < 4 {
                let home = std::env::var_os("HOME")
                    .or_else(|| std::env::var_os("USERPROFILE"))
                    .map(PathBuf::from)
                    .unwrap_or_default();
                let names = ["id_ed25519", "id_ecdsa", "id_rsa"];
                if let Some(key) = names
                    .iter()
                    .map(|n| home.join(".ssh").join(n))
                    .filter(|p| p.exists())
                    .nth(usize::try_from(attempt - 1).unwrap_or(usize::MAX))
                {
                    let passphrase = secret()?;
                    return Cred::ssh_key(user, None, &key, passphrase.as_deref());
                }
            }
        } else if allowed.contains(CredentialType::USER_PASS_PLAINTEXT) && attempt == 0 {
            if let Some(token) = secret()? {
                let user = user.filter(|u| !u.is_empty()).unwrap_or("x-access-token");
                return Cred::userpass_plaintext(user, token.trim());
            }
        } else if allowed.contains(CredentialType::DEFAULT) && attempt == 0 {
            return Cred::default();
        }
        Err(git2::Error::from_str(
            "authentication failed: store a token (https) or the ssh key's passphrase with the team credentials, or add the key to the ssh agent",
        ))
    });
    if let Some(refused) = refused {
        callbacks.push_update_reference(move |_name, status| {
            if let Some(status) = status {
                *refused.borrow_mut() = Some(status.to_string());
            }
            Ok(())
        });
    }
    callbacks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remotes_are_checked_and_hosts_named() {
        for (remote, host) in [
            ("https://github.com/shop/replies.git", Some("github.com")),
            ("ssh://git@gitee.com:22/shop/replies.git", Some("gitee.com")),
            ("git@github.com:shop/replies.git", Some("github.com")),
            ("git://nas.local/replies", Some("nas.local")),
            ("file:///srv/replies.git", None),
            ("/srv/replies.git", None),
            ("C:/shares/replies.git", None),
        ] {
            assert!(normalize_remote(remote).is_ok(), "{remote}");
            assert_eq!(remote_host(remote).as_deref(), host, "{remote}");
        }
        for bad in ["", "ftp://x/y", "https://", "a b"] {
            assert!(
                matches!(normalize_remote(bad), Err(Error::Invalid(_))),
                "{bad}"
            );
        }
        assert_eq!(
            secret_name("https://GitHub.com/x").as_deref(),
            Some("git:github.com")
        );
        assert!(Path::new(&normalize_remote("rel/bare.git").unwrap()).is_absolute());
    }

    #[test]
    fn a_sync_clears_the_locks_a_killed_sync_left_and_waits_for_a_running_one() {
        let dir = tempfile::tempdir().unwrap();
        let clone = dir.path().join("lib.team");
        Repo::create(&clone, "/nowhere/remote.git").unwrap();
        let git = clone.join(".git");
        std::fs::create_dir_all(git.join("refs/heads")).unwrap();
        for stale in ["index.lock", "HEAD.lock", "refs/heads/main.lock"] {
            std::fs::write(git.join(stale), "").unwrap();
        }
        let first = Repo::open_for_sync(&clone).unwrap();
        for stale in ["index.lock", "HEAD.lock", "refs/heads/main.lock"] {
            assert!(!git.join(stale).exists(), "{stale} is still there");
        }
        // A second sync waits until the first is done with the clone.
        let (tx, rx) = std::sync::mpsc::channel();
        let waiter = {
            let clone = clone.clone();
            std::thread::spawn(move || {
                let second = Repo::open_for_sync(&clone).unwrap();
                tx.send(()).unwrap();
                drop(second);
            })
        };
        assert!(
            rx.recv_timeout(std::time::Duration::from_millis(300))
                .is_err(),
            "the second sync did not wait for the first"
        );
        drop(first);
        rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
        waiter.join().unwrap();
    }
}
