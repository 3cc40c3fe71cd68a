//! A docker-compose file as hostfit reads it for capacity: each service's memory and CPU
//! figures (v2 `mem_limit`, `mem_reservation`, `cpus`; v3 `deploy.resources`), its published
//! ports, `deploy.replicas` (or v2 `scale`), and the `x-hostfit` extension (tiers, parts, priority,
//! alternatives). Every other key of a compose file is ignored; an unknown `x-hostfit` key is
//! an error. Figures are kept as written (`${VAR}` stays as it is), and read by `convert`.
//! Pure types: reading the file is the `cli` layer's job.

mod convert;

pub use convert::{ComposeServices, to_services};

use super::planfile::{Alternative, Needs, Part};
use super::units::{Bytes, Cores};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct ComposeFile {
    #[serde(default)]
    pub services: OrderedServices,
}

/// The services in the order the file lists them (the order is their default priority).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OrderedServices(pub Vec<(String, ComposeService)>);

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct ComposeService {
    #[serde(default)]
    pub mem_limit: Option<Figure>,
    #[serde(default)]
    pub mem_reservation: Option<Figure>,
    #[serde(default)]
    pub cpus: Option<Figure>,
    #[serde(default)]
    pub ports: Vec<PortSpec>,
    #[serde(default)]
    pub deploy: Option<Deploy>,
    /// Containers of the service in compose v2 (`deploy.replicas` in later files).
    #[serde(default)]
    pub scale: Option<Figure>,
    #[serde(default, rename = "x-hostfit")]
    pub hostfit: Option<XHostfit>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Deploy {
    #[serde(default)]
    pub replicas: Option<Figure>,
    #[serde(default)]
    pub resources: Option<Resources>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Resources {
    #[serde(default)]
    pub limits: Option<Limits>,
    #[serde(default)]
    pub reservations: Option<Limits>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Limits {
    #[serde(default)]
    pub memory: Option<Figure>,
    #[serde(default)]
    pub cpus: Option<Figure>,
}

/// A published port: the short syntax (`"8120:8000"`, `"127.0.0.1:8100:8100/tcp"`, `8080`) or
/// the long one (`{target: 80, published: 8080}`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum PortSpec {
    Short(Figure),
    Long {
        #[serde(default)]
        published: Option<Figure>,
    },
}

/// What hostfit needs that compose does not say. Unknown keys are errors.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct XHostfit {
    #[serde(default)]
    pub purpose: Option<String>,
    /// 1 is most important; default the order in the file.
    #[serde(default)]
    pub priority: Option<u32>,
    /// Instead of the first published port.
    #[serde(default)]
    pub port: Option<u16>,
    /// Figures given here override those read from the compose figures, one by one; a tier
    /// exists when it has a memory figure from either.
    #[serde(default)]
    pub tiers: XTiers,
    /// The disk of every tier that does not give its own (compose has no disk figure).
    #[serde(default)]
    pub disk: Option<Bytes>,
    #[serde(default)]
    pub parts: Vec<Part>,
    #[serde(default)]
    pub alternatives: Vec<Alternative>,
    /// Leave this service out of the plan (one already running, say).
    #[serde(default)]
    pub skip: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct XTiers {
    #[serde(default)]
    pub minimum: Option<XNeeds>,
    #[serde(default)]
    pub standard: Option<XNeeds>,
    #[serde(default)]
    pub ideal: Option<XNeeds>,
}

/// A tier's figures under `x-hostfit`, each optional.
#[derive(Debug, Clone, Copy, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct XNeeds {
    #[serde(default)]
    pub memory: Option<Bytes>,
    #[serde(default)]
    pub cpu: Option<Cores>,
    #[serde(default)]
    pub disk: Option<Bytes>,
}

impl XNeeds {
    /// These figures over `read` (the tier the compose figures give, if any), the disk
    /// defaulting to `disk`; `None` without a memory figure.
    pub fn over(given: Option<XNeeds>, read: Option<Needs>, disk: Option<Bytes>) -> Option<Needs> {
        let given = given.unwrap_or_default();
        Some(Needs {
            memory: given.memory.or(read.map(|r| r.memory))?,
            cpu: given.cpu.or(read.map(|r| r.cpu)).unwrap_or_default(),
            disk: given
                .disk
                .or(read.map(|r| r.disk).filter(|d| *d > Bytes::ZERO))
                .or(disk)
                .unwrap_or_default(),
        })
    }
}

/// A figure as written: a string or a number, read later so that a problem can name its place.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure(pub String);

impl Figure {
    /// Whether the figure is a variable compose fills in (`${MEM}`, `$MEM`).
    pub fn is_interpolated(&self) -> bool {
        self.0.contains('$')
    }
}

impl<'de> Deserialize<'de> for Figure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Figure, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Figure;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Figure, E> {
                Ok(Figure(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Figure, E> {
                Ok(Figure(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Figure, E> {
                Ok(Figure(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Figure, E> {
                Ok(Figure(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for OrderedServices {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<OrderedServices, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OrderedServices;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping of service names to services")
            }
            fn visit_unit<E: de::Error>(self) -> Result<OrderedServices, E> {
                Ok(OrderedServices::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<OrderedServices, A::Error> {
                let mut out = Vec::new();
                while let Some((name, service)) =
                    map.next_entry::<String, Option<ComposeService>>()?
                {
                    out.push((name, service.unwrap_or_default()));
                }
                Ok(OrderedServices(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// The needs of `n` replicas of a service that needs `needs`.
pub fn times(needs: Needs, n: u32) -> Needs {
    Needs {
        memory: Bytes(needs.memory.0.saturating_mul(u64::from(n))),
        cpu: Cores(needs.cpu.0 * f64::from(n)),
        disk: Bytes(needs.disk.0.saturating_mul(u64::from(n))),
    }
}
