//! `stepwise serve`: the preview is built for the local address, served over HTTP, leaves the
//! site's own `output/` alone, and is removed when the server is stopped with Ctrl+C.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use common::small_site;

/// The status line and body of `GET path`.
fn get(port: u16, path: &str) -> (String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    (
        head.lines().next().unwrap_or_default().to_string(),
        body.to_string(),
    )
}

/// A running `stepwise serve --port 0`, stopped when the test ends, whether it passed or not.
struct Server {
    child: Child,
    /// The folder it serves, from its `serving … at …` line.
    folder: PathBuf,
    /// The port the system chose.
    port: u16,
}

impl Server {
    /// Starts the server in `site` and waits until it says where it serves.
    fn start(site: &std::path::Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_stepwise"))
            .args(["serve", "--port", "0"])
            .current_dir(site)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let line = BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .find(|line| line.starts_with("serving "))
            .expect("the server names the folder and address it serves");
        let (folder, url) = line
            .trim_start_matches("serving ")
            .split_once(" at ")
            .unwrap();
        let port = url
            .trim_start_matches("http://127.0.0.1:")
            .split('/')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        Server {
            child,
            folder: PathBuf::from(folder),
            port,
        }
    }

    /// Stops the server as Ctrl+C does and waits for it to end.
    fn interrupt(&mut self) {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
        assert!(sent.success());
        self.child.wait().unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serve_builds_a_local_preview_serves_it_and_removes_it_on_ctrl_c() {
    let site = small_site();
    let mut server = Server::start(site.path());
    let port = server.port;
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
    assert!(server.folder.join("steps/facts/index.html").is_file());
    server.interrupt();
    assert!(
        !server.folder.exists(),
        "the preview folder is removed when the server stops"
    );
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
