//! The probe's pure parsers, public: each takes the text of one file a host keeps (`/proc`,
//! cgroup control files, `df` output) and returns what the scan reads from it. This is their
//! public face for fuzzing and for tools; fetching the files stays private to `probe`. The
//! engines' configuration files (`my.cnf`, `postgresql.conf`, `redis.conf`, `jvm.options`,
//! `neo4j.conf`) are read one line at a time, their sizes by each engine's own spelling.

pub use super::available::{Watermarks, parse_zoneinfo};
pub use super::cgroup::{Membership, parse_proc_cgroup};
pub use super::cgroup_stats::{
    CgroupMemory, memory_v1, memory_v2, parse_cpuacct_usage, parse_flat_keyed, parse_v1_cpu_quota,
    parse_v1_hierarchical_limit, parse_v1_memory_limit, parse_v2_cpu_max, parse_v2_cpu_usage,
    parse_v2_memory_max,
};
pub use super::cpu::{CpuTimes, count_cpu_lines, parse_cpu_list, parse_proc_stat};
pub use super::disks::{DfLine, parse_df};
pub use super::engines::parse::{
    ConfigLine, heap_from_options, parse_jvm_line, parse_mysql_line, parse_neo4j_line,
    parse_postgres_line, parse_redis_line, size_binary, size_mysql, size_postgres, size_redis,
};
pub use super::meminfo::{MemInfo, parse_meminfo};
pub use super::mounts::{Mount, parse_mountinfo};
pub use super::ports::{Listener, parse_net_table};
pub use super::pressure::{Stall, parse_pressure};
pub use super::processes::{ProcStat, parse_kb_line, parse_stat, stat_from_status};
