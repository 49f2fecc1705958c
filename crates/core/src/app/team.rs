//! The team library on git: bind a library to a repository (`init`), make an empty library a
//! clone (`join`), pull–merge–push (`sync`), what is pending and in conflict (`status`), the
//! credentials in the OS keyring, and the roles of `pack.toml`'s `[team]`.
//!
//! The working clone lives beside the database (`<db file>.team/`); the binding (remote,
//! last sync, last error) is in the `settings` table under `team.*`; conflicts in
//! `team_conflicts` until someone approves or edits the text. Git work never holds the shared
//! store's lock: the library is read through a second connection, and the lock is taken only
//! for the one transaction that writes a pull into the library.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use rusqlite::params;
use serde::Serialize;

use super::{Library, identity};
use crate::pack::{self, ImportOptions, Pack, Review, TeamRoles};
use crate::ports::Secrets;
use crate::store::library::write as library_write;
use crate::store::templates::write as template_write;
use crate::store::{Status, Store, source_hash};
use crate::team::Tree;
use crate::team::merge::{self, Conflict};
use crate::team::repo::{self, Auth, Repo};

pub use crate::team::ConflictKind;
use crate::{Error, Result};

/// Minutes between automatic syncs in the app, unless set.
pub const DEFAULT_SYNC_MINUTES: u32 = 5;

const REMOTE: &str = "team.remote";
const LAST_SYNC: &str = "team.last_sync";
const LAST_ERROR: &str = "team.last_error";
/// The commit whose texts the library holds, written in the transaction that writes a pull.
/// A sync starts from it, not from the clone's `main`: a sync killed after moving `main` but
/// before the library took the pull would otherwise read the pull's texts as deleted here.
const LIBRARY_COMMIT: &str = "team.library_commit";
const SYNC_MINUTES: &str = "team.sync_minutes";
const ROLES: &str = "team.roles";

/// The team binding of a library, for Settings → Team, the tray and `team status`.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct TeamStatus {
    /// Whether the library is bound to a team repository.
    pub bound: bool,
    /// The repository's address.
    pub remote: Option<String>,
    /// When the last sync succeeded, UTC RFC 3339.
    pub last_sync: Option<String>,
    /// Why the last sync failed, when it did (cleared by a successful one).
    pub last_error: Option<String>,
    /// `(message, language)` texts changed here that the repository does not have yet.
    #[ts(type = "number")]
    pub pending: u64,
    /// Whether commits made here wait to be pushed.
    pub unpushed: bool,
    /// Conflicts waiting for someone to approve or edit the text.
    pub conflicts: Vec<TeamConflict>,
    /// The role of the person at this desktop.
    pub role: TeamRole,
    /// Minutes between automatic syncs.
    pub sync_minutes: u32,
}

/// What a person may do in a team library (`[team]` of `pack.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum TeamRole {
    /// Edits templates and approves.
    Owner,
    /// Approves translations.
    Reviewer,
    /// Pastes replies.
    Staff,
    /// No `[team]` section (or no team): everyone may do everything.
    Solo,
}

impl TeamRole {
    /// May write, import and delete replies (the library window's editor). The git host's
    /// permissions are what enforces it for the repository; the app hides what the team's
    /// `pack.toml` does not allow.
    #[must_use]
    pub fn may_edit(self) -> bool {
        matches!(self, Self::Owner | Self::Solo)
    }

    /// May approve or reject translations (the review window).
    #[must_use]
    pub fn may_approve(self) -> bool {
        matches!(self, Self::Owner | Self::Reviewer | Self::Solo)
    }
}

/// What the person at this desktop may do, for the library and review windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Permissions {
    /// Their role in the team.
    pub role: TeamRole,
    /// See [`TeamRole::may_edit`].
    pub may_edit: bool,
    /// See [`TeamRole::may_approve`].
    pub may_approve: bool,
}

/// The permissions of the person at this desktop (cheap: no repository is read).
///
/// # Errors
/// Database failure.
pub fn permissions(library: &Library) -> Result<Permissions> {
    let role = role_of(library, &staff_name())?;
    Ok(Permissions {
        role,
        may_edit: role.may_edit(),
        may_approve: role.may_approve(),
    })
}

