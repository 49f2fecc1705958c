//! Owning the CLIPBOARD with a snapshot (a saved clipboard put back, or the reply): a thread with its own X connection and hidden
//! window answers every SelectionRequest with exactly the saved bytes and type, until another
//! client takes the selection (SelectionClear) and the transfers it had started are done.
//!
//! Its own connection and thread, so that the app reading the clipboard while we own it is an
//! ordinary request to another client (never a deadlock), and so that serving never waits for
//! the paste pipeline's lock.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use x11rb::connection::{Connection, RequestConnection};
use x11rb::errors::ConnectionError;
use x11rb::protocol::Event;
use x11rb::protocol::xproto::{
    Atom, AtomEnum, ChangeWindowAttributesAux, ConnectionExt, EventMask, PropMode, Property,
    PropertyNotifyEvent, SELECTION_NOTIFY_EVENT, SelectionNotifyEvent, SelectionRequestEvent,
    Timestamp, Window,
};
use x11rb::rust_connection::RustConnection;
use x11rb::wrapper::ConnectionExt as _;

use super::snapshot::{Atoms, Snapshot, XError, hidden_window, size, wait_for};

/// Data above this goes out in INCR pieces of this size (ICCCM: data larger than the
/// server's maximum request must; smaller pieces also keep one slow requestor from holding
/// megabytes in the server). A multiple of 4, so 16- and 32-bit data splits on item bounds.
const INCR_CHUNK: usize = 256 * 1024;
/// A requestor that has not taken the next INCR piece for this long is gone.
const TRANSFER_TIMEOUT: Duration = Duration::from_secs(10);
/// How long taking the selection may take (getting a server timestamp).
const SETUP_TIMEOUT: Duration = Duration::from_secs(2);

/// The live owner of a snapshot (a restored clipboard, or the reply). Dropping this handle does
/// not stop the thread: the selection keeps being served until another client takes it.
pub(crate) struct Owner {
    window: Window,
    serving: Arc<AtomicBool>,
    status: Arc<Status>,
}

/// What the owner thread tells the paste pipeline: whether the target has fetched the data yet,
/// and whether it still owns the selection.
#[derive(Debug)]
struct Status {
    /// Requests for data (any target but TARGETS and TIMESTAMP, which only ask what we have).
    data_requests: AtomicUsize,
    /// False once another client took the selection (SelectionClear).
    owning: AtomicBool,
}

impl Owner {
    /// Takes the CLIPBOARD and serves `snapshot` from a new thread. Returns once we own it.
    pub(crate) fn start(snapshot: Arc<Snapshot>) -> Result<Self, XError> {
        let (conn, screen) = x11rb::connect(None)?;
        let atoms = Atoms::intern(&conn)?;
        let window = hidden_window(&conn, screen)?;
        let time = server_time(&conn, window, atoms.QUICKREPLY_TIMESTAMP)?;
        conn.set_selection_owner(window, atoms.CLIPBOARD, time)?
            .check()?;
        let owner = conn.get_selection_owner(atoms.CLIPBOARD)?.reply()?.owner;
        if owner != window {
            return Err(XError(format!(
                "another client ({owner:#x}) holds the clipboard after we took it"
            )));
        }
        let chunk = INCR_CHUNK.min(conn.maximum_request_bytes().saturating_sub(1024) & !3);
        let serving = Arc::new(AtomicBool::new(true));
        let status = Arc::new(Status {
            data_requests: AtomicUsize::new(0),
            owning: AtomicBool::new(true),
        });
        let mut server = Server {
            conn,
            window,
            atoms,
            time,
            snapshot,
            chunk,
            transfers: Vec::new(),
            owning: true,
            served: 0,
            status: Arc::clone(&status),
        };
        let flag = Arc::clone(&serving);
        // If the thread cannot start, `server` is dropped with the closure: its connection
        // closes, the window goes, the selection falls back to no owner, and the caller
        // restores through arboard.
        std::thread::Builder::new()
            .name("clipboard-owner".into())
            .spawn(move || {
                match server.run() {
                    Ok(()) => log::debug!(
                        "clipboard owner {:#x} done: another client took the clipboard after \
                         {} requests",
                        server.window,
                        server.served
                    ),
                    Err(e) => log::warn!(
                        "clipboard owner {:#x} stopped: {e}; what it served is no longer on the \
                         clipboard",
                        server.window
                    ),
                }
                flag.store(false, Ordering::Release);
            })
            .map_err(|e| XError(format!("cannot start the clipboard owner thread: {e}")))?;
        Ok(Self {
            window,
            serving,
            status,
        })
    }

