//! The front matter of a new asset in YAML, from its TOML: `stepwise new` writes its commented
//! templates once, in TOML, and turns them into YAML for sites that write YAML. It reads the
//! TOML those templates use, line by line: comments, `key = value`, `[table]`, `[table.sub]` and
//! `[[table.list]]`, with values that YAML reads alike (double-quoted strings, numbers, dates,
//! `[…]` lists), and `{ a = 1 }` tables, whose `=` become `:`.

/// The YAML of `toml`, comments kept in place; a commented-out `# key = value` becomes
/// `# key: value`.
pub fn from_toml(toml: &str) -> String {
    let mut writer = Writer::default();
    for line in toml.lines() {
        writer.line(line);
    }
    writer.flush(writer.indent);
    writer.yaml
}

/// Where the conversion stands.
#[derive(Default)]
struct Writer {
    yaml: String,
    /// The table of the last header, written as a key of the top level.
    table: Option<String>,
    /// The list or sub-table inside it, if any.
    inner: Option<String>,
    /// The indentation of the keys that follow.
    indent: usize,
    /// The next key starts an item of a list (`- `).
    item: bool,
    /// Comments and blank lines, written with the indentation of the key or table after them.
    pending: Vec<String>,
}

impl Writer {
    fn line(&mut self, line: &str) {
        let trimmed = line.trim();
        if let Some(path) = trimmed
            .strip_prefix("[[")
            .and_then(|rest| rest.strip_suffix("]]"))
        {
            self.header(path, true);
        } else if let Some(path) = trimmed
            .strip_prefix('[')
            .and_then(|rest| rest.strip_suffix(']'))
        {
            self.header(path, false);
        } else if let Some(comment) = trimmed.strip_prefix('#') {
            let comment = match comment.trim_start().split_once(" = ") {
                Some((key, value)) if is_key(key) => format!(" {key}: {value}"),
                _ => comment.to_string(),
            };
            self.pending.push(format!("#{comment}"));
        } else if let Some((key, value)) = trimmed.split_once(" = ") {
            self.flush(self.indent);
            let prefix = if std::mem::take(&mut self.item) {
                "- "
            } else {
                ""
            };
            let key_value = format!("{prefix}{key}: {}", inline_tables(value));
            let indent = self.indent - prefix.len();
            self.yaml.push_str(&format!("{:indent$}{key_value}\n", ""));
        } else {
            self.pending.push(String::new());
        }
    }

    /// Writes the pending comments with `indent`, and the blank lines.
    fn flush(&mut self, indent: usize) {
        for line in std::mem::take(&mut self.pending) {
            match line.is_empty() {
                true => self.yaml.push('\n'),
                false => self.yaml.push_str(&format!("{:indent$}{line}\n", "")),
            }
        }
    }

    /// A `[path]` or `[[path]]` header: the keys that follow go into `path`.
    fn header(&mut self, path: &str, list: bool) {
        let (table, inner) = match path.split_once('.') {
            Some((table, inner)) => (table, Some(inner)),
            None => (path, None),
        };
        if self.table.as_deref() != Some(table) {
            self.flush(0);
            self.yaml.push_str(&format!("{table}:\n"));
            self.table = Some(table.to_string());
            self.inner = None;
        }
        self.indent = 2;
        if let Some(inner) = inner {
            if self.inner.as_deref() != Some(inner) {
                self.flush(2);
                self.yaml.push_str(&format!("  {inner}:\n"));
                self.inner = Some(inner.to_string());
            }
            self.indent = if list { 6 } else { 4 };
            self.item = list;
        }
    }
}

/// True for a bare key of TOML, such as `case_study`.
fn is_key(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// `value` with the `=` of its inline tables turned into `:`.
fn inline_tables(value: &str) -> String {
    let mut depth = 0;
    let mut in_string = false;
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '"' => in_string = !in_string,
            '{' if !in_string => depth += 1,
            '}' if !in_string => depth -= 1,
            _ => {}
        }
        if c == '=' && depth > 0 && !in_string {
            out.pop();
            out.push(':');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_lists_and_comments_become_yaml() {
        let cases = [
            (
                "title = \"A\"\n# why\nsteps = [\"a\"]\n",
                "title: \"A\"\n# why\nsteps: [\"a\"]\n",
            ),
            (
                "[c]\nheadline = \"x\"\n\n[[c.inputs]]\n# the id\nid = \"a\"\nmin = 0\n\n[[c.inputs]]\nid = \"b\"\n",
                "c:\n  headline: \"x\"\n\n  inputs:\n      # the id\n    - id: \"a\"\n      min: 0\n\n    - id: \"b\"\n",
            ),
            (
                "[c]\nh = 1\n\n# the results\n[[c.outputs]]\nid = \"a\"\n# owner = \"x\"\n",
                "c:\n  h: 1\n\n  # the results\n  outputs:\n    - id: \"a\"\n      # owner: \"x\"\n",
            ),
            (
                "[[c.items]]\ntext = \"t\"\n",
                "c:\n  items:\n    - text: \"t\"\n",
            ),
            (
                "[c.quote]\ntext = \"t\"\n",
                "c:\n  quote:\n    text: \"t\"\n",
            ),
            (
                "values = { a = 5, b = \"x = y\" }\n",
                "values: { a: 5, b: \"x = y\" }\n",
            ),
        ];
        for (toml, yaml) in cases {
            assert_eq!(from_toml(toml), yaml, "{toml}");
        }
    }
}
