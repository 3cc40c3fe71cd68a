//! `hostfit scan --format text`: a snapshot as tables a person reads, in English or Chinese. Writes
//! only to the writer it is given; it measures nothing and decides nothing about fit. The
//! snapshot's warnings are worded from their codes and values (`Msg::scan_warning`).

mod engines;

use super::messages::{Lang, Msg};
use super::signed_bytes;
use crate::model::{Bytes, Protocol, Snapshot, Workload};
use crate::plan::reconcile;
use comfy_table::{CellAlignment, ContentArrangement, Table, presets};
use std::fmt::Display;
use std::io::{self, Write};

/// The snapshot as text: the host's figures, its disks, listening ports and workloads, where the
/// memory is, and the warnings of the scan.
pub fn write_text(snapshot: &Snapshot, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let msg = Msg::new(lang);
    let host = &snapshot.host;
    writeln!(
        out,
        "{}",
        msg.f(
            "scan.title",
            &[
                ("host", host.name.clone()),
                ("taken_at", host.taken_at.clone()),
            ],
        )
    )?;
    writeln!(out, "{}", host_table(snapshot, &msg))?;

    section(out, &msg.t("scan.sec.disks"))?;
    if host.disks.is_empty() {
        none(out, &msg)?;
    } else {
        let mut disks = new_table(
            &msg,
            &[
                "scan.col.mount",
                "scan.col.device",
                "scan.col.fstype",
                "scan.col.total",
                "scan.col.used",
                "scan.col.available",
            ],
        );
        for d in &host.disks {
            disks.add_row(vec![
                d.mount.clone(),
                or_dash(d.device.as_deref()),
                or_dash(d.fstype.as_deref()),
                d.total.to_string(),
                d.used.to_string(),
                d.available.to_string(),
            ]);
        }
        align_right(&mut disks, 3);
        writeln!(out, "{disks}")?;
    }

    section(out, &msg.t("scan.sec.ports"))?;
    if host.listening_ports.is_empty() {
        none(out, &msg)?;
    } else {
        let mut ports = new_table(
            &msg,
            &[
                "scan.col.port",
                "scan.col.protocol",
                "scan.col.address",
                "scan.col.process",
            ],
        );
        for p in &host.listening_ports {
            ports.add_row(vec![
                p.port.to_string(),
                or_dash(p.protocol.map(protocol)),
                or_dash(p.address.as_deref()),
                or_dash(p.process.as_deref()),
            ]);
        }
        writeln!(out, "{ports}")?;
    }

    section(out, &msg.t("scan.sec.workloads"))?;
    if snapshot.workloads.is_empty() {
        none(out, &msg)?;
    } else {
        writeln!(out, "{}", workload_table(&snapshot.workloads, &msg))?;
    }
    if let Some((table, formulas)) = engines::databases(snapshot, &msg) {
        section(out, &msg.t("scan.sec.engines"))?;
        writeln!(out, "{table}")?;
        for f in formulas {
            writeln!(out, "  {f}")?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", memory_line(snapshot, &msg))?;
    if let Some(sampled) = &snapshot.sampled {
        super::history::write_sampled(sampled, &msg, out)?;
    }

    if !snapshot.warnings.is_empty() {
        section(out, &msg.t("sec.warnings"))?;
        for w in &snapshot.warnings {
            writeln!(out, "  - {}", msg.scan_warning(w))?;
        }
    }
    Ok(())
}

/// One row per figure the host has: the ones a scan could not read are left out.
fn host_table(snapshot: &Snapshot, msg: &Msg) -> Table {
    let h = &snapshot.host;
    let m = &h.memory;
    let mut rows: Vec<(String, String)> = Vec::new();
    if let Some(arch) = h.arch {
        rows.push((msg.t("scan.host.arch"), arch.key().to_string()));
    }
    rows.push((msg.t("scan.host.cores"), h.cpu.cores.to_string()));
    match h.cpu.interval_seconds.filter(|s| *s > 0.0) {
        Some(seconds) => rows.push((
            msg.f("scan.host.busy", &[("seconds", seconds_label(seconds))]),
            h.cpu.used.to_string(),
        )),
        None => rows.push((
            msg.t("scan.host.busy_unmeasured"),
            msg.t("scan.not_measured"),
        )),
    }
    if let Some(quota) = h.cpu.quota {
        rows.push((msg.t("scan.host.cpu_quota"), quota.to_string()));
    }
    rows.push((msg.t("host.mem_total"), m.total.to_string()));
    rows.push((msg.t("host.mem_available"), m.available.to_string()));
    let optional: [(&str, Option<Bytes>); 5] = [
        ("host.mem_free", m.free),
        ("host.mem_cached", m.cached),
        ("scan.host.shmem", m.shmem),
        ("scan.host.mem_limit", m.limit),
        ("scan.host.mem_limit_used", m.limit_used),
    ];
    rows.extend(
        optional
            .iter()
            .filter_map(|(key, v)| v.map(|v| (msg.t(key), v.to_string()))),
    );
    rows.push((msg.t("scan.host.swap_total"), h.swap.total.to_string()));
    if let Some(free) = h.swap.free {
        rows.push((msg.t("scan.host.swap_free"), free.to_string()));
    }
    if let Some(p) = &h.pressure {
        let stalls = [
            ("scan.host.psi_cpu_some", p.cpu_some_avg10),
            ("scan.host.psi_memory_some", p.memory_some_avg10),
            ("scan.host.psi_memory_full", p.memory_full_avg10),
            ("scan.host.psi_io_some", p.io_some_avg10),
        ];
        rows.extend(
            stalls
                .iter()
                .filter_map(|(key, v)| v.map(|v| (msg.t(key), format!("{v:.2}%")))),
        );
    }
    let mut t = new_table(msg, &["scan.col.figure", "scan.col.value"]);
    for (figure, value) in rows {
        t.add_row(vec![figure, value]);
    }
    align_right(&mut t, 1);
    t
}

fn workload_table(workloads: &[Workload], msg: &Msg) -> Table {
    let mut t = new_table(
        msg,
        &[
            "scan.col.name",
            "scan.col.kind",
            "scan.col.working_set",
            "scan.col.rss",
            "scan.col.pss",
            "scan.col.page_cache",
            "scan.col.active_file",
            "scan.col.memory_limit",
            "scan.col.cpu",
            "scan.col.cpu_limit",
            "scan.col.processes",
            "scan.col.oom_score",
            "scan.col.ports",
        ],
    );
    for w in workloads {
        let ports: Vec<String> = w.ports.iter().map(u16::to_string).collect();
        t.add_row(vec![
            w.name.clone(),
            msg.kind(w.kind),
            w.memory.to_string(),
            or_dash(w.rss),
            or_dash(w.pss),
            or_dash(w.page_cache),
            or_dash(w.active_file),
            or_dash(w.memory_limit),
            w.cpu.to_string(),
            or_dash(w.cpu_limit),
            or_dash(w.processes),
            or_dash(w.oom_score),
            ports.join(" "),
        ]);
    }
    align_right(&mut t, 2);
    t
}

/// total = available + workloads (less their page cache that MemAvailable counts too) + other,
/// as the plan report's reconciliation has it.
fn memory_line(snapshot: &Snapshot, msg: &Msg) -> String {
    let r = reconcile(snapshot);
    let mut args = vec![
        ("total", r.total.to_string()),
        ("available", r.available.to_string()),
        ("workloads", r.workloads.to_string()),
        ("other", signed_bytes(r.other)),
    ];
    if r.workload_cache > Bytes::ZERO {
        args.push(("cache", r.workload_cache.to_string()));
        msg.f("scan.memory_split_cache", &args)
    } else {
        msg.f("scan.memory_split", &args)
    }
}

fn section(out: &mut dyn Write, title: &str) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{title}")
}

fn none(out: &mut dyn Write, msg: &Msg) -> io::Result<()> {
    writeln!(out, "  {}", msg.t("none"))
}

/// `1`, `0.5`, `2.25`: at most two decimals, none trailing.
fn seconds_label(seconds: f64) -> String {
    let text = format!("{seconds:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn protocol(p: Protocol) -> &'static str {
    match p {
        Protocol::Tcp => "tcp",
        Protocol::Udp => "udp",
    }
}

fn or_dash<T: Display>(v: Option<T>) -> String {
    v.map_or_else(|| "-".to_string(), |v| v.to_string())
}

pub(super) fn new_table(msg: &Msg, header_keys: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Disabled);
    t.force_no_tty();
    t.set_header(header_keys.iter().map(|k| msg.t(k)).collect::<Vec<_>>());
    t
}

/// Right-aligns the columns from `from` on: the figures.
pub(super) fn align_right(t: &mut Table, from: usize) {
    for i in from..t.column_count() {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cores, CpuState, Host, MemoryState, ScanWarning, SwapState, WorkloadKind};

    fn snapshot() -> Snapshot {
        let mut web = Workload::new("web", WorkloadKind::Container, Bytes(80 << 20), Cores(0.25));
        web.active_file = Some(Bytes(10 << 20));
        Snapshot {
            host: Host {
                name: "h1".into(),
                taken_at: "2000-01-01T00:00:00Z".into(),
                instance: None,
                arch: None,
                cpu: CpuState {
                    cores: Cores(2.0),
                    used: Cores(0.5),
                    quota: None,
                    interval_seconds: Some(1.0),
                },
                memory: MemoryState {
                    total: Bytes(1 << 30),
                    available: Bytes(512 << 20),
                    free: None,
                    cached: None,
                    buffers: None,
                    shmem: None,
                    sreclaimable: None,
                    limit: None,
                    limit_used: None,
                },
                swap: SwapState::default(),
                disks: Vec::new(),
                listening_ports: Vec::new(),
                pressure: None,
            },
            workloads: vec![web],
            warnings: vec![
                ScanWarning::note("a probe's own sentence"),
                ScanWarning::new("pss_unreadable", "in English").arg("count", 3),
            ],
            sampled: None,
        }
    }

    fn printed(lang: Lang) -> String {
        let mut out = Vec::new();
        write_text(&snapshot(), lang, &mut out).unwrap_or_else(|e| panic!("{e}"));
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn every_placeholder_is_filled_in_both_languages() {
        for lang in [Lang::En, Lang::Zh] {
            let text = printed(lang);
            assert!(!text.contains('{'), "{text}");
            assert!(!text.contains("scan."), "{text}");
            assert!(text.contains("  - a probe's own sentence"), "{text}");
        }
        assert!(printed(Lang::En).contains(
            "  - smaps_rollup not readable for 3 processes: their RSS is counted instead of PSS\n"
        ));
        assert!(
            printed(Lang::Zh).contains("  - 有 3 个进程的 smaps_rollup 无法读取："),
            "{}",
            printed(Lang::Zh)
        );
    }

    #[test]
    fn the_memory_line_takes_the_shared_page_cache_out_once() {
        // 1024 = 512 available + 80 workloads - 10 counted in both + 442 other
        let en = printed(Lang::En);
        assert!(
            en.contains(
                "total 1024 MiB = available 512 MiB + workloads 80.0 MiB \
                 - page cache counted in both 10.0 MiB + other 442 MiB"
            ),
            "{en}"
        );
    }

    #[test]
    fn seconds_are_short() {
        assert_eq!(seconds_label(1.0), "1");
        assert_eq!(seconds_label(0.2013), "0.2");
        assert_eq!(seconds_label(2.25), "2.25");
    }

    #[test]
    fn figures_a_scan_did_not_read_are_left_out() {
        let en = printed(Lang::En);
        assert!(!en.contains("CPU quota"), "{en}");
        assert!(!en.contains("Memory limit"), "{en}");
        assert!(!en.contains("Pressure"), "{en}");
        assert!(en.contains("CPU busy over 1 s (cores)"), "{en}");
        assert!(en.contains("Disks\n  none"), "{en}");
    }
}
