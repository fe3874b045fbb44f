//! `stepwise serve` under faults, load and hostile requests: a storm of saves, a thousand
//! connections at once, Ctrl+C in the middle of a slow rebuild, addresses that try to leave
//! the site in every encoding, and the interface it listens on when none is given. No test
//! here asserts a time; the figures are in `bench/serve-storm.sh` and `bench/serve-load.sh`.
// A test states what it expects by unwrapping, indexing and panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use common::live::{PATIENCE, Response, Server};
use common::{small_site, write};

/// The guide of the small site, and its page.
const GUIDE: &str = "content/guides/facts-guide.md";
const GUIDE_PAGE: &str = "/guides/facts-guide/";

/// The guide as its `version`th save writes it: the version in the title and in the body.
fn guide_version(version: usize) -> String {
    format!(
        "+++\ntitle = \"Version {version}\"\nkind = \"guide\"\nsteps = [\"facts\"]\n+++\nThe body of version {version}.\n"
    )
}

/// The version a served guide page shows in its title and in its body, when they agree and
/// the page is whole; what is wrong with it otherwise.
fn whole_version(page: &Response) -> Result<usize, String> {
    let number = |after: &str, until: char| -> Option<usize> {
        let (_, rest) = page.body.split_once(after)?;
        rest.split(until).next()?.parse().ok()
    };
    let title = number("<title>Version ", ' ');
    let body = number("The body of version ", '.');
    match (title, body) {
        _ if !page.status.contains("200") => Err(format!("status {}", page.status)),
        _ if !page.body.trim_end().ends_with("</html>") => Err("the page is cut short".into()),
        (Some(title), Some(body)) if title == body => Ok(title),
        other => Err(format!("title and body of different saves: {other:?}")),
    }
}

#[test]
fn a_storm_of_saves_ends_on_the_last_and_never_serves_half_a_page() {
    const SAVES: usize = 1000;
    let site = small_site();
    write(site.path(), GUIDE, &guide_version(0));
    let server = Server::start(site.path());
    let storming = AtomicBool::new(true);
    let answers = std::thread::scope(|scope| {
        let readers: Vec<_> = (0..2)
            .map(|_| {
                scope.spawn(|| {
                    let mut seen = Vec::new();
                    while storming.load(Ordering::Relaxed) {
                        seen.push(whole_version(&server.get(GUIDE_PAGE)));
                    }
                    seen
                })
            })
            .collect();
        // 100 saves a second for 10 seconds, as an editor that saves on every keystroke.
        for version in 1..=SAVES {
            fs::write(site.path().join(GUIDE), guide_version(version)).expect("save");
            std::thread::sleep(Duration::from_millis(10));
        }
        storming.store(false, Ordering::Relaxed);
        let seen: Vec<Result<usize, String>> = readers
            .into_iter()
            .flat_map(|reader| reader.join().expect("a reader"))
            .collect();
        seen
    });
    let broken: Vec<&String> = answers.iter().filter_map(|a| a.as_ref().err()).collect();
    assert!(broken.is_empty(), "half-built pages: {broken:?}");
    let versions: Vec<usize> = answers
        .iter()
        .filter_map(|a| a.as_ref().ok().copied())
        .collect();
    assert!(
        versions.iter().filter(|&&v| v > 0).count() > 10,
        "pages of the storm's saves were served during it: {versions:?}"
    );
    let mut events = server.events();
    let mut last = whole_version(&server.get(GUIDE_PAGE));
    while last != Ok(SAVES) {
        assert!(
            events.next().is_some(),
            "the last save is never served: {last:?}"
        );
        last = whole_version(&server.get(GUIDE_PAGE));
    }
    assert!(server.status()["error"].is_null(), "{}", server.status());
}

/// The resident memory of process `pid`, in kB.
fn resident_kb(pid: u32) -> u64 {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).expect("the process status");
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in kB")
}

