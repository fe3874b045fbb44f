//! Encodings and line ends: files saved by Word, Google Docs, old Macs and Windows editors.

use crate::{Case, GUIDE, builds, check, fails_at, fails_in, put};

/// A guide `title`d, with `body`, its lines ended by `end`.
fn guide(title: &str, body: &str, end: &str) -> String {
    let text =
        format!("+++\ntitle = \"{title}\"\nkind = \"guide\"\nsteps = [\"facts\"]\n+++\n{body}\n");
    text.replace('\n', end)
}

/// `text` as UTF-16, little-endian with its byte order mark.
fn utf16_le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

pub const CASES: &[Case] = &[
    Case {
        name: "a UTF-8 byte order mark (Windows Notepad) is read as UTF-8",
        setup: |site| {
            let text = format!("\u{feff}{}", guide("Marked", "Saved by Notepad.", "\n"));
            put(site, "content/marked.md", text);
        },
        expect: builds("guides/marked/index.html", "Saved by Notepad."),
    },
    Case {
        name: "Windows line ends (CRLF)",
        setup: |site| {
            put(
                site,
                "content/windows.md",
                guide("Windows", "Two\nlines.", "\r\n"),
            )
        },
        expect: builds("guides/windows/index.html", "<p>Two\nlines.</p>"),
    },
    Case {
        name: "old Mac line ends (a carriage return alone), which CommonMark reads as line ends",
        setup: |site| {
            put(
                site,
                "content/old-mac.md",
                guide("Old Mac", "## Heading", "\r"),
            )
        },
        expect: builds("guides/old-mac/index.html", ">Heading</h2>"),
    },
    Case {
        name: "line ends mixed in one file",
        setup: |site| {
            let text =
                "+++\r\ntitle = \"Mixed\"\nkind = \"guide\"\rsteps = [\"facts\"]\r\n+++\nBody.\r";
            put(site, "content/mixed.md", text);
        },
        expect: builds("guides/mixed/index.html", "Body."),
    },
    Case {
        name: "UTF-16 with a byte order mark (Word's \"Unicode\" text)",
        setup: |site| {
            put(
                site,
                "content/unicode.md",
                utf16_le(&guide("U", "Body.", "\r\n")),
            )
        },
        expect: fails_in("content/unicode.md"),
    },
    Case {
        name: "UTF-16, big-endian",
        setup: |site| {
            let mut bytes = vec![0xfe, 0xff];
            let text = guide("U", "Body.", "\n");
            bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
            put(site, "content/big-endian.md", bytes);
        },
        expect: fails_in("content/big-endian.md"),
    },
    Case {
        name: "a Latin-1 byte in the body, found at its line",
        setup: |site| {
            let mut bytes = guide("Latin", "First line.\nSecond line.", "\n").into_bytes();
            bytes.extend(b"Caf\xe9 au lait.\n");
            put(site, "content/latin.md", bytes);
        },
        expect: fails_at("content/latin.md", 8),
    },
    Case {
        name: "a Windows-1252 curly quote in the front matter",
        setup: |site| {
            let bytes =
                b"+++\ntitle = \"\x93Quoted\x94\"\nkind = \"guide\"\nsteps = [\"facts\"]\n+++\n";
            put(site, "content/curly.md", bytes);
        },
        expect: fails_at("content/curly.md", 2),
    },
    Case {
        name: "a stepwise.toml in Latin-1",
        setup: |site| {
            let config = std::fs::read(site.join("stepwise.toml")).expect("read");
            put(
                site,
                "stepwise.toml",
                [b"description = \"Caf\xe9\"\n".as_slice(), &config].concat(),
            );
        },
        expect: fails_at("stepwise.toml", 1),
    },
    Case {
        name: "NUL bytes in the body are replaced, as CommonMark says",
        setup: |site| put(site, "content/nul.md", format!("{GUIDE}Before\0after.\n")),
        expect: builds("guides/nul/index.html", "Before\u{fffd}after."),
    },
];

#[test]
fn encodings_and_line_ends() {
    check(CASES);
}
