//! Chinese words for `hostfit place`: the placement across a fleet, the reasons a replica is on
//! no host, the purchase, the count, and the command's own errors. Every key here exists in
//! `en/place.rs` too (a test checks).

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    ("place.title", "集群内的部署安排"),
    (
        "place.summary",
        "{replicas} 个副本中已安排 {placed} 个，用到 {hosts} 台主机中的 {used} 台；按计划的策略，每台主机的每项资源都为“够用”。",
    ),
    ("place.tier.lowest", "每个服务按其最低档位安排。"),
    (
        "place.tier.at",
        "每个服务按 {tier} 档位（或最近的较低档位）安排。",
    ),
    (
        "place.bound",
        "下界：{bound} 台主机（体积下界 {volume}（各项资源中的较大者）与按单台主机最多能容纳的副本数得出的下界，二者取大）；所用主机数 / 下界 = {ratio}；所用主机数 / 体积下界 = {volume_ratio}。",
    ),
    (
        "place.search.exact_proven",
        "以 {start} 为起点，用分支定界精确求解：没有更好的安排。",
    ),
    (
        "place.search.exact_budget",
        "以 {start} 为起点的分支定界达到预算后停止：这是找到的最好安排，未证明最优。",
    ),
    (
        "place.search.local",
        "经典启发式中最好的一个（{start}），再经局部搜索改进（{steps} 步）。",
    ),
    (
        "place.search.local_layered",
        "按单台主机最多能容纳的副本数分两层构造（优于所有经典启发式），再经局部搜索改进（{steps} 步）。",
    ),
    ("place.start.layered", "分层构造"),
    ("place.sec.placements", "安排"),
    ("place.sec.unplaced", "未能安排的副本及原因"),
    ("place.sec.hosts", "安排后的主机"),
    ("place.sec.missing", "缺少数据的主机"),
    ("place.sec.purchase", "为其余副本新购实例"),
    ("place.sec.count", "{service} 还能再放几份"),
    ("place.sec.heuristics", "经典启发式在此集群上的结果"),
    ("place.col.service", "服务"),
    ("place.col.replica", "副本"),
    ("place.col.host", "主机"),
    ("place.col.services", "新增服务"),
    ("place.col.memory_added", "新增内存"),
    ("place.col.memory_room", "内存余量"),
    ("place.col.memory", "内存"),
    ("place.col.cpu_planned", "计划 CPU"),
    ("place.col.cpu_limit", "CPU 上限"),
    ("place.col.cpu", "CPU"),
    ("place.col.disk", "磁盘"),
    ("place.col.verdict", "结论"),
    ("place.col.instance", "实例"),
    ("place.col.count", "数量"),
    ("place.col.monthly_cost", "月费用"),
    ("place.col.copies", "还能再放"),
    ("place.col.heuristic", "启发式"),
    ("place.col.placed", "已安排副本"),
    ("place.col.hosts_used", "所用主机"),
    ("place.none_unplaced", "所有副本都已安排。"),
    (
        "place.unplaced.item",
        "{service} 副本 {replicas}：{reasons}",
    ),
    ("place.unplaced.not_buyable", "（新实例也放不下）"),
    (
        "place.reason.not_listed",
        "{hosts} 台主机不在其 'on' 列表中",
    ),
    (
        "place.reason.excluded",
        "{hosts} 台主机在其 'not_on' 列表中",
    ),
    (
        "place.reason.label_missing",
        "{hosts} 台主机缺少标签 {label}",
    ),
    (
        "place.reason.port_taken",
        "{hosts} 台主机的端口 {port} 已被占用",
    ),
    (
        "place.reason.spread",
        "{hosts} 台主机上已有一个副本（分散部署）",
    ),
    (
        "place.reason.memory_short",
        "{hosts} 台主机内存不足（差 {range}）",
    ),
    (
        "place.reason.cpu_short",
        "{hosts} 台主机 CPU 不足（差 {range} 核）",
    ),
    (
        "place.reason.disk_short",
        "{hosts} 台主机磁盘不足（差 {range}）",
    ),
    ("place.reason.no_hosts", "没有可用的主机"),
    ("place.missing.item", "{host}：缺少 {metrics}"),
    (
        "place.purchase.total",
        "合计：每月 {total} {currency}。最便宜的单一类型：{single}。任何购买方案都不会低于 {bound} {currency}。",
    ),
    (
        "place.purchase.single",
        "{count} 台 {instance}，{cost} {currency}",
    ),
    (
        "place.purchase.no_single",
        "无（没有一种类型能容纳所有副本）",
    ),
    (
        "place.purchase.no_catalog",
        "没有目录：用 --catalog 指定一个目录来给新实例定价。",
    ),
    ("place.count.total", "合计：还能再放 {total} 份。"),
    ("place.count.any", "任意数量"),
    ("place.count.unknown", "'{service}' 不是计划中的服务"),
    ("place.cli.no_hosts", "没有主机文件匹配 '{pattern}'"),
    (
        "place.cli.prometheus",
        "无法查询位于 '{url}' 的 Prometheus：{error}",
    ),
    (
        "place.cli.kubernetes",
        "'{path}' 不是 'kubectl get nodes,pods -A -o json' 的输出：{error}",
    ),
    (
        "place.cli.bad_window",
        "'{value}' 不是 Prometheus 的时长，例如 7d、12h 或 30m",
    ),
    (
        "place.cli.bad_time",
        "'{value}' 不是时间预算，例如 1s、500ms 或 2.5s",
    ),
    (
        "place.cli.unknown_label_host",
        "--host-labels 提到了 '{host}'，但它不是集群中的主机",
    ),
    (
        "place.cli.unknown_service",
        "--count 提到了 '{service}'，但它不是计划中的服务",
    ),
    (
        "place.cli.duplicate_host",
        "有两台主机都叫 '{host}'：集群内的主机名必须唯一",
    ),
    (
        "problem.plan.zero_replicas",
        "服务 '{name}' 要求 0 个副本：至少需要 1 个",
    ),
    (
        "problem.plan.on_and_not_on",
        "服务 '{name}' 把主机 '{host}' 同时列在 'on' 和 'not_on' 中",
    ),
    (
        "scan.warn.prometheus_available_estimated",
        "没有 MemAvailable 指标：可用内存按 MemFree + Buffers + Cached 计",
    ),
];