    /// How many times a client has asked for the data (not merely which targets we have).
    pub(crate) fn data_requests(&self) -> usize {
        self.status.data_requests.load(Ordering::Acquire)
    }

    /// False once another client has taken the clipboard from us.
    pub(crate) fn owning(&self) -> bool {
        self.status.owning.load(Ordering::Acquire)
    }

    pub(crate) fn window(&self) -> Window {
        self.window
    }

    /// Whether the thread still runs. It may have lost the selection already; ask the server
    /// (GetSelectionOwner) to know whether it still owns it.
    pub(crate) fn serving(&self) -> bool {
        self.serving.load(Ordering::Acquire)
    }
}

impl std::fmt::Debug for Owner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Owner")
            .field("window", &self.window)
            .field("serving", &self.serving())
            .finish()
    }
}

/// A server timestamp: the time of the PropertyNotify of a zero-length append to a property of
/// our window (ICCCM §2.1: never take a selection with CurrentTime).
fn server_time(conn: &RustConnection, window: Window, property: Atom) -> Result<Timestamp, XError> {
    conn.change_property8(PropMode::APPEND, window, property, AtomEnum::STRING, &[])?;
    let until = Instant::now() + SETUP_TIMEOUT;
    wait_for(conn, until, |event| match event {
        Event::PropertyNotify(p) if p.window == window && p.atom == property => Some(p.time),
        _ => None,
    })?
    .ok_or_else(|| XError("the X server sent no timestamp".into()))
}

/// An INCR transfer under way: the requestor takes a piece by deleting its property.
struct Transfer {
    requestor: Window,
    property: Atom,
    target: Atom,
    /// Bytes sent so far.
    sent: usize,
    last_activity: Instant,
}

struct Server {
    conn: RustConnection,
    window: Window,
    atoms: Atoms,
    time: Timestamp,
    snapshot: Arc<Snapshot>,
    chunk: usize,
    transfers: Vec<Transfer>,
    /// False after SelectionClear: new requests are refused, started transfers finish.
    owning: bool,
    served: usize,
    status: Arc<Status>,
}

impl Server {
    fn run(&mut self) -> Result<(), ConnectionError> {
        loop {
            let event = if self.transfers.is_empty() {
                if !self.owning {
                    // A round trip before the connection closes, so the server has processed
                    // every answer we sent. Closing right after the flush lost, now and then,
                    // the answer to a request that came just before the SelectionClear (the
                    // server apparently saw the hang-up before it read them): the requestor
                    // then waited forever. Measured under Xvfb: ~1 request in 130 during rapid
                    // hand-overs, xclip hanging in the end-to-end run; none with this.
                    let _ = self.conn.get_input_focus()?.reply();
                    return Ok(());
                }
                // Idle owner: block, costing nothing, however long the user keeps this
                // clipboard.
                Some(self.conn.wait_for_event()?)
            } else {
                // Transfers under way: poll, to notice a requestor that went away.
                self.drop_stale_transfers()?;
                let event = self.conn.poll_for_event()?;
                if event.is_none() {
                    std::thread::sleep(Duration::from_millis(1));
                }
                event
            };
            if let Some(event) = event {
                self.handle(event)?;
            }
            self.conn.flush()?;
        }
    }