/// A conflict a sync found, until someone approves or edits that text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct TeamConflict {
    /// Template key.
    pub key: String,
    /// Language.
    pub locale: String,
    /// Both edited, or deleted on one side and edited on the other.
    pub kind: ConflictKind,
    /// The text the library kept (`needs_review`).
    pub kept: String,
    /// The other text (also in the template's history); empty when it was deleted.
    pub other: String,
    /// Who made the other change (the author of the repository's latest commit).
    pub other_author: Option<String>,
}

/// What a sync (or init, join) did.
#[derive(Debug, Clone, Default, Serialize, ts_rs::TS)]
pub struct SyncReport {
    /// Texts updated in this library by the pull.
    #[ts(type = "number")]
    pub changed_here: u64,
    /// Texts sent to the repository.
    #[ts(type = "number")]
    pub sent: u64,
    /// Conflicts found by this sync.
    pub conflicts: Vec<TeamConflict>,
    /// Things merged in a way a person should know about.
    pub notices: Vec<String>,
}

struct Binding {
    remote: String,
    dir: PathBuf,
}

/// The working clone's folder: beside the database.
fn clone_dir(library: &Library) -> Result<PathBuf> {
    let path = library.path();
    if path.as_os_str() == ":memory:" || path.as_os_str().is_empty() {
        return Err(Error::Invalid(
            "a library in memory cannot be bound to a team repository".into(),
        ));
    }
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".team");
    Ok(path.with_file_name(name))
}

fn binding(library: &Library) -> Result<Option<Binding>> {
    let remote = library.store().setting(REMOTE)?;
    remote
        .map(|remote| {
            Ok(Binding {
                remote,
                dir: clone_dir(library)?,
            })
        })
        .transpose()
}

fn bound(library: &Library) -> Result<Binding> {
    binding(library)?.ok_or(Error::NotBound)
}

/// The name commits and verdicts are recorded under.
fn staff_name() -> String {
    identity::login_name().unwrap_or_else(|| "QuickReply".into())
}

fn now() -> String {
    jiff::Timestamp::now().to_string()
}

/// The library as a team tree, read through its own connection (the shared one stays free).
fn library_tree(library: &Library) -> Result<Tree> {
    let store = library.own_connection()?;
    Tree::from_pack(&pack::export_pack(&store)?.0)
}

fn record_error(library: &Library, error: &Error) {
    // The sync failed already; a failure to record why must not hide that error.
    let _ = library.store().set_setting(LAST_ERROR, &error.to_string());
}

/// Shares this library: writes it as the first commit of a new team repository at `remote`
/// (an empty bare repository: a path, `file://`, `git://`, `https://` or ssh) and pushes it.
///
/// # Errors
/// [`Error::Invalid`] for a bad address, a library already bound, or a repository that
/// already holds a team library; [`Error::Remote`] when the repository cannot be reached or
/// refuses the push (nothing is bound then).
pub fn init(library: &Library, secrets: &dyn Secrets, remote: &str) -> Result<SyncReport> {
    let remote = repo::normalize_remote(remote)?;
    if let Some(b) = binding(library)? {
        return Err(Error::Invalid(format!(
            "this library is already bound to the team repository {}",
            b.remote
        )));
    }
    let dir = fresh_clone_dir(library)?;
    let result = (|| {
        let auth = Auth {
            secrets,
            remote: &remote,
        };
        let repo = Repo::create(&dir, &remote)?;
        repo.fetch(auth)?;
        if repo.remote_head()?.is_some() {
            return Err(Error::Invalid(format!(
                "{remote} already holds a team library: join it from an empty library instead"
            )));
        }
        let tree = library_tree(library)?;
        let name = staff_name();
        let first = repo.commit(
            &tree,
            &[],
            &name,
            &format!("Team library started by {name}"),
        )?;
        repo.push(auth)?;
        Repo::point_local_head_at_main(&remote);
        Ok((tree.entries.len() as u64, first))
    })();
    let (sent, first) = match result {
        Ok(sent) => sent,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&dir);
            return Err(e);
        }
    };
    let mut store = library.store();
    store.set_setting(LIBRARY_COMMIT, &first.to_string())?;
    store.set_setting(REMOTE, &remote)?;
    store.set_setting(LAST_SYNC, &now())?;
    store.delete_setting(LAST_ERROR)?;
    Ok(SyncReport {
        sent,
        ..SyncReport::default()
    })
}

