//! Budgets written back where they are enforced: a `docker-compose.override.yml` that sets each
//! service's `deploy.resources` (limits.memory its budget, cpus its tier, reservations.memory
//! its tier), or the Kubernetes `resources` (requests the tier, limits the budget) of each
//! service. Comments in the user's language say where the figures come from. Renders
//! `plan::budgets::Budgets`; decides nothing.

use super::Lang;
use super::messages::Msg;
use crate::model::{Bytes, Cores};
use crate::plan::budgets::{Basis, Budgets, ServiceBudget};
use std::collections::BTreeMap;
use std::io::{self, Write};

const MIB: u64 = 1 << 20;

/// What an export writes.
pub struct ExportInput<'a> {
    pub budgets: &'a Budgets,
    /// Service -> replicas, for services that run more than one container: each gets its share.
    pub replicas: &'a BTreeMap<String, u32>,
    /// The services of the compose file, when the plan has one: only those are written.
    pub compose_services: Option<&'a [String]>,
    /// How the plan is named in the header comment.
    pub source: String,
    pub lang: Lang,
}

/// One container's figures.
struct Container {
    memory_request: Bytes,
    memory_limit: Bytes,
    cpus: Cores,
}

fn container(s: &ServiceBudget, replicas: u32) -> Container {
    let n = u64::from(replicas.max(1));
    Container {
        memory_request: Bytes(s.request.memory.0 / n),
        memory_limit: Bytes(s.memory_limit.0 / n),
        cpus: Cores(s.request.cpu.0 / f64::from(replicas.max(1))),
    }
}

/// A size as compose writes it: whole MiB, rounded down (`665M`); bytes below one MiB.
fn compose_size(b: Bytes) -> String {
    if b.0 >= MIB {
        format!("{}M", b.0 / MIB)
    } else {
        b.0.to_string()
    }
}

/// A size as Kubernetes writes it: whole MiB, rounded down (`665Mi`).
fn k8s_size(b: Bytes) -> String {
    if b.0 >= MIB {
        format!("{}Mi", b.0 / MIB)
    } else {
        b.0.to_string()
    }
}

