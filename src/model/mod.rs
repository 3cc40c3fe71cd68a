//! The data every layer shares: units, snapshots, plans and catalogs. Types and pure arithmetic
//! only; this layer imports nothing else of the crate and does no I/O.

pub mod catalog;
pub mod planfile;
pub mod snapshot;
pub mod units;

pub use catalog::{Billing, Catalog, InstanceType, Period};
pub use planfile::{
    Alternative, Needs, Part, PlanFile, Policy, ScenarioSpec, Service, Tier, Tiers,
};
pub use snapshot::{
    CpuState, Disk, Host, ListeningPort, MemoryState, Pressure, Protocol, ScanWarning, Snapshot,
    SwapState, Workload, WorkloadKind,
};
pub use units::{Bytes, Cores, Ratio, SizeRange, UnitError};
