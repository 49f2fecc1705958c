//! Reading every target of the CLIPBOARD as raw bytes: TARGETS first, then one
//! ConvertSelection per data target into a property of our own hidden window, with INCR for
//! owners that send large data in pieces (ICCCM §2.7.2).

use std::time::{Duration, Instant};

use x11rb::protocol::Event;
use x11rb::protocol::xproto::{Atom, AtomEnum, ConnectionExt, GetPropertyReply, Property, Window};
use x11rb::rust_connection::RustConnection;

use super::snapshot::{Atoms, Snapshot, TargetData, XError, hidden_window, size, wait_for};

/// How long one owner gets to answer one request (or to send the next INCR piece). An image
/// being rendered can take a moment; a hung owner must not hang the paste for long.
const ANSWER_TIMEOUT: Duration = Duration::from_secs(2);
/// The whole snapshot, however many targets.
const SNAPSHOT_TIMEOUT: Duration = Duration::from_secs(10);

/// Why a byte-exact snapshot was not taken; the caller falls back to arboard.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// Beyond the size bound: `(at least this many bytes, the bound)`.
    TooLarge(usize, usize),
    /// The owner did not answer, changed while being read, or the X server failed.
    Failed(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::TooLarge(at_least, limit) => write!(
                f,
                "the clipboard holds more than {} (at least {})",
                size(*limit),
                size(*at_least)
            ),
            Self::Failed(why) => f.write_str(why),
        }
    }
}

impl From<XError> for ReadError {
    fn from(e: XError) -> Self {
        Self::Failed(e.0)
    }
}

impl From<x11rb::errors::ConnectionError> for ReadError {
    fn from(e: x11rb::errors::ConnectionError) -> Self {
        XError::from(e).into()
    }
}

impl From<x11rb::errors::ReplyError> for ReadError {
    fn from(e: x11rb::errors::ReplyError) -> Self {
        XError::from(e).into()
    }
}

fn failed(why: impl Into<String>) -> ReadError {
    ReadError::Failed(why.into())
}

/// A connection and hidden window to ask the CLIPBOARD owner for its data. Kept between
/// reads; after any failure the caller drops it, so that a late answer to an abandoned
/// request can never be taken for the answer to a new one.
pub(crate) struct Reader {
    conn: RustConnection,
    window: Window,
    pub(super) atoms: Atoms,
}

impl Reader {
    pub(crate) fn connect() -> Result<Self, XError> {
        let (conn, screen) = x11rb::connect(None)?;
        let atoms = Atoms::intern(&conn)?;
        let window = hidden_window(&conn, screen)?;
        Ok(Self {
            conn,
            window,
            atoms,
        })
    }

    pub(crate) fn selection_owner(&self) -> Result<Window, XError> {
        Ok(self
            .conn
            .get_selection_owner(self.atoms.CLIPBOARD)?
            .reply()?
            .owner)
    }

    /// Leaves the CLIPBOARD without an owner; the server has done it when this returns.
    pub(crate) fn clear(&self) -> Result<(), XError> {
        self.conn
            .set_selection_owner(x11rb::NONE, self.atoms.CLIPBOARD, x11rb::CURRENT_TIME)?
            .check()?;
        Ok(())
    }

    /// Every data target of the CLIPBOARD, at most `limit` bytes in all. An empty snapshot
    /// when nobody owns the clipboard.
    pub(crate) fn snapshot(&self, limit: usize) -> Result<Snapshot, ReadError> {
        let deadline = Instant::now() + SNAPSHOT_TIMEOUT;
        // A copy made while we read would mix two contents: read again, once.
        for _ in 0..2 {
            let owner = self.selection_owner()?;
            if owner == x11rb::NONE {
                return Ok(Snapshot::default());
            }
            let snapshot = self.read_all(limit, deadline)?;
            if self.selection_owner()? == owner {
                return Ok(snapshot);
            }
            log::debug!("the clipboard changed hands while it was being saved; reading it again");
        }
        Err(failed(
            "the clipboard kept changing while it was being saved",
        ))
    }

    /// The clipboard's text alone (UTF8_STRING, else Latin-1 STRING), at most `limit` bytes:
    /// one request where a snapshot makes one per target. `None` when there is no text.
    pub(crate) fn text(&self, limit: usize) -> Result<Option<String>, ReadError> {
        if self.selection_owner()? == x11rb::NONE {
            return Ok(None);
        }
        let deadline = Instant::now() + SNAPSHOT_TIMEOUT;
        if let Some(data) = self.fetch(self.atoms.UTF8_STRING, limit, deadline)? {
            return Ok(String::from_utf8(data.bytes).ok());
        }
        let string = u32::from(AtomEnum::STRING);
        Ok(self
            .fetch(string, limit, deadline)?
            .map(|data| data.bytes.iter().map(|&b| char::from(b)).collect()))
    }

