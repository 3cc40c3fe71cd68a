//! Chinese words for the rules a plan, snapshot or catalog breaks after parsing (`Problem`s).
//! Every key here exists in `en/problems.rs` too (a test checks).

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    (
        "problem.catalog.no_name",
        "目录的 'name' 为空：需要一个名称",
    ),
    (
        "problem.catalog.no_instances",
        "'instances' 为空：至少需要一个实例规格",
    ),
    (
        "problem.catalog.empty_name",
        "有一个实例规格的 'name' 为空：需要一个名称",
    ),
    (
        "problem.catalog.duplicate_name",
        "'{name}' 出现了两次（第一次是第 {first} 项）：名称必须唯一",
    ),
    (
        "problem.catalog.no_vcpus",
        "'{name}' 的 vCPU 为 0：至少需要 1 个",
    ),
    (
        "problem.catalog.no_memory",
        "'{name}' 没有内存：需要一个大小，例如 '4GiB'",
    ),
    (
        "problem.catalog.bad_price",
        "'{name}' 的价格为 '{price}'：需要零或正数",
    ),
    (
        "problem.catalog.bad_baseline",
        "'{name}' 的 CPU 基准为 '{baseline}'：需要大于 0 且不超过 1 的比例，例如 0.2",
    ),
    (
        "problem.catalog.no_currency",
        "'{name}' 的 'currency' 为空：需要币种，例如 'CNY' 或 'USD'",
    ),
    (
        "problem.catalog.mixed_currency",
        "'{name}' 以 '{currency}' 计价，而目录中第一个规格以 '{first}' 计价：同一目录只能使用一种币种，价格才能比较",
    ),
    (
        "problem.catalog.bad_usable",
        "'{name}' 的 usable_memory 为 {usable}：需要大于零且不超过其内存（{memory}）",
    ),
    (
        "problem.plan.no_services",
        "'services' 为空：至少需要一个要新增的服务",
    ),
    (
        "problem.plan.empty_service_name",
        "有一个服务的 'name' 为空：需要一个名称",
    ),
    (
        "problem.plan.duplicate_service",
        "服务 '{name}' 出现了两次（第一次是第 {first} 个服务）：名称必须唯一",
    ),
    (
        "problem.plan.no_tier",
        "服务 '{name}' 没有任何档位：至少需要 minimum、standard、ideal 之一",
    ),
    (
        "problem.plan.cpu_limit_zero",
        "policy.cpu_limit 为 0%：任何场景都无法使用 CPU；请给出服务可以占用的核心比例，例如 70%",
    ),
    (
        "problem.plan.priority_zero",
        "服务 '{name}' 的优先级为 0：需要 1（最重要）或更大",
    ),
    (
        "problem.plan.port_zero",
        "服务 '{name}' 的端口为 0：需要 1 到 65535 之间的端口",
    ),
    (
        "problem.plan.empty_alternative_name",
        "有一个替代方案的 'name' 为空：需要一个名称",
    ),
    (
        "problem.plan.duplicate_alternative",
        "服务 '{name}' 把替代方案 '{alternative}' 列了两次：名称必须唯一",
    ),
    (
        "problem.plan.duplicate_scenario",
        "场景 '{name}' 已存在（默认场景以档位命名）：请换一个名称",
    ),
    (
        "problem.plan.empty_scenario",
        "场景 '{name}' 没有服务：至少需要一个",
    ),
    (
        "problem.plan.unknown_service_in_scenario",
        "场景 '{scenario}' 引用了服务 '{name}'，但计划中没有该服务：应为 {known} 之一",
    ),
    (
        "problem.plan.service_twice_in_scenario",
        "场景 '{scenario}' 把服务 '{name}' 列了两次：每个服务只能出现一次",
    ),
    (
        "problem.plan.empty_phase",
        "第 {phase} 批没有服务：至少需要一个",
    ),
    (
        "problem.plan.unknown_service_in_phase",
        "第 {phase} 批引用了服务 '{name}'，但计划中没有该服务：应为 {known} 之一",
    ),
    (
        "problem.plan.service_twice_in_phases",
        "服务 '{name}' 出现在多个批次中（或在同一批中出现两次）：每个服务只能出现一次",
    ),
    (
        "problem.snapshot.bad_taken_at",
        "'{value}' 不是时间戳：需要 RFC 3339 格式，例如 '2025-10-07T12:00:00+08:00'",
    ),
    (
        "problem.snapshot.no_cores",
        "'host.cpu.cores' 为 0：需要在线核数，大于 0",
    ),
    (
        "problem.snapshot.zero_quota",
        "'host.cpu.quota' 为 0：需要 CPU 配额的核数，大于 0",
    ),
    (
        "problem.snapshot.no_memory",
        "'host.memory.total' 为 0：需要 MemTotal，大于 0",
    ),
    (
        "problem.snapshot.zero_limit",
        "'host.memory.limit' 为 0：需要 cgroup 的内存上限，大于 0",
    ),
    (
        "problem.snapshot.used_without_limit",
        "给出了 'host.memory.limit_used' 却没有 'limit'：两者要么都给，要么都不给",
    ),
    (
        "problem.snapshot.duplicate_mount",
        "有两块磁盘挂载在 '{mount}'：每个挂载点只能有一块磁盘",
    ),
    (
        "problem.snapshot.duplicate_workload",
        "有两个工作负载都叫 '{name}'：名称必须唯一",
    ),
    (
        "problem.catalog.bad_as_of",
        "'{name}' 的日期为 '{value}'：需要 YYYY-MM-DD 格式的日期，例如 '2026-01-31'",
    ),
];
