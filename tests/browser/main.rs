//! A real browser opens the page that `obert render` writes: headless Chromium loads the
//! shipped plan's document, in Catalan and in English, and the test fails on any console
//! error (a Content-Security-Policy violation among them), on any request other than the
//! page itself, on a page wider than a phone, on a picture whose text is smaller than 11 px
//! or cut at its edge (on a computer and on a phone), or on a wrong `<html lang>`; printed,
//! every page must carry its number. It saves screenshots under `target/tmp/browser/` for a
//! person to look at.
//!
//! Chromium is driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
//! JSON messages ending in a NUL byte, read on fd 3 and written on fd 4), because its log
//! on stderr writes every console message of a page at one level, `INFO:CONSOLE`, whatever
//! the page asked for, and mixes it with the browser's own errors (D-Bus and the like,
//! on a machine without a desktop). Over DevTools each console message comes with its
//! level and source, from this page alone.
//!
//! Without a browser the tests print why and pass, except where `CI` is set: there
//! `.ci/run` installs Debian's chromium, so a missing browser is a failure.
//!
//! Starting a browser takes seconds, and needs one: this is a test target of its own that
//! `cargo test` leaves out (`test = false` in Cargo.toml). `cargo test --test browser` runs
//! it, and `.ci/run` does after the other tests.

// The integration tests' helpers, of which this test needs a few.
#[path = "../it/support/mod.rs"]
#[allow(dead_code, unused_imports)]
mod support;

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use support::tools::have;
use support::{SHIPPED_PLAN, obert_in};

/// The longest one browser may take over everything a test asks of it; then it is killed.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The flags that work on these machines as root, without a desktop or a network
/// (background networking would try, and fail at, lookups of Google's hosts).
const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
];

#[derive(Debug, Clone, Copy)]
struct Viewport {
    width: u32,
    height: u32,
    mobile: bool,
}

const DESKTOP: Viewport = Viewport {
    width: 1280,
    height: 900,
    mobile: false,
};

/// An ordinary phone held upright, in CSS pixels.
const PHONE: Viewport = Viewport {
    width: 390,
    height: 844,
    mobile: true,
};

#[test]
fn the_catalan_page_opens_in_a_browser_without_console_errors() {
    check_rendered_page(None, "ca");
}

#[test]
fn the_english_page_opens_in_a_browser_without_console_errors() {
    check_rendered_page(Some("en"), "en");
}

