//! A running `stepwise serve --port 0` for the tests: its port, plain HTTP requests over std
//! TCP, and its stream of reload events (Server-Sent Events) read line by line.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long a test waits for a rebuild's message.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// A running server, stopped when the test ends, whether it passed or not.
pub struct Server {
    child: Child,
    /// The port the system chose.
    pub port: u16,
    /// What it printed before the line that says where it serves, and that line.
    pub printed: Vec<String>,
    /// What it printed after that line.
    later: Arc<Mutex<Vec<String>>>,
}

/// A response: status line, headers (lowercase names) and body.
pub struct Response {
    /// Such as `HTTP/1.1 200 OK`.
    pub status: String,
    /// `name: value` lines, names in lowercase.
    pub headers: Vec<String>,
    /// The body as text.
    pub body: String,
}

impl Response {
    /// The value of the header `name` (lowercase).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find_map(|line| line.strip_prefix(&format!("{name}: ")))
    }
}

impl Server {
    /// Starts the server in `site` and waits until it says where it serves.
    pub fn start(site: &Path) -> Server {
        Server::start_with(site, &[])
    }

    /// Starts the server in `site` with more arguments, and waits until it says where it
    /// serves (at a loopback address, which the test connects to).
    pub fn start_with(site: &Path, more: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_stepwise"))
            .args(["serve", "--port", "0"])
            .args(more)
            .current_dir(site)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the stepwise binary runs");
        let stdout = child.stdout.take().expect("its output");
        let mut lines = BufReader::new(stdout).lines().map_while(Result::ok);
        let mut printed = Vec::new();
        for line in lines.by_ref() {
            printed.push(line);
            if printed
                .last()
                .is_some_and(|line| line.starts_with("serving "))
            {
                break;
            }
        }
        let line = printed.last().cloned().unwrap_or_default();
        assert!(
            line.starts_with("serving "),
            "the server says where it serves: {printed:?}"
        );
        // The rest of its output is read away, so that it never blocks on a full pipe, kept,
        // and shown with a failing test's output.
        let later = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&later);
        std::thread::spawn(move || {
            for line in lines {
                eprintln!("serve: {line}");
                kept.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(line);
            }
        });
        let port = line
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        Server {
            child,
            port,
            printed,
            later,
        }
    }

    /// `GET path` with the raw `path` as it is sent; panics when no answer came within
    /// [`PATIENCE`].
    pub fn get(&self, path: &str) -> Response {
        let request =
            format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        self.raw(request.as_bytes())
    }

    /// The answer to `request`, sent byte for byte; panics when no answer came within
    /// [`PATIENCE`].
    pub fn raw(&self, request: &[u8]) -> Response {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        // A server that never answers fails the test instead of hanging it.
        stream.set_read_timeout(Some(PATIENCE)).expect("a timeout");
        stream.write_all(request).expect("send");
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("read");
        let response = String::from_utf8_lossy(&bytes);
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        let mut lines = head.lines();
        Response {
            status: lines.next().unwrap_or_default().to_string(),
            headers: lines
                .map(|line| match line.split_once(": ") {
                    Some((name, value)) => format!("{}: {value}", name.to_ascii_lowercase()),
                    None => line.to_string(),
                })
                .collect(),
            body: body.to_string(),
        }
    }

    /// The server's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What the server printed since it said where it serves, line by line.
    pub fn later(&self) -> Vec<String> {
        self.later
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The server's status: the number of rebuilds and the last one's error.
    pub fn status(&self) -> Value {
        let response = self.get("/__stepwise/status");
        serde_json::from_str(&response.body).expect("the status is JSON")
    }

    /// Connects to the reload events; the first message is the greeting.
    pub fn events(&self) -> Events {
        self.events_at("/__stepwise/events")
    }

    /// Connects to the reload events as the reload script of the page at `address` does, so
    /// that the server counts the page as open.
    pub fn events_of(&self, address: &str) -> Events {
        let page: String = (address.bytes())
            .map(|byte| match byte {
                b'/' => "%2F".to_string(),
                _ => char::from(byte).to_string(),
            })
            .collect();
        self.events_at(&format!("/__stepwise/events?page={page}"))
    }

    fn events_at(&self, target: &str) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        let request = format!("GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n");
        stream.write_all(request.as_bytes()).expect("send");
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .expect("a timeout");
        let mut events = Events {
            reader: BufReader::new(stream),
            hello: Value::Null,
        };
        events.hello = events.next().expect("a greeting");
        assert_eq!(events.hello["type"], "hello", "{}", events.hello);
        events
    }

    /// Stops the server as Ctrl+C does; how it ended and how long that took.
    pub fn interrupt(&mut self) -> (std::process::ExitStatus, Duration) {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-INT", &pid]).status();
        assert!(sent.is_ok_and(|status| status.success()));
        let started = Instant::now();
        while started.elapsed() < PATIENCE {
            if let Some(status) = self.child.try_wait().expect("its state") {
                return (status, started.elapsed());
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        panic!("the server did not stop within {PATIENCE:?} of Ctrl+C");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The stream of reload events of a server.
pub struct Events {
    reader: BufReader<TcpStream>,
    /// The greeting: the number of rebuilds so far and the last one's error.
    pub hello: Value,
}

impl Events {
    /// The next message, or `None` when none came within [`PATIENCE`].
    pub fn next(&mut self) -> Option<Value> {
        self.next_within(PATIENCE)
    }

    /// The next message, or `None` when none came within `patience`.
    pub fn next_within(&mut self, patience: Duration) -> Option<Value> {
        let started = Instant::now();
        let mut line = String::new();
        while started.elapsed() < patience {
            match self.reader.read_line(&mut line) {
                Ok(0) => return None,
                Ok(_) => {
                    if let Some(data) = line.trim_end().strip_prefix("data: ") {
                        return Some(serde_json::from_str(data).expect("a message is JSON"));
                    }
                    line.clear();
                }
                // A timeout may leave part of a line read; the rest follows.
                Err(_) => {}
            }
        }
        None
    }
}
