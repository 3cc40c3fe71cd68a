//! Compose services as plan services: `deploy.resources.reservations` (or `mem_reservation`)
//! is the `minimum` tier, `deploy.resources.limits` (or `mem_limit` and `cpus`) the `ideal`
//! one, `x-hostfit.tiers` replace either and add `standard`; the first published port is the
//! port; `deploy.replicas` (or `scale`) multiplies the figures. A figure that cannot be read, one left to a
//! variable, or a service with no memory figure at all is a problem at its field path. Pure.

use super::{ComposeFile, ComposeService, Figure, Limits, PortSpec, XNeeds, times};
use crate::model::planfile::{Needs, Service, Tiers};
use crate::model::problem::{FieldPath, Problem};
use crate::model::units::{Bytes, Cores};
use std::collections::BTreeMap;

/// The plan services a compose file describes, and how many replicas each one runs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ComposeServices {
    pub services: Vec<Service>,
    /// Service -> replicas, for services that run more than one.
    pub replicas: BTreeMap<String, u32>,
    /// Services left out with `x-hostfit.skip`.
    pub skipped: Vec<String>,
}

impl ComposeServices {
    /// The services as a fleet places them: each replica on its own, with one replica's figures
    /// and `replicas` set, instead of one service holding all of them (as a single host sees
    /// them). The figures were multiplied from whole numbers, so the division is exact.
    pub fn as_replicas(&self) -> ComposeServices {
        let mut out = self.clone();
        for s in &mut out.services {
            let Some(&n) = self.replicas.get(&s.name) else {
                continue;
            };
            let each = |t: Option<Needs>| {
                t.map(|t| Needs {
                    memory: Bytes(t.memory.0 / u64::from(n)),
                    cpu: Cores(t.cpu.0 / f64::from(n)),
                    disk: Bytes(t.disk.0 / u64::from(n)),
                })
            };
            s.tiers = Tiers {
                minimum: each(s.tiers.minimum),
                standard: each(s.tiers.standard),
                ideal: each(s.tiers.ideal),
            };
            s.replicas = Some(n);
        }
        out
    }
}

