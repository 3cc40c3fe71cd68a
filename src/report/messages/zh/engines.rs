//! 数据库引擎的中文用语：引擎名称、设置的来源、扫描对它们的警告，以及报告中关于内存上限、调优和
//! OOM killer 顺序的部分。这里的每个键在 `en/engines.rs` 中都有（有测试检查）。

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    ("engine.mysql", "MySQL"),
    ("engine.mariadb", "MariaDB"),
    ("engine.postgresql", "PostgreSQL"),
    ("engine.redis", "Redis"),
    ("engine.elasticsearch", "Elasticsearch"),
    ("engine.opensearch", "OpenSearch"),
    ("engine.neo4j", "Neo4j"),
    ("engine.weaviate", "Weaviate"),
    ("engine.mongodb", "MongoDB"),
    ("basis.ceiling", "上限"),
    ("basis.now", "当前用量"),
    ("source.default", "{engine} {version} 的默认值"),
    (
        "source.default_unknown",
        "已知最新 {engine} 的默认值（版本未知）",
    ),
    ("source.file", "{path}:{line}"),
    ("source.command_line", "命令行"),
    ("source.environment", "环境变量 {variable}"),
    ("source.live", "服务器（--connect）"),
    ("source.assumed", "无法读取，取假定值"),
    ("source.host", "其可见内存"),
    ("source.hand", "快照"),
    ("auto", "自动"),
    ("unbounded", "无上限"),
    ("sec.engines", "数据库：当前用量与可能增长到的上限"),
    ("col.engine", "引擎"),
    ("col.ceiling", "上限"),
    ("col.budget", "计入"),
    ("col.growth", "为增长预留"),
    ("col.basis", "数据库按"),
    (
        "engines.line",
        "{workload}（{engine}）当前使用 {now}，可能增长到 {ceiling}，因为 {why}",
    ),
    (
        "engines.line_limited",
        "{workload}（{engine}）当前使用 {now}，可能增长到 {ceiling}，因为 {why}；其容器的内存限制 {limit} 会先在此处将其截停",
    ),
    (
        "engines.line_unbounded",
        "{workload}（{engine}）当前使用 {now}，其设置没有内存上限：可能一直增长到内存耗尽",
    ),
    (
        "engines.held",
        "在可用的 {available} 中，有 {growth} 预留给数据库增长到其上限（策略 engines: ceiling），因此新服务可用的是 {usable}。若设为 'engines: now'，数据库按当前用量计算。",
    ),
    (
        "engines.now",
        "数据库按当前用量计算（策略 engines: now）；若增长到上限还会多占 {growth}，按当前用量制定的计划不会为此预留。",
    ),
    (
        "engines.none_known",
        "没有任何数据库的上限已知，因此均按当前用量计算。",
    ),
    ("scenarios.engines", "这些结论中数据库按{basis}计算。"),
    (
        "host.mem_held",
        "为数据库增长预留（策略 engines: {policy}）",
    ),
    ("host.mem_room_held", "内存余量（可用 - 预留增长 - 保留）"),
    (
        "upgrade.held",
        "为数据库增长到上限而预留的 {held} 也随之迁移：评估每种实例类型时同样预留这部分内存。",
    ),
    ("sec.tuning", "方案四：调优数据库"),
    (
        "tuning.intro",
        "调低这些设置会降低数据库可能增长到的上限；每项都需要重启对应数据库，且每个值最多调低到一半。",
    ),
    ("tuning.scenario", "场景 {scenario}，内存缺口 {shortfall}："),
    (
        "tuning.step",
        "{workload}（{engine}）：将 {setting} 从 {from} 调低到 {to}，可释放 {frees}。风险：{risk}",
    ),
    (
        "tuning.enough",
        "合计释放 {frees}：场景 {scenario} 随后{verdict}。",
    ),
    (
        "tuning.not_enough",
        "合计释放 {frees}，而缺口为 {shortfall}：场景 {scenario} 仍然{verdict}。",
    ),
    ("risk.smaller_cache", "缓存变小，更多读取落到磁盘，查询变慢"),
    ("risk.spill", "排序、哈希和连接更早溢写到磁盘"),
    ("risk.fewer_connections", "超过新上限的连接会被拒绝"),
    (
        "risk.smaller_heap",
        "堆变小，垃圾回收更频繁，大请求更早被拒绝",
    ),
    (
        "risk.eviction",
        "数据达到新上限后会淘汰键或拒绝写入（取决于 maxmemory-policy）",
    ),
    ("risk.slower_maintenance", "VACUUM 和建索引变慢"),
    (
        "risk.myisam_cache",
        "MyISAM 和 Aria 表（InnoDB 之外的少数表）更多地从磁盘读取",
    ),
    ("sec.oom", "内存耗尽时：OOM killer 的选择顺序"),
    (
        "oom.intro",
        "当某个场景紧张或无法承载时，内存可能耗尽。此时内核的 OOM killer 会先结束 oom_score 最高的进程（已计入 oom_score_adj）；以下是扫描时看到的顺序。",
    ),
    ("col.rank", "#"),
    ("col.oom_score", "oom_score"),
    ("col.oom_adj", "oom_score_adj"),
    ("col.frees", "最多释放"),
    ("col.database", "数据库"),
    (
        "warn.engine_unbounded",
        "'{workload}'（{engine}）的设置中没有内存上限：按当前用量计算，但它可能一直增长到内存耗尽",
    ),
    (
        "warn.engine_above_limit",
        "'{workload}' 的上限（{ceiling}）高于其容器的内存限制（{limit}）：数据库达到上限之前容器就会被 OOM 结束",
    ),
    (
        "warn.database_first_oom",
        "内存耗尽时，OOM killer 会首先结束数据库 '{workload}'（{engine}，oom_score {score}）",
    ),
    ("scan.sec.engines", "数据库"),
    ("scan.col.engine", "引擎"),
    ("scan.col.version", "版本"),
    ("scan.col.ceiling", "上限"),
    ("scan.col.inputs", "设置（读取位置）"),
    ("scan.col.formula", "公式"),
    ("scan.version_unknown", "未知"),
    (
        "scan.warn.db_config_unreadable",
        "数据库 '{workload}'：无法读取其配置 '{path}'：{error}",
    ),
    (
        "scan.warn.db_title_only",
        "数据库 '{workload}'：Redis 只显示其进程标题，命令行上给出的选项无法读取；'--connect redis=...' 可从服务器读取",
    ),
    (
        "scan.warn.db_performance_schema",
        "数据库 '{workload}'：performance_schema 已开启，其内存未计入上限；'--connect mysql=...' 可读取",
    ),
    (
        "scan.warn.db_unbounded",
        "数据库 '{workload}'（{engine}）未设置 '{setting}'：其内存没有上限，可能一直增长到主机内存耗尽",
    ),
    (
        "scan.warn.db_connect_failed",
        "--connect {engine}：无法读取 '{target}' 的实时设置：{error}",
    ),
    (
        "scan.warn.db_connect_unmatched",
        "--connect {engine}：没有 {engine} 工作负载在 '{target}' 监听",
    ),
];
