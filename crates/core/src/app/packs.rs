//! Template packs: importing a folder of `LOCALE.ftl` files (or the starter library) and
//! exporting the library as one.

use std::path::Path;

use super::Library;
use crate::pack::{self, ExportReport, ImportOptions, ImportReport, Pack};
use crate::store::Status;
use crate::{Error, Result};

/// Where a pack comes from.
#[derive(Debug, Clone, Copy)]
pub enum PackSource<'a> {
    /// A folder of `LOCALE.ftl` files (and `pack.toml`).
    Dir(&'a Path),
    /// The starter library built into the app.
    Starter,
}

/// Imports a pack, all or nothing: with any syntax error nothing is imported and every error
/// is listed with file, line and column.
///
/// # Errors
/// [`Error::Ftl`] listing every error; an unreadable folder; a status other than approved or
/// needs-review for unlisted translations.
pub fn import(
    library: &Library,
    source: PackSource<'_>,
    source_locale: Option<String>,
    status: Option<Status>,
) -> Result<ImportReport> {
    if let Some(status) = status
        && !matches!(status, Status::Approved | Status::NeedsReview)
    {
        return Err(Error::Invalid(format!(
            "imported translations can be approved or needs-review, not {status}"
        )));
    }
    let pack = match source {
        PackSource::Dir(dir) => Pack::read_dir(dir)?,
        PackSource::Starter => Pack::starter(),
    };
    super::backups::before_replacing(
        library,
        replaced_by(library, &pack, source_locale.as_deref())?,
    )?;
    let report = pack::import(
        &mut library.store(),
        &pack,
        &ImportOptions {
            source: source_locale,
            status,
        },
    )?;
    library.changed();
    Ok(report)
}

/// How many of the library's templates the pack's source file would overwrite (0 when it
/// does not parse: the import refuses it then).
fn replaced_by(library: &Library, pack: &Pack, source: Option<&str>) -> Result<usize> {
    let Ok(locale) = pack.source_locale(source) else {
        return Ok(0);
    };
    let Some(Ok(parsed)) = pack
        .files
        .iter()
        .find(|f| f.locale == locale)
        .map(|f| crate::template::parse_file(&f.name, &f.text))
    else {
        return Ok(0);
    };
    let store = library.store();
    let mut n = 0;
    for m in &parsed.messages {
        if store.template(&m.key).is_ok() {
            n += 1;
        }
    }
    Ok(n)
}

/// Writes the library as a pack that imports back to the same library.
///
/// # Errors
/// The folder or a file cannot be written; database failure.
pub fn export(library: &Library, dir: &Path) -> Result<ExportReport> {
    pack::export(&library.store(), dir)
}
