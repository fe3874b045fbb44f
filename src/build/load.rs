//! Loading a site: the configuration, the content, the theme, the model, the claimed output
//! paths and the renderer, every problem of them all in one run.

use std::path::Path;

use crate::config::{CONFIG_FILE, Config};
use crate::content;
use crate::coverage::{self, Coverage, Date};
use crate::diagnostics::{Diagnostic, Problems, Source};
use crate::finder::SearchIndex;
use crate::finish::Finish;
use crate::kinds;
use crate::outputs::Outputs;
use crate::render::Renderer;
use crate::share;
use crate::site::{Site, SiteOptions};
use crate::text_file;
use crate::theme::{self, Theme};

use super::{Failure, Loaded};

/// Loads and validates the site model without rendering it.
pub fn load_site(root: &Path, options: &SiteOptions) -> Result<Site, Failure> {
    let mut problems = Problems::default();
    match load(root, options, &mut problems) {
        Some(loaded) if !problems.has_errors() => Ok(loaded.site),
        _ => Err(problems.into()),
    }
}

/// Loads and validates everything, adding every problem to `problems`; `None` when the site
/// cannot be rendered at all.
pub fn load(root: &Path, options: &SiteOptions, problems: &mut Problems) -> Option<Loaded> {
    load_checking(root, options, None, problems).map(|(loaded, _)| loaded)
}

/// Loads and validates everything as [`load`] does, with the problems that depend on the date
/// it is `today` (a `reviewed` date in the future), and measures the coverage report for
/// `today`.
pub fn load_dated(
    root: &Path,
    options: &SiteOptions,
    today: Date,
    problems: &mut Problems,
) -> Option<(Loaded, Coverage)> {
    let (loaded, coverage) = load_checking(root, options, Some(today), problems)?;
    Some((loaded, coverage?))
}

/// Loads and validates everything; with `today`, also what depends on the date, and the
/// coverage report.
fn load_checking(
    root: &Path,
    options: &SiteOptions,
    today: Option<Date>,
    problems: &mut Problems,
) -> Option<(Loaded, Option<Coverage>)> {
    let loaded_config = load_config(root, problems);
    let assets = content::load(root, problems);
    let (config, config_source) = loaded_config?;
    let theme = load_theme(root, &config, &config_source, options.finish, problems);
    let site = Site::new(config, &config_source, assets, options, problems)?;
    if let Some(today) = today {
        problems.extend(coverage::future_reviews(&site, today));
    }
    let theme = theme?;
    problems.extend(asset_images(&site, &theme));
    let coverage = site.config.coverage.publish || options.show_coverage;
    // The finder's index, the plan of every output path (which names the index's files) and the
    // coverage report are made beside the templates and every asset's summary: each side is a
    // good part of a build. The renderer's problems follow the plan's, as they would one after
    // the other.
    let (mut plan_problems, mut renderer_problems) = (Problems::default(), Problems::default());
    let ((search, outputs, measured), renderer) = rayon::join(
        || {
            let search = SearchIndex::new(&site);
            let outputs = Outputs::plan(root, &site, &theme, &search, coverage, &mut plan_problems);
            let measured = today.map(|today| coverage::measure(&site, today));
            (search, outputs, measured)
        },
        || Renderer::new(theme.clone(), &site, &mut renderer_problems),
    );
    problems.extend(plan_problems.into_vec());
    problems.extend(renderer_problems.into_vec());
    let renderer = renderer?;
    let loaded = Loaded {
        site,
        renderer,
        outputs,
        search,
        finish: options.finish,
    };
    Some((loaded, measured))
}

/// The errors for the assets' images that name no static file.
fn asset_images(site: &Site, theme: &Theme) -> Vec<Diagnostic> {
    (site.assets().map(|asset| &asset.asset))
        .filter_map(|asset| {
            let image = asset.image.as_ref()?;
            share::missing(&image.value, image.span.clone(), &asset.source, &theme.urls)
        })
        .collect()
}

/// Loads the theme with the site's overrides and gives its static files their finished names
/// and bytes; `None` when there is no such theme.
pub fn load_theme(
    root: &Path,
    config: &Config,
    config_source: &Source,
    finish: Finish,
    problems: &mut Problems,
) -> Option<Theme> {
    let mut theme = theme::load(root, config, config_source, problems)?;
    theme.finish_statics(finish, problems);
    Some(theme)
}

/// Reads and parses `stepwise.toml`, with its text for messages; `None` when it cannot be used.
pub fn load_config(root: &Path, problems: &mut Problems) -> Option<(Config, Source)> {
    let path = root.join(CONFIG_FILE);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) => {
            problems.push(Diagnostic::plain(format!("cannot read `{}`: {error}", path.display()))
                .with_help("run stepwise in a site's folder, give it with `--root`, or start a site with `stepwise init`"));
            return None;
        }
    };
    let source = text_file::decode(CONFIG_FILE, bytes)
        .map_err(|problem| problems.push(problem))
        .ok()?;
    let config = Config::parse(&source, problems)?;
    kinds::Schema::check_names(&config, &source, problems);
    Some((config, source))
}
