//! `stepwise serve`: the preview is built for the local address, served over HTTP, and leaves the
//! site's own `output/` alone.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::small_site;

/// A port that is free right now.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The status line and body of `GET path`, once the server answers (within ten seconds).
fn get(port: u16, path: &str) -> (String, String) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) {
            let request =
                format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            stream.write_all(request.as_bytes()).unwrap();
            let mut response = String::new();
            stream.read_to_string(&mut response).unwrap();
            let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
            return (
                head.lines().next().unwrap_or_default().to_string(),
                body.to_string(),
            );
        }
        assert!(
            Instant::now() < deadline,
            "the server did not answer on port {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Stops the server when the test ends, whether it passed or not.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_builds_a_local_preview_and_serves_it() {
    let site = small_site();
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_stepwise"))
        .args(["serve", "--port", &port.to_string()])
        .current_dir(site.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut server = Server(child);
    let (status, body) = get(port, "/steps/facts/");
    assert!(status.contains("200"), "{status}");
    assert!(body.contains("What is going on?"));
    assert!(
        body.contains(&format!("href=\"http://127.0.0.1:{port}/steps/facts/\"")),
        "the preview's links point at the local address"
    );
    let (status, body) = get(port, "/no/such/page/");
    assert!(status.contains("404"), "{status}");
    assert!(body.contains("Page not found"));
    assert!(
        !site.path().join("output").exists(),
        "the preview leaves output/ alone"
    );
    let preview = preview_folder(&mut server);
    assert!(preview.join("steps/facts/index.html").is_file());
    std::fs::remove_dir_all(preview).unwrap();
}

/// The folder the server says it serves, from its `serving … at …` line.
fn preview_folder(server: &mut Server) -> std::path::PathBuf {
    let stdout = server.0.stdout.take().unwrap();
    let line = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find(|line| line.starts_with("serving "))
        .expect("the server names the folder it serves");
    let folder = line
        .trim_start_matches("serving ")
        .split(" at http")
        .next()
        .unwrap();
    std::path::PathBuf::from(folder)
}

#[test]
fn serve_reports_a_busy_port_before_building() {
    let site = small_site();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = common::stepwise(site.path(), &["serve", "--port", &port]);
    let report = common::stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{report}");
    assert!(
        report.contains(&format!("cannot listen on http://127.0.0.1:{port}/")),
        "{report}"
    );
    assert!(report.contains("choose another with `--port`"), "{report}");
    assert!(
        !String::from_utf8_lossy(&run.stdout).contains("built "),
        "nothing is built"
    );
}
