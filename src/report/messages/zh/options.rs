//! Chinese words for the options of the plan report: upgrade, lightweight, phased, the
//! conclusion and the recommendation. Every key here exists in `en/options.rs` too (a test checks).

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    (
        "upgrade.no_catalog",
        "计划中没有指定实例目录，无法给出升级价格：在计划中加入 `catalog: aliyun`（或 aws，或文件路径）。",
    ),
    (
        "upgrade.current",
        "当前实例 {name}（{vcpus} vCPU，{memory}，每月 {cost}）",
    ),
    (
        "upgrade.current_unknown",
        "当前实例不在目录中，无法给出费用变化",
    ),
    (
        "upgrade.intro",
        "实例目录 {catalog}；{current}。实例的实际可用内存取目录中的数值，否则按标称内存 × {share} 估算。当前已占用的 {carried} 会随迁移带到新实例，当前的 CPU 占用也一样。",
    ),
    ("upgrade.not_needed", "所有场景都可承载，无需升级。"),
    (
        "upgrade.estimate_note",
        "* 价格为估算值，推导方法见目录中的 source 字段。",
    ),
    (
        "upgrade.budgets",
        "{scenario} 在 {instance} 上的内存限制：{list}",
    ),
    (
        "upgrade.burstable",
        "{vcpus}（基准性能 {baseline} = {cores} 核）",
    ),
    (
        "upgrade.none_fits",
        "目录 {catalog} 中没有能承载场景 {scenario} 的实例规格。",
    ),
    (
        "upgrade.naive",
        "只加内存、保持 {vcpus} vCPU 的常见升级（{instance}，{memory}）承载不了场景 {scenario} 加上当前运行的 {running} 个工作负载：它的实际可用内存只有 {usable}，不是 {memory}。带上当前已占用的 {carried} 和 {reserve} 的预留后，只剩 {room} 给新服务所需的 {demand}，内存{mem_verdict}{short}；CPU 已用加需求为 {planned} 核，上限 {limit} 核，CPU {cpu_verdict}。",
    ),
    (
        "lightweight.intro",
        "不购买新资源，保留最重要的服务，其余用替代方案顶上：",
    ),
    (
        "lightweight.left",
        "部署后剩余：内存 {memory}，CPU {cpu} 核",
    ),
    (
        "lightweight.replaced",
        "{service} 由 {alternative} 代替：{purpose}",
    ),
    ("phased.no_upgrade", "目录中没有能全部承载的实例。"),
    (
        "conclusion.tally",
        "共 {total} 个场景：{fits} 个可承载，{tight} 个紧张，{dnf} 个无法承载。",
    ),
    ("conclusion.scenario", "{name}：{verdict}{upgrade}"),
    (
        "conclusion.upgrade",
        "；可承载的最便宜实例：{instance}，每月 {cost}（{delta}）",
    ),
    (
        "conclusion.lightweight",
        "不升级时，现在可以覆盖 {total} 个服务中的 {count} 个（见轻量化部署方案）。",
    ),
    ("check.backup", "备份数据库和配置。"),
    (
        "check.resize",
        "在业务低峰期将实例变更为 {instance}，变更会重启服务器。",
    ),
    (
        "check.verify",
        "用 `hostfit scan` 重新采集快照：总内存应约为 {usable}，各工作负载恢复到原来的水平。",
    ),
    ("check.limits", "把每个新服务的内存限制设为上面的预算值。"),
    ("check.batches", "分批部署，每批之间重新采集快照。"),
    (
        "check.replan",
        "用新快照重新运行 `hostfit plan`，并保存报告。",
    ),
    (
        "upgrade.disk_bound",
        "场景 {scenario} 的内存和 CPU 都可承载，只有磁盘 {mount} 缺 {short}：把该磁盘扩容 {growth} 即可，无需更换实例规格。",
    ),
    (
        "upgrade.raise_limit",
        "场景 {scenario} 在本机可以承载，但在服务所在 cgroup 的上限（{memory_now}，{cpu_now} 核）内不行：把内存上限提高到 {memory}、CPU 配额提高到 {cpu} 核即可，无需更换实例规格。",
    ),
    (
        "upgrade.arch_left_out",
        "目录中有 {count} 个规格的 CPU 架构不是 {arch}，已排除：服务的镜像和程序是为 {arch} 构建的。若要考虑它们，请设置 `policy.allow_arch_change: true`。",
    ),
    (
        "upgrade.disk_growth",
        "在 {instance} 上，场景 {scenario} 还需要把 / 所在磁盘扩容 {growth}。",
    ),
    (
        "phased.intro",
        "所有服务按最低档，分批上线。每批之前重新采集快照（`hostfit scan`），满足该批的闸门条件后再继续。",
    ),
    ("phased.gate", "可用 ≥ {memory}；CPU 占用 ≤ {cpu}{disk}"),
    ("phased.gate_disk", "；磁盘可用 ≥ {disk}"),
    ("phased.met", "已满足"),
    ("phased.not_met", "未满足"),
    ("phased.after", "{verdict}（闸门：可用 ≥ {memory}）"),
    (
        "phased.upgrade",
        "最后一列按 {instance}（每月 {cost}，{delta}）评估同样的批次，它是能按最低档承载全部服务的最便宜规格。",
    ),
    (
        "phased.alone_tight",
        "以下服务即使单独按最低档部署，在本机也只是勉强：{list}。",
    ),
    (
        "phased.alone_none",
        "以下服务即使单独按最低档部署，在本机也无法承载：{list}。",
    ),
    ("rec.and_grow", "，并把 / 所在磁盘扩容 {growth}"),
    ("rec.none", "场景 {scenario} 按主机现状即可承载：无需改动。"),
    (
        "rec.grow_disk",
        "针对场景 {scenario} 的建议：把 / 所在磁盘扩容 {growth}。",
    ),
    (
        "rec.upgrade",
        "针对场景 {scenario} 的建议：升级到 {instance}（每月 {cost}，{delta}）{growth}；各服务的内存上限见升级方案。",
    ),
    (
        "rec.raise_limit",
        "针对场景 {scenario} 的建议：把服务的内存上限提高到 {memory}，CPU 配额提高到 {cpu} 核{growth}。",
    ),
    (
        "rec.lightweight",
        "建议不按场景 {scenario} 部署，而采用轻量化部署。",
    ),
    (
        "rec.phased",
        "建议不按场景 {scenario} 一次部署，而是分批上线，每批满足闸门条件后再进行。",
    ),
    ("reason.fits_now", ""),
    (
        "reason.cap_binds",
        "主机本身有余量，只是服务所在的上限太小。",
    ),
    (
        "reason.disk_only",
        "按主机现状内存和 CPU 都可承载，换实例规格没有帮助。",
    ),
    (
        "reason.cheapest_fit",
        "它是目录中把当前运行的负载一并迁移后，内存、CPU 和磁盘都可承载的最便宜规格。",
    ),
    (
        "reason.no_catalog_lightweight",
        "没有提供实例目录，无法为升级定价；而当前可部署的方案已覆盖全部服务。",
    ),
    (
        "reason.no_catalog_phased",
        "没有提供实例目录，无法为升级定价；而当前可部署的方案会遗漏部分服务。",
    ),
    (
        "reason.no_type_lightweight",
        "目录中没有能承载它的规格；而当前可部署的方案已覆盖全部服务。",
    ),
    (
        "reason.no_type_phased",
        "目录中没有能承载它的规格；而当前可部署的方案会遗漏部分服务。",
    ),
    (
        "upgrade.no_instance_needed",
        "无需更换实例规格：无法承载的场景已由上文中更大的上限或更大的磁盘解决。",
    ),
    (
        "phased.upgrade_recommended",
        "最后一列按推荐的升级规格 {instance}（每月 {cost}，{delta}）评估同样的批次。",
    ),
    (
        "upgrade.arch_left_out.one",
        "目录中有 {count} 个规格的 CPU 架构不是 {arch}，已排除：服务的镜像和程序是为 {arch} 构建的。若要考虑它们，请设置 `policy.allow_arch_change: true`。",
    ),
];