/// Reads the figures of every service; all the problems found, or the services.
pub fn to_services(file: &ComposeFile) -> Result<ComposeServices, Vec<Problem>> {
    let mut out = ComposeServices::default();
    let mut problems = Vec::new();
    let root = FieldPath::root().key("services");
    if file.services.0.is_empty() {
        problems.push(Problem::new(root.clone(), "problem.compose.no_services"));
    }
    for (name, service) in &file.services.0 {
        let at = root.key(name.clone());
        let x = service.hostfit.clone().unwrap_or_default();
        if x.skip {
            out.skipped.push(name.clone());
            continue;
        }
        let mut reader = Reader {
            problems: &mut problems,
        };
        let replicas = match (
            service.deploy.as_ref().and_then(|d| d.replicas.as_ref()),
            &service.scale,
        ) {
            (Some(r), _) => reader.count(r, at.key("deploy").key("replicas")),
            (None, Some(s)) => reader.count(s, at.key("scale")),
            (None, None) => None,
        }
        .unwrap_or(1);
        let (minimum, ideal) = reader.tiers(service, &at);
        let given = &x.tiers;
        let tiers = Tiers {
            minimum: XNeeds::over(given.minimum, minimum, x.disk),
            standard: XNeeds::over(given.standard, None, x.disk),
            ideal: XNeeds::over(given.ideal, ideal, x.disk),
        };
        if tiers.lowest().is_none() {
            problems.push(Problem::new(at.clone(), "problem.compose.no_figures").arg("name", name));
            continue;
        }
        let scale = |n: Option<Needs>| n.map(|n| times(n, replicas));
        if replicas > 1 {
            out.replicas.insert(name.clone(), replicas);
        }
        out.services.push(Service {
            name: name.clone(),
            purpose: x.purpose.clone(),
            port: x.port.or_else(|| first_published(service)),
            priority: x.priority,
            tiers: Tiers {
                minimum: scale(tiers.minimum),
                standard: scale(tiers.standard),
                ideal: scale(tiers.ideal),
            },
            parts: x.parts.clone(),
            alternatives: x.alternatives.clone(),
            // The figures above are already those of all the replicas together.
            ..Service::default()
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Reads figures, noting each one that cannot be read.
struct Reader<'a> {
    problems: &'a mut Vec<Problem>,
}

impl Reader<'_> {
    fn readable(&mut self, figure: &Figure, at: &FieldPath) -> bool {
        if figure.is_interpolated() {
            self.problems.push(
                Problem::new(at.clone(), "problem.compose.interpolated").arg("value", &figure.0),
            );
            return false;
        }
        true
    }

    fn bytes(&mut self, figure: &Figure, at: FieldPath) -> Option<Bytes> {
        if !self.readable(figure, &at) {
            return None;
        }
        Bytes::parse(&figure.0)
            .map_err(|e| {
                self.problems
                    .push(Problem::new(at, e.key()).arg("value", e.value()))
            })
            .ok()
    }

    fn cores(&mut self, figure: &Figure, at: FieldPath) -> Option<Cores> {
        if !self.readable(figure, &at) {
            return None;
        }
        Cores::parse(&figure.0)
            .map_err(|e| {
                self.problems
                    .push(Problem::new(at, e.key()).arg("value", e.value()))
            })
            .ok()
    }

    fn count(&mut self, figure: &Figure, at: FieldPath) -> Option<u32> {
        if !self.readable(figure, &at) {
            return None;
        }
        match figure.0.trim().parse::<u32>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                self.problems
                    .push(Problem::new(at, "problem.compose.bad_replicas").arg("value", &figure.0));
                None
            }
        }
    }

    /// One block of figures (`limits` or `reservations`) with the v2 keys as fallbacks.
    fn block(
        &mut self,
        block: Option<&Limits>,
        at: FieldPath,
        memory_v2: Option<(&Figure, FieldPath)>,
        cpus_v2: Option<(&Figure, FieldPath)>,
    ) -> (Option<Bytes>, Option<Cores>) {
        let memory = match block.and_then(|b| b.memory.as_ref()) {
            Some(f) => self.bytes(f, at.key("memory")),
            None => memory_v2.and_then(|(f, p)| self.bytes(f, p)),
        };
        let cpus = match block.and_then(|b| b.cpus.as_ref()) {
            Some(f) => self.cores(f, at.key("cpus")),
            None => cpus_v2.and_then(|(f, p)| self.cores(f, p)),
        };
        (memory, cpus)
    }

    /// The `minimum` tier from the reservations and the `ideal` one from the limits. A tier
    /// needs its memory; the minimum's CPU is its reservation, else the limit.
    fn tiers(&mut self, s: &ComposeService, at: &FieldPath) -> (Option<Needs>, Option<Needs>) {
        let resources = s.deploy.as_ref().and_then(|d| d.resources.as_ref());
        let base = at.key("deploy").key("resources");
        fn v2<'f>(
            f: &'f Option<Figure>,
            at: &FieldPath,
            key: &str,
        ) -> Option<(&'f Figure, FieldPath)> {
            f.as_ref().map(|f| (f, at.key(key)))
        }
        let (limit_mem, limit_cpu) = self.block(
            resources.and_then(|r| r.limits.as_ref()),
            base.key("limits"),
            v2(&s.mem_limit, at, "mem_limit"),
            v2(&s.cpus, at, "cpus"),
        );
        let (res_mem, res_cpu) = self.block(
            resources.and_then(|r| r.reservations.as_ref()),
            base.key("reservations"),
            v2(&s.mem_reservation, at, "mem_reservation"),
            None,
        );
        let needs = |memory: Option<Bytes>, cpu: Option<Cores>| {
            memory.map(|memory| Needs {
                memory,
                cpu: cpu.unwrap_or_default(),
                disk: Bytes::ZERO,
            })
        };
        (
            needs(res_mem, res_cpu.or(limit_cpu)),
            needs(limit_mem, limit_cpu),
        )
    }
}

/// The host port of the first port published on a fixed one.
fn first_published(s: &ComposeService) -> Option<u16> {
    s.ports.iter().find_map(|p| match p {
        PortSpec::Short(f) => short_host_port(&f.0),
        PortSpec::Long { published } => published.as_ref().and_then(|f| first_port(&f.0)),
    })
}

/// `[IP:]HOST:CONTAINER[/PROTOCOL]` -> HOST (the first of a range); `None` for `CONTAINER`
/// alone, which compose publishes on a random port.
fn short_host_port(spec: &str) -> Option<u16> {
    let spec = spec.split('/').next().unwrap_or(spec);
    let mut parts = spec.rsplitn(3, ':');
    let _container = parts.next()?;
    first_port(parts.next()?)
}

fn first_port(text: &str) -> Option<u16> {
    let first = text.trim().split('-').next()?;
    first.parse::<u16>().ok().filter(|p| *p > 0)
}

#[cfg(test)]
mod tests;
