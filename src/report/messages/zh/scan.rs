//! Chinese words for scans and their warnings. Every key here exists in `en/scan.rs` too (a test checks).

pub(in crate::report::messages) const TABLE: &[(&str, &str)] = &[
    ("scan.title", "主机 {host}，测量时间 {taken_at}"),
    ("scan.col.figure", "指标"),
    ("scan.col.value", "数值"),
    ("scan.host.cores", "在线 CPU 核数"),
    ("scan.host.busy", "CPU 已用（{seconds} 秒内平均，核）"),
    ("scan.host.busy_unmeasured", "CPU 已用（核）"),
    ("scan.not_measured", "未测量"),
    ("scan.host.cpu_quota", "cgroup 的 CPU 配额（核）"),
    ("scan.host.shmem", "共享内存（Shmem）"),
    ("scan.host.mem_limit", "cgroup 的内存上限"),
    ("scan.host.mem_limit_used", "上限内已用内存（工作集）"),
    ("scan.host.arch", "CPU 架构"),
    ("scan.host.swap_total", "交换分区总量"),
    ("scan.host.swap_free", "交换分区空闲"),
    ("scan.host.psi_cpu_some", "CPU 压力，some（avg10）"),
    ("scan.host.psi_memory_some", "内存压力，some（avg10）"),
    ("scan.host.psi_memory_full", "内存压力，full（avg10）"),
    ("scan.host.psi_io_some", "I/O 压力，some（avg10）"),
    ("scan.sec.disks", "磁盘"),
    ("scan.col.mount", "挂载点"),
    ("scan.col.device", "设备"),
    ("scan.col.fstype", "文件系统"),
    ("scan.col.total", "总量"),
    ("scan.col.used", "已用"),
    ("scan.col.available", "可用"),
    ("scan.sec.ports", "监听端口"),
    ("scan.col.port", "端口"),
    ("scan.col.protocol", "协议"),
    ("scan.col.address", "地址"),
    ("scan.col.process", "进程"),
    ("scan.sec.workloads", "工作负载"),
    ("scan.col.name", "名称"),
    ("scan.col.kind", "类型"),
    ("scan.col.working_set", "工作集"),
    ("scan.col.rss", "RSS"),
    ("scan.col.pss", "PSS"),
    ("scan.col.page_cache", "页缓存"),
    ("scan.col.active_file", "活跃页缓存"),
    ("scan.col.memory_limit", "内存上限"),
    ("scan.col.cpu", "CPU（核）"),
    ("scan.col.cpu_limit", "CPU 上限"),
    ("scan.col.processes", "进程数"),
    ("scan.col.oom_score", "OOM 分数"),
    ("scan.col.ports", "端口"),
    (
        "scan.memory_split",
        "内存：总计 {total} = 可用 {available} + 工作负载 {workloads} + 其他 {other}",
    ),
    (
        "scan.memory_split_cache",
        "内存：总计 {total} = 可用 {available} + 工作负载 {workloads} - 两边重复计入的页缓存 {cache} + 其他 {other}",
    ),
    ("scan.warn.file_unreadable", "无法读取 '{path}'：{error}"),
    (
        "scan.warn.format_unexpected",
        "'{what}' 的格式不符合预期：{reason}",
    ),
    (
        "scan.warn.engine_unreachable",
        "容器引擎 '{socket}' 未正常应答：{reason}",
    ),
    (
        "scan.warn.engine_deadline",
        "容器引擎 '{socket}' 在本次采集给它的 {seconds} 秒内没有应答",
    ),
    (
        "scan.warn.engine_not_found",
        "容器引擎 '{socket}'：未找到 Docker 或 Podman 的套接字（已尝试 {tried}）",
    ),
    (
        "scan.warn.not_regular_file",
        "'{path}' 不是普通文件（{file_type}）：已跳过",
    ),
    (
        "scan.warn.file_too_large",
        "'{path}' 超过 {limit} 字节：已跳过",
    ),
    (
        "scan.warn.statvfs_failed",
        "无法测量 '{path}' 上的文件系统：{error}",
    ),
    (
        "scan.warn.no_memory_cgroup",
        "没有任何 cgroup 层级统计内存：未测量服务和容器",
    ),
    (
        "scan.warn.cpu_not_measured",
        "未测量 CPU 使用率：测量间隔为 0",
    ),
    (
        "scan.warn.cgroup_unreadable",
        "{kind} '{name}' 的 cgroup 读取失败：{cause}",
    ),
    (
        "scan.warn.container_inspect_failed",
        "无法获取容器 '{name}' 的详细信息：{cause}",
    ),
    (
        "scan.warn.container_cgroup_missing",
        "容器 '{name}'：未找到它的 cgroup，未测量其数据",
    ),
    (
        "scan.warn.memory_limit_unreadable",
        "无法读取主机上各服务所在 cgroup 的内存上限：{cause}",
    ),
    (
        "scan.warn.cpu_quota_unreadable",
        "无法读取主机上各服务所在 cgroup 的 CPU 配额：{cause}",
    ),
    (
        "scan.warn.pss_unreadable",
        "有 {count} 个进程的 smaps_rollup 无法读取：改用 RSS 代替 PSS 计算它们的内存",
    ),
    (
        "scan.warn.exe_unreadable",
        "有 {count} 个进程的可执行文件无法读取：改按命令名归组",
    ),
    (
        "scan.warn.fds_unreadable",
        "有 {count} 个进程的打开文件无法读取：无法确定它们所监听端口的归属",
    ),
    (
        "scan.warn.available_estimated",
        "没有 MemAvailable 行（3.14 之前的内核）：可用内存按 {method} 估算为 {available}",
    ),
    (
        "scan.warn.disks_not_measured",
        "未测量磁盘：根目录不是 / 时，磁盘属于该目录树所描述的主机，而未提供该主机上 'df -P -B1' 的输出（--df）",
    ),
    (
        "scan.warn.rss_from_stat",
        "有 {count} 个进程只有 stat 文件：按其中的页数计算 RSS，每页 {page_size} 字节",
    ),
    (
        "scan.warn.process_from_status",
        "有 {count} 个进程没有 stat 文件：从 status 读取名称和 RSS，未测量其 CPU",
    ),
    (
        "scan.warn.cores_disagree",
        "sysfs 显示在线 CPU {online} 个，而 /proc/stat 列出 {listed} 个：按 {online} 个计算",
    ),
    (
        "scan.warn.figure_capped",
        "'{what}' 的值为 {value}，超过任何主机可能的数值：改用 {used}",
    ),
    (
        "scan.warn.available_above_total",
        "可用内存 {available} 大于内存总量 {total}：改用总量",
    ),
    (
        "scan.warn.workload_renamed",
        "有两个工作负载都叫 '{name}'：后一个（{kind}）改称 '{renamed}'",
    ),
    (
        "scan.warn.arch_unknown",
        "内核报告的 CPU 架构 '{machine}' 不在 hostfit 支持规划的范围（x86_64、arm64）：不填写架构",
    ),
    (
        "scan.warn.docker_host_ignored",
        "DOCKER_HOST '{host}' 不是 unix 套接字：只读取 unix:// 形式的地址",
    ),
    (
        "scan.warn.mount_shadowed",
        "'{mount}' 上挂载了两个文件系统：只统计最后挂载的那个，被它遮住的那个不计入",
    ),
];