/// A YAML key: as it is when it is a plain name, else single-quoted.
fn key(name: &str) -> String {
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !name.starts_with(['-', '.']);
    if plain {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// The comment lines every export opens with, and the services it writes.
fn header<'a>(msg: &Msg, input: &'a ExportInput<'a>) -> (Vec<String>, Vec<&'a ServiceBudget>) {
    let b = input.budgets;
    let scenario = b.scenario.clone().unwrap_or_default();
    let basis = match b.basis {
        Basis::AsIs => msg.f("export.basis.as_is", &[("scenario", scenario)]),
        Basis::Upgrade => msg.f(
            "export.basis.upgrade",
            &[
                ("scenario", scenario),
                ("instance", b.instance.clone().unwrap_or_default()),
            ],
        ),
        Basis::Lightweight => msg.t("export.basis.lightweight"),
    };
    let mut lines = vec![
        msg.f(
            "export.header",
            &[("source", input.source.clone()), ("basis", basis)],
        ),
        msg.t("export.rule"),
    ];
    let mut written = Vec::new();
    for s in &b.services {
        match input.compose_services {
            Some(names) if !names.contains(&s.name) => {
                lines.push(msg.f("export.not_in_compose", &[("service", s.name.clone())]));
            }
            _ => written.push(s),
        }
    }
    for (service, n) in input.replicas {
        if written.iter().any(|s| &s.name == service) {
            lines.push(msg.f(
                "export.replicas",
                &[("service", service.clone()), ("replicas", n.to_string())],
            ));
        }
    }
    for (service, alternative) in &b.replaced {
        lines.push(msg.f(
            "export.replaced",
            &[
                ("service", service.clone()),
                ("alternative", alternative.clone()),
            ],
        ));
    }
    for service in &b.left_out {
        lines.push(msg.f("export.left_out", &[("service", service.clone())]));
    }
    (lines, written)
}

fn comments(out: &mut dyn Write, lines: &[String]) -> io::Result<()> {
    for line in lines {
        writeln!(out, "# {line}")?;
    }
    Ok(())
}

/// The compose override.
pub fn compose_override(input: &ExportInput<'_>, out: &mut dyn Write) -> io::Result<()> {
    let msg = Msg::new(input.lang);
    let (mut lines, services) = header(&msg, input);
    lines.push(msg.t("export.compose.apply"));
    comments(out, &lines)?;
    if services.is_empty() {
        return writeln!(out, "services: {{}}");
    }
    writeln!(out, "services:")?;
    for s in services {
        let c = container(s, input.replicas.get(&s.name).copied().unwrap_or(1));
        writeln!(out, "  {}:", key(&s.name))?;
        writeln!(out, "    deploy:")?;
        writeln!(out, "      resources:")?;
        writeln!(out, "        limits:")?;
        writeln!(out, "          memory: {}", compose_size(c.memory_limit))?;
        if c.cpus.0 > 0.0 {
            writeln!(out, "          cpus: '{}'", c.cpus)?;
        }
        writeln!(out, "        reservations:")?;
        writeln!(out, "          memory: {}", compose_size(c.memory_request))?;
    }
    Ok(())
}

/// The Kubernetes resources of each service, with the `kubectl` line that sets them.
pub fn kubernetes(input: &ExportInput<'_>, out: &mut dyn Write) -> io::Result<()> {
    let msg = Msg::new(input.lang);
    let (mut lines, services) = header(&msg, input);
    lines.push(msg.t("export.k8s.apply"));
    comments(out, &lines)?;
    for s in services {
        let c = container(s, input.replicas.get(&s.name).copied().unwrap_or(1));
        let cpu = (c.cpus.0 > 0.0).then(|| format!("{}m", (c.cpus.0 * 1000.0).round() as u64));
        let request = k8s_size(c.memory_request);
        let limit = k8s_size(c.memory_limit);
        let cpu_flag = cpu
            .as_ref()
            .map(|c| format!("cpu={c},"))
            .unwrap_or_default();
        writeln!(out)?;
        writeln!(
            out,
            "# kubectl set resources deployment/{} --requests={cpu_flag}memory={request} --limits={cpu_flag}memory={limit}",
            s.name
        )?;
        writeln!(out, "{}:", key(&s.name))?;
        writeln!(out, "  resources:")?;
        for (name, memory) in [("requests", &request), ("limits", &limit)] {
            writeln!(out, "    {name}:")?;
            if let Some(cpu) = &cpu {
                writeln!(out, "      cpu: {cpu}")?;
            }
            writeln!(out, "      memory: {memory}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Needs, Tier};

    fn budgets() -> Budgets {
        Budgets {
            scenario: Some("standard".into()),
            basis: Basis::Upgrade,
            instance: Some("big".into()),
            services: vec![ServiceBudget {
                name: "api".into(),
                tier: Tier::Standard,
                request: Needs {
                    memory: Bytes(250 * MIB),
                    cpu: Cores(0.3),
                    disk: Bytes::ZERO,
                },
                memory_limit: Bytes(665 * MIB + 12345),
            }],
            replaced: BTreeMap::new(),
            left_out: vec!["ai".into()],
        }
    }

    fn render(f: fn(&ExportInput<'_>, &mut dyn Write) -> io::Result<()>, replicas: u32) -> String {
        let b = budgets();
        let mut r = BTreeMap::new();
        if replicas > 1 {
            r.insert("api".to_string(), replicas);
        }
        let input = ExportInput {
            budgets: &b,
            replicas: &r,
            compose_services: None,
            source: "plan".into(),
            lang: Lang::En,
        };
        let mut out = Vec::new();
        f(&input, &mut out).expect("written");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn compose_limits_are_the_budget_and_the_tier() {
        let text = render(compose_override, 1);
        assert!(text.contains("  api:\n    deploy:\n      resources:\n        limits:\n          memory: 665M\n          cpus: '0.30'\n        reservations:\n          memory: 250M\n"), "{text}");
        assert!(text.contains("# ai is left out"), "{text}");
        let two = render(compose_override, 2);
        assert!(
            two.contains("memory: 332M") && two.contains("cpus: '0.15'"),
            "{two}"
        );
    }

    #[test]
    fn kubernetes_requests_are_the_tier_and_limits_the_budget() {
        let text = render(kubernetes, 1);
        assert!(text.contains("api:\n  resources:\n    requests:\n      cpu: 300m\n      memory: 250Mi\n    limits:\n      cpu: 300m\n      memory: 665Mi\n"), "{text}");
        assert!(text.contains("# kubectl set resources deployment/api --requests=cpu=300m,memory=250Mi --limits=cpu=300m,memory=665Mi"));
    }

    #[test]
    fn odd_names_are_quoted() {
        assert_eq!(key("web-1"), "web-1");
        assert_eq!(key("a b"), "'a b'");
        assert_eq!(key("it's"), "'it''s'");
    }
}
