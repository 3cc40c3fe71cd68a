//! 数据库引擎的中文用语：引擎名称、设置的来源、扫描对它们的警告，以及报告中关于内存上限、调优和
//! OOM killer 顺序的部分。这里的每个键在 `en/engines.rs` 中都有（有测试检查）。

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
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
