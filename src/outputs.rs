//! The registry of output paths: every file a build writes — pages, the sitemap, the feed, `robots.txt`,
//! the files hosts read (`.nojekyll`, `CNAME`, `_headers`), static files, bundle attachments, the coverage report — claims its path here before anything
//! is written, and two claims on one path are an error that names both sources. (A site's `static/` file replacing
//! the theme's file of the same name is an override, settled when the theme is loaded.)

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::address;
use crate::content::{AssetId, CONTENT_DIR, display_path};
use crate::coverage;
use crate::diagnostics::{Diagnostic, Problems, Source};
use crate::finder::SearchIndex;
use crate::finish;
use crate::host;
use crate::routes::{self, Page};
use crate::site::Site;
use crate::theme::{FileContent, StaticFile, Theme};

/// What is written at an output path.
#[derive(Debug, Clone)]
pub enum Content {
    /// A page, rendered through its template.
    Page(Page),
    /// A text file stepwise makes, made when it is written.
    Generated(Generated),
    /// A file copied as it is: a static file or an attachment.
    File(StaticFile),
    /// The file an asset's kind data makes, such as a calculator's spreadsheet.
    Download(AssetId),
    /// A file of the coverage report, made from the report of the build.
    Coverage(coverage::report::File),
    /// A file of the resource finder's search index, by its output path.
    SearchIndex(String),
}

/// The text files stepwise makes besides pages.
#[derive(Debug, Clone, Copy)]
pub enum Generated {
    /// `sitemap.xml`.
    Sitemap,
    /// `feed.xml`, the Atom feed of the assets.
    Feed,
    /// `robots.txt`.
    Robots,
    /// `.nojekyll`, so that GitHub Pages publishes the output as it is.
    NoJekyll,
    /// `CNAME`, GitHub Pages' custom domain, when `cname` is configured.
    Cname,
    /// `_headers`, the cache rules of Netlify and Cloudflare Pages.
    Headers,
}

impl Generated {
    /// The file's text for `site`, whose files are `outputs`.
    pub fn text(self, site: &Site, outputs: &Outputs) -> String {
        match self {
            Generated::Sitemap => sitemap(site, &routes::pages(site)),
            Generated::Feed => crate::feed::atom(site),
            Generated::Robots => robots(site),
            Generated::NoJekyll => host::NOJEKYLL.to_string(),
            Generated::Cname => (site.config.cname.as_ref())
                .map_or_else(String::new, |name| host::cname(name.get_ref())),
            Generated::Headers => host::headers(
                &site.root,
                &site.config.analytics.origins(),
                outputs.paths().filter(|path| path.ends_with(".html")),
                outputs.immutable.iter().map(String::as_str),
            ),
        }
    }

    /// The file's name, for messages.
    fn name(self) -> &'static str {
        match self {
            Generated::Sitemap => "sitemap.xml",
            Generated::Feed => crate::feed::FEED,
            Generated::Robots => "robots.txt",
            Generated::NoJekyll => ".nojekyll",
            Generated::Cname => "CNAME",
            Generated::Headers => "_headers",
        }
    }
}

impl Content {
    /// Who claims the path, for messages.
    fn origin(&self, site: &Site) -> Origin {
        match self {
            Content::Page(page) => page_origin(site, page),
            Content::Generated(file) => Origin::Generated(format!("stepwise's `{}`", file.name())),
            Content::File(file) => Origin::File(file.name.clone()),
            Content::Download(id) => Origin::Generated(format!("the download of `{id}`")),
            Content::Coverage(file) => {
                Origin::Generated(format!("stepwise's coverage report `{}`", file.name()))
            }
            Content::SearchIndex(path) => {
                Origin::Generated(format!("the resource finder's index `{path}`"))
            }
        }
    }
}

/// Where a claim on an output path comes from, for messages.
#[derive(Debug, Clone)]
enum Origin {
    /// An asset's page, claimed by the asset's slug.
    Asset(Source, Range<usize>),
    /// A file copied from the site or the theme, by the name the user reads.
    File(String),
    /// Something stepwise makes itself, such as "the journey overview".
    Generated(String),
}

