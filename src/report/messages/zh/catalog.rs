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
        "* 估算：各规格的 `source` 字段说明哪些数字是估算的以及如何推导。",
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
    ("catalog.import.header_types", "共 {types} 种实例规格。"),
    ("catalog.import.header_types_one", "共 1 种实例规格。"),
    (
        "catalog.import.header_skipped",
        "跳过文件中的条目 {skipped} 个。",
    ),
    (
        "catalog.import.header_skipped_one",
        "跳过文件中的条目 1 个。",
    ),
    (
        "catalog.import.header_skipped_none",
        "没有跳过文件中的条目。",
    ),
    (
        "catalog.import.done",
        "已导入地域 '{region}' 的 {types} 种实例规格",
    ),
    (
        "catalog.import.done_one",
        "已导入地域 '{region}' 的 1 种实例规格",
    ),
    (
        "catalog.import.done_into",
        "已导入地域 '{region}' 的 {types} 种实例规格，写入 '{file}'",
    ),
    (
        "catalog.import.done_into_one",
        "已导入地域 '{region}' 的 1 种实例规格，写入 '{file}'",
    ),
    (
        "catalog.import.skipped",
        "警告：跳过 {count} 个条目（{names}）：{reason}",
    ),
    (
        "catalog.import.skipped_one",
        "警告：跳过 1 个条目（{names}）：{reason}",
    ),
    (
        "catalog.import.skipped_more",
        "警告：跳过 {count} 个条目（{names} 等，另有 {more} 个）：{reason}",
    ),
    (
        "catalog.import.invalid",
        "从 '{file}' 导入的目录无效：{problem}",
    ),
    ("catalog.import.list", "{names}"),
    ("catalog.import.list_more", "{names} 等，另有 {more} 个"),
    ("catalog.import.no_prices", "文件中没有 Linux VPC 价格"),
    (
        "catalog.import.no_prices_in_region",
        "文件中没有地域 '{region}' 的 Linux VPC 价格",
    ),
    (
        "catalog.import.prices_of_regions",
        "文件中有 {count} 个地域的 Linux VPC 价格：一个目录只能覆盖一个地域",
    ),
    ("catalog.import.no_rows", "文件中没有带地域的行"),
    (
        "catalog.import.no_rows_in_region",
        "文件中没有地域 '{region}' 的行",
    ),
    (
        "catalog.import.rows_of_regions",
        "文件中有 {count} 个地域的行：一个目录只能覆盖一个地域",
    ),
    ("catalog.import.help.regions", "文件中的地域：{regions}"),
    (
        "catalog.import.help.choose_region",
        "请用 --region 选择一个：{regions}",
    ),
    (
        "catalog.import.nothing_imported",
        "地域 '{region}' 没有可导入的实例规格",
    ),
    (
        "catalog.import.help.nothing_matched",
        "文件中没有匹配的条目",
    ),
    (
        "catalog.import.help.skipped",
        "跳过了 {count} 个条目，例如 '{name}'（第 {line} 行）：{reason}",
    ),
    (
        "catalog.import.help.skipped_one",
        "跳过了 1 个条目：'{name}'（第 {line} 行）：{reason}",
    ),
    (
        "catalog.import.json_syntax",
        "这不是有效的 JSON：请检查此处的引号、逗号和括号",
    ),
    (
        "catalog.import.json_ends_early",
        "文件在 JSON 写完之前就结束了",
    ),
    (
        "catalog.import.json_shape",
        "此处的 JSON 不符合阿里云 instancePrice.json 的结构",
    ),
    (
        "catalog.import.help.aliyun_shape",
        "应为阿里云的 instancePrice.json：{\"currency\": \"CNY\", \"version\": ..., \"pricingInfo\": {\"cn-hangzhou::ecs.g7.large::vpc::linux::optimized\": {\"hours\": [{\"price\": \"0.5\", \"period\": \"1\"}], \"months\": [...]}}}",
    ),
    ("catalog.import.no_currency", "文件没有写明 'currency'"),
    (
        "catalog.import.help.currency",
        "请在顶层加上 \"currency\": \"CNY\"（中国站）或 \"USD\"（国际站）",
    ),
    (
        "catalog.import.bad_price_of",
        "'{key}' 的价格 '{price}' 不是零或正数",
    ),
    ("catalog.import.bad_price", "价格 '{price}' 不是零或正数"),
    ("catalog.import.bad_vcpus", "'{value}' 不是 vCPU 数量"),
    (
        "catalog.import.bad_memory_gib",
        "'{value}' 不是以 GiB 计的大小",
    ),
    ("catalog.import.empty_type", "实例规格为空"),
    (
        "catalog.import.help.skypilot_header",
        "SkyPilot 的 vms.csv 以此开头：{header}",
    ),
    (
        "catalog.skip.bad_key",
        "键不是 'region::type::network::os::io' 的形式",
    ),
    ("catalog.skip.no_price_period", "没有一个月或一小时的价格"),
    (
        "catalog.skip.not_ecs",
        "'{name}' 不是 ECS 规格名（ecs.<family>.<size>）",
    ),
    (
        "catalog.skip.no_size",
        "'{name}' 没有规格大小（ecs.<family>.<size>）",
    ),
    (
        "catalog.skip.no_size_rule",
        "不在已记录规格表中，也没有命名规则能给出规格大小 '{size}' 的 vCPU 数",
    ),
    (
        "catalog.skip.no_memory_rule",
        "不在已记录规格表中，也没有命名规则能给出规格族 '{family}' 的内存",
    ),
    (
        "catalog.skip.bad_ratio",
        "不在已记录规格表中，且 '{ratio}' 不是 'c1m2' 这样的 vCPU:GiB 比例",
    ),
    (
        "catalog.skip.no_baseline",
        "突发性能规格 '{name}' 的 CPU 基准性能未知",
    ),
    ("catalog.skip.no_on_demand", "没有按量付费价格"),
    ("catalog.skip.fractional_vcpus", "vCPU 数不是整数"),
    ("catalog.skip.no_memory", "没有内存"),
    (
        "catalog.csv.unequal_row",
        "这一行有 {fields} 个字段，但表头有 {expected} 个",
    ),
    ("catalog.csv.not_utf8", "这一行不是有效的 UTF-8"),
    ("catalog.csv.unreadable_row", "这一行无法按 CSV 读取"),
    ("catalog.csv.unknown_column", "未知的列 '{column}'"),
    ("catalog.csv.column_twice", "列 '{column}' 出现了两次"),
    ("catalog.csv.no_column", "表头中没有列 '{column}'"),
    ("catalog.csv.help.header", "目录 CSV 以此开头：{header}"),
    (
        "catalog.csv.help.did_you_mean",
        "是否想写 '{column}'？可用的列：{columns}",
    ),
    ("catalog.csv.help.columns", "可用的列：{columns}"),
    ("catalog.csv.empty", "'{column}' 为空"),
    ("catalog.csv.bad_vcpus", "'{value}' 不是整数个 vCPU"),
    ("catalog.csv.bad_price", "'{value}' 不是价格"),
    (
        "catalog.csv.bad_period",
        "'{value}' 不是计费周期：应为 'month' 或 'hour'",
    ),
    (
        "catalog.csv.bad_billing",
        "'{value}' 不是计费方式：应为 'subscription' 或 'on-demand'",
    ),
    (
        "catalog.csv.bad_arch",
        "'{value}' 不是架构：应为 'x86_64' 或 'arm64'",
    ),
    (
        "catalog.csv.bad_estimate",
        "'{value}' 不是 'true' 或 'false'",
    ),
    ("catalog.title.one", "{name}（{count} 种规格）"),
    (
        "catalog.title_described.one",
        "{name}：{description}（{count} 种规格）",
    ),
];
