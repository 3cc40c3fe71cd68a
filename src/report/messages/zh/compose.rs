//! docker-compose 文件的中文用语：从中读取计划的服务，以及 `hostfit export` 写出的 override 文件和
//! Kubernetes 资源。每个键在 `en/compose.rs` 中也有（有测试检查）。

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    (
        "problem.compose.no_services",
        "compose 文件中没有 'services'：至少需要一个服务",
    ),
    (
        "problem.compose.no_figures",
        "compose 服务 '{name}' 没有任何内存数值：请设置 deploy.resources.limits.memory 或 mem_limit（理想档位）、deploy.resources.reservations.memory 或 mem_reservation（最低档位），或 x-hostfit.tiers；'x-hostfit.skip: true' 可将其排除",
    ),
    (
        "problem.compose.interpolated",
        "'{value}' 由变量决定，hostfit 不会替换变量：请写出具体数值，或在 x-hostfit 下给出档位",
    ),
    (
        "problem.compose.bad_replicas",
        "'{value}' 不是副本数：需要不小于 1 的整数",
    ),
    (
        "problem.compose.duplicate",
        "compose 服务 '{name}' 同时也是计划中的服务：每个名称只能出现一次",
    ),
];