/// The clone's folder, emptied of what a failed bind may have left.
fn fresh_clone_dir(library: &Library) -> Result<PathBuf> {
    let dir = clone_dir(library)?;
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    }
    Ok(dir)
}

/// Makes this empty library a clone of the team library at `remote`.
///
/// # Errors
/// [`Error::Invalid`] when the library has templates, is already bound, or the repository
/// holds no team library; [`Error::Remote`] when it cannot be reached.
pub fn join(library: &Library, secrets: &dyn Secrets, remote: &str) -> Result<SyncReport> {
    let remote = repo::normalize_remote(remote)?;
    if let Some(b) = binding(library)? {
        return Err(Error::Invalid(format!(
            "this library is already bound to the team repository {}",
            b.remote
        )));
    }
    let count = library.store().templates()?.len();
    if count > 0 && !only_untouched_starter(library)? {
        return Err(Error::Invalid(format!(
            "this library has {count} template(s): only an empty library can join a team \
             (or one that still holds just the starter replies, unchanged; share this one as a \
             new team library instead, or join with a new library file)"
        )));
    }
    let dir = fresh_clone_dir(library)?;
    let auth = Auth {
        secrets,
        remote: &remote,
    };
    let result = (|| {
        let repo = Repo::clone(auth, &dir)?;
        let Some(head) = repo.remote_head()? else {
            return Err(Error::Invalid(format!(
                "{remote} holds no team library yet: share a library there first"
            )));
        };
        repo.move_main(head, "joined")?;
        let theirs = repo.tree_at(head)?;
        let author = repo.author_of(head);
        Ok((theirs, author, head))
    })();
    let (theirs, author, joined) = match result {
        Ok(found) => found,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&dir);
            return Err(e);
        }
    };
    let changed = apply(
        library,
        &library_tree(library)?,
        &theirs,
        &[],
        author.as_deref(),
        Some(joined),
        Some(&remote),
    )?;
    Ok(SyncReport {
        changed_here: changed,
        ..SyncReport::default()
    })
}

/// A library that holds the starter replies exactly as the app's first start put them there
/// is as good as empty: joining replaces them with the team's, and nobody's work is lost.
fn only_untouched_starter(library: &Library) -> Result<bool> {
    let bodies = |t: &Tree| -> BTreeMap<(String, String), String> {
        t.entries
            .iter()
            .map(|(k, e)| (k.clone(), e.body.clone()))
            .collect()
    };
    Ok(bodies(&library_tree(library)?) == bodies(&Tree::from_pack(&Pack::starter())?))
}

/// Pull, merge per message and language, push. The library keeps working while it runs (the
/// shared connection is locked only to write the pull). With the repository unreachable or
/// refusing, local changes stay committed in the clone and go out with the next sync.
///
/// # Errors
/// [`Error::NotBound`]; [`Error::Remote`] when the repository cannot be reached or refuses
/// the push (recorded as the last error); a damaged clone.
pub fn sync(library: &Library, secrets: &dyn Secrets) -> Result<SyncReport> {
    let b = bound(library)?;
    let result = sync_bound(library, secrets, &b);
    if let Err(e) = &result {
        record_error(library, e);
    }
    result
}

