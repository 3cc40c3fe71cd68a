//! The data every layer shares: units, snapshots, plans and catalogs. Types and pure arithmetic
//! only; this layer imports nothing else of the crate and does no I/O.

pub mod catalog;
mod checks;
pub mod compose;
pub mod date;
pub mod engine;
pub mod fleet;
pub mod history;
mod names;
pub mod planfile;
pub mod problem;
pub mod snapshot;
pub mod units;

pub use catalog::{Arch, Billing, Catalog, InstanceType, Period};
pub use engine::{Engine, EngineName};
pub use fleet::{Fleet, FleetHost, HostLabels, Labels, MissingHost};
pub use history::{Basis, History, Lows, Peaks, Point, Series, WorkloadHistory};
pub use names::closest;
pub use planfile::{
    Alternative, EngineBasis, Needs, Part, PlanFile, Policy, ScenarioSpec, Service, Tier, Tiers,
};
pub use problem::{FieldPath, Problem, Segment};
pub use snapshot::{
    CpuState, Disk, Host, ListeningPort, MemoryState, Pressure, Protocol, Sampled, SampledWorkload,
    ScanWarning, Snapshot, SwapState, Workload, WorkloadKind,
};
pub use units::{Bytes, Cores, Ratio, SizeRange, UnitError};