impl Origin {
    /// What claims the path, for messages.
    fn what(&self) -> String {
        match self {
            Origin::Asset(source, _) => format!("the page of `{}`", source.name),
            Origin::File(name) => format!("the file `{name}`"),
            Origin::Generated(what) => what.clone(),
        }
    }

    /// The place to point at, when there is one.
    fn place(&self) -> Option<(Source, Range<usize>)> {
        match self {
            Origin::Asset(source, span) => Some((source.clone(), span.clone())),
            Origin::File(name) => Some((Source::unreadable(name.as_str()), 0..0)),
            Origin::Generated(_) => None,
        }
    }
}

/// Every file of the output by its path (relative, `/`-separated), in path order.
#[derive(Debug, Default)]
pub struct Outputs {
    files: BTreeMap<String, Content>,
    /// The paths of the fingerprinted files, which hosts may cache forever.
    immutable: Vec<String>,
}

impl Outputs {
    /// Claims the path of every file of the site, with the resource finder's index `search`
    /// and with the coverage report's when `coverage` (it is published, or `serve` shows it);
    /// clashes are added to `problems`.
    pub fn plan(
        root: &Path,
        site: &Site,
        theme: &Theme,
        search: &SearchIndex,
        coverage: bool,
        problems: &mut Problems,
    ) -> Self {
        let mut outputs = Outputs {
            files: BTreeMap::new(),
            immutable: finish::immutable(&theme.urls).cloned().collect(),
        };
        for page in routes::pages(site) {
            outputs.claim(site, page.output_path(site), Content::Page(page), problems);
        }
        let mut generated = vec![
            Generated::Sitemap,
            Generated::Feed,
            Generated::Robots,
            Generated::NoJekyll,
            Generated::Headers,
        ];
        generated.extend(site.config.cname.as_ref().map(|_| Generated::Cname));
        for file in generated {
            outputs.claim(
                site,
                file.name().to_string(),
                Content::Generated(file),
                problems,
            );
        }
        for path in search.paths() {
            let content = Content::SearchIndex(path.to_string());
            outputs.claim(site, path.to_string(), content, problems);
        }
        if coverage {
            for file in coverage::report::File::ALL {
                let path = format!("{}/{}", coverage::report::FOLDER, file.name());
                outputs.claim(site, path, Content::Coverage(file), problems);
            }
        }
        let folders = SiteFolders::of(root);
        for (path, file) in &theme.static_files {
            if folders.publishes(file, problems) {
                outputs.claim(site, path.clone(), Content::File(file.clone()), problems);
            }
        }
        for asset in site.assets() {
            if let Some(name) = asset.data.download_name(&asset.asset.slug.value) {
                let path = format!("{}/{name}", asset.placement.folder);
                outputs.claim(
                    site,
                    path,
                    Content::Download(asset.asset.id.clone()),
                    problems,
                );
            }
            for file in &asset.asset.attachments {
                let name = file.file_name().unwrap_or_default().to_string_lossy();
                let path = format!("{}/{name}", asset.placement.folder);
                let attachment = StaticFile {
                    name: display_path(root, file),
                    content: FileContent::Disk(file.clone()),
                };
                if folders.publishes(&attachment, problems) {
                    outputs.claim(site, path, Content::File(attachment), problems);
                }
            }
        }
        outputs
    }

    fn claim(&mut self, site: &Site, path: String, content: Content, problems: &mut Problems) {
        match self.files.entry(path) {
            Entry::Vacant(slot) => {
                slot.insert(content);
            }
            Entry::Occupied(taken) => {
                let (first, second) = (taken.get().origin(site), content.origin(site));
                problems.push(clash(taken.key(), &first, &second));
            }
        }
    }

    /// Every file, in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Content)> {
        self.files.iter()
    }

    /// The file at `path`, with the path as the registry holds it.
    pub fn get(&self, path: &str) -> Option<(&String, &Content)> {
        self.files.get_key_value(path)
    }

    /// Whether some file claimed `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// Every path, in order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }
}