fn sync_bound(library: &Library, secrets: &dyn Secrets, b: &Binding) -> Result<SyncReport> {
    let auth = Auth {
        secrets,
        remote: &b.remote,
    };
    let repo = Repo::open_for_sync(&b.dir)?;
    let name = staff_name();
    let mut report = SyncReport::default();

    // 0. Start from the commit the library holds (see LIBRARY_COMMIT).
    let recorded = library
        .store()
        .setting(LIBRARY_COMMIT)?
        .and_then(|id| git2::Oid::from_str(&id).ok())
        .filter(|id| repo.has_commit(*id));
    if let Some(id) = recorded
        && repo.head()? != Some(id)
    {
        repo.move_main(id, "back to the commit the library holds")?;
    }

    // 1. Commit what changed here since the last commit.
    let mut here = library_tree(library)?;
    let mut local = repo.head()?;
    let head_tree = match local {
        Some(id) => repo.tree_at(id)?,
        None => Tree::default(),
    };
    here.team.clone_from(&head_tree.team);
    if here != head_tree {
        let n = here.changed_entries(&head_tree).len();
        let parents: Vec<_> = local.into_iter().collect();
        local = Some(repo.commit(
            &here,
            &parents,
            &name,
            &format!("{n} text(s) changed by {name}"),
        )?);
    }

    // 2. Pull and merge, without moving `main` yet.
    repo.fetch(auth)?;
    let remote = repo.remote_head()?;
    let mut target = None;
    let mut merged = here.clone();
    let mut conflicts: Vec<Conflict> = Vec::new();
    let mut other_author = None;
    if let (Some(remote), Some(head)) = (remote, local) {
        let base = repo.merge_base(head, remote)?;
        if base == Some(head) {
            target = Some(remote);
            merged = repo.tree_at(remote)?;
            other_author = repo.author_of(remote);
        } else if base != Some(remote) {
            let base_tree = match base {
                Some(id) => repo.tree_at(id)?,
                None => Tree::default(),
            };
            let theirs = repo.tree_at(remote)?;
            other_author = repo.author_of(remote);
            let m = merge::merge(&base_tree, &here, &theirs);
            target = Some(repo.commit_detached(
                &m.tree,
                &[head, remote],
                &name,
                &format!("Merged by {name} ({} conflict(s))", m.conflicts.len()),
            )?);
            merged = m.tree;
            conflicts = m.conflicts;
            report.notices = m.notices;
        }
    } else if let (Some(remote), None) = (remote, local) {
        target = Some(remote);
        merged = repo.tree_at(remote)?;
    }

    // 3. Write the pull into the library, in one transaction that also records the commit it
    //    now holds; only then does `main` move there.
    report.changed_here = apply(
        library,
        &here,
        &merged,
        &conflicts,
        other_author.as_deref(),
        target.or(local),
        None,
    )?;
    if let Some(id) = target {
        repo.move_main(id, "pulled")?;
    }
    report.conflicts = conflicts
        .iter()
        .map(|c| shown(c, other_author.as_deref()))
        .collect();

    // 4. Push what the repository does not have.
    let head = repo.head()?;
    if head.is_some() && head != remote {
        let before = match remote {
            Some(id) => repo.tree_at(id)?,
            None => Tree::default(),
        };
        report.sent = merged.changed_entries(&before).len() as u64;
        repo.push(auth)?;
    }
    let mut store = library.store();
    store.set_setting(LAST_SYNC, &now())?;
    store.delete_setting(LAST_ERROR)?;
    Ok(report)
}

fn shown(c: &Conflict, other_author: Option<&str>) -> TeamConflict {
    TeamConflict {
        key: c.key.clone(),
        locale: c.locale.clone(),
        kind: c.kind,
        kept: c.kept.clone(),
        other: c.other.clone(),
        other_author: other_author.map(str::to_string),
    }
}

