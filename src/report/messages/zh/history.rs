//! Chinese words for figures over time: sampled scans, `hostfit history`, `hostfit record`,
//! `hostfit profile` and the plan report's history section. Every key here exists in
//! `en/history.rs` too (a test checks).

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    (
        "history.title",
        "主机 '{host}' 在 '{database}' 中的历史：最近 {since} 内 {samples} 个样本，从 {from} 到 {to}，每 {every} 秒一次",
    ),
    ("history.sec.host", "主机"),
    ("history.sec.forecast", "预测（窗口内最小二乘拟合）"),
    ("history.sec.workloads", "工作负载"),
    ("history.col.figure", "指标"),
    ("history.col.now", "当前"),
    ("history.col.p50", "中位数"),
    ("history.col.p95", "95%"),
    ("history.col.p99", "99%"),
    ("history.col.worst", "最差"),
    ("history.col.workload", "工作负载"),
    ("history.col.kind", "类型"),
    ("history.col.samples", "样本数"),
    ("history.col.memory_now", "当前内存"),
    ("history.col.memory_p95", "内存 p95"),
    ("history.col.memory_max", "内存最大值"),
    ("history.col.cpu_p95", "CPU p95"),
    ("history.col.cpu_max", "CPU 最大值"),
    ("history.col.growth", "每日增长"),
    ("history.col.reserve_on", "触及预留"),
    ("history.reach.already", "已触及"),
    ("history.reach.not_within_year", "一年内不会"),
    ("history.fig.available", "可用内存（MemAvailable）"),
    ("history.fig.cpu_used", "CPU 已用（核）"),
    ("history.fig.workload_memory", "{name}：工作集"),
    ("history.fig.workload_cpu", "{name}：CPU（核）"),
    (
        "history.note.available",
        "可用内存越少越差：95% 与 99% 是它在该比例的时间内保持在其上的水平，最差为其最小值",
    ),
    (
        "history.forecast.at",
        "已用内存每天变化 {growth}；按此速度，可用内存将于 {date}（{days} 天后）降到预留（{reserve}）",
    ),
    (
        "history.forecast.not_within_year",
        "已用内存每天变化 {growth}；按此速度，可用内存一年内不会降到预留（{reserve}）：一年内不会",
    ),
    (
        "history.forecast.already",
        "已用内存每天变化 {growth}；可用内存已经等于或低于预留（{reserve}）",
    ),
    (
        "history.forecast.short_window",
        "这条直线只拟合了 {span}，不足一天：它反映的是所见那段时间的起伏，而不是数周的趋势；至少记录一天后再相信这个日期。",
    ),
    (
        "history.forecast.too_few",
        "样本太少，无法预测：至少需要两个",
    ),
    (
        "history.sampled.title",
        "窗口内：{window} 秒内 {samples} 个样本，每 {every} 秒一次",
    ),
    (
        "history.sampled.title_interrupted",
        "窗口内（被中断提前结束）：{window} 秒内 {samples} 个样本，每 {every} 秒一次",
    ),
    ("history.progress.sampling", "采样中"),
    ("history.progress.profiling", "分析中"),
    (
        "history.record.start",
        "hostfit record：每 {every} 采样一次，写入 '{path}'，保留 {retain}；按 Ctrl-C 或发送 SIGTERM 停止",
    ),
    (
        "history.record.taking",
        "hostfit record：正在采集第 {n} 个样本，t = {t}",
    ),
    (
        "history.record.sample",
        "hostfit record：第 {n} 个样本已写入，t = {t}",
    ),
    (
        "history.record.stopped",
        "hostfit record：共 {samples} 个样本后停止",
    ),
    (
        "history.profile.head",
        "hostfit profile {what}：{window} 秒内 {samples} 个样本",
    ),
    (
        "history.profile.memory_tree",
        "内存为各进程 PSS 之和（不可读时用 RSS）",
    ),
    (
        "history.profile.memory_container",
        "内存为容器的工作集（用量减去非活跃页缓存）",
    ),
    (
        "history.profile.peaks",
        "{definition}；内存峰值 {memory}，CPU 峰值 {cpu} 核",
    ),
    (
        "history.profile.ideal",
        "档位按 VPA 的方法得出：minimum 为 p50 x 1.15，standard 为 p90 x 1.15，ideal 为 p95 x 1.15 x (1 + 1/{days} 天) = p95 x {factor}；CPU 至少 25m，内存至少 16MiB",
    ),
    (
        "history.profile.disk",
        "数据目录每天增长 {growth}；磁盘预留 30、90、365 天的增长",
    ),
    ("history.profile.warning", "警告：{text}"),
    (
        "history.profile.warn.few_samples",
        "只有 {count} 个样本，少于 {min}：百分位数不准确；请延长分析时间或加快采样",
    ),
    (
        "history.profile.warn.still_starting",
        "窗口结束时内存仍在上升（{count} 个样本）：窗口短于服务的启动时间；请延长分析时间",
    ),
    (
        "history.profile.warn.short_window",
        "数据不足一天：ideal 为 p95 x 1.15 x {factor}，远高于实测值；请分析一天或更久再依赖 ideal",
    ),
    ("history.plan.sec", "历史记录"),
    (
        "history.plan.basis",
        "依据最近 {window} 的历史记录（{span} 内 {samples} 个样本）判断：内存取 '{memory_basis}'（可用 {available}），CPU 取 '{cpu_basis}'（已用 {cpu} 核）",
    ),
    (
        "history.plan.ahead",
        "{days} 天后，按拟合速度，可用内存将为 {available}：",
    ),
    ("history.plan.col.now", "当前结论"),
    ("history.plan.col.ahead", "{days} 天后"),
    ("history.plan.changed", "{scenario}：当前{now}，届时{ahead}"),
    ("history.plan.changes", "{days} 天内会改变的结论："),
    ("history.plan.unchanged", "{days} 天内没有结论改变"),
];
