//! Chinese words for catalog listings and imports. Every key here exists in `en/catalog.rs` too (a test checks).

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    ("catalog.col.catalog", "目录"),
    ("catalog.col.types", "规格数"),
    ("catalog.col.region", "地域"),
    ("catalog.col.description", "说明"),
    (
        "catalog.list.hint",
        "用 `hostfit catalog NAME` 列出一个目录的规格，或用 `hostfit catalog ./my-catalog.yaml` 列出一个目录文件。",
    ),
    ("catalog.title", "{name}（{count} 种规格）"),
    (
        "catalog.title_described",
        "{name}：{description}（{count} 种规格）",
    ),
    ("catalog.col.type", "实例规格"),
    ("catalog.col.family", "系列"),
    ("catalog.col.vcpus", "vCPU"),
    ("catalog.col.baseline", "基准性能"),
    ("catalog.col.memory", "内存"),
    ("catalog.col.price", "价格"),
    ("catalog.col.monthly", "每月费用"),
    ("catalog.price.month", "{price} {currency}/月"),
    (
        "catalog.price.month_on_demand",
        "{price} {currency}/月 按量付费",
    ),
    ("catalog.price.hour", "{price} {currency}/小时"),
    (
        "catalog.price.hour_on_demand",
        "{price} {currency}/小时 按量付费",
    ),
    (
        "catalog.note.estimate",
        "* 估算价格：推导方法见各规格的 `source` 字段。",
    ),
    (
        "catalog.note.baseline",
        "基准性能：突发性能实例每个 vCPU 可持续使用的比例；规划时按 vCPU 数 × 基准性能计算。",
    ),
    (
        "catalog.note.hourly",
        "每月费用：按小时价格 × 730 小时计算。",
    ),
    (
        "catalog.import.header",
        "由 `hostfit catalog import --from {source}` 从 '{file}' 导入。",
    ),
    (
        "catalog.import.header_region",
        "由 `hostfit catalog import --from {source}` 从 '{file}' 导入，地域 {region}。",
    ),
    (
        "catalog.import.header_counts",
        "共 {types} 种实例规格；跳过文件中的条目 {skipped} 个。",
    ),
    (
        "catalog.import.done",
        "已导入地域 '{region}' 的 {types} 种实例规格",
    ),
    (
        "catalog.import.done_into",
        "已导入地域 '{region}' 的 {types} 种实例规格，写入 '{file}'",
    ),
    (
        "catalog.import.skipped",
        "警告：跳过 {count} 个（{names}）：{reason}",
    ),
    (
        "catalog.import.skipped_more",
        "警告：跳过 {count} 个（{names} 等，另有 {more} 个）：{reason}",
    ),
];