/// Opens `count` connections at once, then sends a request on each and reads every answer;
/// the answers that were not a whole page.
fn at_once(server: &Server, count: usize) -> Vec<String> {
    let mut streams: Vec<TcpStream> = (0..count)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).expect("connect"))
        .collect();
    let request =
        format!("GET {GUIDE_PAGE} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    for stream in &mut streams {
        stream.set_read_timeout(Some(PATIENCE)).expect("a timeout");
        stream.write_all(request.as_bytes()).expect("send");
    }
    streams
        .into_iter()
        .enumerate()
        .filter_map(|(n, mut stream)| {
            let mut answer = String::new();
            let read = stream.read_to_string(&mut answer);
            let whole = read.is_ok()
                && answer.starts_with("HTTP/1.1 200")
                && answer.trim_end().ends_with("</html>");
            (!whole).then(|| {
                format!(
                    "connection {n}: {read:?} {}",
                    answer.lines().next().unwrap_or("")
                )
            })
        })
        .collect()
}

#[test]
fn a_thousand_connections_at_once_are_all_answered_in_bounded_memory() {
    let site = small_site();
    let server = Server::start(site.path());
    let all_answered = || {
        let failed = at_once(&server, 1000);
        assert!(
            failed.is_empty(),
            "{} failed: {:?}",
            failed.len(),
            &failed[..failed.len().min(5)]
        );
    };
    all_answered();
    let after_one = resident_kb(server.pid());
    (0..4).for_each(|_| all_answered());
    let after_five = resident_kb(server.pid());
    assert!(
        after_five < after_one + 32 * 1024,
        "memory grows with every thousand connections: {after_one} kB, then {after_five} kB"
    );
}

/// A template for step pages that takes seconds to render: 100 million turns of a loop.
const SLOW_STEP: &str = "{% extends \"base.html\" %}\n{% block content %}{% for i in range(end=10000) %}{% for j in range(end=10000) %}{% endfor %}{% endfor %}{% endblock content %}\n";

#[test]
fn ctrl_c_in_the_middle_of_a_rebuild_stops_the_server_at_once() {
    let site = small_site();
    let mut server = Server::start(site.path());
    let mut events = server.events();
    write(site.path(), "templates/step.html", SLOW_STEP);
    // The rebuild starts a few milliseconds after the save, and renders for seconds.
    std::thread::sleep(Duration::from_millis(300));
    let (status, took) = server.interrupt();
    assert_eq!(status.code(), Some(0), "{status}");
    let later = server.later();
    assert!(
        !later.iter().any(|line| line.starts_with("rebuild 1")),
        "the server waited for the rebuild to end ({took:?}): {later:?}"
    );
    assert!(
        events.next().is_none(),
        "the reload stream ends with the server"
    );
}