/// Where the files a site publishes may really lie, every symbolic link followed: in the
/// site's folder, or in its `content/` (which may be a link to a folder elsewhere). A link to
/// anything else — `static/passwd` to `/etc/passwd` — is not published.
struct SiteFolders {
    folders: Vec<PathBuf>,
}

impl SiteFolders {
    fn of(root: &Path) -> Self {
        let folders = [root.to_path_buf(), root.join(CONTENT_DIR)];
        SiteFolders {
            folders: folders
                .iter()
                .filter_map(|f| f.canonicalize().ok())
                .collect(),
        }
    }

    /// Whether `file` is published: it is no file on disk, or it lies in the site's folders;
    /// else a warning says why not.
    fn publishes(&self, file: &StaticFile, problems: &mut Problems) -> bool {
        let FileContent::Disk(path) = &file.content else {
            return true;
        };
        // A file that cannot be followed is reported when it is read.
        let Ok(real) = path.canonicalize() else {
            return true;
        };
        if self.folders.iter().any(|folder| real.starts_with(folder)) {
            return true;
        }
        problems.push(
            Diagnostic::warning(
                &Source::unreadable(file.name.as_str()),
                0..0,
                format!(
                    "this is a symbolic link to `{}`, outside the site's folder, so it is not published",
                    real.display()
                ),
            )
            .with_help("copy the file into the site's folder if it should be published"),
        );
        false
    }
}

fn page_origin(site: &Site, page: &Page) -> Origin {
    match page {
        Page::Asset(id) => match site.asset(id) {
            Some(asset) => Origin::Asset(asset.asset.source.clone(), asset.asset.slug.span.clone()),
            None => Origin::Generated(format!("the page of `{id}`")),
        },
        Page::Index => Origin::Generated("the journey overview".to_string()),
        Page::NotFound => Origin::Generated("the page for missing addresses".to_string()),
        other => Origin::Generated(format!(
            "the {} page `{}`",
            other.type_name(),
            other.url(site)
        )),
    }
}

/// The error for a second claim on `path`.
fn clash(path: &str, first: &Origin, second: &Origin) -> Diagnostic {
    let (message, related, help) = match (first, second) {
        (Origin::Asset(..), Origin::Asset(..)) => (
            format!(
                "two assets would be published at `/{}`",
                path.strip_suffix("index.html").unwrap_or(path)
            ),
            "the other asset with this slug".to_string(),
            "give one of them another `slug` in its front matter, or rename its file".to_string(),
        ),
        _ => (
            format!("two files would be published at `{path}`"),
            format!("{} is written there too", first.what()),
            format!(
                "{} and {} would both be written there; rename or move one of them",
                second.what(),
                first.what()
            ),
        ),
    };
    let diagnostic = match (second.place(), first.place()) {
        (Some((source, span)), Some((other, other_span))) => {
            Diagnostic::error(&source, span, message).with_related(&other, other_span, &related)
        }
        (Some((source, span)), None) | (None, Some((source, span))) => {
            Diagnostic::error(&source, span, message)
        }
        (None, None) => Diagnostic::plain(message),
    };
    diagnostic.with_help(help)
}

/// The `sitemap.xml` of the site: every page's absolute address but the missing-page page.
pub fn sitemap(site: &Site, pages: &[Page]) -> String {
    let mut urls: Vec<String> = pages
        .iter()
        .filter(|page| !matches!(page, Page::NotFound))
        .map(|page| site.permalink(&page.url(site)))
        .collect();
    urls.sort_unstable();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in urls {
        xml.push_str("  <url><loc>");
        xml.push_str(&crate::escape::markup(&url));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// The `robots.txt` of the site, which points crawlers at the sitemap when its address is
/// absolute (as the `Sitemap:` line must be).
pub fn robots(site: &Site) -> String {
    let sitemap = site.permalink(&format!("{}sitemap.xml", site.root));
    host::robots(address::is_absolute_address(&sitemap).then_some(sitemap.as_str()))
}