    fn handle(&mut self, event: Event) -> Result<(), ConnectionError> {
        match event {
            Event::SelectionRequest(request) => self.answer(&request),
            Event::SelectionClear(clear)
                if clear.owner == self.window && clear.selection == self.atoms.CLIPBOARD =>
            {
                self.owning = false;
                self.status.owning.store(false, Ordering::Release);
                Ok(())
            }
            Event::PropertyNotify(p) if p.state == Property::DELETE => self.next_piece(&p),
            // Typically BadWindow: a requestor closed its window mid-transfer. Its transfer
            // times out; nothing else to do.
            Event::Error(e) => {
                log::debug!("clipboard owner: X error {:?}", e.error_kind);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn answer(&mut self, request: &SelectionRequestEvent) -> Result<(), ConnectionError> {
        self.served += 1;
        if self.owning
            && request.target != self.atoms.TARGETS
            && request.target != self.atoms.TIMESTAMP
        {
            self.status.data_requests.fetch_add(1, Ordering::AcqRel);
        }
        // ICCCM §2.2: an obsolete requestor may name no property; use the target's name.
        let property = if request.property == x11rb::NONE {
            request.target
        } else {
            request.property
        };
        // The request's time is not compared with when we took the selection (ICCCM allows
        // refusing older ones): requestors send CurrentTime, and a late request for what we
        // hold is harmless to answer.
        let ok = if !self.owning || request.selection != self.atoms.CLIPBOARD {
            false
        } else if request.target == self.atoms.MULTIPLE {
            request.property != x11rb::NONE && self.multiple(request.requestor, property)?
        } else {
            self.convert(request.requestor, request.target, property)?
        };
        let notify = SelectionNotifyEvent {
            response_type: SELECTION_NOTIFY_EVENT,
            sequence: 0,
            time: request.time,
            requestor: request.requestor,
            selection: request.selection,
            target: request.target,
            property: if ok { property } else { x11rb::NONE },
        };
        self.conn
            .send_event(false, request.requestor, EventMask::NO_EVENT, notify)?;
        Ok(())
    }

    /// Writes `target` into `property` of `requestor`; false if we do not have it.
    fn convert(
        &mut self,
        requestor: Window,
        target: Atom,
        property: Atom,
    ) -> Result<bool, ConnectionError> {
        let atoms = &self.atoms;
        if target == atoms.TARGETS {
            let mut targets = vec![atoms.TARGETS, atoms.MULTIPLE, atoms.TIMESTAMP];
            targets.extend(self.snapshot.targets.iter().map(|t| t.target));
            self.conn.change_property32(
                PropMode::REPLACE,
                requestor,
                property,
                AtomEnum::ATOM,
                &targets,
            )?;
            return Ok(true);
        }
        if target == atoms.TIMESTAMP {
            self.conn.change_property32(
                PropMode::REPLACE,
                requestor,
                property,
                AtomEnum::INTEGER,
                &[self.time],
            )?;
            return Ok(true);
        }
        let Some(data) = self.snapshot.get(target) else {
            return Ok(false);
        };
        if data.bytes.len() <= self.chunk {
            self.write(requestor, property, target, 0..data.bytes.len())?;
            return Ok(true);
        }
        // INCR: announce the size (a lower bound, ICCCM), then send a piece each time the
        // requestor deletes the property. Property changes of its window must reach us first.
        self.conn.change_window_attributes(
            requestor,
            &ChangeWindowAttributesAux::new().event_mask(EventMask::PROPERTY_CHANGE),
        )?;
        let announced = u32::try_from(data.bytes.len()).unwrap_or(u32::MAX);
        self.conn.change_property32(
            PropMode::REPLACE,
            requestor,
            property,
            self.atoms.INCR,
            &[announced],
        )?;
        log::debug!(
            "clipboard owner: sending {} ({}) to {requestor:#x} in pieces",
            data.name,
            size(data.bytes.len())
        );
        // A new request on the same property replaces an abandoned one.
        self.transfers
            .retain(|t| !(t.requestor == requestor && t.property == property));
        self.transfers.push(Transfer {
            requestor,
            property,
            target,
            sent: 0,
            last_activity: Instant::now(),
        });
        Ok(true)
    }

    /// Bytes `range` of `target` as the value of `property`, with the saved type and format.
    fn write(
        &self,
        requestor: Window,
        property: Atom,
        target: Atom,
        range: std::ops::Range<usize>,
    ) -> Result<(), ConnectionError> {
        let Some(data) = self.snapshot.get(target) else {
            return Ok(());
        };
        let bytes = &data.bytes[range];
        let unit = usize::from(data.format / 8).max(1);
        let items = u32::try_from(bytes.len() / unit).unwrap_or(u32::MAX);
        self.conn.change_property(
            PropMode::REPLACE,
            requestor,
            property,
            data.type_,
            data.format,
            items,
            bytes,
        )?;
        Ok(())
    }

    /// MULTIPLE (ICCCM §2.6.2): `property` holds (target, property) pairs; convert each, and
    /// write the list back with the property of every failed pair set to None.
    fn multiple(&mut self, requestor: Window, property: Atom) -> Result<bool, ConnectionError> {
        let Ok(reply) = self
            .conn
            .get_property(false, requestor, property, AtomEnum::ANY, 0, 4096)?
            .reply()
        else {
            return Ok(false);
        };
        let Some(values) = reply.value32() else {
            return Ok(false);
        };
        let mut pairs: Vec<u32> = values.collect();
        for pair in pairs.chunks_exact_mut(2) {
            let (target, into) = (pair[0], pair[1]);
            let nested = target == self.atoms.MULTIPLE || into == x11rb::NONE;
            if nested || !self.convert(requestor, target, into)? {
                pair[1] = x11rb::NONE;
            }
        }
        self.conn
            .change_property32(PropMode::REPLACE, requestor, property, reply.type_, &pairs)?;
        Ok(true)
    }

    /// The requestor deleted a property: if it is one of our INCR transfers, the next piece,
    /// or the empty piece that ends it.
    fn next_piece(&mut self, deleted: &PropertyNotifyEvent) -> Result<(), ConnectionError> {
        let Some(index) = self
            .transfers
            .iter()
            .position(|t| t.requestor == deleted.window && t.property == deleted.atom)
        else {
            return Ok(());
        };
        let (requestor, property, target, sent) = {
            let t = &self.transfers[index];
            (t.requestor, t.property, t.target, t.sent)
        };
        let total = self.snapshot.get(target).map_or(0, |d| d.bytes.len());
        let end = total.min(sent + self.chunk);
        self.write(requestor, property, target, sent..end)?;
        if end == sent {
            // The empty piece went out: done.
            self.transfers.remove(index);
            self.unwatch(requestor)?;
        } else {
            let t = &mut self.transfers[index];
            t.sent = end;
            t.last_activity = Instant::now();
        }
        Ok(())
    }

    fn drop_stale_transfers(&mut self) -> Result<(), ConnectionError> {
        let stale: Vec<Window> = self
            .transfers
            .iter()
            .filter(|t| t.last_activity.elapsed() > TRANSFER_TIMEOUT)
            .map(|t| t.requestor)
            .collect();
        for requestor in stale {
            log::debug!("clipboard owner: {requestor:#x} stopped taking pieces; dropped");
            self.transfers.retain(|t| t.requestor != requestor);
            self.unwatch(requestor)?;
        }
        Ok(())
    }

    /// Stops listening to a requestor's property changes once no transfer needs them.
    fn unwatch(&self, requestor: Window) -> Result<(), ConnectionError> {
        if self.transfers.iter().all(|t| t.requestor != requestor) {
            self.conn.change_window_attributes(
                requestor,
                &ChangeWindowAttributesAux::new().event_mask(EventMask::NO_EVENT),
            )?;
        }
        Ok(())
    }
}
