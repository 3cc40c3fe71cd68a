//! The order in which the kernel's OOM killer would pick the workloads when memory runs out:
//! highest `oom_score` first (the kernel's own badness, `oom_score_adj` included), each with the
//! memory it would free (its working set, at most) and whether it is a database. A score of 0
//! with `oom_score_adj` -1000 is never picked. Pure.

use crate::model::{Bytes, EngineName, Snapshot, WorkloadKind};
use serde::Serialize;

/// One workload in the OOM killer's order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OomVictim {
    pub workload: String,
    pub kind: WorkloadKind,
    pub oom_score: i64,
    pub oom_score_adj: Option<i64>,
    /// Its working set: what killing it frees at most.
    #[serde(rename = "frees_bytes")]
    pub frees: Bytes,
    /// The database it is, when it is one.
    pub engine: Option<EngineName>,
}

/// The workloads with an `oom_score`, in the order the OOM killer would take them (ties by
/// memory, then name); those it never picks (`oom_score_adj` -1000) are left out.
pub fn order(snapshot: &Snapshot) -> Vec<OomVictim> {
    let mut out: Vec<OomVictim> = snapshot
        .workloads
        .iter()
        .filter(|w| w.oom_score_adj != Some(-1000))
        .filter_map(|w| {
            Some(OomVictim {
                workload: w.name.clone(),
                kind: w.kind,
                oom_score: w.oom_score?,
                oom_score_adj: w.oom_score_adj,
                frees: w.memory,
                engine: w.engine.as_ref().map(|e| e.name),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.oom_score
            .cmp(&a.oom_score)
            .then(b.frees.cmp(&a.frees))
            .then(a.workload.cmp(&b.workload))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cores, Engine, Workload};

    #[test]
    fn highest_score_first_and_never_the_exempt() {
        let w = |name: &str, score: Option<i64>, adj: Option<i64>, mib: u64| {
            let mut w = Workload::new(name, WorkloadKind::Process, Bytes(mib << 20), Cores(0.0));
            w.oom_score = score;
            w.oom_score_adj = adj;
            w
        };
        let mut db = w("mysql", Some(640), None, 376);
        db.engine = Some(Engine::new(EngineName::Mysql));
        let host =
            "host: {name: h, taken_at: t, cpu: {cores: 1}, memory: {total: 1GiB, available: 1GiB}}";
        let mut snapshot: Snapshot = serde_saphyr::from_str(host).expect("a snapshot");
        snapshot.workloads = vec![
            w("sshd", Some(0), Some(-1000), 5),
            w("api", Some(300), None, 200),
            db,
            w("cron", None, None, 2),
            w("web", Some(300), None, 250),
        ];
        let got = order(&snapshot);
        let names: Vec<&str> = got.iter().map(|v| v.workload.as_str()).collect();
        assert_eq!(names, vec!["mysql", "web", "api"]);
        assert_eq!(got[0].engine, Some(EngineName::Mysql));
        assert_eq!(got[0].frees, Bytes(376 << 20));
    }
}
