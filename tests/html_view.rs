//! The interactive HTML view, opened in a real headless browser (Debian's Chromium, driven
//! through ChromeDriver's WebDriver protocol) and checked through its page as a reader uses it:
//! the actors are drawn, the search finds "Erdogan", a date filter hides the claims outside
//! it, and a click on a tie lists its quotes. Each test saves a screenshot under
//! `target/html-view/`.
//!
//! WebDriver is JSON over HTTP on a local port; the few requests these tests make are written
//! by hand over a `TcpStream`, which needs no HTTP client crate.

#![cfg(unix)]

mod common;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// A ChromeDriver and one browser session, both ended on drop.
struct Browser {
    driver: Child,
    port: u16,
    session: String,
    profile: PathBuf,
}

/// The key WebDriver names an element reference by.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

impl Browser {
    fn start(name: &str) -> Browser {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver is installed (.ci/setup installs chromium-driver)");
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile =
            std::env::temp_dir().join(format!("dyad-chromium-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&profile);
        let mut b = Browser {
            driver,
            port,
            session: String::new(),
            profile,
        };
        // The flags keep Chromium off the network, which this machine closes: without them it
        // spends its start trying to reach Google's services.
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                         "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync",
                         "--window-size=1400,900",
                         format!("--user-data-dir={}", b.profile.display())]
            }
        }}});
        let v = b.request("POST", "/session", Some(caps));
        b.session = v["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {v}"))
            .to_string();
        b
    }

    /// One WebDriver request; returns its `value`.
    fn request(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        // ChromeDriver keeps the connection open whatever the request says, so the response is
        // read by its length rather than to the end of the stream.
        let mut raw = Vec::new();
        let mut buf = [0u8; 65536];
        let head_end = loop {
            let n = read_some(&mut s, &mut buf).unwrap_or_else(|e| {
                panic!("reading ChromeDriver's answer to {method} {path}: {e}")
            });
            assert!(n > 0, "ChromeDriver closed the connection");
            raw.extend_from_slice(&buf[..n]);
            if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
        };
        let head = String::from_utf8_lossy(&raw[..head_end]).to_ascii_lowercase();
        let chunked = head.contains("transfer-encoding: chunked");
        let length = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .map(|v| v.trim().parse::<usize>().unwrap());
        loop {
            let have = raw.len() - head_end;
            let done = match length {
                Some(len) => have >= len,
                None => chunked && raw.ends_with(b"0\r\n\r\n"),
            };
            if done {
                break;
            }
            let n = read_some(&mut s, &mut buf).unwrap_or_else(|e| {
                panic!("reading ChromeDriver's answer to {method} {path}: {e}")
            });
            if n == 0 {
                break;
            }
            raw.extend_from_slice(&buf[..n]);
        }
        let rest = String::from_utf8_lossy(&raw[head_end..]).to_string();
        let body = if chunked { dechunk(&rest) } else { rest };
        let v: Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
        v["value"].clone()
    }

    fn path(&self, rest: &str) -> String {
        format!("/session/{}{rest}", self.session)
    }

    fn open(&self, file: &Path) {
        let url = format!("file://{}", file.display());
        self.request("POST", &self.path("/url"), Some(json!({ "url": url })));
    }

    /// Runs a script in the page and returns what it returns.
    fn run(&self, script: &str) -> Value {
        self.request(
            "POST",
            &self.path("/execute/sync"),
            Some(json!({"script": script, "args": []})),
        )
    }

    fn element(&self, css: &str) -> String {
        let v = self.request(
            "POST",
            &self.path("/element"),
            Some(json!({"using": "css selector", "value": css})),
        );
        v[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no {css}: {v}"))
            .to_string()
    }

    fn type_into(&self, css: &str, text: &str) {
        let e = self.element(css);
        self.request(
            "POST",
            &self.path(&format!("/element/{e}/value")),
            Some(json!({ "text": text })),
        );
    }

    /// A mouse click at a point of the page, as a person's.
    fn click_at(&self, x: f64, y: f64) {
        let actions = json!({"actions": [{"type": "pointer", "id": "mouse",
        "parameters": {"pointerType": "mouse"},
        "actions": [
            {"type": "pointerMove", "x": x.round() as i64, "y": y.round() as i64, "origin": "viewport"},
            {"type": "pointerDown", "button": 0},
            {"type": "pointerUp", "button": 0}
        ]}]});
        self.request("POST", &self.path("/actions"), Some(actions));
    }

    /// Saves a screenshot and returns its size in bytes.
    fn screenshot(&self, name: &str) -> usize {
        let b64 = self.request("GET", &self.path("/screenshot"), None);
        let png = base64(b64.as_str().unwrap());
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-view");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), &png).unwrap();
        png.len()
    }

    /// Waits until a script returns true.
    fn wait_for(&self, script: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.run(script) != json!(true) {
            assert!(Instant::now() < deadline, "never true: {script}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.request("DELETE", &format!("/session/{}", self.session), None)
            }));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// One read, repeated when a signal interrupts it (`read` alone returns the interruption).
fn read_some(s: &mut TcpStream, buf: &mut [u8]) -> std::io::Result<usize> {
    loop {
        match s.read(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

fn dechunk(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&tail[..n]);
        rest = tail[n..].trim_start_matches("\r\n");
    }
    out
}

fn base64(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let bytes: Vec<u8> = s
        .bytes()
        .filter(|c| *c != b'=' && !c.is_ascii_whitespace())
        .collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let v: Vec<u32> = chunk.iter().map(|c| u32::from(value(*c))).collect();
        let n = v
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, x)| acc | (x << (18 - 6 * i)));
        out.extend(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

/// Writes an HTML export with the real binary, as a user would, and returns its path.
fn export(name: &str, query: Option<&str>) -> PathBuf {
    let file = std::env::temp_dir().join(format!("dyad-view-{name}-{}.html", std::process::id()));
    let mut args = vec!["export", "html", "-o", file.to_str().unwrap()];
    if let Some(q) = query {
        args.extend(["-c", q]);
    }
    let o = common::dyad(&args, "");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    file
}

#[test]
fn the_whole_graph_view_draws_every_actor_and_finds_erdogan_offline() {
    let file = export("whole", None);
    let page = std::fs::read_to_string(&file).unwrap();
    // Nothing at view time comes from the network.
    assert!(!page.contains("src=\"http") && !page.contains("href=\"http"));
    let b = Browser::start("whole");
    b.open(&file);
    b.wait_for("return !!window.dyadView");
    let db = dyad::load_embedded().unwrap();
    let g = dyad::export::Subgraph::whole(&db, true);
    let drawn = b.run("return dyadView.cy.nodes(':visible').length");
    assert_eq!(drawn, json!(g.actors.len()));
    assert!(b
        .run("return document.getElementById('counts').textContent")
        .as_str()
        .unwrap()
        .starts_with(&format!(
            "{} actors, {} ties",
            g.actors.len(),
            g.edges.len()
        )));
    // The search folds accents: "Erdogan" finds Recep Tayyip Erdoğan's spelling as an alias.
    b.type_into("#search", "Erdogan");
    let matches = b
        .run("return Array.from(document.querySelectorAll('#matches li')).map(l => l.textContent)");
    assert!(
        matches
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m == "Turkey — Recep Tayyip Erdoğan"),
        "Erdoğan is drawn as Turkey when people roll up, and the match says so: {matches}"
    );
    // Picking the match opens Turkey's card, which names him.
    b.run("document.querySelector('#matches li').click(); return null");
    let card = b.run("return document.getElementById('panel').innerText");
    assert!(
        card.as_str().unwrap().contains("Recep Tayyip Erdoğan"),
        "{card}"
    );
    assert!(b.screenshot("whole") > 20_000);
    // With `--top`, the page says how many actors it left out.
    let top = std::env::temp_dir().join(format!("dyad-view-top-{}.html", std::process::id()));
    let o = common::dyad(
        &["export", "html", "--top", "10", "-o", top.to_str().unwrap()],
        "",
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    b.open(&top);
    b.wait_for("return !!window.dyadView");
    let counts = b.run("return document.getElementById('counts').textContent");
    assert_eq!(
        counts,
        json!(format!(
            "10 actors, {} ties, {} claims shown; {} less connected actors left out",
            b.run("return dyadView.cy.edges(':visible').length"),
            b.run(
                "return document.getElementById('counts').textContent.split(', ')[2].split(' ')[0]"
            )
            .as_str()
            .unwrap(),
            g.actors.len() - 10
        ))
    );
}

#[test]
fn a_date_filter_hides_the_claims_outside_it() {
    let file = export("dates", Some("neighbors Turkey"));
    let b = Browser::start("dates");
    b.open(&file);
    b.wait_for("return !!window.dyadView");
    let claims = |b: &Browser| {
        b.run("return Number(document.getElementById('counts').textContent.split(', ')[2].split(' ')[0])")
            .as_u64()
            .unwrap()
    };
    let before = claims(&b);
    // Move the "from" slider to the last month the claims reach, as a person drags it.
    b.run(
        "const f = document.getElementById('date-from'); f.value = f.max; \
         f.dispatchEvent(new Event('input')); return null",
    );
    let after = claims(&b);
    assert!(after < before, "{after} of {before} claims left");
    // What should be left, worked out from the data in Rust: a claim stays when its date may
    // fall on or after the first day of the last month any claim reaches (undated ones stay).
    let db = dyad::load_embedded().unwrap();
    let a = dyad::answer::run(&db, "neighbors Turkey").unwrap();
    let g = dyad::export::Subgraph::of(&db, &a).unwrap();
    let data = dyad::export::view_data(&db, &g);
    let all: Vec<&Value> = data["edges"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["claims"].as_array().unwrap())
        .collect();
    assert_eq!(all.len() as u64, before);
    let last = all
        .iter()
        .flat_map(|c| [c.get("earliest"), c.get("latest")])
        .flatten()
        .map(|d| d.as_str().unwrap()[..7].to_string())
        .max()
        .unwrap();
    let from = format!("{last}-01");
    let expected = all
        .iter()
        .filter(|c| {
            c.get("latest")
                .is_none_or(|l| l.as_str().unwrap() >= from.as_str())
        })
        .count();
    assert_eq!(after, expected as u64);
    // A tie's panel lists only the claims in the window.
    let listed = b.run(
        "const e = dyadView.cy.edges(':visible')[0]; dyadView.tie(e.id()); \
         return document.querySelectorAll('#panel .claim').length",
    );
    assert!(listed.as_u64().unwrap() >= 1);
    b.screenshot("dates");
}

#[test]
fn clicking_a_tie_lists_its_claims_with_quotes_and_citations() {
    let file = export("path", Some("path Turkey SDF via conflict"));
    let b = Browser::start("path");
    b.open(&file);
    b.wait_for("return !!window.dyadView");
    // Where the tie between Turkey and the Kurds is drawn on the page.
    let at = b.run(
        "const cy = dyadView.cy; const e = cy.edges().filter(e => \
           [e.source().id(), e.target().id()].sort().join() === 'kurds,turkey')[0]; \
         const m = e.renderedMidpoint(); const r = cy.container().getBoundingClientRect(); \
         return [r.left + m.x, r.top + m.y]",
    );
    let (x, y) = (at[0].as_f64().unwrap(), at[1].as_f64().unwrap());
    b.click_at(x, y);
    b.wait_for("return document.querySelectorAll('#panel blockquote').length > 0");
    let panel = b.run("return document.getElementById('panel').innerText");
    let panel = panel.as_str().unwrap();
    assert!(
        panel.contains("Turkey") && panel.contains("Kurds"),
        "{panel}"
    );
    assert!(panel.contains("[iran_update#34]"), "the citation: {panel}");
    assert!(
        panel.contains("Turkish-backed offensives"),
        "the quote: {panel}"
    );
    b.screenshot("tie");
}
