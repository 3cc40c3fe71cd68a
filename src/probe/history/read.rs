//! Reading a window of the history store back as a model `History`: raw samples and
//! rolled-up buckets (placed at the middle of their five minutes) in one series per figure.

use super::schema::BUCKET_MS;
use super::{Store, StoreError, kind_of};
use crate::model::{Bytes, Cores, History, Point, Series, WorkloadHistory};
use rusqlite::params;

impl Store {
    /// The history from `since_ms` on (rolled-up buckets and raw samples).
    pub fn read(&self, since_ms: i64) -> Result<History, StoreError> {
        let err = |e| StoreError::of(&self.path, e);
        let mut history = History {
            host: self.host()?.unwrap_or_default(),
            ..History::default()
        };
        let half = (BUCKET_MS / 2) as f64 / 1000.0;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT t, n, memory_total, cpu_cores, memory_available_min, memory_available_mean,
                        memory_available_max, cpu_used_min, cpu_used_mean, cpu_used_max, 1
                 FROM host_rollup WHERE t + ?2 > ?1
                 UNION ALL
                 SELECT t, 1, memory_total, cpu_cores, memory_available, memory_available,
                        memory_available, cpu_used, cpu_used, cpu_used, 0
                 FROM host_sample WHERE t >= ?1
                 ORDER BY t",
            )
            .map_err(err)?;
        let rows = stmt
            .query_map(params![since_ms, BUCKET_MS], |r| {
                let bucket: i64 = r.get(10)?;
                let t = r.get::<_, i64>(0)? as f64 / 1000.0 + if bucket == 1 { half } else { 0.0 };
                let n: u32 = r.get(1)?;
                let total: i64 = r.get(2)?;
                let cores: f64 = r.get(3)?;
                let available = Point {
                    t,
                    min: r.get::<_, i64>(4)? as f64,
                    mean: r.get(5)?,
                    max: r.get::<_, i64>(6)? as f64,
                    n,
                };
                let cpu: Option<(f64, f64, f64)> = match (r.get(7)?, r.get(8)?, r.get(9)?) {
                    (Some(a), Some(b), Some(c)) => Some((a, b, c)),
                    _ => None,
                };
                Ok((total, cores, available, cpu))
            })
            .map_err(err)?;
        let mut times: Vec<f64> = Vec::new();
        for row in rows {
            let (total, cores, available, cpu) = row.map_err(err)?;
            history.memory_total = Bytes(total.max(0) as u64);
            history.cpu_cores = Cores(cores);
            times.push(available.t);
            if let Some((min, mean, max)) = cpu {
                history.cpu_used.points.push(Point {
                    min,
                    mean,
                    max,
                    ..available
                });
            }
            history.available.points.push(available);
        }
        if times.len() >= 2 {
            let mut gaps: Vec<f64> = times.windows(2).map(|w| w[1] - w[0]).collect();
            gaps.sort_by(f64::total_cmp);
            history.every_seconds = gaps[gaps.len() / 2];
        }
        let mut stmt = self
            .conn
            .prepare(
                "SELECT w.name, w.kind, x.t, x.n, x.memory_min, x.memory_mean, x.memory_max,
                        x.cpu_min, x.cpu_mean, x.cpu_max, x.bucket
                 FROM (SELECT workload, t, n, memory_min, memory_mean, memory_max, cpu_min,
                              cpu_mean, cpu_max, 1 AS bucket
                       FROM workload_rollup WHERE t + ?2 > ?1
                       UNION ALL
                       SELECT workload, t, 1, memory, memory, memory, cpu, cpu, cpu, 0
                       FROM workload_sample WHERE t >= ?1) AS x
                 JOIN workload AS w ON w.id = x.workload
                 ORDER BY w.id, x.t",
            )
            .map_err(err)?;
        let rows = stmt
            .query_map(params![since_ms, BUCKET_MS], |r| {
                let bucket: i64 = r.get(10)?;
                let t = r.get::<_, i64>(2)? as f64 / 1000.0 + if bucket == 1 { half } else { 0.0 };
                let n: u32 = r.get(3)?;
                let memory = Point {
                    t,
                    min: r.get::<_, i64>(4)? as f64,
                    mean: r.get(5)?,
                    max: r.get::<_, i64>(6)? as f64,
                    n,
                };
                let cpu: Option<Point> = match (r.get(7)?, r.get(8)?, r.get(9)?) {
                    (Some(min), Some(mean), Some(max)) => Some(Point {
                        t,
                        min,
                        mean,
                        max,
                        n,
                    }),
                    _ => None,
                };
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, memory, cpu))
            })
            .map_err(err)?;
        for row in rows {
            let (name, kind, memory, cpu) = row.map_err(err)?;
            let kind = kind_of(&kind);
            let last = history.workloads.last_mut();
            let w = match last {
                Some(w) if w.name == name && w.kind == kind => w,
                _ => {
                    history.workloads.push(WorkloadHistory {
                        name,
                        kind,
                        memory: Series::default(),
                        cpu: Series::default(),
                    });
                    let Some(w) = history.workloads.last_mut() else {
                        continue;
                    };
                    w
                }
            };
            w.memory.points.push(memory);
            w.cpu.points.extend(cpu);
        }
        Ok(history)
    }

    /// The time of the last sample, in milliseconds since the epoch.
    pub fn last_sample_ms(&self) -> Result<Option<i64>, StoreError> {
        self.conn
            .query_row(
                "SELECT max(t) FROM (SELECT max(t) AS t FROM host_sample
                                     UNION ALL SELECT max(t) FROM host_rollup)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }
}