#[test]
fn addresses_that_leave_the_site_are_refused_in_every_encoding() {
    let site = small_site();
    let server = Server::start(site.path());
    // 400: an address that tries to leave the site; 404: one that names no page (a double
    // encoding is decoded once, as HTTP has it, and names a file no site has); 405: no GET.
    let get = |path: &str| {
        format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").into_bytes()
    };
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (get("/../stepwise.toml"), "400"),
        (get("/%2e%2e/stepwise.toml"), "400"),
        (get("/%2E%2e%2Fstepwise.toml"), "400"),
        (get("/.%2e/stepwise.toml"), "400"),
        (get("/%252e%252e%252fstepwise.toml"), "404"),
        (get("/%25252e%25252e/stepwise.toml"), "404"),
        (get("/..%5cstepwise.toml"), "400"),
        (get("/..\\stepwise.toml"), "400"),
        (get("/%c0%ae%c0%ae/stepwise.toml"), "400"),
        (get("/%c0%ae%c0%ae%c0%afstepwise.toml"), "400"),
        (get("/%e0%80%ae%e0%80%ae/stepwise.toml"), "400"),
        (get("/%c1%9c..%c1%9cstepwise.toml"), "400"),
        (get("/..%u2216stepwise.toml"), "404"),
        (get("/guides/..%2f..%2fstepwise.toml"), "400"),
        (get("/./guides/../../stepwise.toml"), "400"),
        (get("//stepwise.toml"), "400"),
        (get("/%2fetc/passwd"), "400"),
        (get("/index.html%00.md"), "400"),
        (get("/guides%00/"), "400"),
        (get("http://127.0.0.1/../stepwise.toml"), "400"),
        (get("*"), "400"),
        (b"GET /\0../stepwise.toml HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".to_vec(), "400"),
        (b"GET /..\xc0\xaf..\xc0\xafstepwise.toml HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".to_vec(), "400"),
        (get("/content/guides/facts-guide.md"), "404"),
        (get("/stepwise.toml"), "404"),
        (get("/etc/passwd"), "404"),
        (b"POST /../stepwise.toml HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec(), "405"),
    ];
    let mut wrong = Vec::new();
    for (request, code) in &cases {
        let line = request.split(|&b| b == b'\r').next().unwrap_or_default();
        let shown = String::from_utf8_lossy(line).into_owned();
        let response = server.raw(request);
        if !response.status.starts_with(&format!("HTTP/1.1 {code} ")) {
            wrong.push(format!("{shown:?}: {}, not {code}", response.status));
        }
        if response.body.contains("[[steps]]") || response.body.contains("+++") {
            wrong.push(format!("{shown:?} shows a file of the site's folder"));
        }
        // A request that is no HTTP is refused before it reaches the site: a bare 400 with no
        // body, which nothing could sniff.
        let answered = !response.body.is_empty() || response.header("content-type").is_some();
        if answered && response.header("x-content-type-options") != Some("nosniff") {
            wrong.push(format!("{shown:?}: no `X-Content-Type-Options: nosniff`"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_response_says_nosniff_and_carries_the_policy() {
    let site = small_site();
    let server = Server::start(site.path());
    for path in [
        "/",
        "/style.css",
        "/sitemap.xml",
        "/no/such/page/",
        "/steps/facts",
        "/%2e%2e/",
        "/__stepwise/status",
        "/__stepwise/live-reload.js",
    ] {
        let response = server.get(path);
        assert_eq!(
            response.header("x-content-type-options"),
            Some("nosniff"),
            "{path}: {}",
            response.status
        );
        let policy = response
            .header("content-security-policy")
            .unwrap_or_default();
        assert!(
            policy.starts_with("default-src 'self';") && policy.ends_with("frame-ancestors 'none'"),
            "{path}: {policy}"
        );
    }
    let post = server.raw(b"POST /__stepwise/status HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    assert!(post.status.contains("405"), "{}", post.status);
    assert_eq!(post.header("x-content-type-options"), Some("nosniff"));
    drop(server);
    // A site whose first build fails is served as its problems.
    fs::write(site.path().join("stepwise.toml"), "broken").expect("write");
    let server = Server::start(site.path());
    let failing = server.get("/");
    assert!(failing.status.contains("500"), "{}", failing.status);
    assert_eq!(failing.header("x-content-type-options"), Some("nosniff"));
}

#[test]
fn without_an_interface_it_listens_on_loopback_only() {
    let site = small_site();
    let server = Server::start(site.path());
    assert!(
        server
            .printed
            .last()
            .is_some_and(|line| line.contains("at http://127.0.0.1:"))
    );
    // The listening socket, as the kernel lists it: address and port in hexadecimal.
    let tcp = fs::read_to_string("/proc/net/tcp").expect("the kernel's list of sockets");
    let listening: Vec<&str> = tcp
        .lines()
        .skip(1)
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let local = *fields.get(1)?;
            let listens = fields.get(3) == Some(&"0A");
            (listens && local.ends_with(&format!(":{:04X}", server.port))).then_some(local)
        })
        .collect();
    assert_eq!(
        listening,
        [format!("0100007F:{:04X}", server.port)],
        "{tcp}"
    );
    let tcp6 = fs::read_to_string("/proc/net/tcp6").unwrap_or_default();
    assert!(
        !tcp6.contains(&format!(
            ":{:04X} 00000000000000000000000000000000:0000 0A",
            server.port
        )),
        "it listens on IPv6 too"
    );
}