/// Writes into the library what differs between `here` (the library as it was read) and
/// `merged`, the conflicts and the other texts of conflicts (into the history), in one
/// transaction; with `bind`, also the binding. Only the entries the merge changed are
/// written, so an edit made here while the sync ran is not overwritten. Returns how many
/// `(message, language)` texts changed.
fn apply(
    library: &Library,
    here: &Tree,
    merged: &Tree,
    conflicts: &[Conflict],
    author: Option<&str>,
    commit: Option<git2::Oid>,
    bind: Option<&str>,
) -> Result<u64> {
    let changed: BTreeSet<(String, String)> = here
        .changed_entries(merged)
        .into_iter()
        .map(|(k, l)| (k.to_string(), l.to_string()))
        .collect();
    let gone: BTreeSet<&str> = here.keys().difference(&merged.keys()).copied().collect();
    let mut incoming = Tree {
        source: merged.source.clone(),
        team: merged.team.clone(),
        ..Tree::default()
    };
    for (k, entry) in &merged.entries {
        if changed.contains(k) {
            let mut entry = entry.clone();
            // An entry without a record is approved; say so, so a verdict here is replaced.
            entry.review.get_or_insert_with(|| Review {
                status: Status::Approved,
                by: None,
                at: None,
                hash: source_hash(&entry.body),
                source: None,
            });
            incoming.entries.insert(k.clone(), entry);
        }
    }
    for (k, term) in &merged.terms {
        if here.terms.get(k) != Some(term) {
            incoming.terms.insert(k.clone(), term.clone());
        }
    }
    let mut pack = incoming.to_pack();
    if !pack.files.iter().any(|f| f.locale == merged.source) {
        pack.files.push(pack::PackFile {
            locale: merged.source.clone(),
            name: format!("{}.ftl", merged.source),
            text: String::new(),
        });
    }
    let roles = merged
        .team
        .as_ref()
        .map(|t| serde_json::to_string(t).unwrap_or_default());

    let mut store = library.store();
    let tx = crate::store::library::begin(&mut store)?;
    let before = library_write::last_history_id(&tx)?;
    for key in &gone {
        library_write::delete_template(&tx, key)?;
    }
    for (key, locale) in &changed {
        if !merged.entries.contains_key(&(key.clone(), locale.clone()))
            && !gone.contains(key.as_str())
            && let Some(id) = template_write::template_id(&tx, key)?
        {
            library_write::delete_variant(&tx, id, locale)?;
        }
    }
    pack::import_in(&tx, &pack, &ImportOptions::default())?;
    let keys: BTreeSet<&str> = changed.iter().map(|(k, _)| k.as_str()).collect();
    for key in keys {
        library_write::sign_history(&tx, key, before, author)?;
    }
    for c in conflicts {
        if c.kind == ConflictKind::BothEdited {
            tx.execute(
                "INSERT INTO history (template_key, locale, body, status, author)
                 VALUES (?1, ?2, ?3, 'needs_review', ?4)",
                params![c.key, c.locale, c.other, author],
            )?;
        }
        tx.execute(
            "INSERT OR REPLACE INTO team_conflicts (template_key, locale, kind, kept, other, other_author)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![c.key, c.locale, c.kind.as_str(), c.kept, c.other, author],
        )?;
    }
    match roles {
        Some(roles) => set(&tx, ROLES, &roles)?,
        None => {
            tx.execute("DELETE FROM settings WHERE name = ?1", [ROLES])?;
        }
    }
    if let Some(commit) = commit {
        set(&tx, LIBRARY_COMMIT, &commit.to_string())?;
    }
    if let Some(remote) = bind {
        set(&tx, REMOTE, remote)?;
        set(&tx, LAST_SYNC, &now())?;
        tx.execute("DELETE FROM settings WHERE name = ?1", [LAST_ERROR])?;
    }
    tx.commit()?;
    drop(store);
    if !changed.is_empty() {
        library.changed();
    }
    Ok(changed.len() as u64)
}

fn set(tx: &rusqlite::Transaction<'_>, name: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO settings (name, value) VALUES (?1, ?2)
         ON CONFLICT (name) DO UPDATE SET value = ?2",
        params![name, value],
    )?;
    Ok(())
}

/// The binding, what is pending, the conflicts and the role of the person at this desktop.
/// It reads the whole library and the clone's last known remote state (no network): call it
/// after a sync or an edit, not on every frame.
///
/// # Errors
/// Database failure; a damaged clone.
pub fn status(library: &Library) -> Result<TeamStatus> {
    let (last_sync, last_error, minutes, conflicts) = {
        let store = library.store();
        (
            store.setting(LAST_SYNC)?,
            store.setting(LAST_ERROR)?,
            store.setting(SYNC_MINUTES)?,
            conflicts_in(&store)?,
        )
    };
    let sync_minutes = minutes
        .and_then(|m| m.parse().ok())
        .unwrap_or(DEFAULT_SYNC_MINUTES);
    let role = role_of(library, &staff_name())?;
    let Some(b) = binding(library)? else {
        return Ok(TeamStatus {
            bound: false,
            remote: None,
            last_sync: None,
            last_error: None,
            pending: 0,
            unpushed: false,
            conflicts,
            role,
            sync_minutes,
        });
    };
    let repo = Repo::open(&b.dir)?;
    let remote_tree = match repo.remote_head()? {
        Some(id) => repo.tree_at(id)?,
        None => Tree::default(),
    };
    let mut here = library_tree(library)?;
    here.team.clone_from(&remote_tree.team);
    let mut pending = here.changed_entries(&remote_tree).len() as u64;
    pending += here
        .terms
        .iter()
        .filter(|(k, v)| remote_tree.terms.get(*k) != Some(v))
        .count() as u64;
    let unpushed = repo.head()? != repo.remote_head()?;
    if unpushed && pending == 0 {
        // Commits made here (a merge) that only differ in what a pull already brought.
        pending = 1;
    }
    Ok(TeamStatus {
        bound: true,
        remote: Some(b.remote),
        last_sync,
        last_error,
        pending,
        unpushed,
        conflicts,
        role,
        sync_minutes,
    })
}