/// axe-core, the accessibility engine, finds no serious or critical violation of WCAG 2.1
/// A and AA (and axe's best practices) on either shipped plan's page, in every language
/// each declares, on a desktop and on a phone; and the headings go down one level at a time
/// (`heading-order`, which axe rates moderate).
#[test]
fn every_page_passes_axe_in_every_language() {
    let Some(chromium) = find_chromium() else {
        have("chromium", false);
        return;
    };
    let axe =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("target/tools/node_modules/axe-core/axe.min.js");
    if !have("axe-core (npm, in target/tools)", axe.is_file()) {
        return;
    }
    let axe = std::fs::read_to_string(&axe).expect("axe-core's script");
    let dir = output_dir();
    let mut problems = Vec::new();
    let mut pages = 0;
    for (plan, name, languages) in [
        (SHIPPED_PLAN, "catalunya", &["ca", "es", "en"][..]),
        (support::SHIPPED_SCOTLAND, "scotland", &["en"][..]),
    ] {
        let mut browser = Browser::launch(&chromium, &format!("axe-{name}"));
        for lang in languages {
            let page = dir.join(format!("axe-{name}-{lang}.html"));
            let page_arg = page.to_str().expect("a UTF-8 target folder");
            let rendered = obert_in(
                &dir,
                &["--plan", plan, "render", "-o", page_arg, "--lang", lang],
            );
            assert!(rendered.status.success(), "obert render failed");
            for viewport in [DESKTOP, PHONE] {
                let tab = browser.open(&file_url(&page), viewport);
                pages += 1;
                // The page's policy refuses scripts of its own; DevTools runs axe beside it.
                browser.evaluate(&tab, &axe);
                let found = browser.evaluate(
                    &tab,
                    r#"axe.run(document, {
                        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
                        resultTypes: ["violations"]
                    }).then(results => results.violations
                        .filter(v => v.impact === "serious" || v.impact === "critical" || v.id === "heading-order")
                        .map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length} places, first ${JSON.stringify(v.nodes[0].target)})`))"#,
                );
                for violation in found.as_array().expect("a list of violations") {
                    problems.push(format!(
                        "{name} {lang} at {} px: {}",
                        viewport.width,
                        violation.as_str().unwrap_or_default()
                    ));
                }
            }
        }
    }
    assert_eq!(pages, 8);
    assert!(
        problems.is_empty(),
        "axe-core finds:\n{}",
        problems.join("\n")
    );
}

/// Printed from the browser ("Print → Save as PDF"), the page numbers its pages: "3 / 34"
/// at the foot of each, from the style sheet's `@page` margin box.
#[test]
fn printed_from_the_browser_every_page_is_numbered() {
    let Some(chromium) = find_chromium() else {
        have("chromium", false);
        return;
    };
    if !have(
        "pdftotext (poppler-utils)",
        support::tools::runs("pdftotext", &["-v"]),
    ) {
        return;
    }
    let dir = output_dir();
    let page = dir.join("render-printed.html");
    let rendered = obert_in(
        &dir,
        &[
            "--plan",
            SHIPPED_PLAN,
            "render",
            "-o",
            page.to_str().expect("UTF-8"),
        ],
    );
    assert!(rendered.status.success());
    let mut browser = Browser::launch(&chromium, "render-printed");
    let tab = browser.open(&file_url(&page), DESKTOP);
    let printed = browser.call(
        Some(&tab),
        "Page.printToPDF",
        json!({ "displayHeaderFooter": false, "preferCSSPageSize": true }),
    );
    let pdf = dir.join("render-printed.pdf");
    std::fs::write(
        &pdf,
        base64_decode(printed["data"].as_str().expect("a PDF in base64")),
    )
    .expect("write the printed PDF");
    let text = Command::new("pdftotext")
        .args([pdf.to_str().expect("UTF-8"), "-"])
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() > 10, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        let number = format!("{} / {}", i + 1, pages.len());
        assert!(
            page.lines().any(|line| line.trim() == number),
            "printed page {} has no `{number}`",
            i + 1
        );
    }
}

/// The detector must see what it is there to catch, or the tests above would pass on a
/// browser that reports nothing: a script's `console.error`, an image from another site
/// that the rendered document's own Content-Security-Policy refuses, a picture whose text
/// is too small or cut, and a page wider than a phone.
#[test]
fn the_detector_sees_console_errors() {
    let Some(chromium) = find_chromium() else {
        have("chromium", false);
        return;
    };
    let dir = output_dir();
    let rendered = obert_in(&dir, &["--plan", SHIPPED_PLAN, "render", "-o", "-"]);
    assert!(rendered.status.success(), "obert render failed");
    let document = String::from_utf8(rendered.stdout).expect("a UTF-8 page");
    let policy = document
        .lines()
        .find(|line| line.contains(r#"http-equiv="Content-Security-Policy""#))
        .expect("the rendered page declares a Content-Security-Policy");
    let script = dir.join("detector-script.html");
    write_page(
        &script,
        "",
        r#"<p>A script that reports an error.</p><script>console.error("obert detector probe")</script>"#,
    );
    let image = dir.join("detector-image.html");
    write_page(
        &image,
        policy,
        r#"<p>An image from elsewhere.</p><img src="https://example.org/x.png" alt="">"#,
    );
    let tiny = dir.join("detector-picture.html");
    write_page(
        &tiny,
        "",
        r#"<figure style="width: 300px"><svg viewBox="0 0 600 50" style="width: 100%"><title>probe</title><text x="0" y="20" font-size="14">too small</text><text x="560" y="40" font-size="30">past the edge</text></svg></figure>"#,
    );
    let wide = dir.join("detector-wide.html");
    write_page(
        &wide,
        "",
        r#"<p>Wider than a phone.</p><div style="width: 1000px">wide</div>"#,
    );

    let mut browser = Browser::launch(&chromium, "detector");

    let tab = browser.open(&file_url(&script), DESKTOP);
    let errors = browser.console_errors(&tab);
    assert!(
        errors.iter().any(|e| e.contains("obert detector probe")),
        "the detector missed a script's console.error; it saw: {errors:#?}"
    );

    let tab = browser.open(&file_url(&image), DESKTOP);
    let errors = browser.console_errors(&tab);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("Content Security Policy") && e.contains("example.org")),
        "the detector missed the policy refusing an image from elsewhere; it saw: {errors:#?}"
    );
    let requests = browser.requests(&tab);
    assert!(
        requests.iter().any(|url| url.contains("example.org")),
        "the request detector missed the image from elsewhere; it saw: {requests:#?}"
    );

    let tab = browser.open(&file_url(&tiny), DESKTOP);
    let problems = unreadable_pictures(&mut browser, &tab, "here");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("too small") && p.contains("7.0 px"))
            && problems
                .iter()
                .any(|p| p.contains("past the edge") && p.contains("edge")),
        "the picture check missed small or cut text; it saw: {problems:#?}"
    );

    let tab = browser.open(&file_url(&wide), PHONE);
    let overflow = sideways_overflow(&mut browser, &tab);
    assert!(
        overflow.is_some(),
        "the overflow check missed a page wider than a phone"
    );
}

/// Renders the shipped plan in `lang` (the plan's first language when `None`), opens it
/// on a desktop and on a phone, and checks what a reader would get.
fn check_rendered_page(lang: Option<&str>, expected_lang: &str) {
    let Some(chromium) = find_chromium() else {
        have("chromium", false);
        return;
    };
    let dir = output_dir();
    let page = dir.join(format!("render-{expected_lang}.html"));
    let page_arg = page.to_str().expect("a UTF-8 target folder");
    let mut args = vec!["--plan", SHIPPED_PLAN, "render", "-o", page_arg];
    if let Some(lang) = lang {
        args.extend(["--lang", lang]);
    }
    let rendered = obert_in(&dir, &args);
    assert!(
        rendered.status.success(),
        "obert render failed: {}",
        String::from_utf8_lossy(&rendered.stderr)
    );

    let url = file_url(&page);
    let mut browser = Browser::launch(&chromium, &format!("render-{expected_lang}"));
    let tab = browser.open(&url, DESKTOP);

    let desktop = dir.join(format!("render-{expected_lang}.png"));
    browser.screenshot(&tab, &desktop);
    let mut pictures = unreadable_pictures(&mut browser, &tab, "on a computer");
    browser.resize(&tab, PHONE);
    let phone = dir.join(format!("render-{expected_lang}-phone.png"));
    browser.screenshot(&tab, &phone);
    let overflow = sideways_overflow(&mut browser, &tab);
    pictures.extend(unreadable_pictures(&mut browser, &tab, "on a phone"));

    let mut problems: Vec<String> = browser
        .console_errors(&tab)
        .into_iter()
        .map(|error| format!("a console error: {error}"))
        .collect();
    // The DOM as the browser built it, as `--dump-dom` would print it.
    let dom = browser.evaluate(&tab, "document.documentElement.outerHTML");
    let dom = dom.as_str().expect("outerHTML is a string");
    let opening = format!(r#"<html lang="{expected_lang}">"#);
    if !dom.starts_with(&opening) {
        problems.push(format!(
            "the page should open with {opening}; it opens with {:?}",
            dom.chars().take(80).collect::<String>()
        ));
    }
    let charset = browser.evaluate(&tab, "document.characterSet");
    if charset != "UTF-8" {
        problems.push(format!(
            "the browser reads the page as {charset}, not UTF-8"
        ));
    }
    let text = browser.evaluate(&tab, "document.body.innerText");
    let text = text.as_str().expect("innerText is a string");
    if text.len() < 1000 {
        problems.push(format!("the page shows only {} bytes of text", text.len()));
    }
    if text.contains('\u{FFFD}') {
        problems.push("the page shows a character it could not decode (U+FFFD)".to_owned());
    }
    problems.extend(
        browser
            .requests(&tab)
            .into_iter()
            .filter(|requested| *requested != url)
            .map(|requested| format!("a request for more than the page itself: {requested}")),
    );
    problems.extend(pictures);
    if let Some(overflow) = overflow {
        problems.push(format!(
            "on a phone {} px wide the page scrolls sideways: {overflow}",
            PHONE.width
        ));
    }
    // Where to look at the page by eye: libtest shows this with `--nocapture`.
    let _ = writeln!(
        std::io::stderr(),
        "browser test: {} opened; screenshots {} and {}",
        page.display(),
        desktop.display(),
        phone.display()
    );
    assert!(
        problems.is_empty(),
        "in a browser, {}:\n{}",
        page.display(),
        problems.join("\n")
    );
    assert_png(&desktop, DESKTOP.width);
    assert_png(&phone, PHONE.width);
}

/// The page's width beyond the viewport, with the elements that stick out (those not
/// inside a box of their own that scrolls or clips), when it scrolls sideways.
fn sideways_overflow(browser: &mut Browser, tab: &Tab) -> Option<String> {
    let found = browser.evaluate(
        tab,
        r#"(() => {
            const root = document.documentElement;
            const width = root.clientWidth;
            if (root.scrollWidth <= width) return null;
            const contained = (element) => {
                for (let p = element.parentElement; p && p !== document.body; p = p.parentElement) {
                    if (getComputedStyle(p).overflowX !== "visible") return true;
                }
                return false;
            };
            const out = [];
            for (const element of document.body.querySelectorAll("*")) {
                const box = element.getBoundingClientRect();
                if ((box.right > width + 0.5 || box.left < -0.5) && !contained(element)) {
                    out.push(`<${element.tagName.toLowerCase()} class="${element.getAttribute("class") || ""}"> `
                        + `from ${Math.round(box.left)} to ${Math.round(box.right)} px: `
                        + JSON.stringify((element.textContent || "").trim().slice(0, 60)));
                }
            }
            return `${root.scrollWidth} px of content in ${width} px; ${out.length} elements stick out:\n`
                + out.slice(0, 20).join("\n");
        })()"#,
    );
    found.as_str().map(str::to_owned)
}

/// What is wrong with the pictures the page shows at its current size: a picture wider than
/// its figure, text drawn smaller than 11 px, or text that runs past its picture's edge
/// (where an `<svg>` clips it).
fn unreadable_pictures(browser: &mut Browser, tab: &Tab, on: &str) -> Vec<String> {
    let found = browser.evaluate(
        tab,
        r#"(() => {
            const problems = [];
            for (const svg of document.querySelectorAll("figure svg")) {
                if (getComputedStyle(svg).display === "none") continue;
                const box = svg.getBoundingClientRect();
                const figure = svg.closest("figure").getBoundingClientRect();
                const name = svg.querySelector("title").textContent.slice(0, 50);
                if (box.right > figure.right + 0.5 || box.left < figure.left - 0.5) {
                    problems.push(`"${name}" is wider than its figure`);
                }
                const scale = box.width / svg.viewBox.baseVal.width;
                for (const text of svg.querySelectorAll("text")) {
                    const size = parseFloat(text.getAttribute("font-size")) * scale;
                    const drawn = text.getBoundingClientRect();
                    const words = JSON.stringify(text.textContent.slice(0, 40));
                    if (size < 11) {
                        problems.push(`"${name}": ${words} is drawn ${size.toFixed(1)} px high`);
                    }
                    if (drawn.right > box.right + 0.5 || drawn.left < box.left - 0.5) {
                        problems.push(`"${name}": ${words} runs past the picture's edge`);
                    }
                }
            }
            return problems;
        })()"#,
    );
    found
        .as_array()
        .expect("a list of problems")
        .iter()
        .map(|problem| format!("{on}, {}", problem.as_str().unwrap_or_default()))
        .collect()
}

