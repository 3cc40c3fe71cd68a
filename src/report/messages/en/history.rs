//! English words for figures over time: sampled scans, `hostfit history`, `hostfit record`,
//! `hostfit profile` and the plan report's history section. Every key here exists in
//! `zh/history.rs` too (a test checks).

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    (
        "history.title",
        "History of host '{host}' in '{database}': {samples} samples in the last {since}, from {from} to {to}, every {every} s",
    ),
    ("history.sec.host", "Host"),
    (
        "history.sec.forecast",
        "Forecast (least squares over the window)",
    ),
    ("history.sec.workloads", "Workloads"),
    ("history.col.figure", "Figure"),
    ("history.col.now", "Now"),
    ("history.col.p50", "Median"),
    ("history.col.p95", "95%"),
    ("history.col.p99", "99%"),
    ("history.col.worst", "Worst"),
    ("history.col.workload", "Workload"),
    ("history.col.kind", "Kind"),
    ("history.col.samples", "Samples"),
    ("history.col.memory_now", "Memory now"),
    ("history.col.memory_p95", "Memory p95"),
    ("history.col.memory_max", "Memory max"),
    ("history.col.cpu_p95", "CPU p95"),
    ("history.col.cpu_max", "CPU max"),
    ("history.col.growth", "Growth a day"),
    ("history.col.reserve_on", "Reserve reached"),
    ("history.reach.already", "already"),
    ("history.reach.not_within_year", "not within a year"),
    ("history.fig.available", "Available memory (MemAvailable)"),
    ("history.fig.cpu_used", "CPU busy (cores)"),
    ("history.fig.workload_memory", "{name}: working set"),
    ("history.fig.workload_cpu", "{name}: CPU (cores)"),
    (
        "history.note.available",
        "For available memory, less is worse: 95% and 99% are the levels it stayed above that share of the time, and Worst is its minimum",
    ),
    (
        "history.forecast.at",
        "Memory in use changes by {growth} a day; at that rate available memory falls to the reserve ({reserve}) on {date}, in {days} days",
    ),
    (
        "history.forecast.not_within_year",
        "Memory in use changes by {growth} a day; at that rate available memory does not fall to the reserve ({reserve}) within a year: not within a year",
    ),
    (
        "history.forecast.already",
        "Memory in use changes by {growth} a day; available memory is already at or below the reserve ({reserve})",
    ),
    (
        "history.forecast.short_window",
        "The line is fitted over {span}, less than a day: it follows the part of the day it saw, not a trend over weeks; record at least a day before trusting the date.",
    ),
    (
        "history.forecast.too_few",
        "Too few samples for a forecast: at least two are needed",
    ),
    (
        "history.sampled.title",
        "Over the window: {samples} samples in {window} s, every {every} s",
    ),
    (
        "history.sampled.title_interrupted",
        "Over the window, ended early by an interrupt: {samples} samples in {window} s, every {every} s",
    ),
    ("history.progress.sampling", "sampling"),
    ("history.progress.profiling", "profiling"),
    (
        "history.record.start",
        "hostfit record: sampling every {every} into '{path}', keeping {retain}; stop with Ctrl-C or SIGTERM",
    ),
    (
        "history.record.taking",
        "hostfit record: taking sample {n}, t = {t}",
    ),
    (
        "history.record.sample",
        "hostfit record: sample {n} written, t = {t}",
    ),
    (
        "history.record.stopped",
        "hostfit record: stopped after {samples} samples",
    ),
    (
        "history.profile.head",
        "hostfit profile of {what}: {samples} samples over {window} s",
    ),
    (
        "history.profile.memory_tree",
        "memory is the sum of the processes' PSS (RSS where unreadable)",
    ),
    (
        "history.profile.memory_container",
        "memory is the container's working set (usage less inactive page cache)",
    ),
    (
        "history.profile.peaks",
        "{definition}; peak {memory}, CPU peak {cpu} cores",
    ),
    (
        "history.profile.ideal",
        "tiers as VPA derives them: minimum p50 x 1.15, standard p90 x 1.15, ideal p95 x 1.15 x (1 + 1/{days} days) = p95 x {factor}; at least 25m CPU and 16MiB",
    ),
    (
        "history.profile.disk",
        "the data directory grew {growth} a day; disk leaves room for 30, 90 and 365 days of it",
    ),
    ("history.profile.warning", "warning: {text}"),
    (
        "history.profile.warn.few_samples",
        "only {count} samples, fewer than {min}: the percentiles are rough; profile for longer or sample more often",
    ),
    (
        "history.profile.warn.still_starting",
        "memory was still climbing at the end of the window ({count} samples): it is shorter than the service's startup; profile for longer",
    ),
    (
        "history.profile.warn.short_window",
        "less than a day of data: ideal is p95 x 1.15 x {factor}, far above anything measured; profile for a day or more before relying on ideal",
    ),
    ("history.plan.sec", "Recorded history"),
    (
        "history.plan.basis",
        "Judged on the recorded history of the last {window} ({samples} samples over {span}): memory on its '{memory_basis}' (available {available}), CPU on its '{cpu_basis}' ({cpu} cores busy)",
    ),
    (
        "history.plan.ahead",
        "{days} days ahead, at the fitted rate, available memory would be {available}:",
    ),
    ("history.plan.col.now", "Verdict now"),
    ("history.plan.col.ahead", "In {days} days"),
    (
        "history.plan.changed",
        "{scenario}: {now} now, {ahead} then",
    ),
    (
        "history.plan.changes",
        "Verdicts that change within {days} days:",
    ),
    (
        "history.plan.unchanged",
        "No verdict changes within {days} days",
    ),
];
