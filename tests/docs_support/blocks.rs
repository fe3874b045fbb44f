//! The pages of the reference and their fenced code blocks, read with the marks of the fence's
//! info string: ```` ```toml example ````, ```` ```markdown mistake=name file=content/x.md ````,
//! ```` ```toml fragment ````. The convention is described in `docs/README.md`.

use std::collections::BTreeMap;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// The languages of the files a site is made of: a block in one of them must say what it is.
const SITE_LANGUAGES: [&str; 4] = ["toml", "markdown", "md", "csv"];

/// A page of the reference, by its path in the repository.
pub struct Page {
    /// Such as `docs/kinds/calculator.md`.
    pub path: String,
    /// Its Markdown.
    pub text: String,
}

/// Every page: the repository's README and every Markdown file under `docs/`, sorted.
pub fn pages(repository: &Path) -> Vec<Page> {
    let mut paths = vec![repository.join("README.md")];
    let docs = walkdir::WalkDir::new(repository.join("docs")).sort_by_file_name();
    paths.extend(
        docs.into_iter()
            .filter_map(Result::ok)
            .map(walkdir::DirEntry::into_path)
            .filter(|path| path.extension().is_some_and(|ext| ext == "md")),
    );
    paths
        .into_iter()
        .map(|path| Page {
            text: std::fs::read_to_string(&path).expect("a page of the reference is readable"),
            path: path
                .strip_prefix(repository)
                .expect("a page lies in the repository")
                .display()
                .to_string(),
        })
        .collect()
}

/// What a block says it is.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A complete example that must build; blocks with the same name build together.
    Example(Option<String>),
    /// A mistake that must fail with the message of the `text` block after it.
    Mistake(Option<String>),
    /// A part of a file, shown for the reader and not built.
    Fragment,
    /// Not a file of a site: a command, a message, a workflow.
    Plain,
}

/// One fenced code block of a page.
#[derive(Debug, Clone)]
pub struct Block {
    /// The line of its opening fence.
    pub line: usize,
    /// The first word of its info string.
    pub language: String,
    /// What it is.
    pub mark: Mark,
    /// Where it goes in the example's site, when `file=` says.
    pub file: Option<String>,
    /// Its text.
    pub text: String,
}

/// The fenced code blocks of `page`, in order, or what is wrong with their info strings.
pub fn blocks(page: &Page) -> Result<Vec<Block>, String> {
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    for (event, range) in Parser::new(&page.text).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let line = line_of(&page.text, range.start);
                open = Some(block(&info, line).map_err(|e| format!("{}:{line}: {e}", page.path))?);
            }
            Event::Text(text) => {
                if let Some(block) = open.as_mut() {
                    block.text.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(open.take()),
            _ => {}
        }
    }
    Ok(blocks)
}

/// The line of byte `offset` in `text`, from 1.
pub fn line_of(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

/// A block with nothing in it yet, from its info string.
fn block(info: &str, line: usize) -> Result<Block, String> {
    let mut words = info.split_whitespace();
    let language = words.next().unwrap_or_default().to_string();
    let mut block = Block {
        line,
        mark: Mark::Plain,
        file: None,
        text: String::new(),
        language,
    };
    for word in words {
        let (key, value) = match word.split_once('=') {
            Some((key, value)) => (key, Some(value.to_string())),
            None => (word, None),
        };
        block.mark = match (key, value) {
            ("example", name) => Mark::Example(name),
            ("mistake", name) => Mark::Mistake(name),
            ("fragment", None) => Mark::Fragment,
            ("file", Some(path)) => {
                block.file = Some(path);
                continue;
            }
            _ => {
                return Err(format!(
                    "`{word}` means nothing in a fence's info string; write `example`, `example=NAME`, `mistake`, `mistake=NAME`, `fragment` or `file=PATH`"
                ));
            }
        };
    }
    if block.mark == Mark::Plain && SITE_LANGUAGES.contains(&block.language.as_str()) {
        return Err(format!(
            "a ```{} block must say whether it is an `example`, a `mistake` or a `fragment`",
            block.language
        ));
    }
    Ok(block)
}

/// One example or mistake: its blocks, each with the file of the site it is written to.
#[derive(Debug)]
pub struct Example {
    /// The page it is on.
    pub page: String,
    /// The line of its first block.
    pub line: usize,
    /// Each file of the site it writes, with the block written there.
    pub files: Vec<(String, Block)>,
    /// For a mistake, the `text` block after it: what stepwise must say.
    pub expected: Option<Block>,
}

impl Example {
    /// Where the example is, for messages.
    pub fn place(&self) -> String {
        format!("{}:{}", self.page, self.line)
    }

    /// The block written to the site's `stepwise.toml`, if any.
    pub fn config(&self) -> Option<&Block> {
        (self.files.iter())
            .find(|(file, _)| file == "stepwise.toml")
            .map(|(_, block)| block)
    }
}

/// The examples and mistakes of a page: named blocks of one mark join one example.
pub fn examples(page: &Page, blocks: &[Block]) -> Result<Vec<Example>, String> {
    let mut groups: BTreeMap<(bool, String), Example> = BTreeMap::new();
    for (at, block) in blocks.iter().enumerate() {
        let (mistake, name) = match &block.mark {
            Mark::Example(name) => (false, name),
            Mark::Mistake(name) => (true, name),
            Mark::Fragment | Mark::Plain => continue,
        };
        let place = format!("{}:{}", page.path, block.line);
        let file = file_of(block).map_err(|e| format!("{place}: {e}"))?;
        let key = (mistake, name.clone().unwrap_or_else(|| format!("#{at}")));
        let example = groups.entry(key).or_insert_with(|| Example {
            page: page.path.clone(),
            line: block.line,
            files: Vec::new(),
            expected: None,
        });
        if example.files.iter().any(|(written, _)| *written == file) {
            return Err(format!("{place}: `{file}` is written twice in one example"));
        }
        example.files.push((file, block.clone()));
        if mistake {
            example.expected = message_after(blocks, at).or(example.expected.take());
        }
    }
    if let Some(((_, _), silent)) = groups
        .iter()
        .find(|((mistake, _), e)| *mistake && e.expected.is_none())
    {
        return Err(format!(
            "{}: a mistake must be followed by a ```text block with what stepwise says",
            silent.place()
        ));
    }
    let mut examples: Vec<Example> = groups.into_values().collect();
    examples.sort_by_key(|example| example.line);
    Ok(examples)
}

/// Where a block is written in the site: its `file=`, or the usual file of its language.
fn file_of(block: &Block) -> Result<String, String> {
    match (&block.file, block.language.as_str()) {
        (Some(file), _) => Ok(file.clone()),
        (None, "toml") => Ok("stepwise.toml".into()),
        (None, "markdown" | "md") => Ok("content/example.md".into()),
        (None, language) => Err(format!(
            "a ```{language} example needs `file=PATH`, its place in the site"
        )),
    }
}

/// The `text` block right after the block at `at`, if there is one: after a mistake, the
/// message it must give.
fn message_after(blocks: &[Block], at: usize) -> Option<Block> {
    blocks
        .get(at + 1)
        .filter(|next| next.language == "text")
        .cloned()
}
