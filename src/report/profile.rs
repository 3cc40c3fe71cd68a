//! `hostfit profile`: the measured tiers as a service entry to paste under a plan's
//! `services:`, with the sample count, the peaks and the warnings as YAML comments in the
//! user's language. Sizes are rounded up (whole MiB, whole millicores), so a tier never asks
//! for less than was computed. Writes only to the writer it is given.

use super::messages::{Lang, Msg};
use crate::model::{Bytes, Cores, Tier};
use crate::plan::profile::{Profile, ProfileWarning};
use std::io::{self, Write};

/// What `hostfit profile` prints.
pub struct ProfileView<'a> {
    /// The service's name in the entry.
    pub name: &'a str,
    /// What was followed, as the user named it (`--pid 42`, `redis-server --port 6390`).
    pub what: &'a str,
    /// True for a container (its cgroup's working set), false for a process tree (PSS).
    pub container: bool,
    pub profile: &'a Profile,
}

/// `123MiB`, rounded up to whole MiB.
pub fn mib_up(b: Bytes) -> String {
    format!("{}MiB", b.0.div_ceil(1024 * 1024))
}

/// `250m`, rounded up to whole millicores.
pub fn millicores_up(c: Cores) -> String {
    format!("{}m", (c.0 * 1000.0 - 1e-9).ceil().max(0.0) as u64)
}

fn days(seconds: f64) -> String {
    let d = seconds / 86_400.0;
    if d >= 1.0 {
        format!("{d:.1}")
    } else {
        format!("{d:.4}")
    }
}

pub fn write_yaml(view: &ProfileView<'_>, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let msg = Msg::new(lang);
    let p = view.profile;
    let comment = |out: &mut dyn Write, text: String| -> io::Result<()> {
        for line in text.lines() {
            writeln!(out, "# {line}")?;
        }
        Ok(())
    };
    comment(
        out,
        msg.f(
            "history.profile.head",
            &[
                ("what", view.what.to_string()),
                ("samples", p.samples.to_string()),
                ("window", format!("{:.0}", p.window_seconds)),
            ],
        ),
    )?;
    let definition = if view.container {
        "history.profile.memory_container"
    } else {
        "history.profile.memory_tree"
    };
    comment(
        out,
        msg.f(
            "history.profile.peaks",
            &[
                ("definition", msg.t(definition)),
                ("memory", p.peak_memory.to_string()),
                ("cpu", p.peak_cpu.to_string()),
            ],
        ),
    )?;
    comment(
        out,
        msg.f(
            "history.profile.ideal",
            &[
                ("days", days(p.window_seconds)),
                ("factor", format!("{:.2}", p.confidence_factor)),
            ],
        ),
    )?;
    if let Some(g) = p.disk_growth_per_day {
        comment(
            out,
            msg.f(
                "history.profile.disk",
                &[("growth", super::history::growth(g))],
            ),
        )?;
    }
    for w in &p.warnings {
        let key = match w {
            ProfileWarning::FewSamples => "history.profile.warn.few_samples",
            ProfileWarning::StillStarting => "history.profile.warn.still_starting",
            ProfileWarning::ShortWindow => "history.profile.warn.short_window",
        };
        comment(
            out,
            msg.f(
                "history.profile.warning",
                &[(
                    "text",
                    msg.f(
                        key,
                        &[
                            ("count", p.samples.to_string()),
                            ("min", crate::plan::profile::FEW_SAMPLES.to_string()),
                            ("factor", format!("{:.0}", p.confidence_factor)),
                        ],
                    ),
                )],
            ),
        )?;
    }
    let name = serde_json::to_string(view.name).unwrap_or_else(|_| "\"service\"".into());
    writeln!(out, "- name: {name}")?;
    writeln!(out, "  tiers:")?;
    for t in Tier::ALL {
        let n = p.tier(t);
        writeln!(out, "    {}:", t.key())?;
        writeln!(out, "      memory: {}", mib_up(n.memory))?;
        writeln!(out, "      cpu: {}", millicores_up(n.cpu))?;
        if p.disk_growth_per_day.is_some() {
            writeln!(out, "      disk: {}", mib_up(n.disk))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_round_up() {
        assert_eq!(mib_up(Bytes(1)), "1MiB");
        assert_eq!(mib_up(Bytes(16 * 1024 * 1024)), "16MiB");
        assert_eq!(millicores_up(Cores(0.025)), "25m");
        assert_eq!(millicores_up(Cores(1.2501)), "1251m");
        assert_eq!(millicores_up(Cores(0.0)), "0m");
    }
}