fn conflicts_in(store: &Store) -> Result<Vec<TeamConflict>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT template_key, locale, kind, kept, other, other_author FROM team_conflicts
         ORDER BY template_key, locale",
    )?;
    let rows = stmt.query_map([], |r| {
        let kind: String = r.get(2)?;
        Ok(TeamConflict {
            key: r.get(0)?,
            locale: r.get(1)?,
            kind: if kind == "deleted_edited" {
                ConflictKind::DeletedEdited
            } else {
                ConflictKind::BothEdited
            },
            kept: r.get(3)?,
            other: r.get(4)?,
            other_author: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Stores the https token (or the ssh key's passphrase) for the bound repository's host in
/// the OS keyring, under `git:<host>`. It is never written to the library, the repository
/// or a log.
///
/// # Errors
/// [`Error::NotBound`]; [`Error::EmptyKey`]; [`Error::Invalid`] for a repository on a local
/// path (no credentials); [`Error::Keyring`].
pub fn set_credentials(library: &Library, secrets: &dyn Secrets, token: &str) -> Result<()> {
    let b = bound(library)?;
    let token = token.trim();
    if token.is_empty() {
        return Err(Error::EmptyKey);
    }
    let Some(name) = repo::secret_name(&b.remote) else {
        return Err(Error::Invalid(format!(
            "the team repository {} is a local path: it needs no credentials",
            b.remote
        )));
    };
    secrets.set(&name, token)
}

/// The role of `name` in the team (`[team]` of the repository's `pack.toml`, as of the last
/// sync): an owner, a reviewer, other staff, or solo when there is no `[team]` section.
///
/// # Errors
/// Database failure.
pub fn role_of(library: &Library, name: &str) -> Result<TeamRole> {
    let roles: Option<TeamRoles> = library
        .store()
        .setting(ROLES)?
        .and_then(|json| serde_json::from_str(&json).ok());
    Ok(match roles {
        None => TeamRole::Solo,
        Some(r) if r.owners.iter().any(|o| o == name) => TeamRole::Owner,
        Some(r) if r.reviewers.iter().any(|o| o == name) => TeamRole::Reviewer,
        Some(_) => TeamRole::Staff,
    })
}

/// Sets the minutes between automatic syncs in the app (1–1440).
///
/// # Errors
/// [`Error::Invalid`] outside that range; database failure.
pub fn set_sync_minutes(library: &Library, minutes: u32) -> Result<()> {
    if !(1..=1440).contains(&minutes) {
        return Err(Error::Invalid(format!(
            "sync every {minutes} minutes: choose 1 to 1440"
        )));
    }
    library
        .store()
        .set_setting(SYNC_MINUTES, &minutes.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn roles_from_the_team_pack_decide_who_edits_and_who_approves() {
        let library = super::super::test_library(&[("en", "hi = Hi\n")]);
        assert_eq!(role_of(&library, "anyone").unwrap(), TeamRole::Solo);
        library
            .store()
            .set_setting(ROLES, r#"{"owners":["alice"],"reviewers":["rita"]}"#)
            .unwrap();
        let may = |name: &str| {
            let role = role_of(&library, name).unwrap();
            (role, role.may_edit(), role.may_approve())
        };
        assert_eq!(may("alice"), (TeamRole::Owner, true, true));
        assert_eq!(may("rita"), (TeamRole::Reviewer, false, true));
        assert_eq!(may("bob"), (TeamRole::Staff, false, false));
        assert!(TeamRole::Solo.may_edit() && TeamRole::Solo.may_approve());
    }
}
