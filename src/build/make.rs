//! Making one output file: a page rendered, a generated or embedded file, a kind's download, a
//! file of the coverage report, or a file on disk named for copying; and the coverage report
//! written beside the output.

use std::path::Path;

use crate::content::AssetId;
use crate::coverage::{Coverage, report};
use crate::diagnostics::Diagnostic;
use crate::outputs::Content;
use crate::site::Site;
use crate::theme::{FileContent, STYLESHEET};

use super::Loaded;

/// The bytes of the download of the asset `id`, made by its kind data.
fn download(site: &Site, id: &AssetId) -> Result<Vec<u8>, Diagnostic> {
    let asset = site
        .asset(id)
        .ok_or_else(|| Diagnostic::plain(format!("no asset `{id}`")))?;
    let error = match asset.data.download(&asset.asset.title.value) {
        Some(Ok(bytes)) => return Ok(bytes),
        Some(Err(error)) => error.to_string(),
        None => "this asset has no file to download".to_string(),
    };
    Err(Diagnostic::error(
        &asset.asset.source,
        0..3,
        format!("cannot make the download of this asset: {error}"),
    )
    .with_help("check the values of this asset's kind table"))
}

/// Makes one file of the coverage report into `out`.
pub(super) fn coverage_file(
    loaded: &Loaded,
    coverage: &Coverage,
    file: report::File,
    standalone: bool,
    out: &mut Vec<u8>,
) -> Result<(), Diagnostic> {
    let text = match file {
        report::File::Page => {
            let renderer = &loaded.renderer;
            return renderer.render_coverage(&loaded.site, coverage, standalone, out);
        }
        report::File::Json => report::json(coverage),
        report::File::Badge => report::badge::svg(coverage.percent),
    };
    out.clear();
    out.extend_from_slice(text.as_bytes());
    Ok(())
}

/// The coverage report as it is written into `folder` outside the output (beside it, or
/// wherever `stepwise coverage --format html` is told): each file's name and bytes, with the
/// stylesheet its page needs when opened from the disk.
pub(super) fn report_beside(
    loaded: &Loaded,
    coverage: &Coverage,
    folder: &Path,
) -> Result<Vec<(&'static str, Vec<u8>)>, Diagnostic> {
    let mut files = Vec::new();
    for file in report::File::ALL {
        let mut buffer = Vec::new();
        coverage_file(loaded, coverage, file, true, &mut buffer)?;
        files.push((file.name(), buffer));
    }
    if let Some(style) = loaded.renderer.stylesheet() {
        let bytes = style.content.bytes().map_err(|e| cannot_write(folder, e))?;
        files.push((STYLESHEET, bytes.into_owned()));
    }
    Ok(files)
}

/// Writes `files`, made by [`report_beside`], into `folder`.
pub(super) fn write_beside(files: &[(&str, Vec<u8>)], folder: &Path) -> Result<(), Diagnostic> {
    std::fs::create_dir_all(folder).map_err(|e| cannot_write(folder, e))?;
    for (name, bytes) in files {
        std::fs::write(folder.join(name), bytes).map_err(|e| cannot_write(folder, e))?;
    }
    Ok(())
}

fn cannot_write(folder: &Path, error: std::io::Error) -> Diagnostic {
    Diagnostic::plain(format!(
        "cannot write the coverage report into `{}`: {error}",
        folder.display()
    ))
    .with_help("check that you may write there, or publish the report with the site (`publish = true` under `[coverage]`)")
}

/// What [`make`] made of one output file.
#[derive(Debug)]
pub enum MadeOutput<'a> {
    /// The file's bytes are in the buffer.
    Bytes,
    /// The file is this file on disk, to copy as it is.
    Copy(&'a Path),
}

/// Makes the file of one output path, as `build` writes it and `serve` keeps it in memory: a
/// page is rendered and a generated or embedded file is put into `buffer` (cleared first), a
/// file on disk is named for copying.
pub fn make<'a>(
    loaded: &Loaded,
    coverage: &Coverage,
    content: &'a Content,
    buffer: &mut Vec<u8>,
) -> Result<MadeOutput<'a>, Diagnostic> {
    buffer.clear();
    match content {
        Content::Page(page) => {
            loaded.renderer.render(&loaded.site, page, buffer)?;
        }
        Content::Generated(file) => {
            let text = file.text(&loaded.site, &loaded.outputs);
            buffer.extend_from_slice(text.as_bytes());
        }
        Content::Download(id) => buffer.extend_from_slice(&download(&loaded.site, id)?),
        Content::Coverage(file) => {
            coverage_file(loaded, coverage, *file, false, buffer)?;
        }
        Content::SearchIndex(path) => {
            let bytes = loaded.search.get(path).ok_or_else(|| {
                Diagnostic::plain(format!("the resource finder's index has no `{path}`"))
            })?;
            buffer.extend_from_slice(bytes);
        }
        Content::File(file) => match &file.content {
            FileContent::Embedded(bytes) => buffer.extend_from_slice(bytes),
            FileContent::Made(bytes) => buffer.extend_from_slice(bytes),
            FileContent::Disk(from) => return Ok(MadeOutput::Copy(from)),
        },
    }
    Ok(MadeOutput::Bytes)
}
