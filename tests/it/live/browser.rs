//! The HTML report in a real browser: Debian's headless Chromium (scripts/test installs it)
//! takes a screenshot of the seed report in English and Chinese, kept under
//! `target/screenshots/` for CI to keep, and dumps the DOM of a copy of the page with a probe
//! script added (the report itself has none), which writes on every chart label the width the
//! browser drew it at and whether it stays inside its chart. The test holds those against the
//! box widths the report emits, and looks for each scenario's figures, worked out by hand from
//! the seed plan.

use crate::util::{Scratch, example, hostfit, s};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Chromium, from `HOSTFIT_CHROMIUM` or Debian's `/usr/bin/chromium`. When missing: a failure
/// under `HOSTFIT_LIVE=required`, else `None` after a line on stderr.
fn chromium(test: &str) -> Option<PathBuf> {
    let path = std::env::var_os("HOSTFIT_CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if path.is_file() {
        return Some(path);
    }
    let why = format!("'{}' is not there", path.display());
    if super::required() {
        panic!(
            "{test}: chromium is not installed ({why}) and HOSTFIT_LIVE=required; scripts/test installs it"
        );
    }
    let line = format!(
        "SKIP {test}: chromium is not installed ({why}); HOSTFIT_LIVE=required makes this a failure\n"
    );
    let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
    None
}

/// Runs headless Chromium on `page` with `extra` flags and a fresh profile; its standard output.
fn run_chromium(chromium: &Path, profile: &Path, extra: &[String], page: &Path) -> String {
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,4000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap_or_else(|e| panic!("cannot run '{}': {e}", chromium.display()));
    assert!(
        out.status.success(),
        "chromium failed with {}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Measures every chart label as drawn: its width, and whether it lies inside its chart.
const PROBE: &str = r#"<script>
for (const t of document.querySelectorAll('svg text')) {
  const svg = t.ownerSVGElement;
  const b = t.getBBox();
  const w = svg.viewBox.baseVal.width;
  t.setAttribute('data-measured', t.getComputedTextLength().toFixed(2));
  t.setAttribute('data-inside', (b.x >= -0.5 && b.x + b.width <= w + 0.5) ? 'yes' : 'no');
}
</script>"#;

/// An attribute of an element's opening tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[at..].split('"').next()
}

/// The labels of the chart of figure `id` in a dumped DOM: (text, box, estimate, measured, inside).
fn labels(dom: &str) -> Vec<(String, f64, f64, f64, String)> {
    dom.split("<text ")
        .skip(1)
        .map(|rest| {
            let (tag, after) = rest.split_once('>').unwrap_or((rest, ""));
            let text = after.split("</text>").next().unwrap_or("").to_string();
            let num = |n: &str| {
                attr(tag, n)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(f64::NAN)
            };
            let inside = attr(tag, "data-inside").unwrap_or("").to_string();
            (
                text,
                num("data-box"),
                num("data-width"),
                num("data-measured"),
                inside,
            )
        })
        .collect()
}

/// The DOM Chromium builds of `html` with the measuring probe added, as `--dump-dom` prints it.
fn probed_dom(chromium: &Path, dir: &Scratch, html: &str) -> String {
    let probed = dir.path("probed.html");
    std::fs::write(
        &probed,
        html.replace("</body>", &format!("{PROBE}\n</body>")),
    )
    .expect("the probed copy");
    run_chromium(
        chromium,
        &dir.path("profile-dom"),
        &["--dump-dom".into()],
        &probed,
    )
}

/// The part of the DOM inside `<figure id="ID">`.
fn figure<'a>(dom: &'a str, id: &str) -> &'a str {
    let start = dom
        .find(&format!("<figure id=\"{id}\""))
        .unwrap_or_else(|| panic!("no figure '{id}'"));
    let rest = &dom[start..];
    &rest[..rest.find("</figure>").unwrap_or(rest.len())]
}

/// hostfit run with `args` and `-o` a page in `dir`; the page's screenshot written to `shot`,
/// for a person to look at and CI to keep; and the DOM of its probed copy.
fn page_in_chromium(chromium: &Path, dir: &Scratch, args: &[&str], shot: &Path) -> String {
    let page = dir.path("page.html");
    let mut args = args.to_vec();
    args.extend_from_slice(&["-o", s(&page)]);
    let run = hostfit(&args);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(&page).expect("the page");
    let _ = std::fs::remove_file(shot);
    let arg = format!("--screenshot={}", shot.display());
    run_chromium(chromium, &dir.path("profile-shot"), &[arg], &page);
    probed_dom(chromium, dir, &html)
}