    fn read_all(&self, limit: usize, deadline: Instant) -> Result<Snapshot, ReadError> {
        let targets = self
            .fetch(self.atoms.TARGETS, 64 * 1024, deadline)?
            .ok_or_else(|| failed("the clipboard owner does not list its targets (TARGETS)"))?;
        let mut atoms: Vec<Atom> = Vec::new();
        if targets.format == 32 {
            for chunk in targets.bytes.chunks_exact(4) {
                let atom = u32::from_ne_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]);
                if !self.atoms.is_meta(atom) && !atoms.contains(&atom) {
                    atoms.push(atom);
                }
            }
        }
        let names = self.atom_names(&atoms)?;

        let mut snapshot = Snapshot::default();
        let mut total = 0usize;
        for (target, name) in atoms.into_iter().zip(names) {
            // Each target gets what is left of the bound, so one huge target stops early.
            let budget = limit - total;
            match self.fetch(target, budget, deadline) {
                Ok(Some(mut data)) => {
                    total += data.bytes.len();
                    data.name = name;
                    snapshot.targets.push(data);
                }
                // Listed but refused: nothing a requestor could have had, nothing to restore.
                Ok(None) => log::debug!("clipboard target {name} is listed but not given"),
                Err(ReadError::TooLarge(at_least, _)) => {
                    return Err(ReadError::TooLarge(total + at_least, limit));
                }
                Err(e) => return Err(failed(format!("reading clipboard target {name}: {e}"))),
            }
        }
        Ok(snapshot)
    }

    fn atom_names(&self, atoms: &[Atom]) -> Result<Vec<String>, XError> {
        // All requests first, then the replies: one round trip, not one per target.
        let cookies = atoms
            .iter()
            .map(|&a| self.conn.get_atom_name(a))
            .collect::<Result<Vec<_>, _>>()?;
        cookies
            .into_iter()
            .map(|c| Ok(String::from_utf8_lossy(&c.reply()?.name).into_owned()))
            .collect()
    }

    /// One target's bytes, at most `budget` of them; `None` when the owner refuses it.
    fn fetch(
        &self,
        target: Atom,
        budget: usize,
        deadline: Instant,
    ) -> Result<Option<TargetData>, ReadError> {
        let property = self.atoms.QUICKREPLY_SELECTION;
        // A leftover from an earlier request must not be read as this answer.
        self.conn.delete_property(self.window, property)?;
        self.conn.convert_selection(
            self.window,
            self.atoms.CLIPBOARD,
            target,
            property,
            x11rb::CURRENT_TIME,
        )?;
        let until = deadline.min(Instant::now() + ANSWER_TIMEOUT);
        let answer = wait_for(&self.conn, until, |event| match event {
            Event::SelectionNotify(n)
                if n.requestor == self.window
                    && n.selection == self.atoms.CLIPBOARD
                    && n.target == target =>
            {
                Some(n.property)
            }
            _ => None,
        })?
        .ok_or_else(|| failed("the clipboard owner did not answer"))?;
        if answer == x11rb::NONE {
            return Ok(None);
        }

        let reply = self.take_property(budget)?;
        if reply.type_ == self.atoms.INCR {
            // Deleting the INCR property (done by the read above) tells the owner to start.
            let at_least = reply
                .value32()
                .and_then(|mut v| v.next())
                .map_or(0, |n| n as usize);
            if at_least > budget {
                return Err(ReadError::TooLarge(at_least, budget));
            }
            return self
                .incremental(target, at_least, budget, deadline)
                .map(Some);
        }
        if reply.type_ == x11rb::NONE {
            // Announced, but no property: as good as a refusal.
            return Ok(None);
        }
        if reply.bytes_after > 0 || reply.value.len() > budget {
            return Err(ReadError::TooLarge(
                reply.value.len() + reply.bytes_after as usize,
                budget,
            ));
        }
        Ok(Some(TargetData {
            target,
            name: String::new(),
            type_: reply.type_,
            format: reply.format,
            bytes: reply.value,
        }))
    }

    /// Reads our property, at most `max_bytes` of it, and deletes it: the owner's answer, or
    /// (INCR) the next piece of it, and the deletion asks for the one after.
    fn take_property(&self, max_bytes: usize) -> Result<GetPropertyReply, ReadError> {
        Ok(self
            .conn
            .get_property(
                true,
                self.window,
                self.atoms.QUICKREPLY_SELECTION,
                AtomEnum::ANY,
                0,
                length_in_words(max_bytes),
            )?
            .reply()?)
    }

    /// The pieces of an INCR transfer: each one is a new value of our property, which we read
    /// and delete; an empty piece ends it.
    fn incremental(
        &self,
        target: Atom,
        at_least: usize,
        budget: usize,
        deadline: Instant,
    ) -> Result<TargetData, ReadError> {
        let property = self.atoms.QUICKREPLY_SELECTION;
        let mut data = TargetData {
            target,
            name: String::new(),
            type_: x11rb::NONE,
            format: 8,
            bytes: Vec::with_capacity(at_least),
        };
        loop {
            let until = deadline.min(Instant::now() + ANSWER_TIMEOUT);
            let piece = wait_for(&self.conn, until, |event| match event {
                Event::PropertyNotify(p)
                    if p.window == self.window
                        && p.atom == property
                        && p.state == Property::NEW_VALUE =>
                {
                    Some(())
                }
                _ => None,
            })?;
            if piece.is_none() {
                return Err(failed("the clipboard owner stopped sending (INCR)"));
            }
            let left = budget - data.bytes.len();
            let reply = self.take_property(left)?;
            if reply.value.is_empty() {
                if data.type_ == x11rb::NONE {
                    // An empty transfer: the closing piece carries the type.
                    data.type_ = reply.type_;
                    data.format = reply.format;
                }
                return Ok(data);
            }
            if reply.bytes_after > 0 || reply.value.len() > left {
                let at_least = data.bytes.len() + reply.value.len() + reply.bytes_after as usize;
                return Err(ReadError::TooLarge(at_least, budget));
            }
            data.type_ = reply.type_;
            data.format = reply.format;
            data.bytes.extend_from_slice(&reply.value);
        }
    }
}

/// GetProperty counts in 32-bit words: enough words for `bytes`, plus one, so that a property
/// of exactly `bytes + 1` bytes shows as too large instead of being cut silently.
fn length_in_words(bytes: usize) -> u32 {
    u32::try_from(bytes / 4 + 1).unwrap_or(u32::MAX)
}
