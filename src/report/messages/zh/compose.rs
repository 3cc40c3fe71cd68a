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
    ("export.header", "由 hostfit 根据 {source} 生成：{basis}。"),
    ("export.basis.as_is", "场景 {scenario}，在当前主机上"),
    (
        "export.basis.upgrade",
        "场景 {scenario}，在 {instance} 上（可容纳该场景的最便宜规格）",
    ),
    (
        "export.basis.lightweight",
        "轻量部署方案，即不购买任何资源时当前能容纳的部分",
    ),
    (
        "export.rule",
        "每个内存上限是该服务的预算：其档位加上按各档位内存比例分得的剩余内存，向下取整到 MiB。cpus 和预留值取其档位。",
    ),
    (
        "export.replicas",
        "{service} 运行 {replicas} 个副本：每个容器分得预算的相应份额。",
    ),
    (
        "export.replaced",
        "{service} 由 {alternative} 替代：不在本机部署。",
    ),
    ("export.left_out", "{service} 暂不部署。"),
    (
        "export.not_in_compose",
        "{service} 不是 compose 文件中的服务：未写入本文件。",
    ),
    (
        "export.compose.apply",
        "docker compose 会自动读取 docker-compose.yml 旁边的本文件：docker compose up -d",
    ),
    (
        "export.k8s.apply",
        "把每个服务的 resources 写入其容器定义，或运行其上方的 kubectl 命令。",
    ),
    (
        "cli.export.unknown_scenario",
        "计划中没有场景 '{name}'：应为 {known} 之一",
    ),
    (
        "cli.export.no_upgrade",
        "目录中没有能容纳场景 '{scenario}' 的规格：'--option upgrade' 无可写内容",
    ),
    (
        "cli.export.does_not_fit",
        "场景 '{scenario}' 在当前主机上{verdict}，目录中也没有能容纳它的规格：请选择 '--option lightweight'，或换一个 '--scenario'",
    ),
];