fn assert_png(path: &Path, width: u32) {
    let bytes =
        std::fs::read(path).unwrap_or_else(|e| panic!("no screenshot {}: {e}", path.display()));
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() > 24,
        "{} is not a PNG",
        path.display()
    );
    assert!(
        bytes.len() > 10 * 1024,
        "{} is only {} bytes: an empty page?",
        path.display(),
        bytes.len()
    );
    let png_width = u32::from_be_bytes(bytes[16..20].try_into().expect("four bytes"));
    assert_eq!(png_width, width, "{} has the wrong width", path.display());
}

/// Debian's `/usr/bin/chromium`, or a `chromium` on PATH.
fn find_chromium() -> Option<PathBuf> {
    let debian = Path::new("/usr/bin/chromium");
    if debian.is_file() {
        return Some(debian.to_path_buf());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|folder| folder.join("chromium"))
        .find(|candidate| candidate.is_file())
}

/// `target/tmp/browser/`, where the pages, screenshots and browser logs stay for a person.
fn output_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).expect("a folder under target/");
    dir
}

fn write_page(path: &Path, head: &str, body: &str) {
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n{head}\n\
         <title>detector</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    );
    std::fs::write(path, page).expect("a page under target/");
}

fn file_url(path: &Path) -> String {
    let path = path.to_str().expect("a UTF-8 path");
    let mut url = String::from("file://");
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"/-_.~".contains(&byte) {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// A page opened in the browser: its DevTools session and its target.
#[derive(Debug)]
struct Tab {
    session: String,
}

/// One headless Chromium, its DevTools pipe, and every event it sent.
struct Browser {
    child: Child,
    to_browser: ChildStdin,
    from_browser: mpsc::Receiver<Result<Value, String>>,
    events: Vec<Value>,
    next_id: u64,
    deadline: Instant,
    log: PathBuf,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn launch(chromium: &Path, name: &str) -> Browser {
        let profile = tempfile::tempdir().expect("a fresh profile folder");
        let log = output_dir().join(format!("chromium-{name}.log"));
        let stderr = std::fs::File::create(&log).expect("a log file under target/");
        // The DevTools pipe is the browser's fd 3 (commands in) and fd 4 (answers out):
        // the shell moves the two pipes there from stdin and stdout, so no unsafe code.
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(r#"exec "$0" "$@" 3<&0 4>&1 0</dev/null 1>&2"#)
            .arg(chromium)
            .args(FLAGS)
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", chromium.display()));
        let to_browser = child.stdin.take().expect("the pipe into the browser");
        let out = child.stdout.take().expect("the pipe out of the browser");
        let (sender, from_browser) = mpsc::channel();
        std::thread::spawn(move || {
            let mut out = BufReader::new(out);
            let mut message = Vec::new();
            loop {
                message.clear();
                match out.read_until(0, &mut message) {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
                if message.last() == Some(&0) {
                    message.pop();
                }
                let parsed = serde_json::from_slice(&message).map_err(|e| {
                    format!(
                        "{e} in {:?}",
                        String::from_utf8_lossy(&message)
                            .chars()
                            .take(200)
                            .collect::<String>()
                    )
                });
                if sender.send(parsed).is_err() {
                    return;
                }
            }
        });
        Browser {
            child,
            to_browser,
            from_browser,
            events: Vec::new(),
            next_id: 0,
            deadline: Instant::now() + TIMEOUT,
            log,
            _profile: profile,
        }
    }

    /// Opens `url` in a new tab of `viewport`'s size and waits for its load event.
    fn open(&mut self, url: &str, viewport: Viewport) -> Tab {
        let target = self.call(None, "Target.createTarget", json!({ "url": "about:blank" }));
        let target_id = target["targetId"].clone();
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target_id, "flatten": true }),
        );
        let tab = Tab {
            session: attached["sessionId"]
                .as_str()
                .expect("a DevTools session")
                .to_owned(),
        };
        for domain in ["Runtime", "Log", "Page", "Network"] {
            self.call(Some(&tab), &format!("{domain}.enable"), json!({}));
        }
        self.resize(&tab, viewport);
        let from = self.events.len();
        let navigated = self.call(Some(&tab), "Page.navigate", json!({ "url": url }));
        if let Some(error) = navigated.get("errorText") {
            panic!("chromium cannot open {url}: {error}");
        }
        while !self.events[from..]
            .iter()
            .any(|e| e["method"] == "Page.loadEventFired" && e["sessionId"] == tab.session.as_str())
        {
            let event = self.receive("the page's load event");
            self.events.push(event);
        }
        self.evaluate(&tab, "document.fonts.ready.then(() => true)");
        tab
    }

    fn resize(&mut self, tab: &Tab, viewport: Viewport) {
        self.call(
            Some(tab),
            "Emulation.setDeviceMetricsOverride",
            json!({
                "width": viewport.width,
                "height": viewport.height,
                "deviceScaleFactor": 1,
                "mobile": viewport.mobile,
            }),
        );
    }

    /// What `expression` gives in the page (DevTools runs it whatever the page's policy).
    fn evaluate(&mut self, tab: &Tab, expression: &str) -> Value {
        let result = self.call(
            Some(tab),
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        );
        if let Some(exception) = result.get("exceptionDetails") {
            panic!("evaluating {expression:?} in the page threw: {exception}");
        }
        result["result"]["value"].clone()
    }

    /// Saves what the viewport shows as a PNG.
    fn screenshot(&mut self, tab: &Tab, path: &Path) {
        let shot = self.call(
            Some(tab),
            "Page.captureScreenshot",
            json!({ "format": "png" }),
        );
        let data = shot["data"].as_str().expect("a screenshot in base64");
        std::fs::write(path, base64_decode(data))
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }

    /// Every console error the tab has had, one line each: `console.error` and failed
    /// `console.assert` calls, uncaught exceptions, and the browser's own error entries
    /// (a Content-Security-Policy violation, a resource that failed to load). Any entry
    /// that names the policy counts, whatever its level. Only this tab's events count,
    /// never what the browser logs about itself.
    fn console_errors(&mut self, tab: &Tab) -> Vec<String> {
        // A round trip, so that whatever the page said before it has arrived.
        self.evaluate(tab, "0");
        let mut errors = Vec::new();
        for event in self.events_of(tab) {
            let params = &event["params"];
            match event["method"].as_str() {
                Some("Runtime.consoleAPICalled")
                    if matches!(params["type"].as_str(), Some("error" | "assert")) =>
                {
                    let words: Vec<String> = params["args"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|arg| match &arg["value"] {
                            Value::String(text) => text.clone(),
                            Value::Null => arg["description"].as_str().unwrap_or("").to_owned(),
                            other => other.to_string(),
                        })
                        .collect();
                    errors.push(format!(
                        "console.{}: {}",
                        params["type"].as_str().unwrap_or(""),
                        words.join(" ")
                    ));
                }
                Some("Runtime.exceptionThrown") => {
                    let details = &params["exceptionDetails"];
                    let text = details["exception"]["description"]
                        .as_str()
                        .or(details["text"].as_str())
                        .unwrap_or("an exception");
                    errors.push(format!("uncaught: {text}"));
                }
                Some("Log.entryAdded") => {
                    let entry = &params["entry"];
                    let text = entry["text"].as_str().unwrap_or("");
                    if entry["level"] == "error" || text.contains("Content Security Policy") {
                        errors.push(format!(
                            "{} {}: {text} ({})",
                            entry["source"].as_str().unwrap_or("browser"),
                            entry["level"].as_str().unwrap_or(""),
                            entry["url"].as_str().unwrap_or("")
                        ));
                    }
                }
                _ => {}
            }
        }
        errors
    }

    /// Every URL the tab asked for, the page's own included, refused ones too.
    fn requests(&self, tab: &Tab) -> Vec<String> {
        self.events_of(tab)
            .filter(|event| event["method"] == "Network.requestWillBeSent")
            .filter_map(|event| event["params"]["request"]["url"].as_str())
            .map(str::to_owned)
            .collect()
    }

    fn events_of<'a>(&'a self, tab: &'a Tab) -> impl Iterator<Item = &'a Value> + 'a {
        self.events
            .iter()
            .filter(move |event| event["sessionId"] == tab.session.as_str())
    }

    /// Sends one command and waits for its answer, keeping the events that come first.
    fn call(&mut self, tab: Option<&Tab>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(tab) = tab {
            message["sessionId"] = json!(tab.session);
        }
        let mut bytes = serde_json::to_vec(&message).expect("a command as JSON");
        bytes.push(0);
        if let Err(e) = self
            .to_browser
            .write_all(&bytes)
            .and_then(|()| self.to_browser.flush())
        {
            panic!(
                "cannot send {method} to chromium ({e}); {}",
                self.log_tail()
            );
        }
        loop {
            let answer = self.receive(method);
            if answer["id"] == id {
                if let Some(error) = answer.get("error") {
                    panic!("chromium refused {method}: {error}");
                }
                return answer["result"].clone();
            }
            self.events.push(answer);
        }
    }

    fn receive(&mut self, waiting_for: &str) -> Value {
        let left = self.deadline.saturating_duration_since(Instant::now());
        match self.from_browser.recv_timeout(left) {
            Ok(Ok(message)) => message,
            Ok(Err(garbled)) => panic!("chromium sent a message that is not JSON: {garbled}"),
            Err(RecvTimeoutError::Timeout) => {
                let _ = self.child.kill();
                panic!(
                    "chromium took over {} s, waiting for {waiting_for}, and was killed; {}",
                    TIMEOUT.as_secs(),
                    self.log_tail()
                )
            }
            Err(RecvTimeoutError::Disconnected) => {
                panic!(
                    "chromium closed its DevTools pipe while we waited for {waiting_for}; {}",
                    self.log_tail()
                )
            }
        }
    }

    fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        format!(
            "the end of its log {}:\n{}",
            self.log.display(),
            lines[lines.len().saturating_sub(20)..].join("\n")
        )
    }
}

impl Drop for Browser {
    /// Closes the browser, and kills it when it does not close within a few seconds.
    fn drop(&mut self) {
        self.next_id += 1;
        let close = json!({ "id": self.next_id, "method": "Browser.close", "params": {} });
        let mut bytes = close.to_string().into_bytes();
        bytes.push(0);
        let _ = self
            .to_browser
            .write_all(&bytes)
            .and_then(|()| self.to_browser.flush());
        let until = Instant::now() + Duration::from_secs(5);
        while Instant::now() < until {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Standard base64, as DevTools sends a screenshot.
fn base64_decode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut bits, mut count) = (0u32, 0u32);
    for byte in text.bytes().filter(|byte| *byte != b'=') {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            other => panic!("a screenshot that is not base64: byte {other}"),
        };
        bits = (bits << 6 | u32::from(value)) & 0xFFFF;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    out
}