fn screenshots_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map_or_else(|| PathBuf::from("target"), Path::to_path_buf)
        .join("screenshots");
    std::fs::create_dir_all(&dir).expect("target/screenshots");
    dir
}

#[test]
fn html_report_in_chromium_live() {
    let test = "html_report_in_chromium_live";
    let Some(chromium) = chromium(test) else {
        return;
    };
    let plan = example("aliyun-2c2g").join("plan.yaml");
    let shots = screenshots_dir();
    for lang in ["en", "zh"] {
        let dir = Scratch::new(&format!("chromium-{lang}"));
        let shot = shots.join(format!("seed-{lang}.png"));
        let args = ["plan", s(&plan), "--format", "html", "--lang", lang];
        let dom = page_in_chromium(&chromium, &dir, &args, &shot);
        let png = std::fs::read(&shot).expect("chromium wrote the screenshot");
        assert!(
            png.starts_with(b"\x89PNG") && png.len() > 50_000,
            "{} bytes",
            png.len()
        );

        // Each scenario's memory demand, by hand from the plan's tiers (MB = MiB here): minimum
        // 150+120+150+400+400, standard 250+200+250+600+600, ideal 300+250+400+1024+1536,
        // shared-only 250; the host's 264 MiB available and 184 MiB reserve (10% of 1843).
        let memory = figure(&dom, "memory");
        for demand in ["+1220 MiB", "+1900 MiB", "+3510 MiB", "+250 MiB"] {
            assert!(
                memory.contains(demand),
                "{lang}: memory chart lacks '{demand}'"
            );
        }
        for figure in ["264 MiB", "184 MiB", "1843 MiB"] {
            assert!(
                memory.contains(figure),
                "{lang}: memory chart lacks '{figure}'"
            );
        }
        let demand = figure(&dom, "demand");
        for figure in ["1220 MiB", "1900 MiB", "3510 MiB", "250 MiB", "79.7 MiB"] {
            assert!(
                demand.contains(figure),
                "{lang}: demand chart lacks '{figure}'"
            );
        }
        for id in ["upgrade", "phased"] {
            assert!(figure(&dom, id).contains("<svg"), "{lang}: {id}");
        }

        labels_fit(lang, &dom, 60);
    }
}

/// No label wider than its box, nor outside its chart, as the browser drew it; at least `least`
/// labels.
fn labels_fit(lang: &str, dom: &str, least: usize) {
    let all = labels(dom);
    assert!(all.len() > least, "{lang}: only {} labels", all.len());
    for (text, box_width, estimate, measured, inside) in &all {
        assert!(measured.is_finite(), "{lang}: '{text}' was not measured");
        assert!(
            *measured <= box_width + 0.5,
            "{lang}: '{text}' is drawn {measured} wide in a box of {box_width}"
        );
        assert!(
            *measured <= estimate + 0.5,
            "{lang}: '{text}' is drawn {measured} wide, above its estimate {estimate}"
        );
        assert_eq!(inside, "yes", "{lang}: '{text}' lies outside its chart");
    }
}

/// The placement of the example fleet as a page, in Chromium: the chart of what each host takes
/// holds the figures worked out by hand in `place.rs` (web-2: 768 + 4 x 512 = 2816 MiB of a
/// 4332 MiB room), and no label overflows.
#[test]
fn place_report_in_chromium_live() {
    let test = "place_report_in_chromium_live";
    let Some(chromium) = chromium(test) else {
        return;
    };
    let fleet = example("fleet");
    let hosts = fleet.join("hosts").join("*.yaml").display().to_string();
    let shots = screenshots_dir();
    for lang in ["en", "zh"] {
        let dir = Scratch::new(&format!("chromium-place-{lang}"));
        let (plan, labels) = (fleet.join("plan.yaml"), fleet.join("labels.yaml"));
        let args = [
            "place",
            s(&plan),
            "--hosts",
            &hosts,
            "--host-labels",
            s(&labels),
            "--catalog",
            "aliyun",
            "--format",
            "html",
            "--lang",
            lang,
        ];
        let shot = shots.join(format!("fleet-{lang}.png"));
        let dom = page_in_chromium(&chromium, &dir, &args, &shot);
        let hosts = figure(&dom, "hosts");
        for figure in ["2816 MiB", "4332 MiB", "web-2", "db-1"] {
            assert!(
                hosts.contains(figure),
                "{lang}: hosts chart lacks '{figure}'"
            );
        }
        labels_fit(lang, &dom, 10);
    }
}
