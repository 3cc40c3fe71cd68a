//! Reading a host: procfs, cgroup v1/v2/hybrid, the Docker/Podman API (`scan` and the files
//! it uses), sampling it again and again (`sampler`, `tree`), and the history store
//! (`history`, an SQLite file the caller names). Every host reader takes
//! a root directory (`/` or a fixture tree) and its sources from the caller; nothing here
//! chooses real paths, and nothing here decides fit. Imports only `crate::model`.

mod available;
mod capped;
mod cgroup;
mod cgroup_stats;
mod cpu;
mod discover;
mod disks;
mod docker;
mod engines;
mod error;
pub mod history;
mod host;
mod http;
pub mod kubernetes;
mod meminfo;
mod mounts;
pub mod parse;
mod ports;
mod pressure;
mod processes;
pub mod prometheus;
mod resolve;
mod root;
mod sampler;
mod sanity;
mod scan;
mod sockdiag;
mod systemd;
mod tree;
pub mod warning;
mod workloads;

pub use disks::{DfLine, DiskSource, parse_df};
pub use docker::EngineSource;
pub use engines::{Connect, DsnError, Secret, parse_connect, password_variable};
pub use error::ProbeError;
pub use history::{Store, StoreError};
pub use host::ArchSource;
pub use http::EngineLimits;
pub use ports::SocketSource;
pub use sampler::{Reading, Sampler, WorkloadReading};
pub use scan::{Pending, ScanConfig, begin};
pub use tree::{TreeReading, TreeSampler, disk_usage};
